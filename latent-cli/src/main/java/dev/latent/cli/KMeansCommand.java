package dev.latent.cli;

import dev.latent.clustering.kmeans.ChooseK;
import dev.latent.clustering.kmeans.ChooseKResult;
import dev.latent.clustering.kmeans.GapReference;
import dev.latent.clustering.kmeans.KMeans;
import dev.latent.clustering.kmeans.KMeansAlgorithm;
import dev.latent.clustering.kmeans.KMeansInit;
import dev.latent.clustering.kmeans.KMeansModel;
import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.io.Json;
import dev.latent.io.Npy;
import dev.latent.report.LinePlot;
import dev.latent.report.Series;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code latent cluster kmeans DATA --k K}: fits k-means, reports its quality, and writes the labels and
 * centres; with {@code --k LOW..HIGH} it first chooses k.
 * <p>Choosing k ({@link ChooseK}) fits every k of the range with the same options and seed and reports, per k,
 * the inertia, the silhouette and the gap statistic with its standard error; it marks the knee of the inertia
 * curve (Kneedle), the best silhouette and the gap statistic's choice, and keeps the model of best silhouette
 * (of the gap statistic's choice when the range is 1..1).
 */
@Command(name = "kmeans", sortOptions = false,
        description = {"Cluster DATA with k-means and write labels.npy, centers.npy, model.latent and (for images) centers.png.",
                "With --k LOW..HIGH, fit every k in the range and score each by the elbow of the inertia (its knee "
                        + "by the Kneedle method), the silhouette and the gap statistic (Tibshirani et al. 2001); "
                        + "write choose-k.csv, choose-k.json and the curves (choose-k-*.svg/.png), and keep the k with the best silhouette.",
                "The gap statistic fits --gap-references reference datasets per k (default 10; 0 skips it); "
                        + "a range starting at 1 lets it say that the data has no clusters.",
                "Above 10,000 samples the silhouette is estimated from 10,000 samples drawn with --seed.",
                "uint8 data (images) is scaled to [0, 1] first unless --scale says otherwise."})
final class KMeansCommand extends LatentCommand {
    @Parameters(index = "0", paramLabel = "DATA",
            description = DataOptions.DATA_HELP)
    String dataSpec;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Option(names = "--k", required = true, paramLabel = "K|LOW..HIGH",
            description = "Number of clusters, or a range such as 2..20 to choose it.")
    String k;

    @Option(names = "--gap-references", paramLabel = "B",
            description = "Reference datasets per k for the gap statistic of a --k range (default: 10; 0: no gap statistic).")
    Integer gapReferences;

    @Option(names = "--gap-reference", paramLabel = "BOX", converter = ReferenceConverter.class,
            description = "Where the gap statistic's references are drawn: feature-box (default: uniform over each "
                    + "feature's range) or principal-box (over the principal components' ranges).")
    GapReference gapReference;

    @Option(names = "--init", paramLabel = "METHOD", converter = InitConverter.class,
            description = "Seeding: k-means++ (default), k-means|| (for large data) or random.")
    KMeansInit init;

    @Option(names = "--algorithm", paramLabel = "NAME",
            description = "Iteration: lloyd (default), elkan, hamerly (exact, faster for low dimensions) or minibatch.")
    KMeansAlgorithm algorithm;

    @Option(names = "--n-init", paramLabel = "N", description = "Seedings to run, keeping the lowest inertia (default: 1).")
    Integer nInit;

    @Option(names = "--max-iter", paramLabel = "N", description = "Most iterations per run (default: 300).")
    Integer maxIter;

    @Option(names = {"--tolerance", "--tol"}, paramLabel = "X",
            description = "Stop when the centres' squared movement is at most X times the mean feature variance (default: 1e-4).")
    Double tolerance;

    @Option(names = "--batch-size", paramLabel = "N", description = "Rows per step of minibatch (default: 1024).")
    Integer batchSize;

    @Mixin
    FitOptions fit = new FitOptions();

    /** A range of k: {@code low == high} for a single k. */
    record KRange(int low, int high) {
        boolean single() {
            return low == high;
        }
    }

    @Override
    protected void run(Output out) throws Exception {
        KRange range = parseK(k);
        KMeans params = params(range.low());
        Dataset d = loadData(dataSpec, dataOptions, out);
        int n = d.size();
        if (range.single()) {
            Check.argument(range.low() <= n, "--k must be <= the number of samples (" + n + "), got " + range.low());
        } else {
            Check.argument(range.high() <= n - 1, "--k range must end at most at n - 1 = " + (n - 1)
                    + " (the silhouette needs a sample outside each cluster), got " + k);
        }
        Matrix x = Results.features(d, fit.scale, out);
        Path dir = fit.outDir == null ? null : Results.checkFolder(fit.outDir);
        Json.JsonObject r = out.result();
        PrintWriter t = out.text();
        Json.JsonObject files = Json.object();

        KMeansModel model;
        double knownSilhouette = Double.NaN;
        if (range.single()) {
            model = out.time("fit", () -> params.fit(x));
        } else {
            Chosen chosen = chooseK(params, range, x, dir, files, out);
            model = chosen.model();
            knownSilhouette = chosen.silhouette();
        }

        int[] labels = model.labels();
        Table table = new Table(false, false);
        table.add("data", String.format(Locale.ROOT, "%s: %,d samples of %,d features (scale: %s)",
                d.name(), n, d.features(), r.get("scale").asString()));
        table.add("k-means", model.k() + " clusters, " + initName(params.init()) + ", "
                + params.algorithm().name().toLowerCase(Locale.ROOT) + ", " + params.nInit() + " run"
                + (params.nInit() == 1 ? "" : "s") + ", seed " + params.seed());
        table.add("inertia", Results.number(model.inertia()));
        table.add("iterations", model.iterations() + (model.converged() ? " (converged)" : " (stopped at --max-iter)"));
        r.put("k", model.k()).put("samples", n).put("features", d.features())
                .put("init", initName(params.init())).put("algorithm", params.algorithm().name().toLowerCase(Locale.ROOT))
                .put("inertia", model.inertia()).put("iterations", model.iterations()).put("converged", model.converged());
        r.put("metrics", Results.clusterMetrics(x, labels, d.hasLabels() ? d.labels() : null, common.seed(),
                knownSilhouette, out, table));

        if (dir != null) {
            out.time("write", () -> {
                Results.directory(dir);
                Path labelsFile = dir.resolve("labels.npy"), centersFile = dir.resolve("centers.npy");
                Npy.write(labelsFile, labels);
                Npy.write(centersFile, model.centroids());
                files.put("labels", labelsFile.toString()).put("centers", centersFile.toString());
                Path png = dir.resolve("centers.png");
                if (Results.drawRows(model.centroids(), d.shape(), png)) files.put("centersImage", png.toString());
                files.put("model", Results.writeModel(dir, model, dataSpec, d, out, name(), common.seed()).toString());
                return null;
            });
            keepResults(dir.resolve(Results.RESULTS_FILE));
            table.add("files", String.join(", ", files.members().values().stream().map(Json::asString).toList()));
        }
        r.put("files", files);
        Results.addTimings(out, table);
        table.print(t, "");
    }

    /** The model chosen from a range of k, with its silhouette. */
    private record Chosen(KMeansModel model, double silhouette) {}

    /** Fits every k of {@code range}, prints and writes the table, and returns the model of best silhouette. */
    private Chosen chooseK(KMeans params, KRange range, Matrix x, Path dir, Json.JsonObject files, Output out)
            throws Exception {
        int n = x.rows();
        ChooseK choose = ChooseK.of(range.low(), range.high()).withKMeans(params).withSeed(common.seed())
                .withSilhouetteSample(Results.SAMPLE);
        if (gapReferences != null) {
            Check.atLeast("--gap-references", gapReferences, 0);
            choose = choose.withReferences(gapReferences);
        }
        if (gapReference != null) choose = choose.withReference(gapReference);
        ChooseKResult result;
        try (ProgressBar bar = out.progress("choosing k", choose.fits())) {
            long t0 = System.nanoTime();
            ChooseK c = choose;
            result = c.fit(x, done -> bar.advance(1));
            out.timings().put("choose-k", (System.nanoTime() - t0) / 1e9);
        }
        int[] ks = result.ks();
        double[] inertia = result.inertia(), silhouette = result.silhouette(), gap = result.gap(), error = result.gapError();
        int knee = result.knee().orElse(-1), best = result.bestSilhouette().orElse(-1), byGap = result.gapChoice().orElse(-1);
        int kept = best >= 0 ? best : byGap >= 0 ? byGap : knee >= 0 ? knee : ks[0];

        Json.JsonArray rows = Json.array();
        Table table = new Table(true, true, true, true, true, false);
        table.add("k", "inertia", "silhouette", "gap", "s_k", "");
        StringBuilder csv = new StringBuilder("k,inertia,silhouette,gap,gap_error\n");
        for (int i = 0; i < ks.length; i++) {
            rows.add(Json.object().put("k", ks[i]).put("inertia", inertia[i]).put("silhouette", silhouette[i])
                    .put("gap", gap[i]).put("gapError", error[i]));
            java.util.List<String> marks = new java.util.ArrayList<>();
            if (ks[i] == best) marks.add("best silhouette");
            if (ks[i] == byGap) marks.add("gap");
            if (ks[i] == knee) marks.add("elbow");
            table.add(Integer.toString(ks[i]), Results.number(inertia[i]), cell(silhouette[i]), cell(gap[i]),
                    cell(error[i]), String.join(", ", marks));
            csv.append(ks[i]).append(',').append(inertia[i]).append(',').append(csvCell(silhouette[i])).append(',')
                    .append(csvCell(gap[i])).append(',').append(csvCell(error[i])).append('\n');
        }
        Json.JsonObject o = Json.object().put("low", range.low()).put("high", range.high()).put("scores", rows);
        putChoice(o, "bestSilhouette", best);
        putChoice(o, "elbow", knee);
        putChoice(o, "gap", byGap);
        o.put("kept", kept);
        o.put("gapReferences", choose.references())
                .put("gapReference", choose.reference() == GapReference.FEATURE_BOX ? "feature-box" : "principal-box")
                .put("kneeSensitivity", choose.sensitivity());
        if (n > Results.SAMPLE) o.put("silhouetteSample", Results.SAMPLE);
        else o.putNull("silhouetteSample");
        out.result().put("chooseK", o);

        PrintWriter t = out.text();
        t.println("Choosing k: every k from " + range.low() + " to " + range.high()
                + (n > Results.SAMPLE ? String.format(Locale.ROOT, " (silhouette estimated from %,d samples)", Results.SAMPLE) : "")
                + (choose.references() > 0 ? ", gap statistic from " + choose.references() + " reference datasets" : ""));
        table.print(t, "  ");
        t.println("Chosen: k = " + kept + (kept == best ? " (best silhouette)" : kept == byGap ? " (gap statistic)" : "")
                + "; elbow: " + (knee >= 0 ? "k = " + knee : "none (the inertia curve has no clear knee)")
                + "; gap statistic: " + (byGap >= 0 ? "k = " + byGap : "not computed"));
        t.println();
        if (dir != null) {
            Path folder = Results.directory(dir);
            Path csvFile = folder.resolve("choose-k.csv"), jsonFile = folder.resolve("choose-k.json");
            Results.writeText(csvFile, csv.toString());
            Results.writeText(jsonFile, o.toPrettyString() + "\n");
            files.put("chooseK", csvFile.toString()).put("chooseKJson", jsonFile.toString());
            List<Path> drawn = new ArrayList<>();
            drawn.addAll(figure(folder, "choose-k", "inertia", ks, inertia, knee, "elbow"));
            drawn.addAll(figure(folder, "choose-k-silhouette", "silhouette", ks, silhouette, best, "best"));
            drawn.addAll(figure(folder, "choose-k-gap", "gap statistic", ks, gap, byGap, "gap"));
            for (Path f : drawn) {
                String name = f.getFileName().toString();
                files.put(name.startsWith("choose-k-silhouette") ? (name.endsWith(".svg") ? "chooseKSilhouetteSvg" : "chooseKSilhouettePng")
                        : name.startsWith("choose-k-gap") ? (name.endsWith(".svg") ? "chooseKGapSvg" : "chooseKGapPng")
                        : name.endsWith(".svg") ? "chooseKSvg" : "chooseKPng", f.toString());
            }
            Figures.chooseK(dir, ks, inertia, silhouette, kept, files);
        }
        return new Chosen(result.model(kept), silhouette[kept - ks[0]]);
    }

    /**
     * Draws {@code values} (its finite points only) against k as {@code name.svg} and {@code name.png} in
     * {@code dir}, marking {@code chosen} when it is a k; draws nothing (an empty list) without finite points.
     */
    private static List<Path> figure(Path dir, String name, String what, int[] ks, double[] values, int chosen,
                                     String criterion) throws java.io.IOException {
        int m = 0;
        for (double v : values) if (Double.isFinite(v)) m++;
        if (m == 0) return List.of();
        double[] x = new double[m], y = new double[m];
        for (int i = 0, j = 0; i < ks.length; i++) {
            if (!Double.isFinite(values[i])) continue;
            x[j] = ks[i];
            y[j++] = values[i];
        }
        LinePlot plot = LinePlot.defaults().withTitle("Choosing k: " + what).withAxisLabels("k", what);
        if (chosen >= 0) plot = plot.withMark(chosen, criterion + ": k = " + chosen);
        return plot.draw(new Series(what, x, y)).write(dir, name);
    }

    private static void putChoice(Json.JsonObject o, String name, int k) {
        if (k >= 0) o.put(name, k);
        else o.putNull(name);
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "-" : Results.number(v);
    }

    private static String csvCell(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** The k-means record the options describe, with {@code k} clusters. */
    private KMeans params(int k) {
        KMeans p = KMeans.of(k).withSeed(common.seed());
        if (init != null) p = p.withInit(init);
        if (algorithm != null) p = p.withAlgorithm(algorithm);
        if (nInit != null) {
            Check.atLeast("--n-init", nInit, 1);
            p = p.withNInit(nInit);
        }
        if (maxIter != null) {
            Check.atLeast("--max-iter", maxIter, 1);
            p = p.withMaxIter(maxIter);
        }
        if (tolerance != null) {
            Check.argument(tolerance >= 0 && Double.isFinite(tolerance), "--tolerance must be >= 0, got " + tolerance);
            p = p.withTolerance(tolerance);
        }
        if (batchSize != null) {
            Check.atLeast("--batch-size", batchSize, 1);
            p = p.withBatchSize(batchSize);
        }
        return p;
    }

    /** {@code 10} or {@code 2..20}; refuses k below 1 and empty ranges. */
    static KRange parseK(String text) {
        String s = text.strip();
        int dots = s.indexOf("..");
        try {
            if (dots < 0) {
                int k = Integer.parseInt(s);
                Check.atLeast("--k", k, 1);
                return new KRange(k, k);
            }
            int low = Integer.parseInt(s.substring(0, dots).strip()), high = Integer.parseInt(s.substring(dots + 2).strip());
            Check.argument(low >= 1, "--k range must start at 1 or more, got " + text);
            Check.argument(low <= high, "--k range must be LOW..HIGH with LOW <= HIGH, got " + text);
            return new KRange(low, high);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--k must be a whole number or a range LOW..HIGH such as 2..20, got " + text, e);
        }
    }

    /** The name the user types for a seeding. */
    static String initName(KMeansInit init) {
        return switch (init) {
            case KMeansInit.PlusPlus _ -> "k-means++";
            case KMeansInit.PlusPlusParallel _ -> "k-means||";
            case KMeansInit.Random _ -> "random";
            case KMeansInit.Given _ -> "given";
        };
    }

    /** Reads {@code feature-box} or {@code principal-box}. */
    static final class ReferenceConverter implements ITypeConverter<GapReference> {
        @Override
        public GapReference convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "feature-box", "feature" -> GapReference.FEATURE_BOX;
                case "principal-box", "principal", "pca" -> GapReference.PRINCIPAL_BOX;
                default -> throw new TypeConversionException("expected feature-box or principal-box, got '" + value + "'");
            };
        }
    }

    /** Reads {@code k-means++}, {@code k-means||} or {@code random}. */
    static final class InitConverter implements ITypeConverter<KMeansInit> {
        @Override
        public KMeansInit convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "k-means++", "kmeans++", "plus-plus" -> KMeansInit.PLUS_PLUS;
                case "k-means||", "kmeans||", "parallel" -> KMeansInit.PARALLEL;
                case "random" -> KMeansInit.RANDOM;
                default -> throw new TypeConversionException("expected k-means++, k-means|| or random, got '" + value + "'");
            };
        }
    }
}
