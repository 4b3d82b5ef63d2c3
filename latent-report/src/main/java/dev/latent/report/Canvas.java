package dev.latent.report;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Collects the marks of a figure being drawn; {@link #figure} freezes them. */
final class Canvas {
    /** Text colour of labels and titles. */
    static final int INK = 0x222222;
    /** Colour of axes frames and ticks. */
    static final int AXIS = 0x444444;
    /** Colour of grid lines. */
    static final int GRID = 0xE6E6E6;

    private final int width;
    private final int height;
    private final List<Mark> marks = new ArrayList<>();

    Canvas(int width, int height) {
        this.width = width;
        this.height = height;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    Canvas line(double x1, double y1, double x2, double y2, int color, double w) {
        marks.add(new Mark.Line(x1, y1, x2, y2, color, w, false));
        return this;
    }

    Canvas dashed(double x1, double y1, double x2, double y2, int color, double w) {
        marks.add(new Mark.Line(x1, y1, x2, y2, color, w, true));
        return this;
    }

    Canvas polyline(double[] xs, double[] ys, int color, double w) {
        marks.add(new Mark.Polyline(xs.clone(), ys.clone(), color, w));
        return this;
    }

    Canvas rect(double x, double y, double w, double h, int fill, int stroke, double strokeWidth) {
        marks.add(new Mark.Rect(x, y, w, h, fill, stroke, strokeWidth));
        return this;
    }

    Canvas dot(double x, double y, double r, MarkerShape shape, int fill, double opacity, int stroke) {
        marks.add(new Mark.Dot(x, y, r, shape, fill, opacity, stroke));
        return this;
    }

    Canvas text(double x, double y, String text, double size, Mark.Anchor anchor) {
        marks.add(new Mark.Text(x, y, text, size, anchor, false, 0, INK));
        return this;
    }

    Canvas text(double x, double y, String text, double size, Mark.Anchor anchor, boolean bold, double angle, int color) {
        marks.add(new Mark.Text(x, y, text, size, anchor, bold, angle, color));
        return this;
    }

    Canvas raster(double x, double y, double w, double h, BufferedImage image) {
        marks.add(new Mark.Raster(x, y, w, h, image, Figure.encodePng(image)));
        return this;
    }

    /** A bold title centred at the top. */
    Canvas title(String title) {
        if (title != null && !title.isEmpty()) text(width / 2.0, 22, title, 15, Mark.Anchor.MIDDLE, true, 0, INK);
        return this;
    }

    Figure figure(String title) {
        return new Figure(width, height, title, marks);
    }

    /** An estimate of the width of {@code text} at {@code size} (DejaVu Sans averages about 0.6 em per character). */
    static double textWidth(String text, double size) {
        return text.length() * size * 0.6;
    }
}
