package dev.latent.linalg;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;

/**
 * General matrix multiply, {@code C = alpha * op(A) * op(B) + beta * C}, on row-major float32 arrays.
 * <p>{@code op(X)} is {@code X} or its transpose. {@code op(A)} is {@code m x k}, {@code op(B)} is
 * {@code k x n}, {@code C} is {@code m x n}; {@code lda}, {@code ldb}, {@code ldc} are the row strides
 * of the arrays as stored (so {@code lda >= k} when A is not transposed, {@code lda >= m} when it is).
 */
public final class Gemm {
    private Gemm() {}

    /** {@code C = alpha * op(A) * op(B) + beta * C}, as in BLAS sgemm with row-major storage. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float alpha, float[] a, int aOffset, int lda,
                            float[] b, int bOffset, int ldb,
                            float beta, float[] c, int cOffset, int ldc) {
        Check.atLeast("m", m, 0);
        Check.atLeast("n", n, 0);
        Check.atLeast("k", k, 0);
        checkOperand("a", a, aOffset, lda, transA ? k : m, transA ? m : k);
        checkOperand("b", b, bOffset, ldb, transB ? n : k, transB ? k : n);
        checkOperand("c", c, cOffset, ldc, m, n);
        for (int i = 0; i < m; i++) {
            int cRow = cOffset + i * ldc;
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    float bv = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    sum += av * bv;
                }
                c[cRow + j] = (float) (alpha * sum + (beta == 0 ? 0 : beta * c[cRow + j]));
            }
        }
    }

    /** {@code op(a) * op(b)} as a new matrix. */
    public static Matrix multiply(Matrix a, boolean transA, Matrix b, boolean transB) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        Check.argument(k == kb, "inner dimensions must agree, got " + m + " x " + k + " times " + kb + " x " + n);
        Matrix c = Matrix.zeros(m, n);
        gemm(transA, transB, m, n, k, 1f, a.values(), 0, a.cols(), b.values(), 0, b.cols(), 0f, c.values(), 0, n);
        return c;
    }

    /** {@code a * b} as a new matrix. */
    public static Matrix multiply(Matrix a, Matrix b) {
        return multiply(a, false, b, false);
    }

    private static void checkOperand(String name, float[] x, int offset, int ld, int rows, int cols) {
        Check.notNull(name, x);
        if (rows == 0 || cols == 0) return;
        Check.argument(ld >= cols, "ld" + name + " must be >= " + cols + ", got " + ld);
        long last = offset + (long) (rows - 1) * ld + cols;
        Check.argument(offset >= 0 && last <= x.length,
                name + " is too short: a " + rows + " x " + cols + " operand at offset " + offset
                        + " with stride " + ld + " needs " + last + " elements, got " + x.length);
    }
}
