package dev.latent.io;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;

import java.util.Arrays;

/**
 * An n-dimensional array read from a NumPy {@code .npy} file, in row-major (C) order.
 * <p>The values keep their file's element type (float32, float64, uint8, int32 or int64) until they
 * are asked for as floats, doubles or ints; {@link #dtype()} gives the type as the file spelled it.
 */
public final class NpyArray {
    private final String dtype;
    private final int[] shape;
    private final Object values; // float[], double[], byte[], int[] or long[], row-major

    NpyArray(String dtype, int[] shape, Object values) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.values = values;
        assert size() == switch (values) {
            case float[] v -> v.length;
            case double[] v -> v.length;
            case byte[] v -> v.length;
            case int[] v -> v.length;
            case long[] v -> v.length;
            default -> -1;
        };
    }

    /** The element type as the file's header spelled it, for example {@code "<f4"} or {@code "|u1"}. */
    public String dtype() {
        return dtype;
    }

    /** The dimensions; empty for a scalar. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The number of elements: the product of the dimensions. */
    public int size() {
        int n = 1;
        for (int s : shape) n *= s;
        return n;
    }

    /** True when the elements are unsigned bytes ({@code |u1}). */
    public boolean isUint8() {
        return values instanceof byte[];
    }

    /** The elements as float32, row-major (a new array; float64 and int64 values are rounded). */
    public float[] toFloats() {
        return switch (values) {
            case float[] v -> v.clone();
            case double[] v -> {
                float[] out = new float[v.length];
                for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
                yield out;
            }
            case byte[] v -> {
                float[] out = new float[v.length];
                for (int i = 0; i < v.length; i++) out[i] = v[i] & 0xFF;
                yield out;
            }
            case int[] v -> {
                float[] out = new float[v.length];
                for (int i = 0; i < v.length; i++) out[i] = v[i];
                yield out;
            }
            case long[] v -> {
                float[] out = new float[v.length];
                for (int i = 0; i < v.length; i++) out[i] = v[i];
                yield out;
            }
            default -> throw new AssertionError(values);
        };
    }

    /** The elements as float64, row-major (a new array). */
    public double[] toDoubles() {
        return switch (values) {
            case double[] v -> v.clone();
            case long[] v -> {
                double[] out = new double[v.length];
                for (int i = 0; i < v.length; i++) out[i] = v[i];
                yield out;
            }
            default -> {
                float[] f = values instanceof float[] v ? v : toFloats();
                double[] out = new double[f.length];
                for (int i = 0; i < f.length; i++) out[i] = f[i];
                yield out;
            }
        };
    }

    /**
     * The elements as int32, row-major (a new array).
     * @throws IllegalStateException when an element is not a whole number or does not fit in an int
     */
    public int[] toInts() {
        return switch (values) {
            case int[] v -> v.clone();
            case byte[] v -> {
                int[] out = new int[v.length];
                for (int i = 0; i < v.length; i++) out[i] = v[i] & 0xFF;
                yield out;
            }
            case long[] v -> {
                int[] out = new int[v.length];
                for (int i = 0; i < v.length; i++) {
                    if (v[i] != (int) v[i]) throw notInt(i, Long.toString(v[i]));
                    out[i] = (int) v[i];
                }
                yield out;
            }
            default -> {
                double[] d = toDoubles();
                int[] out = new int[d.length];
                for (int i = 0; i < d.length; i++) {
                    if (d[i] != (int) d[i]) throw notInt(i, Double.toString(d[i]));
                    out[i] = (int) d[i];
                }
                yield out;
            }
        };
    }

    private IllegalStateException notInt(int i, String value) {
        return new IllegalStateException("array of dtype " + dtype + " holds " + value + " at flat index " + i
                + ", which is not a 32-bit integer");
    }

    /**
     * The array as a float32 matrix: a 2-D array as it is, a 1-D array as one column, and a higher-rank
     * array as {@code shape[0]} rows of all remaining elements.
     * @throws IllegalStateException for a scalar (rank 0)
     */
    public Matrix toMatrix() {
        Check.state(shape.length > 0, "a scalar .npy array cannot be a matrix");
        int cols = 1;
        for (int k = 1; k < shape.length; k++) cols *= shape[k];
        return Matrix.wrap(shape[0], cols, toFloats());
    }

    /** The backing bytes of a uint8 array (not a copy). */
    byte[] sharedBytes() {
        return (byte[]) values;
    }

    /** The elements as float32, sharing the backing array when it already is float32. */
    float[] floatsMaybeShared() {
        return values instanceof float[] v ? v : toFloats();
    }

    @Override
    public String toString() {
        return "NpyArray " + dtype + " " + Arrays.toString(shape);
    }
}
