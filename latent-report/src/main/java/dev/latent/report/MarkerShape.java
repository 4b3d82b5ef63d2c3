package dev.latent.report;

/** The shape of a marker on a line or in a scatter plot; series cycle through them so that they differ without colour. */
public enum MarkerShape {
    CIRCLE, SQUARE, TRIANGLE, DIAMOND;

    /** The shape of series {@code i}: circle, square, triangle, diamond, then again. */
    public static MarkerShape of(int i) {
        return values()[i % 4];
    }

    /** The polygon's corners around {@code (x, y)} at radius {@code r}, as x0, y0, x1, y1, ...; empty for a circle. */
    double[] corners(double x, double y, double r) {
        return switch (this) {
            case CIRCLE -> new double[0];
            case SQUARE -> {
                double s = r * 0.886;   // the square of the circle's area
                yield new double[] {x - s, y - s, x + s, y - s, x + s, y + s, x - s, y + s};
            }
            case TRIANGLE -> {
                double s = r * 1.2;
                yield new double[] {x, y - s, x + s * 0.866, y + s * 0.5, x - s * 0.866, y + s * 0.5};
            }
            case DIAMOND -> {
                double s = r * 1.25;
                yield new double[] {x, y - s, x + s, y, x, y + s, x - s, y};
            }
        };
    }
}
