package dev.latent.report;

import java.util.ArrayList;
import java.util.List;

/**
 * How to draw a matrix of values as coloured cells; an immutable value whose {@link #draw} makes the figure,
 * for example the contingency table of clusters against labels ({@link #contingency}).
 * <p>Cell colours run through {@link #colormap()} from the smallest value (0 when no value is negative) to
 * the largest; a colour bar beside the cells gives the scale. Values are written in the cells when the cells
 * are large enough and {@link #showValues()} is set, light on dark cells and dark on light ones.
 * @param title      the title; empty for none
 * @param xLabel     the label under the columns; empty for none
 * @param yLabel     the label beside the rows; empty for none
 * @param cell       the side of a cell in pixels, 4 to 100; default 32; cells shrink (to 4 pixels at least) so
 *                   that the grid's longer side stays within 720 pixels, and with cells under 12 pixels only
 *                   every second (third, ...) row and column is named
 * @param colormap   the colours, default {@link Colormap#VIRIDIS}
 * @param showValues whether values are written in cells of at least 22 pixels (default true)
 */
public record Heatmap(String title, String xLabel, String yLabel, int cell, Colormap colormap, boolean showValues) {
    /** The longest side of the grid of cells, in pixels, before cells shrink below {@link #cell()}. */
    static final int MAX_GRID = 720;

    /** Validates the parameters. */
    public Heatmap {
        Require.notNull("title", title);
        Require.notNull("xLabel", xLabel);
        Require.notNull("yLabel", yLabel);
        Require.notNull("colormap", colormap);
        Require.inRange("cell", cell, 4, 100);
    }

    /** No title or labels, 32-pixel cells, viridis, values shown. */
    public static Heatmap defaults() {
        return new Heatmap("", "", "", 32, Colormap.VIRIDIS, true);
    }

    public Heatmap withTitle(String title) {
        return new Heatmap(title, xLabel, yLabel, cell, colormap, showValues);
    }

    public Heatmap withAxisLabels(String xLabel, String yLabel) {
        return new Heatmap(title, xLabel, yLabel, cell, colormap, showValues);
    }

    public Heatmap withCell(int cell) {
        return new Heatmap(title, xLabel, yLabel, cell, colormap, showValues);
    }

    public Heatmap withColormap(Colormap colormap) {
        return new Heatmap(title, xLabel, yLabel, cell, colormap, showValues);
    }

    public Heatmap withShowValues(boolean showValues) {
        return new Heatmap(title, xLabel, yLabel, cell, colormap, showValues);
    }

    /**
     * The counts of samples per (cluster, label) pair: one row per cluster {@code 0..max}, one column per class
     * {@code 0..max} (named by {@code classNames} or by number).
     * @throws IllegalArgumentException when the arrays are empty, differ in length or hold a negative value
     */
    public Figure contingency(int[] clusters, int[] labels, List<String> classNames) {
        Require.notNull("clusters", clusters);
        Require.notNull("labels", labels);
        Require.notNull("classNames", classNames);
        Require.nonEmpty("clusters", clusters.length);
        Require.argument(clusters.length == labels.length, "labels must have one entry per cluster entry ("
                + clusters.length + "), got " + labels.length);
        int k = 0, classes = classNames.size();
        for (int i = 0; i < clusters.length; i++) {
            Require.argument(clusters[i] >= 0, "clusters must be >= 0, got " + clusters[i] + " at index " + i);
            Require.argument(labels[i] >= 0, "labels must be >= 0, got " + labels[i] + " at index " + i);
            k = Math.max(k, clusters[i] + 1);
            classes = Math.max(classes, labels[i] + 1);
        }
        double[][] counts = new double[k][classes];
        for (int i = 0; i < clusters.length; i++) counts[clusters[i]][labels[i]]++;
        List<String> rows = new ArrayList<>(), cols = new ArrayList<>();
        for (int c = 0; c < k; c++) rows.add(Integer.toString(c));
        for (int c = 0; c < classes; c++) cols.add(c < classNames.size() ? classNames.get(c) : Integer.toString(c));
        return draw(counts, rows, cols);
    }

