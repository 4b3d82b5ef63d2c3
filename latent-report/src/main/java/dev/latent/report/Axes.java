package dev.latent.report;

import java.util.List;

/**
 * The plot area of a figure with its two scales, and the frame, grid, ticks and labels around it.
 * <p>The plot area runs from {@code left} to {@code right} and from {@code top} to {@code bottom}, in pixels.
 */
final class Axes {
    /** Margins around the plot area when nothing else needs room. */
    static final int LEFT = 64, RIGHT = 24, TOP = 40, BOTTOM = 48;
    /** Target number of tick intervals on an axis. */
    static final int TICKS = 6;

    final double left, top, right, bottom;
    final Scale x, y;
    final Ticks xTicks, yTicks;

    Axes(double left, double top, double right, double bottom, double x0, double x1, Ticks xTicks,
         double y0, double y1, Ticks yTicks) {
        this.left = left;
        this.top = top;
        this.right = right;
        this.bottom = bottom;
        this.x = new Scale(x0, x1, left, right);
        this.y = new Scale(y0, y1, bottom, top);
        this.xTicks = xTicks;
        this.yTicks = yTicks;
    }

    /**
     * Draws the grid lines at the ticks (behind what comes next), when {@code grid}; call {@link #frame} after
     * the data so the frame and labels are on top.
     */
    void grid(Canvas c, boolean vertical, boolean horizontal) {
        if (vertical && xTicks != null) {
            for (double v : xTicks.values()) {
                if (x.contains(v)) c.line(x.map(v), top, x.map(v), bottom, Canvas.GRID, 1);
            }
        }
        if (horizontal && yTicks != null) {
            for (double v : yTicks.values()) {
                if (y.contains(v)) c.line(left, y.map(v), right, y.map(v), Canvas.GRID, 1);
            }
        }
    }

    /** The frame, the ticks and their labels (those inside the range) and the axis labels. */
    void frame(Canvas c, String xLabel, String yLabel) {
        c.rect(left, top, right - left, bottom - top, Mark.NONE, Canvas.AXIS, 1);
        if (xTicks != null) {
            double[] v = xTicks.values();
            String[] l = xTicks.labels();
            for (int i = 0; i < v.length; i++) {
                if (!x.contains(v[i])) continue;
                double px = x.map(v[i]);
                c.line(px, bottom, px, bottom + 5, Canvas.AXIS, 1);
                c.text(px, bottom + 18, l[i], 11, Mark.Anchor.MIDDLE);
            }
        }
        if (yTicks != null) {
            double[] v = yTicks.values();
            String[] l = yTicks.labels();
            for (int i = 0; i < v.length; i++) {
                if (!y.contains(v[i])) continue;
                double py = y.map(v[i]);
                c.line(left - 5, py, left, py, Canvas.AXIS, 1);
                c.text(left - 8, py + 4, l[i], 11, Mark.Anchor.END);
            }
        }
        if (xLabel != null && !xLabel.isEmpty()) c.text((left + right) / 2, bottom + 38, xLabel, 12, Mark.Anchor.MIDDLE);
        if (yLabel != null && !yLabel.isEmpty()) {
            c.text(16, (top + bottom) / 2, yLabel, 12, Mark.Anchor.MIDDLE, false, -90, Canvas.INK);
        }
    }

    /** One entry of a legend: a marker of a colour and shape, or a filled square, and its text. */
    record Entry(String label, int color, MarkerShape shape) {}

    /** The width a legend of these entries needs, margins included. */
    static double legendWidth(List<Entry> entries) {
        double w = 0;
        for (Entry e : entries) w = Math.max(w, Canvas.textWidth(e.label(), 11));
        return 12 + 14 + 6 + w + 8;
    }

    /** Draws the legend in a column starting at {@code (x, y)}; at most as many rows as fit above {@code maxY}. */
    static void legend(Canvas c, List<Entry> entries, double x, double y, double maxY, String heading) {
        double row = 18;
        if (heading != null && !heading.isEmpty()) {
            c.text(x, y + 4, heading, 11, Mark.Anchor.START, true, 0, Canvas.INK);
            y += row;
        }
        int fit = (int) Math.max(1, Math.floor((maxY - y) / row));
        int shown = entries.size() <= fit ? entries.size() : fit - 1;
        for (int i = 0; i < shown; i++) {
            Entry e = entries.get(i);
            double cy = y + i * row;
            c.dot(x + 6, cy, 5, e.shape(), e.color(), 1, Mark.NONE);
            c.text(x + 18, cy + 4, e.label(), 11, Mark.Anchor.START);
        }
        if (shown < entries.size()) {
            c.text(x + 18, y + shown * row + 4, "+" + (entries.size() - shown) + " more", 11, Mark.Anchor.START);
        }
    }

    /** A vertical colour bar of {@code map} from {@code lo} (bottom) to {@code hi} (top), labelled with nice ticks. */
    static void colorBar(Canvas c, Colormap map, double x, double top, double bottom, double lo, double hi, String label) {
        int steps = 64;
        double h = (bottom - top) / steps;
        for (int i = 0; i < steps; i++) {
            double t = (i + 0.5) / steps;
            c.rect(x, bottom - (i + 1) * h, 14, h + 0.5, map.rgb(t), Mark.NONE, 0);
        }
        c.rect(x, top, 14, bottom - top, Mark.NONE, Canvas.AXIS, 1);
        if (hi > lo) {
            Ticks t = Ticks.of(lo, hi, 5);
            Scale s = new Scale(lo, hi, bottom, top);
            double[] v = t.values();
            String[] l = t.labels();
            for (int i = 0; i < v.length; i++) {
                if (!s.contains(v[i])) continue;
                double py = s.map(v[i]);
                c.line(x + 14, py, x + 18, py, Canvas.AXIS, 1);
                c.text(x + 21, py + 4, l[i], 10, Mark.Anchor.START);
            }
        }
        if (label != null && !label.isEmpty()) c.text(x, top - 8, label, 11, Mark.Anchor.START);
    }

    /** The range {@code [min, max]} widened by {@code fraction} of its size each way (a point range by 1 or 10%). */
    static double[] pad(double min, double max, double fraction) {
        if (max > min) {
            double p = (max - min) * fraction;
            return new double[] {min - p, max + p};
        }
        double p = min == 0 ? 1 : Math.abs(min) * 0.1;
        return new double[] {min - p, max + p};
    }
}
