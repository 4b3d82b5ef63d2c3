package dev.latent.report;

import java.util.Arrays;

/**
 * One named line of a {@link LinePlot}: the points {@code (x[i], y[i])}, joined in order.
 * @param name the name in the legend; may be empty
 * @param x    the horizontal positions; finite
 * @param y    the vertical positions, as many as {@code x}; finite
 */
public record Series(String name, double[] x, double[] y) {
    /**
     * Copies and checks the points.
     * @throws IllegalArgumentException when the arrays are empty, differ in length, or hold NaN or infinity
     */
    public Series {
        Require.notNull("name", name);
        Require.notNull("x", x);
        Require.notNull("y", y);
        Require.argument(x.length > 0, "series '" + name + "' must have at least one point, got 0");
        Require.argument(x.length == y.length, "series '" + name + "' must have as many y as x values ("
                + x.length + "), got " + y.length);
        x = x.clone();
        y = y.clone();
        Require.finite("x of series '" + name + "'", x);
        Require.finite("y of series '" + name + "'", y);
    }

    /** The values {@code y} at x = 1, 2, ..., as for a curve over components or epochs. */
    public static Series of(String name, double[] y) {
        Require.notNull("y", y);
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        return new Series(name, x, y);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    /** The number of points. */
    public int size() {
        return x.length;
    }

    double[] xs() {
        return x;
    }

    double[] ys() {
        return y;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && name.equals(s.name) && Arrays.equals(x, s.x) && Arrays.equals(y, s.y);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(x) * 17 + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "Series " + name + " of " + x.length + " points";
    }
}
