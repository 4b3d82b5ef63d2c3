package dev.latent.reduction.pca;

import dev.latent.internal.Parallel;
import dev.latent.linalg.Gemm;
import dev.latent.linalg.Svd;
import dev.latent.linalg.SymmetricEigen;

/**
 * The kernels PCA is built from: column means, centring, blocked cross products summed in double, and
 * orthonormalization of a tall basis.
 * <p>Work over rows is cut into chunks of {@link #CHUNK} rows whatever the thread count, and per-chunk
 * partials are added in chunk order, so results do not depend on the number of threads.
 */
final class Kernels {
    private Kernels() {}

    /** Rows per parallel chunk. */
    static final int CHUNK = 2048;
    /** Rows per GEMM call in {@link #cross}: each call sums at most this many products in float. */
    static final int BLOCK = 4096;
    /** Eigenvalues of a Gram matrix below this fraction of the largest are treated as zero. */
    private static final double RANK_TOLERANCE = 1e-10;

    /** The column means of the {@code n x d} row-major {@code x}, summed in double. */
    static double[] means(float[] x, int n, int d) {
        int chunks = Parallel.chunkCount(n, CHUNK);
        double[][] partial = new double[chunks][];
        Parallel.shared().forEachChunkIndex(chunks, c -> {
            int from = c * CHUNK, to = Math.min(n, from + CHUNK);
            double[] sum = new double[d];
            for (int i = from; i < to; i++) {
                int row = i * d;
                for (int j = 0; j < d; j++) sum[j] += x[row + j];
            }
            partial[c] = sum;
        });
        double[] mean = new double[d];
        for (double[] p : partial) for (int j = 0; j < d; j++) mean[j] += p[j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        return mean;
    }

    /**
     * Writes {@code x - mean} (row by row) to {@code out} as float and returns, per column, the sum of squared
     * deviations from the mean, computed in double from the unrounded differences (the second pass of a
     * two-pass variance).
     */
    static double[] center(float[] x, int n, int d, double[] mean, float[] out) {
        int chunks = Parallel.chunkCount(n, CHUNK);
        double[][] partial = new double[chunks][];
        Parallel.shared().forEachChunkIndex(chunks, c -> {
            int from = c * CHUNK, to = Math.min(n, from + CHUNK);
            double[] sq = new double[d];
            for (int i = from; i < to; i++) {
                int row = i * d;
                for (int j = 0; j < d; j++) {
                    double v = x[row + j] - mean[j];
                    out[row + j] = (float) v;
                    sq[j] += v * v;
                }
            }
            partial[c] = sq;
        });
        double[] sum = new double[d];
        for (double[] p : partial) for (int j = 0; j < d; j++) sum[j] += p[j];
        return sum;
    }

    /** Writes {@code x - mean} (row by row) to {@code out} as float. */
    static void subtract(float[] x, int n, int d, float[] mean, float[] out) {
        Parallel.shared().forEachChunk(n, CHUNK, (from, to) -> {
            for (int i = from; i < to; i++) {
                int row = i * d;
                for (int j = 0; j < d; j++) out[row + j] = x[row + j] - mean[j];
            }
        });
    }

    /**
     * The cross product {@code A^T B} ({@code da x db}, row-major) of the {@code n x da} matrix {@code a}
     * and the {@code n x db} matrix {@code b}, as a sum in double of float GEMM products over blocks of
     * {@link #BLOCK} rows. With {@code a == b} it is the Gram (scatter) matrix.
     */
    static double[] cross(float[] a, int da, float[] b, int db, int n) {
        double[] acc = new double[da * db];
        float[] block = new float[da * db];
        for (int from = 0; from < n; from += BLOCK) {
            int rows = Math.min(BLOCK, n - from);
            Gemm.gemm(true, false, da, db, rows, 1f, a, from * da, da, b, from * db, db, 0f, block, 0, db);
            for (int i = 0; i < acc.length; i++) acc[i] += block[i];
        }
        return acc;
    }

    /**
     * The scatter matrix {@code A^T A} ({@code d x d}, row-major, symmetric) of the {@code n x d} matrix
     * {@code a}, as {@link #cross cross(a, d, a, d, n)} but computing only the blocks on and above the
     * diagonal (columns cut into blocks of at most {@link #COLUMN_BLOCK}) and mirroring them, which halves
     * the work.
     */
    static double[] scatter(float[] a, int d, int n) {
        int blocks = Math.max(1, (d + COLUMN_BLOCK - 1) / COLUMN_BLOCK);
        int width = (d + blocks - 1) / blocks;
        double[] acc = new double[d * d];
        float[] block = new float[width * width];
        for (int from = 0; from < n; from += BLOCK) {
            int rows = Math.min(BLOCK, n - from);
            for (int i0 = 0; i0 < d; i0 += width) {
                int mi = Math.min(width, d - i0);
                for (int j0 = i0; j0 < d; j0 += width) {
                    int mj = Math.min(width, d - j0);
                    Gemm.gemm(true, false, mi, mj, rows, 1f, a, from * d + i0, d, a, from * d + j0, d, 0f, block, 0, mj);
                    for (int r = 0; r < mi; r++) {
                        int out = (i0 + r) * d + j0, in = r * mj;
                        for (int c = 0; c < mj; c++) acc[out + c] += block[in + c];
                    }
                }
            }
        }
        for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) acc[i * d + j] = acc[j * d + i];
        return acc;
    }

    /** Columns per block of {@link #scatter}. */
    static final int COLUMN_BLOCK = 128;

