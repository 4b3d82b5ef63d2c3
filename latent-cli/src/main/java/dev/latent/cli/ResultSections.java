package dev.latent.cli;

import dev.latent.io.BadFileException;
import dev.latent.io.Json;
import dev.latent.report.BarChart;
import dev.latent.report.Figure;
import dev.latent.report.LinePlot;
import dev.latent.report.Section;
import dev.latent.report.Series;
import dev.latent.report.Table;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code latent report} shows of each kind of result: a section with the result's figures (read from the files
 * its command wrote, or drawn from its numbers), its numbers in a table and two or three sentences on what the
 * pictures show; and the figures of merit and run times for the report's final table.
 * <p>A result of a command this class does not know gets a section with its top-level numbers.
 */
final class ResultSections {
    /** One row of the report's final table: the section it comes from, what is measured and the value. */
    record Merit(String result, String what, String value) {}

    /** Images narrower than this many pixels are enlarged. */
    private static final int MIN_WIDTH = 400;
    /** ...but not beyond this height. */
    private static final int MAX_HEIGHT = 1200;

    private final Output out;
    private final List<Merit> merits = new ArrayList<>();
    private int figures;

    ResultSections(Output out) {
        this.out = out;
    }

    /** The figures of merit and run times of every section built so far, in order. */
    List<Merit> merits() {
        return List.copyOf(merits);
    }

    /** The number of figures placed in the sections built so far. */
    int figures() {
        return figures;
    }

    /** The heading of the section showing {@code r}, such as {@code k-means of digits}. */
    static String heading(RunResult r) {
        String data = r.text("data").orElse("");
        return switch (r.command()) {
            case "info" -> "The data: " + r.text("name").orElse(data);
            case "cluster kmeans" -> "k-means of " + data;
            case "cluster hierarchical" -> capitalized(r.text("linkage").orElse("agglomerative")) + " linkage of " + data;
            case "reduce pca" -> "PCA of " + data;
            case "reduce tsne" -> "t-SNE of " + data;
            case "reduce umap" -> "UMAP of " + data;
            case "train ae" -> "Autoencoder trained on " + data;
            case "train vae" -> "VAE trained on " + data;
            case "generate" -> "Samples from a VAE";
            case "interpolate" -> "Interpolation with a VAE";
            case "evaluate" -> "VAE evaluated on " + data;
            case "reconstruct" -> "Reconstructions of " + data;
            case "encode" -> "Codes of " + data;
            default -> "latent " + r.command() + (data.isEmpty() ? "" : " on " + data);
        };
    }

    /**
     * The section showing {@code r} under {@code heading}; adds its figures of merit and run times to
     * {@link #merits()}.
     * @throws BadFileException when the results or a figure they name cannot be read as what they should be
     */
    Section section(RunResult r, String heading) throws IOException {
        Builder b = new Builder(r, heading);
        try {
            switch (r.command()) {
                case "info" -> info(b);
                case "cluster kmeans" -> kmeans(b);
                case "cluster hierarchical" -> hierarchical(b);
                case "reduce pca" -> pca(b);
                case "reduce tsne" -> tsne(b);
                case "reduce umap" -> umap(b);
                case "train ae" -> autoencoder(b);
                case "train vae" -> vae(b);
                case "generate" -> generate(b);
                case "interpolate" -> interpolate(b);
                case "evaluate" -> evaluate(b);
                case "reconstruct" -> reconstruct(b);
                case "encode" -> encode(b);
                default -> other(b);
            }
            return b.finish();
        } catch (IllegalArgumentException e) {
            throw new BadFileException(r.file(), "not readable as the results of 'latent " + r.command() + "' ("
                    + e.getMessage() + ")");
        }
    }

    // ---------------------------------------------------------------- one method per command

