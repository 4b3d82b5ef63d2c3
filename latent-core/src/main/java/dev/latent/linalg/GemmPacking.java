package dev.latent.linalg;

/**
 * Plain-Java packing of GEMM operands into the micro-panel layout the kernels read (see {@link GemmKernel}).
 * The Vector API kernel replaces the common cases with vector code and falls back to these for edges.
 */
final class GemmPacking {
    private GemmPacking() {}

    /** Inner steps per block of a transposing copy. */
    private static final int STEP = 16;

    /**
     * Packs rows {@code [i0, i0 + rows)} and inner steps {@code [k0, k0 + kb)} of op(A) into panels of
     * {@code mr} rows: panel {@code q} at {@code out[offset + q * mr * kb]}, element {@code (p, r)} at
     * {@code p * mr + r} within it; rows past the end are zero.
     */
    static void packA(int mr, boolean transA, float[] a, int aOffset, int lda, int i0, int rows,
                              int k0, int kb, float[] out, int offset) {
        for (int q = 0; q < rows; q += mr) {
            int panel = offset + q * kb, valid = Math.min(mr, rows - q);
            if (transA) {
                // op(A)(i, p) = a[p * lda + i]: each step copies mr adjacent elements
                int src = aOffset + k0 * lda + i0 + q;
                for (int p = 0; p < kb; p++, src += lda) {
                    int dst = panel + p * mr;
                    System.arraycopy(a, src, out, dst, valid);
                    for (int r = valid; r < mr; r++) out[dst + r] = 0f;
                }
            } else {
                // op(A)(i, p) = a[i * lda + p]: read the panel's rows side by side, write contiguously
                int src = aOffset + (i0 + q) * lda + k0;
                for (int p = 0; p < kb; p++) {
                    int dst = panel + p * mr;
                    for (int r = 0; r < valid; r++) out[dst + r] = a[src + r * lda + p];
                    for (int r = valid; r < mr; r++) out[dst + r] = 0f;
                }
            }
        }
    }

    /**
     * Packs columns {@code [j0, j0 + cols)} and inner steps {@code [k0, k0 + kb)} of op(B) into panels of
     * {@code kernel.panelWidth} columns: the panel starting at column {@code s} at
     * {@code out[offset + s * kb]}, element {@code (p, j)} at {@code p * width + j}; padding is zero.
     */
    static void packB(GemmKernel kernel, boolean transB, float[] b, int bOffset, int ldb, int j0, int cols,
                              int k0, int kb, float[] out, int offset) {
        int nr = kernel.nr();
        for (int s = 0; s < cols; s += nr) {
            int valid = Math.min(nr, cols - s);
            int width = kernel.panelWidth(valid);
            int panel = offset + s * kb;
            if (transB) {
                // op(B)(p, j) = b[j * ldb + p]: transpose in blocks of STEP steps so that both the rows read
                // and the panel rows written stay in L1
                int src = bOffset + (j0 + s) * ldb + k0;
                for (int p0 = 0; p0 < kb; p0 += STEP) {
                    int p1 = Math.min(kb, p0 + STEP);
                    for (int j = 0; j < valid; j++) {
                        int from = src + j * ldb;
                        for (int p = p0; p < p1; p++) out[panel + p * width + j] = b[from + p];
                    }
                    for (int p = p0; p < p1; p++) {
                        for (int j = valid; j < width; j++) out[panel + p * width + j] = 0f;
                    }
                }
            } else {
                int src = bOffset + k0 * ldb + j0 + s;
                for (int p = 0; p < kb; p++, src += ldb) {
                    int dst = panel + p * width;
                    System.arraycopy(b, src, out, dst, valid);
                    for (int j = valid; j < width; j++) out[dst + j] = 0f;
                }
            }
        }
    }

}
