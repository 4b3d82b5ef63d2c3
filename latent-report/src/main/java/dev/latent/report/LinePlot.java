package dev.latent.report;

import java.util.ArrayList;
import java.util.List;

/**
 * How to draw one or more series as lines with markers; an immutable value whose {@link #draw} makes the
 * figure. For curves over a parameter: explained variance over components, inertia or silhouette over k
 * (with the chosen k marked), loss per epoch.
 * <p>The vertical axis spans the nice ticks around the values; the horizontal axis spans the x values widened
 * by 3% on each side, with whole-number ticks when every x is a whole number. Series take the categorical
 * colours and the marker shapes in turn (circle, square, triangle, diamond), so they differ without colour too;
 * a legend names them when there is more than one.
 * {@snippet :
 * Figure f = LinePlot.defaults().withTitle("Choosing k").withAxisLabels("k", "inertia").withMark(10, "k = 10")
 *         .draw(new Series("inertia", ks, inertia));
 * }
 * @param title     the title; empty for none
 * @param xLabel    the horizontal axis label; empty for none
 * @param yLabel    the vertical axis label; empty for none
 * @param width     figure width in pixels, at least 160; default 640
 * @param height    figure height in pixels, at least 160; default 400
 * @param markers   whether each point gets a marker (default true); markers are left out above 200 points
 * @param markX     the x of a dashed vertical line (the chosen k), or NaN (default) for none
 * @param markLabel the text beside that line; empty for none
 * @param logY      whether the vertical axis is logarithmic (default false), with ticks at powers of ten;
 *                  every y must then be positive
 * @param yLow      a value the vertical axis reaches down to at least (0 for fractions), or NaN (default)
 * @param yHigh     a value the vertical axis reaches up to at least (1 for fractions), or NaN (default)
 */
