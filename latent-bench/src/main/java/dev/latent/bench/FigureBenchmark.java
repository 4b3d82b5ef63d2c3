package dev.latent.bench;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.data.Transforms;
import dev.latent.io.Idx;
import dev.latent.io.Npy;
import dev.latent.reduction.pca.Pca;
import dev.latent.report.Figure;
import dev.latent.report.Report;
import dev.latent.report.ScatterPlot;
import dev.latent.report.Section;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Time and size of a scatter plot of all 70,000 MNIST images (train and test, pixels scaled to [0, 1]) on their
 * first two principal components, coloured by digit: building the figure, writing it as SVG and as PNG, and a
 * report holding it inline; with the default raster (points painted into one embedded PNG) and, for
 * comparison, with one SVG circle per point. Each step runs {@code REPEATS} times after two warm-up runs; the
 * medians are printed. The embedding is written to {@code OUT/embedding.npy} and the figures into {@code OUT}
 * for the peer script ({@code latent-bench/scripts/scatter_matplotlib.py}) to draw the same points. Run:
 * {@code java --add-modules jdk.incubator.vector -Xmx4g -cp latent-bench/target/benchmarks.jar
 * dev.latent.bench.FigureBenchmark MNIST_DIR OUT 7}.
 */
public final class FigureBenchmark {
    private FigureBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]), out = Path.of(args[1]);
        int repeats = Integer.parseInt(args[2]);
        Dataset train = Idx.read(dir.resolve("train-images-idx3-ubyte"), Optional.of(dir.resolve("train-labels-idx1-ubyte")), "train");
        Dataset test = Idx.read(dir.resolve("t10k-images-idx3-ubyte"), Optional.of(dir.resolve("t10k-labels-idx1-ubyte")), "test");
        Matrix a = Transforms.scaleToUnit(train).toMatrix(), b = Transforms.scaleToUnit(test).toMatrix();
        float[] all = Arrays.copyOf(a.values(), a.values().length + b.values().length);
        System.arraycopy(b.values(), 0, all, a.values().length, b.values().length);
        Matrix x = Matrix.wrap(a.rows() + b.rows(), a.cols(), all);
        int[] labels = new int[x.rows()];
        System.arraycopy(train.labels(), 0, labels, 0, train.size());
        System.arraycopy(test.labels(), 0, labels, train.size(), test.size());
        Matrix xy = Pca.of(2).fit(x).transform(x);
        Npy.write(out.resolve("embedding.npy"), xy);
        Npy.write(out.resolve("labels.npy"), labels);

        for (boolean raster : new boolean[] {true, false}) {
            ScatterPlot plot = ScatterPlot.defaults().withTitle("PCA of MNIST (70,000 images)").withAxisLabels("PC 1", "PC 2");
            if (!raster) plot = plot.withRasterAbove(Integer.MAX_VALUE);
            int runs = raster ? repeats : Math.max(3, repeats / 2);
            double[] build = new double[runs], svg = new double[runs], png = new double[runs], html = new double[runs];
            long svgBytes = 0, pngBytes = 0, htmlBytes = 0;
            for (int r = -2; r < runs; r++) {
                long t0 = System.nanoTime();
                Figure f = plot.byLabel(xy, labels, List.of());
                long t1 = System.nanoTime();
                String s = f.svg();
                long t2 = System.nanoTime();
                byte[] p = f.png();
                long t3 = System.nanoTime();
                String h = Report.of("Figures").withSection(Section.of("PCA").figure(f, "70,000 digits")).html();
                long t4 = System.nanoTime();
                if (r >= 0) {
                    build[r] = (t1 - t0) / 1e6;
                    svg[r] = (t2 - t1) / 1e6;
                    png[r] = (t3 - t2) / 1e6;
                    html[r] = (t4 - t3) / 1e6;
                }
                svgBytes = s.getBytes(StandardCharsets.UTF_8).length;
                pngBytes = p.length;
                htmlBytes = h.getBytes(StandardCharsets.UTF_8).length;
                if (r == runs - 1) f.write(out, raster ? "scatter-raster" : "scatter-vector");
            }
            System.out.printf("%s: build %.0f ms, svg %.0f ms (%,d bytes), png %.0f ms (%,d bytes), html %.0f ms (%,d bytes)"
                            + " [medians of %d]%n", raster ? "raster" : "vector", median(build), median(svg), svgBytes,
                    median(png), pngBytes, median(html), htmlBytes, runs);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
