package dev.latent.clustering.kmeans;

import dev.latent.internal.Parallel;
import dev.latent.linalg.Gemm;

/**
 * Row-chunked kernels shared by the k-means algorithms: norms, nearest centres through GEMM, direct
 * distances, weighted means and variances.
 * <p>Every kernel cuts its work into chunks of a fixed size and combines partial sums in chunk order,
 * or gives each task a disjoint set of outputs summed in row order, so its result does not depend on
 * the thread count.
 */
final class Kernels {
    /** Rows per chunk for the GEMM-based assignment (one {@code CHUNK x k} scratch block per chunk). */
    static final int CHUNK = 256;
    /** Columns per task for the column-parallel sums (means, variances). */
    static final int COLUMN_BLOCK = 32;

    private Kernels() {}

    /** Squared Euclidean norm of each of the {@code n} rows of {@code x}. */
    static float[] squaredNorms(float[] x, int n, int d) {
        float[] out = new float[n];
        Parallel.shared().forEachChunk(n, 4096, (from, to) -> {
            for (int i = from; i < to; i++) {
                int row = i * d;
                double s = 0;
                for (int j = 0; j < d; j++) {
                    float v = x[row + j];
                    s += v * v;
                }
                out[i] = (float) s;
            }
        });
        return out;
    }

    /** Squared Euclidean distance between {@code a[aOff..aOff+d)} and {@code b[bOff..bOff+d)}, in double. */
    static double squared(float[] a, int aOff, float[] b, int bOff, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            float diff = a[aOff + j] - b[bOff + j];
            s += diff * diff;
        }
        return s;
    }

    /**
     * Writes the nearest of the {@code k} centres of each row of {@code x} to {@code labels}, and its
     * squared distance (computed as {@code ||x||^2 - 2 x.c + ||c||^2} through GEMM, clamped at 0) to
     * {@code minDist}; returns the weighted sum of those distances. Ties go to the lower centre index.
     */
    static double assign(float[] x, float[] xNorms, int n, int d, double[] w,
                         float[] centres, int k, int[] labels, float[] minDist) {
        float[] cNorms = squaredNorms(centres, k, d);
        double[] partial = Parallel.shared().forChunks(n, CHUNK, (from, to) -> {
            int rows = to - from;
            float[] dots = new float[rows * k];
            Gemm.gemm(false, true, rows, k, d, -2f, x, from * d, d, centres, 0, d, 0f, dots, 0, k);
            double total = 0;
            for (int r = 0; r < rows; r++) {
                int i = from + r, base = r * k, best = 0;
                float bestDist = Float.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    float dist = cNorms[c] + dots[base + c];
                    if (dist < bestDist) {
                        bestDist = dist;
                        best = c;
                    }
                }
                float dist = Math.max(0f, bestDist + xNorms[i]);
                labels[i] = best;
                minDist[i] = dist;
                total += w[i] * dist;
            }
            return total;
        });
        return sum(partial);
    }

    /** The weighted sum of squared distances from each row to its labelled centre, computed directly. */
    static double inertia(float[] x, int n, int d, double[] w, float[] centres, int[] labels) {
        double[] partial = Parallel.shared().forChunks(n, 1024, (from, to) -> {
            double total = 0;
            for (int i = from; i < to; i++) total += w[i] * squared(x, i * d, centres, labels[i] * d, d);
            return total;
        });
        return sum(partial);
    }

    /** Squared distance from each row to its labelled centre, computed directly, into {@code out}. */
    static void distancesToLabelled(float[] x, int n, int d, float[] centres, int[] labels, double[] out) {
        Parallel.shared().forEachChunk(n, 1024, (from, to) -> {
            for (int i = from; i < to; i++) out[i] = squared(x, i * d, centres, labels[i] * d, d);
        });
    }

    /**
     * Writes the weighted mean of each cluster's rows to {@code outCentres} ({@code k x d}) and each
     * cluster's total weight to {@code outWeights}; a cluster of weight 0 gets a zero row.
     * <p>Parallel over blocks of columns: every sum is taken over the rows in index order, so the result
     * is the sequential one whatever the thread count.
     */
    static void means(float[] x, int n, int d, double[] w, int[] labels, int k,
                      float[] outCentres, double[] outWeights) {
        java.util.Arrays.fill(outWeights, 0);
        for (int i = 0; i < n; i++) outWeights[labels[i]] += w[i];
        int blocks = Parallel.chunkCount(d, COLUMN_BLOCK);
        Parallel.shared().forEachChunkIndex(blocks, b -> {
            int j0 = b * COLUMN_BLOCK, j1 = Math.min(d, j0 + COLUMN_BLOCK), width = j1 - j0;
            double[] sums = new double[k * width];
            for (int i = 0; i < n; i++) {
                double wi = w[i];
                if (wi == 0) continue;
                int row = i * d + j0, base = labels[i] * width;
                for (int j = 0; j < width; j++) sums[base + j] += wi * x[row + j];
            }
            for (int c = 0; c < k; c++) {
                double cw = outWeights[c];
                int out = c * d + j0, base = c * width;
                for (int j = 0; j < width; j++) outCentres[out + j] = cw > 0 ? (float) (sums[base + j] / cw) : 0f;
            }
        });
    }

    /** The mean over columns of each column's (unweighted, population) variance. */
    static double meanVariance(float[] x, int n, int d) {
        if (n == 0 || d == 0) return 0;
        int blocks = Parallel.chunkCount(d, COLUMN_BLOCK);
        double[] partial = new double[blocks];
        Parallel.shared().forEachChunkIndex(blocks, b -> {
            int j0 = b * COLUMN_BLOCK, j1 = Math.min(d, j0 + COLUMN_BLOCK), width = j1 - j0;
            double[] mean = new double[width];
            for (int i = 0; i < n; i++) {
                int row = i * d + j0;
                for (int j = 0; j < width; j++) mean[j] += x[row + j];
            }
            for (int j = 0; j < width; j++) mean[j] /= n;
            double[] ss = new double[width];
            for (int i = 0; i < n; i++) {
                int row = i * d + j0;
                for (int j = 0; j < width; j++) {
                    double diff = x[row + j] - mean[j];
                    ss[j] += diff * diff;
                }
            }
            double total = 0;
            for (int j = 0; j < width; j++) total += ss[j] / n;
            partial[b] = total;
        });
        return sum(partial) / d;
    }

    /** The sum of {@code values} in index order. */
    static double sum(double[] values) {
        double s = 0;
        for (double v : values) s += v;
        return s;
    }
}
