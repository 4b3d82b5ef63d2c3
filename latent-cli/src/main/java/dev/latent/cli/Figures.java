package dev.latent.cli;

import dev.latent.clustering.hierarchical.Dendrogram;
import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.data.SampleShape;
import dev.latent.io.Json;
import dev.latent.report.BarChart;
import dev.latent.report.DendrogramPlot;
import dev.latent.report.Figure;
import dev.latent.report.Heatmap;
import dev.latent.report.ImagePanels;
import dev.latent.report.LinePlot;
import dev.latent.report.ScatterPlot;
import dev.latent.report.Series;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures the commands write into their output folder, each as {@code NAME.svg} and {@code NAME.png}
 * (the same picture), one call per figure.
 * <p>Every method takes the output folder (created if missing) and the command's {@code files} JSON object,
 * into which it puts the PNG's and the SVG's paths under the figure's name in camel case + {@code Png} or
 * {@code Svg} (for example {@code scatterPng} and {@code scatterSvg}). Use from a command's write stage:
 * {@snippet :
 * Figures.embedding(dir, "UMAP", embedding, d, files);                   // scatter.svg/.png
 * Figures.losses(dir, trainLoss, validationLoss, files);                 // loss.svg/.png
 * Figures.lines(dir, "kl", "KL term per epoch", "epoch", "KL", Double.NaN, "", List.of(Series.of("KL", kl)), files);
 * }
 */
final class Figures {
    /** Components drawn as images by {@link #pca}. */
    static final int COMPONENTS_SHOWN = 10;

    private Figures() {}

    /**
     * Writes {@code scatter.svg/.png}: the first two columns of {@code embedding}, coloured by the labels of
     * {@code d} (legend of its class names) when it has labels, else by density; titled "METHOD of NAME" with
     * axes "METHOD 1" and "METHOD 2". Does nothing for an embedding of one column.
     */
    static void embedding(Path dir, String method, Matrix embedding, Dataset d, Json.JsonObject files) throws IOException {
        if (embedding.cols() < 2) return;
        ScatterPlot plot = ScatterPlot.defaults().withTitle(method + " of " + d.name())
                .withAxisLabels(method + " 1", method + " 2");
        Figure f = d.hasLabels() ? plot.byLabel(embedding, d.labels(), d.classNames()) : plot.byDensity(embedding);
        write(dir, "scatter", f, files);
    }

    /**
     * Writes {@code NAME.svg/.png}: the first two columns of {@code embedding} coloured by {@code labels} with
     * {@code classNames}, or by density when {@code labels} is null, titled {@code title}.
     */
    static void scatter(Path dir, String name, Matrix embedding, int[] labels, List<String> classNames, String title,
                        Json.JsonObject files) throws IOException {
        ScatterPlot plot = ScatterPlot.defaults().withTitle(title);
        write(dir, name, labels == null ? plot.byDensity(embedding) : plot.byLabel(embedding, labels, classNames), files);
    }

    /**
     * Writes {@code NAME.svg/.png}: lines over x, one per series, with a dashed line at {@code markX} labelled
     * {@code markLabel} (NaN for none).
     */
    static void lines(Path dir, String name, String title, String xLabel, String yLabel, double markX, String markLabel,
                      List<Series> series, Json.JsonObject files) throws IOException {
        LinePlot plot = LinePlot.defaults().withTitle(title).withAxisLabels(xLabel, yLabel).withMark(markX, markLabel);
        write(dir, name, plot.draw(series), files);
    }

    /**
     * What {@code latent reduce pca} draws: {@code explained-variance.svg/.png} (the ratio per component and
     * its running sum), {@code scatter.svg/.png} of the first two components, and for one-channel images
     * {@code component-images.svg/.png}: the first {@value #COMPONENTS_SHOWN} components in a blue-white-red
     * scale, white at zero.
     */
    static void pca(Path dir, double[] ratio, Matrix components, Matrix embedding, Dataset d, Json.JsonObject files)
            throws IOException {
        double[] cumulative = new double[ratio.length];
        double sum = 0;
        for (int i = 0; i < ratio.length; i++) cumulative[i] = sum += ratio[i];
        LinePlot plot = LinePlot.defaults().withTitle("Explained variance of " + d.name())
                .withAxisLabels("component", "fraction of variance").withYIncluding(0, Double.NaN);
        write(dir, "explained-variance", plot.draw(Series.of("per component", ratio), Series.of("cumulative", cumulative)), files);
        embedding(dir, "PC", embedding, d, files);
        SampleShape s = d.shape();
        int side = (int) Math.round(Math.sqrt(s.size()));
        int h = s.isImage() && s.channels() == 1 ? s.height() : !s.isImage() && side * side == s.size() ? side : -1;
        int w = s.isImage() ? s.width() : side;
        if (h > 1 && w > 1) {
            int shown = Math.min(COMPONENTS_SHOWN, components.rows());
            List<String> captions = new ArrayList<>();
            for (int c = 0; c < shown; c++) captions.add("PC " + (c + 1));
            Figure f = ImagePanels.defaults().withTitle("First principal components of " + d.name())
                    .signedRows(components.rows(0, shown), h, w, captions);
            write(dir, "component-images", f, files);
        }
    }

