package dev.latent.clustering.kmeans;

import dev.latent.internal.Parallel;
import dev.latent.linalg.Distances;
import dev.latent.linalg.Gemm;

/**
 * Row-chunked kernels shared by the k-means algorithms: norms, nearest centres through GEMM, direct
 * distances, weighted means and variances.
 * <p>Every kernel cuts its work into chunks of a fixed size and combines partial sums in chunk order,
 * so its result does not depend on the thread count.
 */
final class Kernels {
    /** Rows per chunk for the GEMM-based assignment (one {@code CHUNK x k} scratch block per chunk). */
    static final int CHUNK = 256;

    private Kernels() {}

    /** Squared Euclidean norm of each of the {@code n} rows of {@code x}, in parallel row chunks. */
    static float[] squaredNorms(float[] x, int n, int d) {
        float[] out = new float[n];
        Parallel.shared().forEachChunk(n, 4096, (from, to) -> Distances.rowSquaredNorms(x, d, from, to, out));
        return out;
    }

    /**
     * Rows handed to one GEMM call when computing distances to {@code k} centres: about 4M floats of
     * scratch, between 256 and 16384 rows, a multiple of {@link #CHUNK}. It depends on k alone, never on
     * the thread count. The GEMM call itself runs in parallel (bit-identically for any thread count).
     */
    static int block(int k) {
        int rows = (1 << 22) / Math.max(1, k);
        return Math.max(CHUNK, Math.min(16384, rows / CHUNK * CHUNK));
    }

    /**
     * Writes the nearest of the {@code k} centres of each row of {@code x} to {@code labels}, and its
     * squared distance (computed as {@code ||x||^2 - 2 x.c + ||c||^2} through GEMM, clamped at 0) to
     * {@code minDist}; returns the weighted sum of those distances. Ties go to the lower centre index.
     * <p>Rows go through GEMM in blocks of {@link #block(int)} rows; the nearest centres of a block are
     * then found in parallel chunks of {@link #CHUNK} rows, whose partial sums are added in chunk order.
     */
    static double assign(float[] x, float[] xNorms, int n, int d, double[] w,
                         float[] centres, int k, int[] labels, float[] minDist) {
        return assign(x, xNorms, n, d, w, centres, k, labels, minDist, null);
    }

    /**
     * Rows packed once for the distance GEMMs: one packed operand per block of {@code block} rows (as
     * {@link #block(int)} cuts them), holding about as many floats as the rows. A GEMM against {@code m}
     * centres uses it when {@code block(m) == block}, and then gives the same bits as one that packs the rows
     * itself; otherwise the rows are read unpacked.
     */
    record PackedRows(int block, Gemm.PackedB[] blocks) {
        /** The {@code n x d} rows of {@code x} packed in blocks of {@code block(k)} rows. */
        static PackedRows of(float[] x, int n, int d, int k) {
            int block = Kernels.block(k);
            Gemm.PackedB[] out = new Gemm.PackedB[Parallel.chunkCount(n, block)];
            for (int b = 0; b < out.length; b++) {
                int b0 = b * block, rows = Math.min(block, n - b0);
                out[b] = Gemm.packB(true, d, rows, x, b0 * d, d);
            }
            return new PackedRows(block, out);
        }

        /**
         * {@code dots (m x rows) = -2 * centres * x_block^T} for the block of rows starting at {@code b0}: from
         * the packed rows when {@code packed} suits {@code m}, else from {@code x}.
         */
        static void dots(PackedRows packed, float[] x, int d, int b0, int rows, float[] centres, int m, float[] dots) {
            int block = Kernels.block(m);
            if (packed != null && packed.block == block) {
                Gemm.gemm(false, m, -2f, centres, 0, d, packed.blocks[b0 / block], 0f, dots, 0, rows);
            } else {
                Gemm.gemm(false, true, m, rows, d, -2f, centres, 0, d, x, b0 * d, d, 0f, dots, 0, rows);
            }
        }
    }

    /**
     * As {@link #assign(float[], float[], int, int, double[], float[], int, int[], float[])}, reading the rows
     * from {@code packed} when it is not null and suits {@code k}: the same bits, without repacking the rows
     * on every call.
     */
    static double assign(float[] x, float[] xNorms, int n, int d, double[] w,
                         float[] centres, int k, int[] labels, float[] minDist, PackedRows packed) {
        float[] cNorms = squaredNorms(centres, k, d);
        int block = block(k);
        float[] dots = new float[Math.min(n, block) * k];
        double total = 0;
        for (int b0 = 0; b0 < n; b0 += block) {
            int rows = Math.min(block, n - b0), start = b0;
            // dots (k x rows) = -2 * centres * x_block^T: the centres on the short side suit the GEMM's tiles
            PackedRows.dots(packed, x, d, b0, rows, centres, k, dots);
            double[] partial = Parallel.shared().forChunks(rows, CHUNK, (from, to) -> {
                int width = to - from;
                float[] bestDist = new float[width];
                int[] best = new int[width];
                java.util.Arrays.fill(bestDist, Float.POSITIVE_INFINITY);
                for (int c = 0; c < k; c++) {
                    int base = c * rows + from;
                    float cn = cNorms[c];
                    for (int r = 0; r < width; r++) {
                        float dist = cn + dots[base + r];
                        if (dist < bestDist[r]) {
                            bestDist[r] = dist;
                            best[r] = c;
                        }
                    }
                }
                double sum = 0;
                for (int r = 0; r < width; r++) {
                    int i = start + from + r;
                    float dist = Math.max(0f, bestDist[r] + xNorms[i]);
                    labels[i] = best[r];
                    minDist[i] = dist;
                    sum += w[i] * dist;
                }
                return sum;
            });
            total += sum(partial);
        }
        return total;
    }

