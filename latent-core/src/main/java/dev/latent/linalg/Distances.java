package dev.latent.linalg;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.internal.Parallel;

/**
 * Squared Euclidean distances: between two vectors, and between all rows of two matrices.
 * <p>All pairs are computed with one GEMM per block of rows, from the expansion
 * {@code |x - y|^2 = |x|^2 + |y|^2 - 2 x.y}, clamped at 0. That costs {@code 2 n m d} flops at GEMM speed,
 * but the result carries a rounding error of about {@code d * 2^-24 * (|x|^2 + |y|^2)}, which is large
 * relative to the distance when x and y are close; callers that need near pairs exactly (as exact
 * k-nearest-neighbour search does) recompute them with {@link #squared}. Memory beyond the output is the
 * two norm vectors.
 */
public final class Distances {
    /** Rows of x handed to one GEMM call; fixed, so results do not depend on the thread count. */
    static final int ROW_CHUNK = 64;

    private Distances() {}

    /**
     * The squared distance between {@code x[xOff .. xOff + d)} and {@code y[yOff .. yOff + d)}, with each
     * difference taken and summed in double.
     */
    public static double squared(float[] x, int xOff, float[] y, int yOff, int d) {
        assert xOff >= 0 && xOff + d <= x.length && yOff >= 0 && yOff + d <= y.length;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < d; j += 4) {
            double t0 = (double) x[xOff + j] - y[yOff + j];
            double t1 = (double) x[xOff + j + 1] - y[yOff + j + 1];
            double t2 = (double) x[xOff + j + 2] - y[yOff + j + 2];
            double t3 = (double) x[xOff + j + 3] - y[yOff + j + 3];
            s0 += t0 * t0;
            s1 += t1 * t1;
            s2 += t2 * t2;
            s3 += t3 * t3;
        }
        for (; j < d; j++) {
            double t = (double) x[xOff + j] - y[yOff + j];
            s0 += t * t;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The squared Euclidean norm of each row of {@code x}, summed in double and stored as float. */
    public static float[] rowSquaredNorms(Matrix x) {
        Check.notNull("x", x);
        float[] out = new float[x.rows()];
        rowSquaredNorms(x.values(), x.cols(), 0, x.rows(), out);
        return out;
    }

    /**
     * Writes the squared norms of rows {@code [from, to)} of the row-major array {@code x} of {@code d}
     * columns to the same positions of {@code out}.
     */
    public static void rowSquaredNorms(float[] x, int d, int from, int to, float[] out) {
        assert 0 <= from && from <= to && x.length >= (long) to * d && out.length >= to;
        for (int i = from; i < to; i++) {
            int row = i * d;
            double s0 = 0, s1 = 0;
            int j = 0;
            for (; j + 1 < d; j += 2) {
                double a = x[row + j], b = x[row + j + 1];
                s0 += a * a;
                s1 += b * b;
            }
            if (j < d) {
                double a = x[row + j];
                s0 += a * a;
            }
            out[i] = (float) (s0 + s1);
        }
    }

    /**
     * The {@code n x m} matrix of squared distances between the rows of {@code x} ({@code n x d}) and of
     * {@code y} ({@code m x d}), by GEMM; entries are clamped at 0, and are approximate for near pairs (see
     * the class comment).
     * @throws IllegalArgumentException if the column counts differ
     */
    public static Matrix pairwiseSquared(Matrix x, Matrix y) {
        Check.notNull("x", x);
        Check.notNull("y", y);
        Check.columns("y", y, x.cols());
        int n = x.rows(), m = y.rows(), d = x.cols();
        Matrix out = Matrix.zeros(n, m);
        float[] xn = rowSquaredNorms(x), yn = x == y ? xn : rowSquaredNorms(y);
        float[] xv = x.values(), yv = y.values(), o = out.values();
        Parallel.shared().forEachChunk(n, ROW_CHUNK, (from, to) ->
                squaredBlock(xv, xn, from, to, yv, yn, 0, m, d, o, from * m, m));
        return out;
    }

    /**
     * The symmetric {@code n x n} matrix of squared distances between the rows of {@code x}, with an exact
     * zero diagonal; otherwise as {@link #pairwiseSquared(Matrix, Matrix)}.
     */
    public static Matrix pairwiseSquared(Matrix x) {
        Matrix out = pairwiseSquared(x, x);
        int n = x.rows();
        float[] o = out.values();
        for (int i = 0; i < n; i++) {
            o[i * n + i] = 0;
            for (int j = 0; j < i; j++) {
                float s = 0.5f * (o[i * n + j] + o[j * n + i]);
                o[i * n + j] = s;
                o[j * n + i] = s;
            }
        }
        return out;
    }

    /**
     * Writes the squared distances between rows {@code [xFrom, xTo)} of {@code x} and rows
     * {@code [yFrom, yTo)} of {@code y} (both row-major with {@code d} columns, with squared row norms
     * {@code xNorms} and {@code yNorms}) to {@code out}: the distance of x-row {@code xFrom + a} and y-row
     * {@code yFrom + b} goes to {@code out[outOff + a * ldOut + b]}. Values are clamped at 0.
     */
    public static void squaredBlock(float[] x, float[] xNorms, int xFrom, int xTo,
                                    float[] y, float[] yNorms, int yFrom, int yTo, int d,
                                    float[] out, int outOff, int ldOut) {
        int rows = xTo - xFrom, cols = yTo - yFrom;
        if (rows <= 0 || cols <= 0) return;
        assert xNorms.length >= xTo && yNorms.length >= yTo && ldOut >= cols;
        Gemm.gemm(false, true, rows, cols, d, -2f, x, xFrom * d, d, y, yFrom * d, d, 0f, out, outOff, ldOut);
        for (int a = 0; a < rows; a++) {
            int o = outOff + a * ldOut;
            float xa = xNorms[xFrom + a];
            for (int b = 0; b < cols; b++) {
                float v = xa + yNorms[yFrom + b] + out[o + b];
                out[o + b] = v > 0 ? v : 0;
            }
        }
    }
}
