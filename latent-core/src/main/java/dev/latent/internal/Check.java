package dev.latent.internal;

import dev.latent.data.Matrix;

/**
 * Argument checks that fail with one message naming the argument, the rule and the value.
 * <p>Messages read {@code <name> must be <rule>, got <value>}. Overloads take primitives, so a
 * passing check never boxes, and the message is formatted only when the check fails.
 */
public final class Check {
    private Check() {}

    public static void atLeast(String name, int value, int min) {
        if (value < min) throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }

    public static void atLeast(String name, long value, long min) {
        if (value < min) throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }

    public static void atLeast(String name, double value, double min) {
        if (!(value >= min)) throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }

    public static void atMost(String name, int value, int max) {
        if (value > max) throw new IllegalArgumentException(name + " must be <= " + max + ", got " + value);
    }

    public static void atMost(String name, double value, double max) {
        if (!(value <= max)) throw new IllegalArgumentException(name + " must be <= " + max + ", got " + value);
    }

    public static void positive(String name, double value) {
        if (!(value > 0)) throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }

    public static void nonNegative(String name, double value) {
        if (!(value >= 0)) throw new IllegalArgumentException(name + " must be >= 0, got " + value);
    }

    /** Checks {@code min <= value <= max}. */
    public static void inRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    /** Checks {@code 0 <= index < size}. */
    public static void index(String name, int index, int size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(name + " must be in [0, " + size + "), got " + index);
        }
    }

    public static <T> T notNull(String name, T value) {
        if (value == null) throw new IllegalArgumentException(name + " must not be null");
        return value;
    }

    public static void argument(boolean condition, String message) {
        if (!condition) throw new IllegalArgumentException(message);
    }

    public static void state(boolean condition, String message) {
        if (!condition) throw new IllegalStateException(message);
    }

    /** Checks that {@code x} has {@code cols} columns. */
    public static void columns(String name, Matrix x, int cols) {
        if (x.cols() != cols) {
            throw new IllegalArgumentException(name + " must have " + cols + " columns, got " + x.cols());
        }
    }

    /** Checks that {@code x} has at least {@code min} rows; {@code why} says what each row is for. */
    public static void rowsAtLeast(String name, Matrix x, int min, String why) {
        if (x.rows() < min) {
            throw new IllegalArgumentException(
                    name + " must have at least " + min + " rows (" + why + "), got " + x.rows());
        }
    }

    /** Checks that every value of {@code x} is finite; the message names the first bad row and column and the count. */
    public static void finite(String name, Matrix x) {
        float[] v = x.values();
        int d = x.cols();
        int first = -1;
        long bad = 0;
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                if (first < 0) first = i;
                bad++;
            }
        }
        if (first >= 0) {
            String what = Float.isNaN(v[first]) ? "NaN" : "infinity";
            throw new IllegalArgumentException(name + " has " + what + " at row " + (first / d) + ", column "
                    + (first % d) + " (" + bad + " non-finite value" + (bad == 1 ? "" : "s") + " in all)");
        }
    }
}
