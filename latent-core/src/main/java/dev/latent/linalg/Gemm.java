package dev.latent.linalg;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.internal.Parallel;

/**
 * General matrix multiply, {@code C = alpha * op(A) * op(B) + beta * C}, on row-major float32 arrays.
 * <p>{@code op(X)} is {@code X} or its transpose. {@code op(A)} is {@code m x k}, {@code op(B)} is
 * {@code k x n}, {@code C} is {@code m x n}; {@code lda}, {@code ldb}, {@code ldc} are the row strides
 * of the arrays as stored (so {@code lda >= k} when A is not transposed, {@code lda >= m} when it is).
 * <p>The product is cache blocked in the Goto/BLIS manner. For each block of up to 1024 steps of the
 * inner dimension, op(A) is packed into micro-panels of {@code mr} rows and op(B) into micro-panels of
 * {@code nr} columns (zero padded at the edges), so that a register-blocked micro-kernel streams both
 * from contiguous memory: a micro-panel of A stays in L1 while the micro-panels of B that it meets come
 * from L2. The micro-kernel is an {@code 8 x 3} tile of Vector API registers (an {@code 8 x 48} block of
 * C with AVX-512) updated with fused multiply-adds, or a {@code 4 x 4} tile of scalars when the Vector
 * API is unavailable or {@code -Dlatent.vector=false} is set. Work costs {@code 2mnk} flops and
 * {@code O(mk + kn)} packing memory per call (at most about 4M floats, kept per calling thread).
 * <p>The tiles of C are cut into tasks of fixed size and run on the shared {@link Parallel} pool. Each
 * element of C is written by one task, which sums its products in ascending order of the inner index in
 * slices of fixed depth, so the result is bit-identical whatever the thread count. Row or column
 * vectors ({@code m == 1} or {@code n == 1}) go to {@link Gemv}, and products of at most 4096
 * multiply-adds are computed directly, one dot product per element, without packing; the choice of
 * path depends only on the shapes.
 * <p>As in BLAS, C is not read when {@code beta == 0} (so NaN or infinity in it is ignored), and
 * A and B are not read when {@code alpha == 0} or {@code k == 0}.
 * <p>Reference: K. Goto and R. van de Geijn, "Anatomy of High-Performance Matrix Multiplication",
 * ACM TOMS 34(3), 2008; F. Van Zee and R. van de Geijn, "BLIS: A Framework for Rapidly Instantiating
 * BLAS Functionality", ACM TOMS 41(3), 2015.
 */
public final class Gemm {
    private Gemm() {}

    /** Up to this many multiply-adds the product is computed directly, without packing. */
    private static final long SMALL_WORK = 4096;

    /** Below this many multiply-adds the whole product runs on the calling thread. */
    private static final long PARALLEL_MIN_WORK = 1L << 18;

    /** Outer blocks, in units of the kernel's task blocks: bound the packing buffers. */
    private static final int KO_SLICES = 4;
    private static final int MO_TASKS = 16;
    private static final int NO_TASKS = 16;