    /**
     * Draws {@code values[i][j]} as the cell in row {@code i} (top to bottom) and column {@code j}.
     * @throws IllegalArgumentException when the matrix is empty or ragged, a value is NaN or infinite, or the
     *                                  names do not match the rows and columns in number
     */
    public Figure draw(double[][] values, List<String> rowNames, List<String> colNames) {
        Require.notNull("values", values);
        Require.notNull("rowNames", rowNames);
        Require.notNull("colNames", colNames);
        Require.argument(values.length > 0 && values[0] != null && values[0].length > 0, "values must not be empty");
        int rows = values.length, cols = values[0].length;
        double lo = 0, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows; i++) {
            Require.argument(values[i] != null && values[i].length == cols,
                    "values must have " + cols + " columns in every row, got a different count at row " + i);
            for (int j = 0; j < cols; j++) {
                double v = values[i][j];
                Require.argument(Double.isFinite(v), "values has " + v + " at row " + i + ", column " + j);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        Require.argument(rowNames.size() == rows, "rowNames must have one name per row (" + rows + "), got " + rowNames.size());
        Require.argument(colNames.size() == cols, "colNames must have one name per column (" + cols + "), got " + colNames.size());
        int cell = Math.min(this.cell, Math.max(4, MAX_GRID / Math.max(rows, cols)));
        double rowLabelWidth = 0, colLabelWidth = 0;
        for (String s : rowNames) rowLabelWidth = Math.max(rowLabelWidth, Canvas.textWidth(s, 11));
        for (String s : colNames) colLabelWidth = Math.max(colLabelWidth, Canvas.textWidth(s, 11));
        boolean slanted = colLabelWidth > cell - 4;
        double left = Math.ceil(Math.max(44, rowLabelWidth + 30));
        double top = Axes.TOP;
        double gridW = cols * (double) cell, gridH = rows * (double) cell;
        double bottomMargin = 20 + (slanted ? Math.min(120, colLabelWidth * 0.71) + 12 : 18) + (xLabel.isEmpty() ? 0 : 18);
        int width = (int) Math.ceil(Math.max(left + gridW + 90, Canvas.textWidth(title, 15) + 20));
        int height = (int) Math.ceil(top + gridH + bottomMargin);
        Canvas c = new Canvas(width, Math.max(height, 160));
        c.title(title);
        double range = hi > lo ? hi - lo : 1;
        boolean writeValues = showValues && cell >= 22;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double t = (values[i][j] - lo) / range;
                double x = left + j * cell, y = top + i * cell;
                c.rect(x, y, cell, cell, colormap.rgb(t), Mark.NONE, 0);
                if (writeValues) {
                    String s = Ticks.format(values[i][j], 3);
                    double size = Math.min(11, cell * 0.9 / Math.max(1, s.length() * 0.6));
                    int ink = luminance(colormap.rgb(t)) < 0.5 ? 0xFFFFFF : Canvas.INK;
                    c.text(x + cell / 2.0, y + cell / 2.0 + size * 0.35, s, size, Mark.Anchor.MIDDLE, false, 0, ink);
                }
            }
        }
        c.rect(left, top, gridW, gridH, Mark.NONE, Canvas.AXIS, 1);
        int every = Math.max(1, (int) Math.ceil(12.0 / cell));   // label every row only when rows are 12 px apart
        for (int i = 0; i < rows; i += every) c.text(left - 6, top + (i + 0.5) * cell + 4, rowNames.get(i), 11, Mark.Anchor.END);
        double labelY = top + gridH + 14;
        for (int j = 0; j < cols; j += every) {
            double cx = left + (j + 0.5) * cell;
            if (slanted) c.text(cx + 4, labelY, colNames.get(j), 11, Mark.Anchor.END, false, -45, Canvas.INK);
            else c.text(cx, labelY + 2, colNames.get(j), 11, Mark.Anchor.MIDDLE);
        }
        if (!xLabel.isEmpty()) c.text(left + gridW / 2, height - 8, xLabel, 12, Mark.Anchor.MIDDLE);
        if (!yLabel.isEmpty()) c.text(14, top + gridH / 2, yLabel, 12, Mark.Anchor.MIDDLE, false, -90, Canvas.INK);
        Axes.colorBar(c, colormap, left + gridW + 16, top + Math.min(16, gridH / 4), top + gridH, lo, hi, "");
        return c.figure(title);
    }

    /** Relative luminance in [0, 1] (Rec. 709 weights on the sRGB values). */
    static double luminance(int rgb) {
        return (0.2126 * ((rgb >> 16) & 0xFF) + 0.7152 * ((rgb >> 8) & 0xFF) + 0.0722 * (rgb & 0xFF)) / 255;
    }
}