    private void info(Builder b) throws IOException {
        RunResult r = b.result;
        List<String> shape = new ArrayList<>();
        r.json().find("shape").filter(v -> v instanceof Json.JsonArray)
                .ifPresent(a -> a.asArray().elements().forEach(v -> shape.add(Integer.toString(v.asInt()))));
        b.text(String.format(Locale.ROOT, "%s holds %,d samples of %s values, stored as %s; the values run from %s to "
                        + "%s (mean %s, standard deviation %s).", r.text("name").orElse(b.data), (long) r.number("samples"),
                shape.isEmpty() ? "?" : String.join(" x ", shape), r.text("storage").orElse("?"), fmt(r.number("values", "min")),
                fmt(r.number("values", "max")), fmt(r.number("values", "mean")), fmt(r.number("values", "std"))));
        b.number("samples", r.number("samples"));
        Optional<Json.JsonObject> labels = r.object("labels");
        if (labels.isPresent()) {
            List<Json> counts = labels.get().get("counts").asArray().elements();
            List<String> names = new ArrayList<>();
            double[] n = new double[counts.size()];
            int smallest = 0, largest = 0;
            for (int c = 0; c < n.length; c++) {
                Json.JsonObject o = counts.get(c).asObject();
                names.add(o.get("name").asString());
                n[c] = o.get("count").asDouble();
                if (n[c] < n[smallest]) smallest = c;
                if (n[c] > n[largest]) largest = c;
            }
            b.number("classes", n.length);
            if (n.length > 0) {
                b.text(String.format(Locale.ROOT, "It has %d classes: the smallest, %s, has %,d samples and the largest, "
                        + "%s, %,d; the bars show them all.", n.length, names.get(smallest), (long) n[smallest],
                        names.get(largest), (long) n[largest]));
                b.drawn(BarChart.defaults().withTitle("Samples per class").withAxisLabels("class", "samples")
                        .draw(names, n), "Samples per class.");
            }
        }
        b.png("samples", "A grid of samples picked at random: what the algorithms see.");
    }

    private void kmeans(Builder b) throws IOException {
        RunResult r = b.result;
        int k = (int) r.number("k");
        double iterations = r.number("iterations");
        boolean converged = r.json().find("converged").map(Json::asBoolean).orElse(true);
        b.text(String.format(Locale.ROOT, "k-means split the %,d samples of %s into %d clusters, each sample going to "
                        + "its nearest centre; after %s iterations%s the samples lie at a summed squared distance "
                        + "(inertia) of %s from their centres.", (long) r.number("samples"), b.data, k, fmt(iterations),
                converged ? "" : " (stopped before converging)", fmt(r.number("inertia"))));
        Optional<Json.JsonObject> chooseK = r.object("chooseK");
        if (chooseK.isPresent()) {
            Json.JsonObject c = chooseK.get();
            int kept = c.get("kept").asInt();
            String best = c.find("bestSilhouette").filter(v -> !v.isNull()).map(v -> v.asInt() == kept
                    ? " (the best silhouette)" : "").orElse("");
            String elbow = c.find("elbow").filter(v -> !v.isNull()).map(v -> "; the elbow of the inertia curve is at k = "
                    + v.asInt()).orElse("");
            b.text(String.format(Locale.ROOT, "Every k from %d to %d was tried: the inertia always falls as k grows, "
                            + "so the curves look for where it stops paying, and the silhouette for the best-separated "
                            + "clusters; k = %d was kept%s%s.", c.get("low").asInt(), c.get("high").asInt(), kept, best,
                    elbow));
        }
        b.text(clusterSentence(r));
        b.number("k", k);
        b.number("inertia", r.number("inertia"));
        clusterNumbers(b);
        b.png("centersImage", "The cluster centres as images: each is the mean of its cluster's samples.");
        b.svg("chooseKInertia", "Inertia over k.");
        b.svg("chooseKSilhouette", "Silhouette over k.");
        b.svg("chooseKGap", "The gap statistic over k.");
    }