    /**
     * Writes {@code dendrogram.svg/.png}: the top 30 merges of {@code tree} with the cut drawn, at {@code height}
     * when given, else midway between the merges that the cut into {@code k} clusters falls between (none for
     * k = 1 or k = n).
     */
    static void dendrogram(Path dir, Dendrogram tree, Integer k, Double height, Json.JsonObject files) throws IOException {
        int n = tree.points();
        double cut = Double.NaN;
        if (height != null) {
            cut = height;
        } else if (k != null && k > 1 && k < n) {
            cut = (tree.height(n - k - 1) + tree.height(n - k)) / 2;
        }
        Figure f = DendrogramPlot.defaults().withTitle(tree.params().linkage().name().toLowerCase(java.util.Locale.ROOT)
                + " linkage, " + String.format(java.util.Locale.ROOT, "%,d", n) + " points").draw(tree, cut);
        write(dir, "dendrogram", f, files);
    }

    /**
     * Writes {@code choose-k-inertia.svg/.png} and {@code choose-k-silhouette.svg/.png}: inertia and silhouette
     * over k (two figures, as the two scales differ), with the chosen k marked on both; the second only when
     * every silhouette is a number.
     */
    static void chooseK(Path dir, int[] ks, double[] inertia, double[] silhouette, int chosen, Json.JsonObject files)
            throws IOException {
        double[] x = new double[ks.length];
        for (int i = 0; i < ks.length; i++) x[i] = ks[i];
        String mark = "k = " + chosen;
        lines(dir, "choose-k-inertia", "Inertia over k", "k", "inertia", chosen, mark,
                List.of(new Series("inertia", x, inertia)), files);
        boolean defined = true;   // the silhouette is not defined for k = 1
        for (double v : silhouette) defined &= Double.isFinite(v);
        if (defined) {
            lines(dir, "choose-k-silhouette", "Silhouette over k", "k", "silhouette", chosen, mark,
                    List.of(new Series("silhouette", x, silhouette)), files);
        }
    }

    /**
     * Writes {@code loss.svg/.png}: the training loss per epoch and, when {@code validation} is not null and
     * holds no NaN (NaN: trained without a validation part), the validation loss beside it.
     */
    static void losses(Path dir, double[] train, double[] validation, Json.JsonObject files) throws IOException {
        boolean held = validation != null;
        for (int e = 0; held && e < validation.length; e++) held = Double.isFinite(validation[e]);
        List<Series> series = !held ? List.of(Series.of("training", train))
                : List.of(Series.of("training", train), Series.of("validation", validation));
        lines(dir, "loss", "Loss per epoch", "epoch", "loss", Double.NaN, "", series, files);
    }

    /**
     * Writes {@code contingency.svg/.png}: how many samples of each class (columns, named by {@code classNames})
     * fall in each cluster (rows).
     */
    static void contingency(Path dir, int[] clusters, int[] labels, List<String> classNames, Json.JsonObject files)
            throws IOException {
        Figure f = Heatmap.defaults().withTitle("Clusters against labels").withAxisLabels("label", "cluster")
                .contingency(clusters, labels, classNames);
        write(dir, "contingency", f, files);
    }

    /** Writes {@code class-balance.svg/.png}: the number of samples per class of {@code d}, which has labels. */
    static void classBalance(Path dir, Dataset d, Json.JsonObject files) throws IOException {
        Figure f = BarChart.defaults().withTitle("Samples per class in " + d.name()).withAxisLabels("class", "samples")
                .classBalance(d.labels(), d.classNames());
        write(dir, "class-balance", f, files);
    }

    /**
     * Writes {@code samples.svg/.png}: samples {@code indices} of {@code d} as images, ten to a row, each captioned
     * with its class name when {@code d} has labels. Does nothing when the samples are not images.
     */
    static void samples(Path dir, Dataset d, int[] indices, Json.JsonObject files) throws IOException {
        if (!InfoCommand.drawable(d.shape())) return;
        List<String> captions = new ArrayList<>();
        if (d.hasLabels()) {
            for (int i : indices) {
                int label = d.labels()[i];
                captions.add(label < d.classNames().size() ? d.classNames().get(label) : Integer.toString(label));
            }
        }
        write(dir, "samples", ImagePanels.defaults().withTitle("Samples of " + d.name()).grid(d, indices, captions), files);
    }

    /**
     * For images of four bands red, green, blue, near infrared (SAT-6): writes {@code false-colour.svg/.png}
     * (near infrared, red, green as red, green, blue: vegetation shows red) and {@code ndvi.svg/.png}
     * ((NIR - R) / (NIR + R), brown to green) of samples {@code indices}; does nothing for other shapes. The
     * true colours are {@link #samples}.
     */
    static void bands(Path dir, Dataset d, int[] indices, Json.JsonObject files) throws IOException {
        SampleShape s = d.shape();
        if (!s.isImage() || s.channels() != 4) return;
        ImagePanels panels = ImagePanels.defaults();
        write(dir, "false-colour", panels.withTitle("False colour (NIR, red, green) of " + d.name())
                .composite(d, indices, 3, 0, 1, List.of()), files);
        write(dir, "ndvi", panels.withTitle("NDVI of " + d.name()).ndvi(d, indices, 3, 0, List.of()), files);
    }

    /** Writes {@code f} as {@code NAME.svg} and {@code NAME.png} into {@code dir} and records both in {@code files}. */
    static void write(Path dir, String name, Figure f, Json.JsonObject files) throws IOException {
        List<Path> paths = f.write(Results.directory(dir), name);
        files.put(key(name) + "Png", paths.get(1).toString()).put(key(name) + "Svg", paths.get(0).toString());
    }

    /** {@code explained-variance} -> {@code explainedVariance}. */
    static String key(String name) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-' || c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }
}
