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

    /** Rows of C per parallel task; a multiple of {@link #mr()}. */
    int mb();

    /** Columns of C per parallel task; a multiple of {@link #nr()}. */
    int nb();

    /** {@code tile = Ap * Bp} over {@code kc} steps, for a B panel of {@code width} columns. */
    void multiply(int kc, float[] ap, int apOffset, float[] bp, int bpOffset, int width, float[] tile);

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
