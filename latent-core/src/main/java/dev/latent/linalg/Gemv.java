package dev.latent.linalg;

import dev.latent.internal.Check;
import dev.latent.internal.Parallel;

/**
 * Matrix-vector multiply, {@code y = alpha * op(A) * x + beta * y}, on a row-major float32 array.
 * <p>A is stored as {@code m x n} with row stride {@code lda}; {@code op(A)} is A or its transpose, so
 * x has {@code n} elements and y has {@code m} when {@code trans} is false, and the other way round
 * when it is true. {@code incx} and {@code incy} are the strides between vector elements.
 * <p>Without transpose each element of y is a dot product of a row of A with x; with transpose y is a
 * sum of rows of A scaled by the elements of x. Both cost {@code 2mn} flops. Rows (or columns) of y
 * are cut into chunks of fixed size and run on the shared {@link Parallel} pool; each element of y is
 * computed by one chunk in a fixed order, so the result does not depend on the thread count. The inner
 * loops use the Vector API when it is enabled (see {@link Gemm}). As in BLAS, y is not read when
 * {@code beta == 0}.
 */
public final class Gemv {
    private Gemv() {}

    /** Rows of A per task without transpose. */
    private static final int ROW_CHUNK = 64;
    /** Columns of A per task with transpose. */
    private static final int COL_CHUNK = 512;
    /** Below this many multiply-adds the product runs on the calling thread. */
    private static final long PARALLEL_MIN_WORK = 1L << 17;

    /**
     * {@code y = alpha * op(A) * x + beta * y}, as in BLAS sgemv with row-major storage.
     *
     * @throws IllegalArgumentException if a size is negative, a stride is below 1, an array is null,
     *     or an array is too short for its operand
     */
    public static void gemv(boolean trans, int m, int n, float alpha, float[] a, int aOffset, int lda,
                            float[] x, int xOffset, int incx, float beta, float[] y, int yOffset, int incy) {
        gemv(VectorSupport.KERNEL, trans, m, n, alpha, a, aOffset, lda, x, xOffset, incx, beta, y, yOffset, incy);
    }

    /** {@link #gemv} with a chosen kernel. */
    static void gemv(GemmKernel kernel, boolean trans, int m, int n, float alpha, float[] a, int aOffset, int lda,
                     float[] x, int xOffset, int incx, float beta, float[] y, int yOffset, int incy) {
        Check.atLeast("m", m, 0);
        Check.atLeast("n", n, 0);
        Check.atLeast("incx", incx, 1);
        Check.atLeast("incy", incy, 1);
        Gemm.checkOperand("a", a, aOffset, lda, m, n);
        int xLen = trans ? m : n, yLen = trans ? n : m;
        Gemm.checkOperand("x", x, xOffset, incx, xLen, 1);
        Gemm.checkOperand("y", y, yOffset, incy, yLen, 1);
        if (yLen == 0) return;
        if (xLen == 0 || alpha == 0) {
            for (int i = 0; i < yLen; i++) {
                int at = yOffset + i * incy;
                y[at] = beta == 0 ? 0f : beta * y[at];
            }
            return;
        }
        float[] xs = x;
        int xs0 = xOffset;
        if (incx != 1) {
            xs = new float[xLen];
            for (int i = 0; i < xLen; i++) xs[i] = x[xOffset + i * incx];
            xs0 = 0;
        }
        float[] xc = xs;
        int xc0 = xs0;
        boolean parallel = (long) m * n >= PARALLEL_MIN_WORK;
        if (!trans) {
            run(parallel, Parallel.chunkCount(m, ROW_CHUNK), t -> {
                int to = Math.min(m, (t + 1) * ROW_CHUNK);
                for (int i = t * ROW_CHUNK; i < to; i++) {
                    float dot = kernel.dot(n, a, aOffset + i * lda, xc, xc0);
                    int at = yOffset + i * incy;
                    y[at] = beta == 0 ? alpha * dot : alpha * dot + beta * y[at];
                }
            });
        } else {
            run(parallel, Parallel.chunkCount(n, COL_CHUNK), t -> {
                int from = t * COL_CHUNK, len = Math.min(COL_CHUNK, n - from);
                float[] sum = new float[len];
                for (int i = 0; i < m; i++) kernel.axpy(len, xc[xc0 + i], a, aOffset + i * lda + from, sum, 0);
                for (int j = 0; j < len; j++) {
                    int at = yOffset + (from + j) * incy;
                    y[at] = beta == 0 ? alpha * sum[j] : alpha * sum[j] + beta * y[at];
                }
            });
        }
    }

    private static void run(boolean parallel, int tasks, java.util.function.IntConsumer body) {
        if (parallel) {
            Parallel.shared().forEachChunkIndex(tasks, body);
        } else {
            for (int t = 0; t < tasks; t++) body.accept(t);
        }
    }
}