    private void hierarchical(Builder b) throws IOException {
        RunResult r = b.result;
        String linkage = r.text("linkage").orElse("?");
        String merges = switch (linkage) {
            case "ward" -> "the two clusters whose union grows the within-cluster variance least";
            case "single" -> "the two clusters with the closest pair of samples";
            case "complete" -> "the two clusters whose farthest pair of samples is closest";
            case "average" -> "the two clusters with the smallest average distance between their samples";
            default -> "the two clusters with the closest centres";
        };
        int clusters = (int) r.number("clusters");
        double height = r.number("height");
        b.text(String.format(Locale.ROOT, "Agglomerative clustering with %s linkage starts from each of the %,d samples "
                        + "of %s alone and merges, bottom up, %s, until one cluster is left. The dendrogram draws the last "
                        + "merges, higher for merges of clusters further apart; the dashed line is the cut %s.", linkage,
                (long) r.number("samples"), b.data, merges, Double.isNaN(height) ? "into " + clusters + " clusters"
                        : "at height " + fmt(height) + ", which leaves " + clusters + " clusters"));
        b.text(clusterSentence(r));
        b.number("clusters", clusters);
        clusterNumbers(b);
        b.svg("dendrogram", "The dendrogram (its top merges) and the cut.");
    }

    private void pca(Builder b) throws IOException {
        RunResult r = b.result;
        double[] ratio = r.numbers("explainedVarianceRatio");
        int components = (int) r.number("components");
        double cumulative = r.number("cumulativeRatio");
        b.text(String.format(Locale.ROOT, "PCA finds the directions along which %s varies most. %d component%s keep "
                        + "%s of the variance%s; the curve shows each component's share and the running total.", b.data,
                components, components == 1 ? "" : "s", percent(cumulative),
                ratio.length > 1 ? " (the first alone " + percent(ratio[0]) + ")" : ""));
        if (r.names("scatterPng")) {
            b.text("The map shows the samples on the first two components" + (labelled(r) ? ", coloured by their "
                    + "label: classes that overlap there differ in directions the map leaves out." : "."));
        }
        if (r.names("componentImagesPng")) {
            b.text("The images are the first components: red where a component adds to a pixel, blue where it "
                    + "takes away.");
        }
        b.text(embeddingSentence(r));
        b.number("components", components);
        b.number("variance explained", cumulative);
        embeddingNumbers(b);
        b.svg("explainedVariance", "Explained variance per component and cumulative.");
        b.png("scatterPng", "The samples on the first two components.");
        b.png("componentImagesPng", "The first principal components as images.");
    }

    private void tsne(Builder b) throws IOException {
        RunResult r = b.result;
        double pca = r.number("pca");
        b.text(String.format(Locale.ROOT, "t-SNE placed the %,d samples of %s%s in %d dimensions so that near "
                        + "neighbours in the data (perplexity %s: about that many neighbours each) stay near in the map; "
                        + "after %s iterations the mismatch between the two (the KL divergence) is %s. Groups that "
                        + "separate in the map are groups in the data, but the sizes of the groups and the distances "
                        + "between them mean little.", (long) r.number("samples"), b.data,
                pca > 0 ? " (reduced to " + fmt(pca) + " PCA components first)" : "", (int) r.number("components"),
                fmt(r.number("perplexity")), fmt(r.number("iterations")), fmt(r.number("klDivergence"))));
        b.text(embeddingSentence(r));
        b.number("KL divergence", r.number("klDivergence"));
        embeddingNumbers(b);
        b.png("scatterPng", "The t-SNE map" + (labelled(r) ? ", coloured by label." : ", coloured by density."));
    }