    /** Packing buffers kept per calling thread, when no larger than this many floats. */
    private static final int KEEP_BUFFER_MAX = 1 << 23;
    private static final ThreadLocal<float[]> BUFFER = new ThreadLocal<>();

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C}, as in BLAS sgemm with row-major storage.
     *
     * @throws IllegalArgumentException if a size is negative, an array is null, a leading dimension is
     *     too small, or an array is too short for its operand
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float alpha, float[] a, int aOffset, int lda,
                            float[] b, int bOffset, int ldb,
                            float beta, float[] c, int cOffset, int ldc) {
        gemm(VectorSupport.KERNEL, transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                beta, c, cOffset, ldc);
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

    /** {@link #gemm} with a chosen kernel (tests compare the kernels through this). */
    static void gemm(GemmKernel kernel, boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOffset, int lda,
                     float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc) {
        Check.atLeast("m", m, 0);
        Check.atLeast("n", n, 0);
        Check.atLeast("k", k, 0);
        checkOperand("a", a, aOffset, lda, transA ? k : m, transA ? m : k);
        checkOperand("b", b, bOffset, ldb, transB ? n : k, transB ? k : n);
        checkOperand("c", c, cOffset, ldc, m, n);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0) {
            scale(m, n, beta, c, cOffset, ldc);
        } else if (n == 1) {
            // C's one column = alpha * op(A) * (column of op(B)) + beta * C
            Gemv.gemv(kernel, transA, transA ? k : m, transA ? m : k, alpha, a, aOffset, lda,
                    b, bOffset, transB ? 1 : ldb, beta, c, cOffset, ldc);
        } else if (m == 1) {
            // C's one row = alpha * op(B)^T * (row of op(A)) + beta * C
            Gemv.gemv(kernel, !transB, transB ? n : k, transB ? k : n, alpha, b, bOffset, ldb,
                    a, aOffset, transA ? lda : 1, beta, c, cOffset, 1);
        } else if ((long) m * n * k <= SMALL_WORK) {
            small(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        } else {
            blocked(kernel, transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        }
    }

    private static void scale(int m, int n, float beta, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            if (beta == 0) {
                java.util.Arrays.fill(c, row, row + n, 0f);
            } else if (beta != 1) {
                for (int j = 0; j < n; j++) c[row + j] *= beta;
            }
        }
    }

    /** The small-matrix path: one dot product per element of C, summed in ascending order of the inner index. */
    private static void small(boolean transA, boolean transB, int m, int n, int k,
                              float alpha, float[] a, int aOffset, int lda,
                              float[] b, int bOffset, int ldb,
                              float beta, float[] c, int cOffset, int ldc) {
        int aStep = transA ? lda : 1, aRow = transA ? 1 : lda;
        int bStep = transB ? 1 : ldb, bCol = transB ? ldb : 1;
        for (int i = 0; i < m; i++) {
            int cRow = cOffset + i * ldc, ai = aOffset + i * aRow;
            for (int j = 0; j < n; j++) {
                float sum = 0;
                for (int p = 0, ap = ai, bp = bOffset + j * bCol; p < k; p++, ap += aStep, bp += bStep) {
                    sum += a[ap] * b[bp];
                }
                c[cRow + j] = beta == 0 ? alpha * sum : alpha * sum + beta * c[cRow + j];
            }
        }
    }

    private static void blocked(GemmKernel kernel, boolean transA, boolean transB, int m, int n, int k,
                                float alpha, float[] a, int aOffset, int lda,
                                float[] b, int bOffset, int ldb,
                                float beta, float[] c, int cOffset, int ldc) {
        int mr = kernel.mr(), nr = kernel.nr(), mb = kernel.mb(), nb = kernel.nb(), kc = kernel.kc();
        int ko = KO_SLICES * kc, mo = MO_TASKS * mb, no = NO_TASKS * nb;
        int kMax = Math.min(k, ko), mMax = Math.min(roundUp(m, mr), mo), nMax = Math.min(roundUp(n, nr), no);
        int aSize = mMax * kMax;
        float[] buffer = buffer(aSize + nMax * kMax);
        boolean parallel = (long) m * n * k >= PARALLEL_MIN_WORK;
        Parallel pool = Parallel.shared();
        for (int k0 = 0; k0 < k; k0 += ko) {
            int kb = Math.min(ko, k - k0);
            for (int j0 = 0; j0 < n; j0 += no) {
                int nBlock = Math.min(no, n - j0);
                int bTasks = Parallel.chunkCount(nBlock, nb);
                for (int i0 = 0; i0 < m; i0 += mo) {
                    int mBlock = Math.min(mo, m - i0);
                    int aTasks = Parallel.chunkCount(mBlock, mb);
                    int packB = i0 == 0 ? bTasks : 0;
                    int pk0 = k0, pj0 = j0, pi0 = i0;
                    run(pool, parallel, aTasks + packB, t -> {
                        if (t < aTasks) {
                            int from = t * mb;
                            kernel.packA(transA, a, aOffset, lda, pi0 + from, Math.min(mb, mBlock - from), pk0, kb,
                                    buffer, from * kb);
                        } else {
                            int from = (t - aTasks) * nb;
                            kernel.packB(transB, b, bOffset, ldb, pj0 + from, Math.min(nb, nBlock - from), pk0, kb,
                                    buffer, aSize + from * kb);
                        }
                    });
                    float betaBlock = k0 == 0 ? beta : 1f;
                    run(pool, parallel, aTasks * bTasks, t -> {
                        int rowFrom = (t / bTasks) * mb, colFrom = (t % bTasks) * nb;
                        tile(kernel, kb, buffer, rowFrom, Math.min(mb, mBlock - rowFrom),
                                aSize, colFrom, Math.min(nb, nBlock - colFrom), nBlock,
                                alpha, betaBlock, c, cOffset + (pi0 + rowFrom) * ldc + pj0 + colFrom, ldc);
                    });
                }
            }
        }
    }

    /** Computes one task's {@code rows x cols} block of C from the packed panels. */
    private static void tile(GemmKernel kernel, int kb, float[] buffer, int rowFrom, int rows,
                             int bBase, int colFrom, int cols, int nBlock,
                             float alpha, float beta, float[] c, int cOffset, int ldc) {
        int mr = kernel.mr(), nr = kernel.nr(), kc = kernel.kc();
        float[] scratch = new float[mr * nr];
        for (int p0 = 0; p0 < kb; p0 += kc) {
            int depth = Math.min(kc, kb - p0);
            float betaSlice = p0 == 0 ? beta : 1f;
            for (int i = 0; i < rows; i += mr) {
                int aPanel = (rowFrom + i) * kb + p0 * mr;
                int tileRows = Math.min(mr, rows - i);
                for (int j = 0; j < cols; j += nr) {
                    int width = kernel.panelWidth(nBlock - colFrom - j);
                    int bPanel = bBase + (colFrom + j) * kb + p0 * width;
                    int tileCols = Math.min(nr, cols - j);
                    if (tileRows == mr && tileCols == width) {
                        kernel.multiplyInto(depth, buffer, aPanel, buffer, bPanel, width, alpha, betaSlice,
                                c, cOffset + i * ldc + j, ldc, scratch);
                    } else {
                        kernel.multiply(depth, buffer, aPanel, buffer, bPanel, width, scratch);
                        kernel.update(scratch, tileRows, tileCols, alpha, betaSlice, c, cOffset + i * ldc + j, ldc);
                    }
                }
            }
        }
    }

    private static void run(Parallel pool, boolean parallel, int tasks, java.util.function.IntConsumer body) {
        if (parallel) {
            pool.forEachChunkIndex(tasks, body);
        } else {
            for (int t = 0; t < tasks; t++) body.accept(t);
        }
    }

    private static float[] buffer(int size) {
        float[] kept = BUFFER.get();
        if (kept != null && kept.length >= size) return kept;
        float[] fresh = new float[size];
        if (size <= KEEP_BUFFER_MAX) BUFFER.set(fresh);
        return fresh;
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    static void checkOperand(String name, float[] x, int offset, int ld, int rows, int cols) {
        Check.notNull(name, x);
        if (rows == 0 || cols == 0) return;
        Check.argument(ld >= cols, "ld" + name + " must be >= " + cols + ", got " + ld);
        long last = offset + (long) (rows - 1) * ld + cols;
        Check.argument(offset >= 0 && last <= x.length,
                name + " is too short: a " + rows + " x " + cols + " operand at offset " + offset
                        + " with stride " + ld + " needs " + last + " elements, got " + x.length);
    }
}
