package dev.latent.report;

import java.awt.image.BufferedImage;

/**
 * One drawing primitive of a {@link Figure}, in pixel coordinates with y pointing down; colours are
 * {@code 0xRRGGBB}, and {@link #NONE} means "not drawn".
 */
sealed interface Mark {
    /** No colour: the fill or stroke is not drawn. */
    int NONE = -1;

    /** A straight segment. */
    record Line(double x1, double y1, double x2, double y2, int color, double width, boolean dashed) implements Mark {}

    /** Connected segments through the points {@code (xs[i], ys[i])}. */
    record Polyline(double[] xs, double[] ys, int color, double width) implements Mark {}

    /** An axis-aligned rectangle with its top-left corner at {@code (x, y)}. */
    record Rect(double x, double y, double w, double h, int fill, int stroke, double strokeWidth) implements Mark {}

    /** A marker of radius {@code r} centred on {@code (x, y)}. */
    record Dot(double x, double y, double r, MarkerShape shape, int fill, double opacity, int stroke) implements Mark {}

    /** Text whose baseline starts, is centred or ends at {@code (x, y)}, rotated by {@code angle} degrees about it. */
    record Text(double x, double y, String text, double size, Anchor anchor, boolean bold, double angle, int color)
            implements Mark {}

    /**
     * A raster image stretched over the rectangle at {@code (x, y)} of size {@code w x h}, pixels kept sharp;
     * {@code png} is the image encoded once, for SVG.
     */
    record Raster(double x, double y, double w, double h, BufferedImage image, byte[] png) implements Mark {}

    /** Where a text's anchor point lies on its baseline. */
    enum Anchor { START, MIDDLE, END }
}
