package dev.latent.linalg;

/**
 * The register-blocked inner kernels behind {@link Gemm} and {@link Gemv}: one implementation on the
 * Vector API ({@code VectorGemmKernel}) and one in plain Java ({@link ScalarGemmKernel}).
 * <p>A GEMM micro-kernel multiplies a packed micro-panel of A ({@code kc x mr()}, element
 * {@code (p, r)} at {@code p * mr() + r}) by a packed micro-panel of B ({@code kc x width}, element
 * {@code (p, j)} at {@code p * width + j}) into a scratch tile of {@code mr() x nr()} floats, summing
 * over {@code p} in ascending order. {@link #update} then folds the tile into C. The blocking sizes
 * are properties of the kernel, so the packed layout and the order of every sum depend only on the
 * kernel and the matrix shapes, never on the thread count.
 */
interface GemmKernel {
    /** Rows of C per micro-tile. */
    int mr();

    /** Columns of C per micro-tile (the widest packed B panel). */
    int nr();

    /** Width of the packed B panel holding the last {@code remaining} columns ({@code <= nr()}). */
    int panelWidth(int remaining);

    /** Depth of one packed slice: the register sum runs over at most this many products. */
    int kc();

    /**
     * Packs rows {@code [i0, i0 + rows)} and inner steps {@code [k0, k0 + kb)} of op(A) into panels of
     * {@link #mr()} rows: panel {@code q} at {@code out[offset + q * kb]}, element {@code (p, r)} at
     * {@code p * mr() + r} within it; rows past the end are zero.
     */
    default void packA(boolean transA, float[] a, int aOffset, int lda, int i0, int rows, int k0, int kb,
                       float[] out, int offset) {
        GemmPacking.packA(mr(), transA, a, aOffset, lda, i0, rows, k0, kb, out, offset);
    }

    /**
     * Packs columns {@code [j0, j0 + cols)} and inner steps {@code [k0, k0 + kb)} of op(B) into panels of
     * {@link #panelWidth} columns: the panel starting at column {@code s} at {@code out[offset + s * kb]},
     * element {@code (p, j)} at {@code p * width + j}; padding is zero.
     */
    default void packB(boolean transB, float[] b, int bOffset, int ldb, int j0, int cols, int k0, int kb,
                       float[] out, int offset) {
        GemmPacking.packB(this, transB, b, bOffset, ldb, j0, cols, k0, kb, out, offset);
    }

    /** {@code tile = Ap * Bp} over {@code kc} steps, for a B panel of {@code width} columns. */
    void multiply(int kc, float[] ap, int apOffset, float[] bp, int bpOffset, int width, float[] tile);

    /**
     * {@code C = alpha * Ap * Bp + beta * C} on a whole {@code mr() x width} tile of C (the same sums as
     * {@link #multiply} then {@link #update}); {@code tile} is scratch.
     */
    default void multiplyInto(int kc, float[] ap, int apOffset, float[] bp, int bpOffset, int width,
                              float alpha, float beta, float[] c, int cOffset, int ldc, float[] tile) {
        multiply(kc, ap, apOffset, bp, bpOffset, width, tile);
        update(tile, mr(), width, alpha, beta, c, cOffset, ldc);
    }

    /**
     * {@code C = alpha * tile + beta * C} on the top-left {@code rows x cols} of the tile; C is not read
     * when {@code beta == 0}, so NaN in it is ignored.
     */
    void update(float[] tile, int rows, int cols, float alpha, float beta, float[] c, int cOffset, int ldc);

    /** {@code sum x[i] * y[i]} over {@code len} elements, in an order fixed by {@code len} alone. */
    float dot(int len, float[] x, int xOffset, float[] y, int yOffset);

    /** {@code y += alpha * x} over {@code len} elements. */
    void axpy(int len, float alpha, float[] x, int xOffset, float[] y, int yOffset);
}
