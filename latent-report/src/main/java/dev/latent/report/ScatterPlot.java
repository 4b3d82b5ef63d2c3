package dev.latent.report;

import dev.latent.data.Matrix;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How to draw a 2-D embedding as a scatter plot; an immutable value whose methods draw the points in one colour,
 * coloured by class label, by cluster, or by the local density of points.
 * <p>The axes span the points' range widened by 4% on each side. Points are drawn in row order (by density:
 * sparse first, so dense regions stay visible). Up to {@link #rasterAbove()} points each become a vector
 * marker; above that the points are painted into one raster image the size of the plot area, which SVG
 * embeds as a PNG, so a 70,000-point plot stays a few hundred kilobytes and takes a fraction of a second.
 * In the raster each point is a disc of {@link #pointRadius()} pixels with a soft edge: a pixel is blended with
 * the point's colour at {@link #opacity()} times its coverage, full when its centre lies half a pixel inside
 * the radius and none half a pixel outside.
 * {@snippet :
 * Figure f = ScatterPlot.defaults().withTitle("t-SNE of MNIST").byLabel(embedding, labels, classNames);
 * f.write(dir, "scatter");   // scatter.svg and scatter.png
 * }
 * @param title       the title above the plot; empty for none
 * @param xLabel      the label of the horizontal axis; empty for none
 * @param yLabel      the label of the vertical axis; empty for none
 * @param width       figure width in pixels, at least 160; default 640
 * @param height      figure height in pixels, at least 160; default 480
 * @param pointRadius marker radius in pixels, or 0 (default) for a radius that shrinks as the points get many:
 *                    3.5 up to 500 points, 2.5 up to 5,000, 1.8 up to 20,000, else 1.3
 * @param opacity     marker opacity in (0, 1], or 0 (default) for 0.9 up to 2,000 points, 0.7 up to 20,000,
 *                    else 0.5
 * @param rasterAbove above this many points the points are drawn as one raster image; default 5,000
 */
public record ScatterPlot(String title, String xLabel, String yLabel, int width, int height, double pointRadius,
                          double opacity, int rasterAbove) {
    /** Colour of points without a class, and of negative labels (noise). */
    static final int UNLABELED = 0x4477AA;
    static final int NOISE = 0xAAAAAA;
    /** The size of the density bins, in pixels. */
    static final int DENSITY_BIN = 5;

    /** Validates the parameters. */
    public ScatterPlot {
        Require.notNull("title", title);
        Require.notNull("xLabel", xLabel);
        Require.notNull("yLabel", yLabel);
        Require.atLeast("width", width, 160);
        Require.atLeast("height", height, 160);
        Require.inRange("pointRadius", pointRadius, 0, 50);
        Require.inRange("opacity", opacity, 0, 1);
        Require.atLeast("rasterAbove", rasterAbove, 0);
    }

    /** No title or axis labels, 640 x 480, automatic point size and opacity, raster above 5,000 points. */
    public static ScatterPlot defaults() {
        return new ScatterPlot("", "", "", 640, 480, 0, 0, 5000);
    }

    public ScatterPlot withTitle(String title) {
        return new ScatterPlot(title, xLabel, yLabel, width, height, pointRadius, opacity, rasterAbove);
    }

    public ScatterPlot withAxisLabels(String xLabel, String yLabel) {
        return new ScatterPlot(title, xLabel, yLabel, width, height, pointRadius, opacity, rasterAbove);
    }

    public ScatterPlot withSize(int width, int height) {
        return new ScatterPlot(title, xLabel, yLabel, width, height, pointRadius, opacity, rasterAbove);
    }

    public ScatterPlot withPointRadius(double pointRadius) {
        return new ScatterPlot(title, xLabel, yLabel, width, height, pointRadius, opacity, rasterAbove);
    }

    public ScatterPlot withOpacity(double opacity) {
        return new ScatterPlot(title, xLabel, yLabel, width, height, pointRadius, opacity, rasterAbove);
    }

    public ScatterPlot withRasterAbove(int rasterAbove) {
        return new ScatterPlot(title, xLabel, yLabel, width, height, pointRadius, opacity, rasterAbove);
    }

    /** The marker radius used for {@code n} points. */
    public double radiusFor(int n) {
        if (pointRadius > 0) return pointRadius;
        return n <= 500 ? 3.5 : n <= 5000 ? 2.5 : n <= 20_000 ? 1.8 : 1.3;
    }

    /** The marker opacity used for {@code n} points. */
    public double opacityFor(int n) {
        if (opacity > 0) return opacity;
        return n <= 2000 ? 0.9 : n <= 20_000 ? 0.7 : 0.5;
    }

    /**
     * Draws the first two columns of {@code xy} as points of one colour.
     * @throws IllegalArgumentException when {@code xy} has no rows, fewer than 2 columns, or a value in its first
     *                                  two columns that is NaN or infinite
     */
    public Figure plain(Matrix xy) {
        check(xy);
        int[] colors = new int[xy.rows()];
        Arrays.fill(colors, UNLABELED);
        return draw(xy, colors, null, List.of(), "", false);
    }

    /**
     * Draws the first two columns of {@code xy} coloured by class, with a legend of the class names
     * ({@code classNames.get(label)}, or the label number when there is no name); label {@code c >= 0} gets
     * {@link Palette#categorical(int) Palette.categorical(c)}, negative labels are grey.
     * @throws IllegalArgumentException as {@link #plain}, or when {@code labels} has not one label per row
     */
    public Figure byLabel(Matrix xy, int[] labels, List<String> classNames) {
        check(xy);
        Require.notNull("classNames", classNames);
        return byCategory(xy, labels, classNames, "label", "");
    }

    /**
     * Draws the first two columns of {@code xy} coloured by cluster, with a legend "cluster 0", "cluster 1", ...
     * @throws IllegalArgumentException as {@link #plain}, or when {@code clusters} has not one entry per row
     */
    public Figure byCluster(Matrix xy, int[] clusters) {
        check(xy);
        return byCategory(xy, clusters, List.of(), "cluster", "cluster ");
    }

    /**
     * Draws the first two columns of {@code xy} coloured by the local density of points, densest on top, with a
     * colour bar; for unlabeled data.
     * <p>A point's density is the number of points in the 3 x 3 bins of {@value #DENSITY_BIN} x
     * {@value #DENSITY_BIN} pixels around its own; its colour ({@link Colormap#VIRIDIS}) is the share of the
     * other points whose density is at most its own (a rank, so that the colours spread over the whole scale
     * whatever the range of densities). With automatic opacity the points are drawn at 0.9.
     * @throws IllegalArgumentException as {@link #plain}
     */
    public Figure byDensity(Matrix xy) {
        check(xy);
        int n = xy.rows();
        Axes axes = axes(xy, 0);
        int binsX = (int) Math.ceil((axes.right - axes.left) / DENSITY_BIN) + 1;
        int binsY = (int) Math.ceil((axes.bottom - axes.top) / DENSITY_BIN) + 1;
        int[] bin = new int[n];
        int[] count = new int[binsX * binsY];
        float[] v = xy.values();
        int d = xy.cols();
        for (int i = 0; i < n; i++) {
            int bx = (int) ((axes.x.map(v[i * d]) - axes.left) / DENSITY_BIN);
            int by = (int) ((axes.y.map(v[i * d + 1]) - axes.top) / DENSITY_BIN);
            bx = Math.min(binsX - 1, Math.max(0, bx));
            by = Math.min(binsY - 1, Math.max(0, by));
            bin[i] = by * binsX + bx;
            count[bin[i]]++;
        }
        int[] smooth = new int[count.length];   // points in the 3 x 3 bins around each bin
        for (int by = 0; by < binsY; by++) {
            for (int bx = 0; bx < binsX; bx++) {
                int sum = 0;
                for (int y = Math.max(0, by - 1); y <= Math.min(binsY - 1, by + 1); y++) {
                    for (int x = Math.max(0, bx - 1); x <= Math.min(binsX - 1, bx + 1); x++) sum += count[y * binsX + x];
                }
                smooth[by * binsX + bx] = sum;
            }
        }
        count = smooth;
        int[] colors = new int[n];
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) keyed[i] = (long) count[bin[i]] << 32 | i;   // sparse first, ties in row order
        Arrays.sort(keyed);
        int[] order = new int[n];
        for (int start = 0; start < n; ) {
            int end = start;
            while (end < n && keyed[end] >>> 32 == keyed[start] >>> 32) end++;
            double t = n > 1 ? (end - 1) / (double) (n - 1) : 1;   // share of the other points as sparse or sparser
            int color = Colormap.VIRIDIS.rgb(t);
            for (int k = start; k < end; k++) {
                order[k] = (int) keyed[k];
                colors[order[k]] = color;
            }
            start = end;
        }
        ScatterPlot plot = opacity > 0 ? this : withOpacity(0.9);
        return plot.draw(xy, colors, order, List.of(), "", true);
    }

    private Figure byCategory(Matrix xy, int[] labels, List<String> names, String heading, String prefix) {
        Require.notNull(heading + "s", labels);
        int n = xy.rows();
        Require.argument(labels.length == n, heading + "s must have one entry per row (" + n + "), got " + labels.length);
        int[] distinct = Arrays.stream(labels).distinct().sorted().toArray();
        List<Axes.Entry> entries = new ArrayList<>();
        for (int c : distinct) {
            String name = c >= 0 && c < names.size() ? names.get(c) : prefix + c;
            entries.add(new Axes.Entry(name, color(c), MarkerShape.CIRCLE));
        }
        int[] colors = new int[n];
        for (int i = 0; i < n; i++) colors[i] = color(labels[i]);
        return draw(xy, colors, null, entries, heading, false);
    }

    private static int color(int label) {
        return label >= 0 ? Palette.categorical(label) : NOISE;
    }

    private static void check(Matrix xy) {
        Require.notNull("xy", xy);
        Require.argument(xy.rows() > 0, "xy must have at least one point, got 0 rows");
        Require.argument(xy.cols() >= 2, "xy must have at least 2 columns, got " + xy.cols());
        float[] v = xy.values();
        int d = xy.cols();
        for (int i = 0; i < xy.rows(); i++) {
            for (int j = 0; j < 2; j++) {
                float f = v[i * d + j];
                if (!Float.isFinite(f)) throw new IllegalArgumentException("xy has " + f + " at row " + i + ", column " + j);
            }
        }
    }

    /** The axes for the points of {@code xy} with {@code legend} pixels reserved on the right. */
    Axes axes(Matrix xy, double legend) {
        float[] v = xy.values();
        int d = xy.cols();
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xy.rows(); i++) {
            double x = v[i * d], y = v[i * d + 1];
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        double[] rx = Axes.pad(minX, maxX, 0.04), ry = Axes.pad(minY, maxY, 0.04);
        double right = width - Axes.RIGHT - Math.ceil(legend);
        double bottom = height - Axes.BOTTOM;
        Require.argument(right - Axes.LEFT >= 40 && bottom - Axes.TOP >= 40,
                "the figure of " + width + " x " + height + " pixels is too small for its legend");
        return new Axes(Axes.LEFT, Axes.TOP, right, bottom, rx[0], rx[1], Ticks.of(rx[0], rx[1], Axes.TICKS),
                ry[0], ry[1], Ticks.of(ry[0], ry[1], Axes.TICKS));
    }

    private Figure draw(Matrix xy, int[] colors, int[] order, List<Axes.Entry> legend, String heading, boolean density) {
        int n = xy.rows();
        double legendWidth = density ? 60 : legend.isEmpty() ? 0 : Math.max(Axes.legendWidth(legend),
                Canvas.textWidth(heading, 11) + 20);
        Axes axes = axes(xy, legendWidth);
        Canvas c = new Canvas(width, height);
        c.title(title);
        axes.grid(c, true, true);
        double r = radiusFor(n), alpha = opacityFor(n);
        float[] v = xy.values();
        int d = xy.cols();
        if (n > rasterAbove) {
            int w = (int) Math.round(axes.right - axes.left), h = (int) Math.round(axes.bottom - axes.top);
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            int[] argb = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
            for (int k = 0; k < n; k++) {
                int i = order == null ? k : order[k];
                splat(argb, w, h, axes.x.map(v[i * d]) - axes.left, axes.y.map(v[i * d + 1]) - axes.top, r,
                        colors[i], alpha);
            }
            c.raster(axes.left, axes.top, w, h, img);
        } else {
            for (int k = 0; k < n; k++) {
                int i = order == null ? k : order[k];
                c.dot(axes.x.map(v[i * d]), axes.y.map(v[i * d + 1]), r, MarkerShape.CIRCLE, colors[i], alpha, Mark.NONE);
            }
        }
        axes.frame(c, xLabel, yLabel);
        if (density) {
            double x = axes.right + 14;
            Axes.colorBar(c, Colormap.VIRIDIS, x, axes.top + 20, axes.bottom, 0, 0, "density");
            c.text(x + 20, axes.top + 30, "high", 10, Mark.Anchor.START);
            c.text(x + 20, axes.bottom, "low", 10, Mark.Anchor.START);
        } else if (!legend.isEmpty()) {
            Axes.legend(c, legend, axes.right + 14, axes.top + 4, axes.bottom, heading);
        }
        return c.figure(title);
    }

    /**
     * Blends a disc of radius {@code r} centred at {@code (px, py)} (pixel units, image origin) into the
     * straight-alpha ARGB pixels {@code argb} of a {@code w x h} image: "source over" with opacity {@code alpha}
     * times the pixel's coverage, {@code r + 0.5 - distance} clamped to [0, 1] (distance from the pixel's centre;
     * the pixel holding the centre is covered at least {@code min(r, 1)}).
     */
    static void splat(int[] argb, int w, int h, double px, double py, double r, int rgb, double alpha) {
        int x0 = (int) Math.floor(px - r - 0.5), x1 = (int) Math.floor(px + r + 0.5);
        int y0 = (int) Math.floor(py - r - 0.5), y1 = (int) Math.floor(py + r + 0.5);
        int cx = (int) Math.floor(px), cy = (int) Math.floor(py);
        int sr = (rgb >> 16) & 0xFF, sg = (rgb >> 8) & 0xFF, sb = rgb & 0xFF;
        for (int y = Math.max(0, y0); y <= Math.min(h - 1, y1); y++) {
            double dy = y + 0.5 - py;
            for (int x = Math.max(0, x0); x <= Math.min(w - 1, x1); x++) {
                double dx = x + 0.5 - px;
                double coverage = Math.min(1, r + 0.5 - Math.sqrt(dx * dx + dy * dy));
                if (x == cx && y == cy) coverage = Math.max(coverage, Math.min(r, 1));
                if (coverage <= 0) continue;
                double a = alpha * coverage;
                int p = y * w + x;
                int dst = argb[p];
                double da = (dst >>> 24) / 255.0;
                double oa = a + da * (1 - a);
                double keep = da * (1 - a);
                int or = (int) Math.round((sr * a + ((dst >> 16) & 0xFF) * keep) / oa);
                int og = (int) Math.round((sg * a + ((dst >> 8) & 0xFF) * keep) / oa);
                int ob = (int) Math.round((sb * a + (dst & 0xFF) * keep) / oa);
                argb[p] = (int) Math.round(oa * 255) << 24 | or << 16 | og << 8 | ob;
            }
        }
    }
}
