package dev.latent.report;

import dev.latent.data.Matrix;

/**
 * Argument checks of this module, with the project's message shape {@code "<name> must be <rule>, got <value>"}
 * (core's own checks are internal to core). Each throws {@link IllegalArgumentException}.
 */
final class Require {
    private Require() {}

    static void argument(boolean condition, String message) {
        if (!condition) throw new IllegalArgumentException(message);
    }

    static <T> T notNull(String name, T value) {
        if (value == null) throw new IllegalArgumentException(name + " must not be null");
        return value;
    }

    static void atLeast(String name, int value, int min) {
        if (value < min) throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }

    static void positive(String name, double value) {
        if (!(value > 0)) throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }

    static void inRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    static void finite(String name, double value) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException(name + " must be finite, got " + value);
    }

    /** Every value finite; the message names the first bad index. */
    static void finite(String name, double[] values) {
        notNull(name, values);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + " has " + values[i] + " at index " + i);
            }
        }
    }

    /** Every value finite; the message names the row and column of the first bad one. */
    static void finite(String name, Matrix x) {
        notNull(name, x);
        float[] v = x.values();
        int d = x.cols();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException(name + " has " + v[i] + " at row " + i / d + ", column " + i % d);
            }
        }
    }

    static void nonEmpty(String name, int length) {
        if (length == 0) throw new IllegalArgumentException(name + " must not be empty");
    }
}
