package dev.latent.linalg;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.internal.Parallel;

/**
 * General matrix multiply, {@code C = alpha * op(A) * op(B) + beta * C}, on row-major float32 arrays.
 * <p>{@code op(X)} is {@code X} or its transpose. {@code op(A)} is {@code m x k}, {@code op(B)} is
 * {@code k x n}, {@code C} is {@code m x n}; {@code lda}, {@code ldb}, {@code ldc} are the row strides
 * of the arrays as stored (so {@code lda >= k} when A is not transposed, {@code lda >= m} when it is).
 * <p>The product is cache blocked in the Goto/BLIS manner. C is cut into a few blocks (four for the usual
 * shapes: an even number, so that two cores get equal shares), one task each, cut at multiples of the
 * vector width so the blocks are of near-equal size. A task owns its block of C over the whole inner
 * dimension and needs nothing from the other tasks, so one call costs one round trip to the pool. For
 * each slice of {@code kc} inner steps it packs its own columns of op(B) into micro-panels of {@code nr}
 * columns (kept in L2 while the slice lasts) and then walks down its rows, packing one micro-panel of
 * {@code mr} rows of op(A) at a time (kept in L1) and multiplying it by each B micro-panel. Rows of A
 * are packed once per column block (four times at most), a small cost next to the {@code 2 * cols}
 * flops each packed element feeds. The micro-kernel is an {@code 8 x 3} tile of Vector API registers (an
 * {@code 8 x 48} block of C with AVX-512) updated with fused multiply-adds, or a {@code 4 x 4} tile of
 * scalars when the Vector API is unavailable or {@code -Dlatent.vector=false} is set. Work costs
 * {@code 2mnk} flops and {@code O(kc * n)} packing memory per task, kept per thread.
 * <p>Every element of C is written by one task, which sums its products in ascending order of the
 * inner index in slices of {@code kc} steps starting at 0: the slices, the blocks and the task count
 * depend only on the shapes, so the result is bit-identical whatever the thread count (the split of C
 * into blocks does not even change the sums, only who computes them). Row or column
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

    /**
     * Tasks per call: C is cut into this many blocks of near-equal size (fewer if C is narrow), a number
     * fixed by the shapes alone and even, so that two cores get equal shares.
     */
    private static final int TASKS = 4;

    /** Packing buffers kept per calling thread, when no larger than this many floats. */
    private static final int KEEP_BUFFER_MAX = 1 << 23;
    private static final ThreadLocal<float[]> BUFFER = new ThreadLocal<>();
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[64 * 64]);

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
        int unit = kernel.panelWidth(1), mr = kernel.mr();
        int colGroups = Math.min(TASKS, Parallel.chunkCount(n, unit));
        int rowGroups = Math.min(Math.max(1, TASKS / colGroups), Parallel.chunkCount(m, mr));
        boolean parallel = (long) m * n * k >= PARALLEL_MIN_WORK;
        run(Parallel.shared(), parallel, rowGroups * colGroups, t -> {
            int g = t % colGroups, r = t / colGroups;
            int col0 = split(n, unit, colGroups, g), col1 = split(n, unit, colGroups, g + 1);
            int row0 = split(m, mr, rowGroups, r), row1 = split(m, mr, rowGroups, r + 1);
            task(kernel, transA, transB, row0, row1 - row0, col0, col1 - col0, k, alpha, a, aOffset, lda,
                    b, bOffset, ldb, beta, c, cOffset, ldc);
        });
    }

    /**
     * Start of part {@code g} of {@code parts} near-equal parts of {@code [0, size)}, cut at multiples
     * of {@code unit} (the last part ends at {@code size}).
     */
    private static int split(int size, int unit, int parts, int g) {
        int units = Parallel.chunkCount(size, unit);
        return Math.min(size, (int) ((long) units * g / parts) * unit);
    }

    /**
     * One task: the {@code rows x cols} block of C at {@code (row0, col0)}, over the whole inner dimension.
     * For each slice of {@code kc} inner steps, the task packs its own columns of op(B) into panels (kept in
     * L2 while the slice lasts), then walks down its rows {@code mr} at a time, packing that micro-panel of
     * op(A) (kept in L1) and multiplying it by each B panel into C.
     */
    private static void task(GemmKernel kernel, boolean transA, boolean transB, int row0, int rows, int col0,
                             int cols, int k, float alpha, float[] a, int aOffset, int lda,
                             float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc) {
        int mr = kernel.mr(), nr = kernel.nr(), kc = kernel.kc();
        int depthMax = Math.min(k, kc);
        int bSize = roundUp(cols, nr) * depthMax, aSize = mr * depthMax;
        float[] buffer = buffer(bSize + aSize);
        int aBase = bSize;
        float[] tile = TILE.get();
        for (int k0 = 0; k0 < k; k0 += kc) {
            int depth = Math.min(kc, k - k0);
            float betaSlice = k0 == 0 ? beta : 1f;
            kernel.packB(transB, b, bOffset, ldb, col0, cols, k0, depth, buffer, 0);
            for (int i = 0; i < rows; i += mr) {
                int tileRows = Math.min(mr, rows - i);
                kernel.packA(transA, a, aOffset, lda, row0 + i, tileRows, k0, depth, buffer, aBase);
                int cRow = cOffset + (row0 + i) * ldc + col0;
                for (int j = 0; j < cols; j += nr) {
                    int width = kernel.panelWidth(cols - j), tileCols = Math.min(nr, cols - j);
                    int bPanel = j * depth;
                    if (tileRows == mr && tileCols == width) {
                        kernel.multiplyInto(depth, buffer, aBase, buffer, bPanel, width, alpha, betaSlice,
                                c, cRow + j, ldc, tile);
                    } else {
                        kernel.multiply(depth, buffer, aBase, buffer, bPanel, width, tile);
                        kernel.update(tile, tileRows, tileCols, alpha, betaSlice, c, cRow + j, ldc);
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