    private void umap(Builder b) throws IOException {
        RunResult r = b.result;
        b.text(String.format(Locale.ROOT, "UMAP joined each of the %,d samples of %s to its %d nearest neighbours "
                        + "(%,d graph edges) and laid that graph out in %d dimensions over %s epochs, min-dist %s setting "
                        + "how tightly points may pack. Like t-SNE it keeps neighbourhoods, and it tends to keep more of "
                        + "the large-scale layout.", (long) r.number("samples"), b.data, (int) r.number("neighbors"),
                (long) r.number("graphEdges"), (int) r.number("components"), fmt(r.number("epochs")),
                fmt(r.number("minDist"))));
        b.text(embeddingSentence(r));
        b.number("cross entropy", r.number("crossEntropy"));
        embeddingNumbers(b);
        b.png("scatterPng", "The UMAP map" + (labelled(r) ? ", coloured by label." : ", coloured by density."));
    }

    private void autoencoder(Builder b) throws IOException {
        RunResult r = b.result;
        double[] loss = r.numbers("trainLoss");
        double mse = r.number("mse");
        boolean unit = r.text("scale").orElse("").equals("unit");
        double psnr = unit && mse > 0 ? 10 * Math.log10(1 / mse) : Double.NaN;
        b.text(String.format(Locale.ROOT, "An autoencoder (%s, a code of %d values) learned to rebuild the %,d samples "
                        + "of %s from their codes; over %d epochs its loss fell from %s to %s (the curve). It rebuilds "
                        + "them with a mean squared error of %s%s.", r.text("architecture").orElse("?"),
                (int) r.number("latent"), (long) r.number("samples"), b.data, loss.length,
                loss.length > 0 ? fmt(loss[0]) : "?", loss.length > 0 ? fmt(loss[loss.length - 1]) : "?", fmt(mse),
                Double.isNaN(psnr) ? "" : String.format(Locale.ROOT, " (PSNR %.1f dB)", psnr)));
        if (r.names("reconstructions")) {
            b.text("The picture shows originals above their reconstructions: what the code keeps, and what it blurs.");
        }
        if (labelled(r)) b.text("On the codes, t" + embeddingSentence(r).substring(1));
        b.number("reconstruction MSE", mse);
        if (!Double.isNaN(psnr)) b.number("PSNR (dB)", psnr);
        if (loss.length > 0) b.number("final loss", loss[loss.length - 1]);
        embeddingNumbers(b);
        b.png("reconstructions", "Originals (top) and their reconstructions (bottom).");
        b.svg("loss", "Loss per epoch.");
    }

    private void vae(Builder b) throws IOException {
        RunResult r = b.result;
        b.text(String.format(Locale.ROOT, "A variational autoencoder (%s, a %d-value code, %s decoder) learned the "
                        + "distribution of %s over %d epochs. Its ELBO, a lower bound on the log-likelihood of the data, "
                        + "is %s nats per sample: a reconstruction term of %s nats plus a KL term of %s nats, what the "
                        + "codes carry about each sample beyond the prior.", r.text("architecture").orElse("?"),
                (int) r.number("latent"), r.text("likelihood").orElse("?"), b.data, r.numbers("trainLoss").length,
                fmt(r.number("elbo", "elbo")), fmt(r.number("elbo", "reconstruction")), fmt(r.number("elbo", "kl"))));
        if (r.names("samples")) {
            b.text("The samples are decoded from codes drawn from the prior N(0, I): when the model has learned the "
                    + "data they look like it, though blurrier.");
        }
        b.number("ELBO (nats)", r.number("elbo", "elbo"));
        b.number("reconstruction (nats)", r.number("elbo", "reconstruction"));
        b.number("KL (nats)", r.number("elbo", "kl"));
        b.png("samples", "Samples from the prior.");
        double[] loss = r.numbers("trainLoss"), rec = r.numbers("reconstruction"), kl = r.numbers("kl");
        List<Series> series = new ArrayList<>();
        if (finite(loss)) series.add(Series.of("loss", loss));
        if (finite(rec) && rec.length == loss.length) series.add(Series.of("reconstruction", rec));
        if (finite(kl) && kl.length == loss.length) series.add(Series.of("KL", kl));
        if (!series.isEmpty()) {
            b.drawn(LinePlot.defaults().withTitle("Loss per epoch").withAxisLabels("epoch", "nats per sample")
                    .draw(series), "The loss and its two terms per epoch.");
        }
    }