public record LinePlot(String title, String xLabel, String yLabel, int width, int height, boolean markers,
                       double markX, String markLabel, boolean logY, double yLow, double yHigh) {
    /** Validates the parameters. */
    public LinePlot {
        Require.notNull("title", title);
        Require.notNull("xLabel", xLabel);
        Require.notNull("yLabel", yLabel);
        Require.notNull("markLabel", markLabel);
        Require.atLeast("width", width, 160);
        Require.atLeast("height", height, 160);
        Require.argument(!Double.isInfinite(markX), "markX must be finite or NaN, got " + markX);
        Require.argument(!Double.isInfinite(yLow) && !Double.isInfinite(yHigh),
                "yLow and yHigh must be finite or NaN, got " + yLow + " and " + yHigh);
    }

    /** No title or labels, 640 x 400, markers, no marked x. */
    public static LinePlot defaults() {
        return new LinePlot("", "", "", 640, 400, true, Double.NaN, "", false, Double.NaN, Double.NaN);
    }

    public LinePlot withTitle(String title) {
        return new LinePlot(title, xLabel, yLabel, width, height, markers, markX, markLabel, logY, yLow, yHigh);
    }

    public LinePlot withAxisLabels(String xLabel, String yLabel) {
        return new LinePlot(title, xLabel, yLabel, width, height, markers, markX, markLabel, logY, yLow, yHigh);
    }

    public LinePlot withSize(int width, int height) {
        return new LinePlot(title, xLabel, yLabel, width, height, markers, markX, markLabel, logY, yLow, yHigh);
    }

    public LinePlot withMarkers(boolean markers) {
        return new LinePlot(title, xLabel, yLabel, width, height, markers, markX, markLabel, logY, yLow, yHigh);
    }

    /** A logarithmic vertical axis (for losses over many orders of magnitude), or a linear one. */
    public LinePlot withLogY(boolean logY) {
        return new LinePlot(title, xLabel, yLabel, width, height, markers, markX, markLabel, logY, yLow, yHigh);
    }

    /** A vertical axis that reaches at least from {@code low} to {@code high} (NaN: as the data need). */
    public LinePlot withYIncluding(double low, double high) {
        return new LinePlot(title, xLabel, yLabel, width, height, markers, markX, markLabel, logY, low, high);
    }

    /** Marks {@code x} with a dashed vertical line labelled {@code label}. */
    public LinePlot withMark(double x, String label) {
        return new LinePlot(title, xLabel, yLabel, width, height, markers, x, label, logY, yLow, yHigh);
    }

    /** Draws the series. @throws IllegalArgumentException when there is no series */
    public Figure draw(Series... series) {
        Require.notNull("series", series);
        return draw(List.of(series));
    }

    /**
     * Draws the series, in order (later series on top).
     * @throws IllegalArgumentException when there is no series, or with {@link #logY()} a y is not positive
     */
    public Figure draw(List<Series> series) {
        Require.notNull("series", series);
        Require.argument(!series.isEmpty(), "series must not be empty");
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        boolean whole = true;
        for (Series s : series) {
            for (double v : s.xs()) {
                minX = Math.min(minX, v);
                maxX = Math.max(maxX, v);
                whole &= v == Math.rint(v);
            }
            for (double v : s.ys()) {
                Require.argument(!logY || v > 0, "y of series '" + s.name() + "' must be > 0 on a log axis, got " + v);
                if (logY) v = Math.log10(v);
                minY = Math.min(minY, v);
                maxY = Math.max(maxY, v);
            }
        }
        for (double v : new double[] {yLow, yHigh}) {
            if (Double.isNaN(v)) continue;
            Require.argument(!logY || v > 0, "the y range must be > 0 on a log axis, got " + v);
            minY = Math.min(minY, logY ? Math.log10(v) : v);
            maxY = Math.max(maxY, logY ? Math.log10(v) : v);
        }
        if (!Double.isNaN(markX)) {
            minX = Math.min(minX, markX);
            maxX = Math.max(maxX, markX);
        }
        List<Axes.Entry> entries = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            entries.add(new Axes.Entry(series.get(i).name(), Palette.categorical(i), MarkerShape.of(i)));
        }
        boolean legend = series.size() > 1;
        double legendWidth = legend ? Math.ceil(Axes.legendWidth(entries)) : 0;
        double[] rx = Axes.pad(minX, maxX, 0.03);
        Ticks xTicks = whole ? Ticks.ofIntegers(rx[0], rx[1], Axes.TICKS) : Ticks.of(rx[0], rx[1], Axes.TICKS);
        Ticks yTicks = logY ? powersOfTen(minY, maxY) : Ticks.of(minY, maxY, Axes.TICKS);
        double right = width - Axes.RIGHT - legendWidth, bottom = height - Axes.BOTTOM;
        Require.argument(right - Axes.LEFT >= 40, "the figure of " + width + " pixels is too narrow for its legend");
        Axes axes = new Axes(Axes.LEFT, Axes.TOP, right, bottom, rx[0], rx[1], xTicks, yTicks.lo(), yTicks.hi(), yTicks);
        Canvas c = new Canvas(width, height);
        c.title(title);
        axes.grid(c, true, true);
        if (!Double.isNaN(markX)) {
            double px = axes.x.map(markX);
            c.dashed(px, axes.top, px, axes.bottom, 0xB2182B, 1.5);
            if (!markLabel.isEmpty()) {
                boolean leftSide = px > (axes.left + axes.right) / 2;
                c.text(px + (leftSide ? -5 : 5), axes.top + 14, markLabel, 11, leftSide ? Mark.Anchor.END : Mark.Anchor.START,
                        false, 0, 0xB2182B);
            }
        }
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            int n = s.size(), color = Palette.categorical(k);
            double[] px = new double[n], py = new double[n];
            for (int i = 0; i < n; i++) {
                px[i] = axes.x.map(s.xs()[i]);
                py[i] = axes.y.map(logY ? Math.log10(s.ys()[i]) : s.ys()[i]);
            }
            if (n > 1) c.polyline(px, py, color, 2);
            if (markers && n <= 200 || n == 1) {
                for (int i = 0; i < n; i++) c.dot(px[i], py[i], 3.5, MarkerShape.of(k), color, 1, 0xFFFFFF);
            }
        }
        axes.frame(c, xLabel, yLabel);
        if (legend) Axes.legend(c, entries, axes.right + 14, axes.top + 4, axes.bottom, "");
        return c.figure(title);
    }

    /** Ticks of a log axis in exponents: whole exponents from floor(lo) to ceil(hi), labelled with the powers. */
    private static Ticks powersOfTen(double lo, double hi) {
        Ticks e = Ticks.ofIntegers(Math.floor(lo), Math.max(Math.ceil(hi), Math.floor(lo) + 1), Axes.TICKS);
        double[] v = e.values();
        String[] labels = new String[v.length];
        for (int i = 0; i < v.length; i++) labels[i] = Ticks.format(Math.pow(10, v[i]), 3);
        return new Ticks(e.lo(), e.hi(), e.step(), v, labels);
    }
}