    /** The weighted sum of squared distances from each row to its labelled centre, computed directly. */
    static double inertia(float[] x, int n, int d, double[] w, float[] centres, int[] labels) {
        double[] partial = Parallel.shared().forChunks(n, 1024, (from, to) -> {
            double total = 0;
            for (int i = from; i < to; i++) total += w[i] * Distances.squared(x, i * d, centres, labels[i] * d, d);
            return total;
        });
        return sum(partial);
    }

    /** Squared distance from each row to its labelled centre, computed directly, into {@code out}. */
    static void distancesToLabelled(float[] x, int n, int d, float[] centres, int[] labels, double[] out) {
        Parallel.shared().forEachChunk(n, 1024, (from, to) -> {
            for (int i = from; i < to; i++) out[i] = Distances.squared(x, i * d, centres, labels[i] * d, d);
        });
    }

    /** Rows per partial sum in {@link #means}. */
    static final int MEANS_CHUNK = 4096;
    /** Partial sums held at once in {@link #means}: chunks are summed in waves of this many. */
    static final int MEANS_WAVE = 8;

    /**
     * Writes the weighted mean of each cluster's rows to {@code outCentres} ({@code k x d}) and each
     * cluster's total weight to {@code outWeights}; a cluster of weight 0 gets a zero row.
     * <p>Each chunk of {@link #MEANS_CHUNK} rows adds its rows, in order, into its own partial sums; the
     * partials are added together in chunk order, in waves of {@link #MEANS_WAVE} chunks so that at most
     * that many {@code k x d} partials exist at once. The result is the same whatever the thread count.
     */
    static void means(float[] x, int n, int d, double[] w, int[] labels, int k,
                      float[] outCentres, double[] outWeights) {
        int chunks = Parallel.chunkCount(n, MEANS_CHUNK);
        int wave = Math.min(MEANS_WAVE, chunks);
        double[][] partial = new double[wave][k * d];
        double[][] partialWeight = new double[wave][k];
        double[] sums = new double[k * d];
        java.util.Arrays.fill(outWeights, 0);
        for (int c0 = 0; c0 < chunks; c0 += wave) {
            int count = Math.min(wave, chunks - c0), first = c0;
            Parallel.shared().forEachChunkIndex(count, q -> {
                double[] ps = partial[q], pw = partialWeight[q];
                java.util.Arrays.fill(ps, 0);
                java.util.Arrays.fill(pw, 0);
                int from = (first + q) * MEANS_CHUNK, to = Math.min(n, from + MEANS_CHUNK);
                for (int i = from; i < to; i++) {
                    double wi = w[i];
                    if (wi == 0) continue;
                    int c = labels[i], row = i * d, base = c * d;
                    pw[c] += wi;
                    for (int j = 0; j < d; j++) ps[base + j] += wi * x[row + j];
                }
            });
            for (int q = 0; q < count; q++) {
                double[] ps = partial[q], pw = partialWeight[q];
                for (int e = 0; e < sums.length; e++) sums[e] += ps[e];
                for (int c = 0; c < k; c++) outWeights[c] += pw[c];
            }
        }
        for (int c = 0; c < k; c++) {
            double cw = outWeights[c];
            int base = c * d;
            for (int j = 0; j < d; j++) outCentres[base + j] = cw > 0 ? (float) (sums[base + j] / cw) : 0f;
        }
    }

    /**
     * The mean over columns of each column's (unweighted, population) variance. Two passes (means, then
     * squared deviations), each with one partial of {@code d} doubles per chunk of rows, added in chunk order.
     */
    static double meanVariance(float[] x, int n, int d) {
        if (n == 0 || d == 0) return 0;
        int chunks = Parallel.chunkCount(n, MEANS_CHUNK);
        double[][] partial = new double[chunks][];
        Parallel.shared().forEachChunk(n, MEANS_CHUNK, (from, to) -> {
            double[] s = new double[d];
            for (int i = from; i < to; i++) {
                int row = i * d;
                for (int j = 0; j < d; j++) s[j] += x[row + j];
            }
            partial[from / MEANS_CHUNK] = s;
        });
        double[] mean = new double[d];
        for (double[] s : partial) for (int j = 0; j < d; j++) mean[j] += s[j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        Parallel.shared().forEachChunk(n, MEANS_CHUNK, (from, to) -> {
            double[] s = new double[d];
            for (int i = from; i < to; i++) {
                int row = i * d;
                for (int j = 0; j < d; j++) {
                    double diff = x[row + j] - mean[j];
                    s[j] += diff * diff;
                }
            }
            partial[from / MEANS_CHUNK] = s;
        });
        double total = 0;
        for (int j = 0; j < d; j++) {
            double ss = 0;
            for (double[] s : partial) ss += s[j];
            total += ss / n;
        }
        return total / d;
    }

    /** The sum of {@code values} in index order. */
    static double sum(double[] values) {
        double s = 0;
        for (double v : values) s += v;
        return s;
    }
}