    private void generate(Builder b) throws IOException {
        RunResult r = b.result;
        int grid = (int) r.number("grid");
        String model = r.text("model").orElse("?");
        double label = r.number("label");
        b.text(grid > 0
                ? String.format(Locale.ROOT, "The decodings of a %d x %d grid of codes evenly spaced over [-2, 2]^2 by "
                + "the VAE in %s: the latent manifold. Neighbouring codes decode to similar samples, so the grid "
                + "shows how the samples change across the code space.", grid, grid, model)
                : String.format(Locale.ROOT, "%s samples decoded from codes drawn from the prior N(0, I) by the VAE in "
                + "%s%s: new samples, not copies of training data.", fmt(r.number("samples")), model,
                Double.isNaN(label) ? "" : ", of class " + fmt(label)));
        b.number("samples", r.number("samples"));
        b.png("image", grid > 0 ? "The decoded grid." : "Samples from the prior.");
    }

    private void interpolate(Builder b) throws IOException {
        RunResult r = b.result;
        boolean spherical = r.json().find("spherical").map(Json::asBoolean).orElse(false);
        b.text(String.format(Locale.ROOT, "%d decodings along the %s path between the codes of samples %d and %d of %s, "
                        + "by the VAE in %s. The code space of a VAE is smooth, so the steps turn one sample into the "
                        + "other through plausible samples.", (int) r.number("steps"),
                spherical ? "great-circle" : "straight", (int) r.number("from"), (int) r.number("to"), b.data,
                r.text("model").orElse("?")));
        b.number("steps", r.number("steps"));
        b.png("image", "From sample " + (int) r.number("from") + " to sample " + (int) r.number("to") + ".");
    }

    private void evaluate(Builder b) {
        RunResult r = b.result;
        double bound = r.number("iw", "bound");
        b.text(String.format(Locale.ROOT, "The VAE in %s scores an ELBO of %s nats per sample on %,d samples of %s "
                        + "(reconstruction %s + KL %s nats); higher is better.", r.text("model").orElse("?"),
                fmt(r.number("elbo", "elbo")), (long) r.number("samples"), b.data, fmt(r.number("elbo", "reconstruction")),
                fmt(r.number("elbo", "kl"))));
        if (!Double.isNaN(bound)) {
            b.text(String.format(Locale.ROOT, "The importance-weighted bound with %d samples per row, %s nats, is "
                            + "tighter: -log p(x) is at most %s nats per sample.", (int) r.number("iw", "k"), fmt(bound),
                    fmt(-bound)));
        }
        b.number("ELBO (nats)", r.number("elbo", "elbo"));
        if (!Double.isNaN(bound)) b.number("IW bound (nats)", bound);
    }

    private void reconstruct(Builder b) throws IOException {
        RunResult r = b.result;
        List<Json> anomalies = r.json().find("anomalies").map(a -> a.asArray().elements()).orElse(List.of());
        b.text(String.format(Locale.ROOT, "The model in %s rebuilds the %,d samples of %s with a mean squared error of "
                + "%s.", r.text("model").orElse("?"), (long) r.number("samples"), b.data, fmt(r.number("mse"))));
        if (!anomalies.isEmpty()) {
            Json.JsonObject worst = anomalies.getFirst().asObject();
            b.text(String.format(Locale.ROOT, "The first picture shows originals above their reconstructions; the "
                            + "second the %d samples it rebuilds worst, the most anomalous by reconstruction error (the "
                            + "worst, sample %d, at %s).", anomalies.size(), worst.get("index").asInt(),
                    fmt(worst.get("score").asDouble())));
        }
        b.number("reconstruction MSE", r.number("mse"));
        b.png("reconstructionsImage", "Originals (top) and reconstructions (bottom).");
        b.png("anomaliesImage", "The most anomalous samples (top) and their reconstructions (bottom).");
    }

