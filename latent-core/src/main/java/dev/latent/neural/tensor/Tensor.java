package dev.latent.neural.tensor;

import dev.latent.internal.Check;

import java.util.Arrays;

/**
 * A float32 array with a shape, stored row-major (the last axis varies fastest).
 * <p>A tensor wraps its backing array without copying it: {@link #of} keeps the caller's array and
 * {@link #reshape} shares it, so writing through {@link #data()} changes every view. A shape of
 * length 0 is a scalar holding one value.
 */
public final class Tensor {
    private final float[] data;
    private final int[] shape;

    private Tensor(float[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    /**
     * A tensor over {@code data} (not copied) with the given shape.
     * @throws IllegalArgumentException when a dimension is negative or the shape does not hold
     *                                  exactly {@code data.length} values
     */
    public static Tensor of(float[] data, int... shape) {
        Check.notNull("data", data);
        long size = checkedSize(shape);
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " values, got an array of " + data.length);
        }
        return new Tensor(data, shape.clone());
    }

    /** A tensor of zeros with the given shape. */
    public static Tensor zeros(int... shape) {
        long size = checkedSize(shape);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " values, more than one array can");
        }
        return new Tensor(new float[(int) size], shape.clone());
    }

    /** A scalar (rank 0) holding {@code value}. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, new int[0]);
    }

    /** A tensor of the given shape filled with {@code value}. */
    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    private static long checkedSize(int[] shape) {
        Check.notNull("shape", shape);
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("dimensions must be >= 0, got " + Arrays.toString(shape));
            }
            size *= shape[i];
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds more values than one array can");
            }
        }
        return size;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of axes; 0 for a scalar. */
    public int rank() {
        return shape.length;
    }

    /**
     * The length of axis {@code axis}.
     * @throws IllegalArgumentException when {@code axis} is not in {@code [0, rank())}
     */
    public int dim(int axis) {
        Check.index("axis", axis, shape.length);
        return shape[axis];
    }

    /** The number of values. */
    public int size() {
        return data.length;
    }

    /** The backing array (not a copy). */
    public float[] data() {
        return data;
    }

    /** The one value of a tensor of size 1. */
    public float item() {
        Check.state(data.length == 1, "item() needs a tensor of one value, got shape " + Arrays.toString(shape));
        return data[0];
    }

    /**
     * The same values seen with another shape (sharing the array).
     * @throws IllegalArgumentException when the new shape holds a different number of values
     */
    public Tensor reshape(int... newShape) {
        return of(data, newShape);
    }

    /** A tensor with a copy of the values. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape);
    }

    /** Whether {@code other} has the same shape. */
    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /** Whether {@code this} has exactly the given shape. */
    public boolean hasShape(int... s) {
        return Arrays.equals(shape, s);
    }

    /** Sets every value to zero. */
    public void fillZero() {
        Arrays.fill(data, 0f);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Tensor").append(Arrays.toString(shape)).append(' ');
        int shown = Math.min(data.length, 8);
        s.append('[');
        for (int i = 0; i < shown; i++) s.append(i == 0 ? "" : ", ").append(data[i]);
        if (shown < data.length) s.append(", ...");
        return s.append(']').toString();
    }
}
