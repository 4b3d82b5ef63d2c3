package dev.latent.data;

import dev.latent.internal.Check;

import java.util.Arrays;

/**
 * A dense row-major float32 matrix: element (i, j) is at {@code values()[i * cols + j]}.
 * <p>{@link #values()} exposes the backing array so that kernels can work on it without a copy;
 * code that hands a matrix to a user copies it ({@link #copy()}).
 */
public final class Matrix {
    private final int rows;
    private final int cols;
    private final float[] values;

    private Matrix(int rows, int cols, float[] values) {
        this.rows = rows;
        this.cols = cols;
        this.values = values;
    }

    /** A {@code rows x cols} matrix holding a copy of {@code values}, given row by row. */
    public static Matrix of(int rows, int cols, float... values) {
        checkShape(rows, cols, values);
        return new Matrix(rows, cols, values.clone());
    }

    /** A {@code rows x cols} matrix of zeros. */
    public static Matrix zeros(int rows, int cols) {
        Check.atLeast("rows", rows, 0);
        Check.atLeast("cols", cols, 0);
        long size = (long) rows * cols;
        Check.argument(size <= Integer.MAX_VALUE - 8,
                "a matrix must have fewer than 2^31 elements, got " + rows + " x " + cols);
        return new Matrix(rows, cols, new float[(int) size]);
    }

    /** A matrix backed by {@code values} itself (no copy); later writes to either are seen by both. */
    public static Matrix wrap(int rows, int cols, float[] values) {
        checkShape(rows, cols, values);
        return new Matrix(rows, cols, values);
    }

    /** A matrix from rows of equal length. */
    public static Matrix ofRows(float[]... rows) {
        int d = rows.length == 0 ? 0 : rows[0].length;
        float[] v = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            Check.argument(rows[i].length == d,
                    "rows must all have " + d + " values, got " + rows[i].length + " at row " + i);
            System.arraycopy(rows[i], 0, v, i * d, d);
        }
        return new Matrix(rows.length, d, v);
    }

    private static void checkShape(int rows, int cols, float[] values) {
        Check.atLeast("rows", rows, 0);
        Check.atLeast("cols", cols, 0);
        Check.notNull("values", values);
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException("values must have rows * cols = " + ((long) rows * cols)
                    + " elements, got " + values.length);
        }
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The backing array, row-major; not a copy. */
    public float[] values() {
        return values;
    }

    public float get(int i, int j) {
        return values[i * cols + j];
    }

    public void set(int i, int j, float value) {
        values[i * cols + j] = value;
    }

    /** A copy of row {@code i}. */
    public float[] row(int i) {
        Check.index("i", i, rows);
        return Arrays.copyOfRange(values, i * cols, (i + 1) * cols);
    }

    /** A deep copy. */
    public Matrix copy() {
        return new Matrix(rows, cols, values.clone());
    }

    /** The transpose, as a new matrix. */
    public Matrix transpose() {
        float[] t = new float[values.length];
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            for (int j = 0; j < cols; j++) t[j * rows + i] = values[row + j];
        }
        return new Matrix(cols, rows, t);
    }

    /** Rows {@code [from, to)} as a new matrix. */
    public Matrix rows(int from, int to) {
        Check.argument(0 <= from && from <= to && to <= rows,
                "row range must lie in [0, " + rows + "], got [" + from + ", " + to + ")");
        return new Matrix(to - from, cols, Arrays.copyOfRange(values, from * cols, to * cols));
    }

    /** The given rows, in the given order, as a new matrix. */
    public Matrix rows(int[] indices) {
        float[] v = new float[indices.length * cols];
        for (int r = 0; r < indices.length; r++) {
            Check.index("row index", indices[r], rows);
            System.arraycopy(values, indices[r] * cols, v, r * cols, cols);
        }
        return new Matrix(indices.length, cols, v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Matrix " + rows + " x " + cols;
    }
}