    private void encode(Builder b) {
        RunResult r = b.result;
        b.text(String.format(Locale.ROOT, "The model in %s encodes the %,d samples of %s as codes of %d values each, "
                        + "written to %s%s.", r.text("model").orElse("?"), (long) r.number("samples"), b.data,
                (int) r.number("latent"), r.object("files").flatMap(f -> f.find("codes")).map(Json::asString).orElse("?"),
                r.names("logVariance") ? " (code means; their log-variances beside them)" : ""));
        b.number("samples", r.number("samples"));
        b.number("code size", r.number("latent"));
    }

    private void other(Builder b) {
        b.text("The results of 'latent " + b.result.command() + "': its numbers.");
        for (var e : b.result.json().members().entrySet()) {
            if (e.getValue() instanceof Json.JsonNumber n && !e.getKey().equals("seed") && !e.getKey().equals("threads")
                    && !e.getKey().equals("seconds")) {
                b.number(e.getKey(), n.doubleValue());
            }
        }
    }

    // ---------------------------------------------------------------- shared sentences and numbers

    private static String clusterSentence(RunResult r) {
        double silhouette = r.number("metrics", "silhouette"), ari = r.number("metrics", "ari"),
                nmi = r.number("metrics", "nmi");
        String s = Double.isNaN(silhouette) ? "" : "The silhouette, from -1 to 1, is " + fmt(silhouette)
                + ": higher means tighter clusters, further apart.";
        if (!Double.isNaN(nmi)) {
            s += (s.isEmpty() ? "" : " ") + "Against the true labels, which the clustering never saw, the clusters "
                    + "score NMI " + fmt(nmi) + " and ARI " + fmt(ari) + " (1 is perfect agreement, 0 is chance).";
        }
        return s;
    }

    private static void clusterNumbers(Builder b) {
        b.number("silhouette", b.result.number("metrics", "silhouette"));
        b.number("Davies-Bouldin", b.result.number("metrics", "daviesBouldin"));
        b.number("Calinski-Harabasz", b.result.number("metrics", "calinskiHarabasz"));
        b.number("ARI (vs labels)", b.result.number("metrics", "ari"));
        b.number("NMI (vs labels)", b.result.number("metrics", "nmi"));
        b.number("purity (vs labels)", b.result.number("metrics", "purity"));
    }

    private static String embeddingSentence(RunResult r) {
        double accuracy = r.number("metrics", "knnAccuracy"), trust = r.number("metrics", "trustworthiness");
        if (Double.isNaN(accuracy) || Double.isNaN(trust)) return "";
        return "The labels of the 10 nearest neighbours predict a sample's own label " + percent(accuracy)
                + " of the time (10-NN accuracy), and the trustworthiness of " + fmt(trust) + " (1 at best) says how "
                + "far the neighbours in the map were neighbours in the data.";
    }

    private static void embeddingNumbers(Builder b) {
        b.number("10-NN accuracy", b.result.number("metrics", "knnAccuracy"));
        b.number("trustworthiness", b.result.number("metrics", "trustworthiness"));
    }

    private static boolean labelled(RunResult r) {
        return r.json().find("metrics").map(m -> !m.isNull()).orElse(false);
    }

