package dev.latent.report;

import java.util.ArrayList;
import java.util.List;

/**
 * How to draw one value per category as vertical bars, or a group of bars per category; an immutable value
 * whose {@link #draw} and {@link #drawGroups} make the figure, for example the class balance of a labelled
 * dataset ({@link #classBalance}).
 * <p>Bars start at zero; the value axis spans the nice ticks around zero and the values. Bar {@code i} takes
 * {@link Palette#categorical(int) Palette.categorical(i)} when {@link #colored()}, else one blue. Category names
 * are written under the bars, slanted when they do not fit across.
 * @param title   the title; empty for none
 * @param xLabel  the category axis label; empty for none
 * @param yLabel  the value axis label; empty for none
 * @param width   figure width in pixels, at least 160; default 640
 * @param height  figure height in pixels, at least 160; default 400
 * @param colored whether each bar takes its category's colour (default true)
 */
public record BarChart(String title, String xLabel, String yLabel, int width, int height, boolean colored) {
    /** Validates the parameters. */
    public BarChart {
        Require.notNull("title", title);
        Require.notNull("xLabel", xLabel);
        Require.notNull("yLabel", yLabel);
        Require.atLeast("width", width, 160);
        Require.atLeast("height", height, 160);
    }

    /** No title or labels, 640 x 400, coloured bars. */
    public static BarChart defaults() {
        return new BarChart("", "", "", 640, 400, true);
    }

    public BarChart withTitle(String title) {
        return new BarChart(title, xLabel, yLabel, width, height, colored);
    }

    public BarChart withAxisLabels(String xLabel, String yLabel) {
        return new BarChart(title, xLabel, yLabel, width, height, colored);
    }

    public BarChart withSize(int width, int height) {
        return new BarChart(title, xLabel, yLabel, width, height, colored);
    }

    public BarChart withColored(boolean colored) {
        return new BarChart(title, xLabel, yLabel, width, height, colored);
    }

    /**
     * The number of samples of each class {@code 0..classes-1}, where {@code classes} is the larger of the
     * number of names and the largest label + 1; classes are named by {@code classNames} or by their number.
     * @throws IllegalArgumentException when {@code labels} is empty or holds a negative label
     */
    public Figure classBalance(int[] labels, List<String> classNames) {
        Require.notNull("labels", labels);
        Require.notNull("classNames", classNames);
        Require.nonEmpty("labels", labels.length);
        int classes = classNames.size();
        for (int i = 0; i < labels.length; i++) {
            Require.argument(labels[i] >= 0, "labels must be >= 0, got " + labels[i] + " at index " + i);
            classes = Math.max(classes, labels[i] + 1);
        }
        double[] counts = new double[classes];
        for (int l : labels) counts[l]++;
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) names.add(c < classNames.size() ? classNames.get(c) : Integer.toString(c));
        return draw(names, counts);
    }

    /**
     * Draws bar {@code i} of height {@code values[i]} named {@code categories.get(i)}.
     * @throws IllegalArgumentException when there are no values, the counts differ, or a value is NaN or infinite
     */
    public Figure draw(List<String> categories, double[] values) {
        Require.notNull("categories", categories);
        Require.finite("values", values);
        Require.nonEmpty("values", values.length);
        Require.argument(categories.size() == values.length, "categories must have one name per value ("
                + values.length + "), got " + categories.size());
        return draw(categories, List.of(), new double[][] {values});
    }

    /**
     * Draws a group of bars per category, side by side: bar {@code g} of category {@code c} has height
     * {@code values[g][c]} and the colour of group {@code g}, named in a legend (for example the k-NN accuracy
     * of several features, categories, at several label fractions, groups).
     * @throws IllegalArgumentException when there are no values, the counts differ from the names, or a value is
     *                                  NaN or infinite
     */
    public Figure drawGroups(List<String> categories, List<String> groups, double[][] values) {
        Require.notNull("categories", categories);
        Require.notNull("groups", groups);
        Require.notNull("values", values);
        Require.argument(!groups.isEmpty() && values.length == groups.size(), "values must have one row per group ("
                + groups.size() + "), got " + values.length);
        Require.nonEmpty("categories", categories.size());
        for (int g = 0; g < values.length; g++) {
            Require.finite("values of group '" + groups.get(g) + "'", values[g]);
            Require.argument(values[g].length == categories.size(), "values of group '" + groups.get(g)
                    + "' must have one value per category (" + categories.size() + "), got " + values[g].length);
        }
        return draw(categories, groups, values);
    }

    /** Groups empty: one bar per category, coloured by category when {@link #colored()}. */
    private Figure draw(List<String> categories, List<String> groups, double[][] values) {
        int n = categories.size(), m = values.length;
        double lo = 0, hi = 0;
        for (double[] row : values) {
            for (double v : row) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        Ticks yTicks = Ticks.of(lo, lo == hi ? 1 : hi, Axes.TICKS);   // all zero: an axis from 0 to 1
        List<Axes.Entry> legend = new java.util.ArrayList<>();
        for (int g = 0; g < groups.size(); g++) legend.add(new Axes.Entry(groups.get(g), Palette.categorical(g), MarkerShape.SQUARE));
        double legendWidth = legend.isEmpty() ? 0 : Math.ceil(Axes.legendWidth(legend));
        double right = width - Axes.RIGHT - legendWidth;
        Require.argument(right - Axes.LEFT >= 40, "the figure of " + width + " pixels is too narrow for its legend");
        double slot = (right - Axes.LEFT) / n;
        double longest = 0;
        for (String s : categories) longest = Math.max(longest, Canvas.textWidth(s, 11));
        boolean slanted = longest > slot - 4;
        double bottomMargin = Axes.BOTTOM + (slanted ? Math.min(120, longest * 0.71) : 0);
        double bottom = height - bottomMargin;
        Require.argument(bottom - Axes.TOP >= 40, "the figure of " + height + " pixels is too low for its labels");
        Axes axes = new Axes(Axes.LEFT, Axes.TOP, right, bottom, 0, n, null, yTicks.lo(), yTicks.hi(), yTicks);
        Canvas c = new Canvas(width, height);
        c.title(title);
        axes.grid(c, false, true);
        double zero = axes.y.map(0), barWidth = slot * 0.8 / m;
        for (int i = 0; i < n; i++) {
            for (int g = 0; g < m; g++) {
                double x = axes.left + i * slot + slot * 0.1 + g * barWidth, y = axes.y.map(values[g][i]);
                int color = !groups.isEmpty() ? Palette.categorical(g) : colored ? Palette.categorical(i) : ScatterPlot.UNLABELED;
                c.rect(x, Math.min(y, zero), barWidth, Math.abs(zero - y), color, Mark.NONE, 0);
            }
            double cx = axes.left + (i + 0.5) * slot;
            if (slanted) {
                c.text(cx + 4, axes.bottom + 12, categories.get(i), 11, Mark.Anchor.END, false, -45, Canvas.INK);
            } else {
                c.text(cx, axes.bottom + 16, categories.get(i), 11, Mark.Anchor.MIDDLE);
            }
        }
        if (lo < 0) c.line(axes.left, zero, axes.right, zero, Canvas.AXIS, 1);
        axes.frame(c, "", yLabel);
        if (!xLabel.isEmpty()) c.text((axes.left + axes.right) / 2, height - 10, xLabel, 12, Mark.Anchor.MIDDLE);
        if (!legend.isEmpty()) Axes.legend(c, legend, axes.right + 14, axes.top + 4, axes.bottom, "");
        return c.figure(title);
    }
}