    /** An {@code n x cols} row-major matrix with orthonormal columns. */
    record Basis(float[] q, int n, int cols) {}

    /**
     * An orthonormal basis of the column space of the {@code n x l} matrix {@code y}: with the Gram matrix
     * {@code y^T y = V diag(w) V^T} (summed in double), {@code Q = y V diag(w)^(-1/2)}, keeping the columns
     * whose eigenvalue exceeds {@code 1e-10} of the largest (so a rank-deficient {@code y} gives fewer
     * columns). One pass loses orthogonality in proportion to {@code y}'s condition number; a second pass
     * on the result restores it to rounding level (as in Cholesky QR2).
     */
    static Basis orthonormalize(float[] y, int n, int l) {
        double[] gram = cross(y, l, y, l, n);
        SymmetricEigen eigen = SymmetricEigen.of(l, gram, l);
        double[] w = eigen.values();
        double[] v = eigen.vectorsDouble();
        int keep = 0;
        double floor = w.length == 0 ? 0 : Math.max(w[0], 0) * RANK_TOLERANCE;
        while (keep < l && w[keep] > floor && w[keep] > 0) keep++;
        float[] t = new float[l * keep];
        for (int c = 0; c < keep; c++) {
            double scale = 1 / Math.sqrt(w[c]);
            for (int i = 0; i < l; i++) t[i * keep + c] = (float) (v[c * l + i] * scale);
        }
        float[] q = new float[n * keep];
        if (keep > 0) Gemm.gemm(false, false, n, keep, l, 1f, y, 0, l, t, 0, keep, 0f, q, 0, keep);
        return new Basis(q, n, keep);
    }

    /**
     * Fills rows {@code [have, k)} of the {@code k x d} row-major {@code rows} (whose first {@code have} rows
     * are orthonormal) with unit vectors orthogonal to all earlier rows. Each new row is the standard basis
     * vector farthest from the span of the rows so far (the first on ties; its distance is at least
     * {@code sqrt((d - r) / d)} for {@code r} rows), orthogonalized by Gram-Schmidt twice, normalized and
     * given the sign rule of {@link #fixSign}.
     */
    static void completeBasis(double[] rows, int have, int k, int d) {
        for (int r = have; r < k; r++) {
            int best = 0;
            double bestResidual = -1;
            for (int i = 0; i < d; i++) {
                double inSpan = 0;
                for (int p = 0; p < r; p++) inSpan += rows[p * d + i] * rows[p * d + i];
                if (1 - inSpan > bestResidual) {
                    bestResidual = 1 - inSpan;
                    best = i;
                }
            }
            int off = r * d;
            java.util.Arrays.fill(rows, off, off + d, 0);
            rows[off + best] = 1;
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < r; p++) {
                    int po = p * d;
                    double dot = 0;
                    for (int j = 0; j < d; j++) dot += rows[off + j] * rows[po + j];
                    for (int j = 0; j < d; j++) rows[off + j] -= dot * rows[po + j];
                }
            }
            double norm = 0;
            for (int j = 0; j < d; j++) norm += rows[off + j] * rows[off + j];
            norm = Math.sqrt(norm);
            for (int j = 0; j < d; j++) rows[off + j] /= norm;
            fixSign(rows, off, d);
        }
    }

    /**
     * Writes the top {@code min(k, r)} right singular vectors of the {@code rows x d} row-major matrix
     * {@code a} to the rows of {@code comp} and their singular values to {@code singular}, completing
     * {@code comp} to {@code k} orthonormal rows (singular value 0) when the SVD gives fewer; returns the
     * Jacobi sweeps. Columns of {@code a} that are exactly zero (pixels that are always blank) are left out
     * of the SVD: every right singular vector of a nonzero singular value is 0 there, and a smaller problem
     * is cheaper.
     */
    static int rightSingular(int rows, int d, double[] a, int k, double[] comp, double[] singular) {
        boolean[] used = new boolean[d];
        int kept = 0;
        for (int i = 0; i < rows; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) if (a[row + j] != 0) used[j] = true;
        }
        int[] column = new int[d];
        for (int j = 0; j < d; j++) if (used[j]) column[kept++] = j;
        if (kept == 0) {
            completeBasis(comp, 0, k, d);
            return 0;
        }
        double[] packed = a;
        if (kept < d) {
            packed = new double[rows * kept];
            for (int i = 0; i < rows; i++) {
                for (int c = 0; c < kept; c++) packed[i * kept + c] = a[i * d + column[c]];
            }
        }
        Svd svd = Svd.of(rows, kept, packed);
        int r = svd.r();
        int have = Math.min(k, r);
        double[] v = svd.vDouble();   // kept x r, column c = right vector c
        double[] s = svd.values();
        java.util.Arrays.fill(comp, 0);
        for (int c = 0; c < have; c++) {
            singular[c] = s[c];
            for (int j = 0; j < kept; j++) comp[c * d + column[j]] = v[j * r + c];
        }
        completeBasis(comp, have, k, d);
        return svd.sweeps();
    }

    /** Flips {@code v[off .. off + d)} so that its entry of largest magnitude (the first on ties) is positive. */
    static void fixSign(double[] v, int off, int d) {
        int best = off;
        for (int j = off + 1; j < off + d; j++) if (Math.abs(v[j]) > Math.abs(v[best])) best = j;
        if (d > 0 && v[best] < 0) for (int j = off; j < off + d; j++) v[j] = -v[j];
    }
}