    private static boolean finite(double[] v) {
        if (v.length == 0) return false;
        for (double x : v) if (!Double.isFinite(x)) return false;
        return true;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : Results.number(v);
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---------------------------------------------------------------- building one section

    /** One section being built: its sentences and figures, then its table of numbers and run times. */
    private final class Builder {
        final RunResult result;
        final String heading;
        final String data;
        private final List<String> sentences = new ArrayList<>();
        private final List<Placed> placed = new ArrayList<>();
        private Table numbers = Table.of("Numbers", "measure", "value");

        /** A figure to place: a PNG or an SVG document read from a file, or a figure drawn here. */
        private record Placed(byte[] png, String svg, Figure figure, String caption) {}

        Builder(RunResult result, String heading) {
            this.result = result;
            this.heading = heading;
            this.data = result.text("data").orElse("the data");
        }

        void text(String sentence) {
            if (!sentence.isEmpty()) sentences.add(sentence);
        }

        /** A row of the numbers table and of the final table; NaN (not measured) is left out. */
        void number(String what, double value) {
            if (Double.isNaN(value)) return;
            numbers = numbers.row(what, fmt(value));
            merits.add(new Merit(heading, what, fmt(value)));
        }

        /** The PNG named {@code files.<key>}, when it exists. */
        void png(String key, String caption) throws IOException {
            Optional<Path> file = present(key);
            if (file.isEmpty()) return;
            byte[] bytes = Files.readAllBytes(file.get());
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) throw new BadFileException(file.get(), "not a PNG image (named by " + result.file() + ")");
            placed.add(new Placed(enlarged(image, bytes), null, null, caption));
        }

        /**
         * The PNG {@code bytes} of {@code image}, or, for an image narrower than {@value ResultSections#MIN_WIDTH} pixels (a grid
         * of 8 x 8 digits), the image enlarged by a whole factor with each pixel a square block, so that it can be seen.
         */
        private static byte[] enlarged(BufferedImage image, byte[] bytes) throws IOException {
            int w = image.getWidth(), h = image.getHeight();
            int factor = Math.min((MIN_WIDTH + w - 1) / w, Math.max(1, MAX_HEIGHT / h));
            if (factor <= 1) return bytes;
            BufferedImage big = new BufferedImage(w * factor, h * factor, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = big.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(image, 0, 0, w * factor, h * factor, null);
            g.dispose();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(big, "png", png);
            return png.toByteArray();
        }

        /** The SVG named {@code files.<name>Svg} when it exists, else the PNG named {@code files.<name>Png}. */
        void svg(String name, String caption) throws IOException {
            Optional<Path> file = result.file(name + "Svg");
            if (file.isEmpty()) {
                png(name + "Png", caption);
                return;
            }
            String text = Files.readString(file.get(), StandardCharsets.UTF_8);
            if (!text.contains("<svg")) {
                throw new BadFileException(file.get(), "not an SVG image (named by " + result.file() + ")");
            }
            placed.add(new Placed(null, text, null, caption));
        }

        /** A figure drawn from the results' numbers. */
        void drawn(Figure figure, String caption) {
            placed.add(new Placed(null, null, figure, caption));
        }

        /** The file named {@code files.<key>}; a file named but missing is left out with a note. */
        private Optional<Path> present(String key) {
            Optional<Path> file = result.file(key);
            if (file.isEmpty() && result.names(key)) {
                out.note("note: " + result.object("files").orElseThrow().get(key).asString() + ", named by "
                        + result.file() + ", is missing; the report leaves it out");
            }
            return file;
        }

        Section finish() {
            Section s = Section.of(heading).text(String.join(" ", sentences));
            for (Placed p : placed) {
                if (p.png() != null) s = s.image(p.png(), p.caption());
                else if (p.svg() != null) s = s.svg(p.svg(), p.caption());
                else s = s.figure(p.figure(), p.caption());
                figures++;
            }
            Optional<Json.JsonObject> timings = result.object("timings");
            if (timings.isPresent()) {
                for (var e : timings.get().members().entrySet()) {
                    String time = Output.duration(e.getValue().asDouble());
                    numbers = numbers.row("time " + e.getKey(), time);
                    merits.add(new Merit(heading, "time " + e.getKey(), time));
                }
            }
            double seconds = result.number("seconds");
            if (!Double.isNaN(seconds)) {
                numbers = numbers.row("time in all", Output.duration(seconds));
                merits.add(new Merit(heading, "time in all", Output.duration(seconds)));
            }
            s = s.text("Read from " + result.file() + ".");
            return numbers.rows().isEmpty() ? s : s.table(numbers);
        }
    }
}
