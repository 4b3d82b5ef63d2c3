package dev.latent.clustering.kmeans;

import dev.latent.internal.Parallel;
import dev.latent.linalg.Distances;

/**
 * Row-chunked kernels shared by the k-means algorithms: norms, nearest centres (through {@link CentreKernel}), direct
 * distances, weighted means and variances.
 * <p>Every kernel cuts its work into chunks of a fixed size and combines partial sums in chunk order,
 * so its result does not depend on the thread count.
 */
final class Kernels {
    /** Rows per chunk of the bounds kernels and the k-means++ potentials. */
    static final int CHUNK = 256;

    private Kernels() {}

    /** Squared Euclidean norm of each of the {@code n} rows of {@code x}, in parallel row chunks. */
    static float[] squaredNorms(float[] x, int n, int d) {
        float[] out = new float[n];
        Parallel.shared().forEachChunk(n, 4096, (from, to) -> Distances.rowSquaredNorms(x, d, from, to, out));
        return out;
    }

    /** Rows per call of the {@link CentreKernel}: small enough that they are still in cache when they are summed. */
    static final int BLOCK = 64;

    /**
     * Writes the nearest of the {@code k} centres of each row of {@code x} to {@code labels}, and its
     * squared distance (computed as {@code ||x||^2 - 2 x.c + ||c||^2} from the {@link CentreKernel}'s dot
     * products, clamped at 0) to {@code minDist}; returns the weighted sum of those distances. Ties go to the
     * lower centre index.
     * <p>Rows are taken in chunks of {@link #MEANS_CHUNK} (in parallel), and within a chunk in blocks of
     * {@link #BLOCK}; partial sums are added in chunk order.
     */
    static double assign(float[] x, float[] xNorms, int n, int d, double[] w,
                         float[] centres, int k, int[] labels, float[] minDist) {
        return assign(x, xNorms, n, d, w, centres, k, labels, minDist, null, null);
    }

    /**
     * One Lloyd step in one pass over the data: {@link #assign(float[], float[], int, int, double[], float[], int,
     * int[], float[])}, and, while each block of rows is still in cache, the weighted sums of the rows by their new
     * label. Writes each cluster's weighted mean to {@code outCentres} and its weight to {@code outWeights} exactly
     * as {@link #means} would from the labels written (the same sums in the same order, so the same bits).
     */
    static double assignAndMeans(float[] x, float[] xNorms, int n, int d, double[] w, float[] centres, int k,
                                 int[] labels, float[] minDist, float[] outCentres, double[] outWeights) {
        return assign(x, xNorms, n, d, w, centres, k, labels, minDist, outCentres, outWeights);
    }

    /** {@link #assign} or, when {@code outCentres} is not null, {@link #assignAndMeans}. */
    private static double assign(float[] x, float[] xNorms, int n, int d, double[] w, float[] centres, int k,
                                 int[] labels, float[] minDist, float[] outCentres, double[] outWeights) {
        CentreKernel kernel = CentreKernel.get();
        int panels = kernel.panels(k), width = panels * kernel.lanes();
        float[] packed = kernel.pack(centres, k, d);
        float[] cNorms = java.util.Arrays.copyOf(squaredNorms(centres, k, d), width);
        java.util.Arrays.fill(cNorms, k, width, Float.POSITIVE_INFINITY);
        boolean sum = outCentres != null;
        int chunks = Parallel.chunkCount(n, MEANS_CHUNK);
        // partial sums exist for one wave of chunks at a time: at most about 32 MB of them
        int wave = sum ? Math.max(1, Math.min(chunks, (1 << 22) / Math.max(1, k * d))) : chunks;
        float[][] partial = new float[sum ? wave : 0][];
        double[][] partialWeight = new double[sum ? wave : 0][];
        double[] objective = new double[chunks];
        double[] sums = sum ? new double[k * d] : null;
        if (sum) java.util.Arrays.fill(outWeights, 0);
        for (int c0 = 0; c0 < chunks; c0 += wave) {
            int count = Math.min(wave, chunks - c0), first = c0;
            Parallel.shared().forEachChunkIndex(count, q -> {
                int from = (first + q) * MEANS_CHUNK, to = Math.min(n, from + MEANS_CHUNK);
                float[] ps = null;
                double[] pw = null;
                if (sum) {
                    ps = partial[q] == null ? (partial[q] = new float[k * d]) : partial[q];
                    pw = partialWeight[q] == null ? (partialWeight[q] = new double[k]) : partialWeight[q];
                    java.util.Arrays.fill(ps, 0);
                    java.util.Arrays.fill(pw, 0);
                }
                float[] dots = new float[BLOCK * width];
                double total = 0;
                for (int b0 = from; b0 < to; b0 += BLOCK) {
                    int b1 = Math.min(to, b0 + BLOCK);
                    kernel.dots(x, d, b0, b1, packed, panels, dots);
                    for (int i = b0; i < b1; i++) {
                        int o = (i - b0) * width, best = kernel.nearest(dots, o, cNorms, k, panels);
                        float bestDist = cNorms[best] - 2f * dots[o + best];
                        float dist = Math.max(0f, bestDist + xNorms[i]);
                        labels[i] = best;
                        minDist[i] = dist;
                        total += w[i] * dist;
                    }
                    if (sum) addRows(x, d, w, labels, b0, b1, ps, pw);
                }
                objective[first + q] = total;
            });
            for (int q = 0; sum && q < count; q++) {
                float[] ps = partial[q];
                double[] pw = partialWeight[q];
                for (int e = 0; e < sums.length; e++) sums[e] += ps[e];
                for (int c = 0; c < k; c++) outWeights[c] += pw[c];
            }
        }
        if (sum) divide(sums, outWeights, k, d, outCentres);
        return sum(objective);
    }

    /**
     * Adds {@code w[i] * x_i} (in float) to {@code ps}' row {@code labels[i]} and {@code w[i]} to {@code pw}, for i in
     * [from, to) in order.
     */
    private static void addRows(float[] x, int d, double[] w, int[] labels, int from, int to, float[] ps, double[] pw) {
        CentreKernel kernel = CentreKernel.get();
        for (int i = from; i < to; i++) {
            double wi = w[i];
            if (wi == 0) continue;
            int c = labels[i];
            pw[c] += wi;
            kernel.addScaled(x, i * d, (float) wi, ps, c * d, d);
        }
    }

    /** {@code out = sums / weights} row by row, as floats; a row of weight 0 becomes zeros. */
    private static void divide(double[] sums, double[] weights, int k, int d, float[] out) {
        for (int c = 0; c < k; c++) {
            double cw = weights[c];
            int base = c * d;
            for (int j = 0; j < d; j++) out[base + j] = cw > 0 ? (float) (sums[base + j] / cw) : 0f;
        }
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
     * <p>Each chunk of {@link #MEANS_CHUNK} rows adds its weighted rows, in order, into its own partial sums in
     * float (half the cache footprint of doubles; a chunk adds at most 4096 rows); the partials are added together
     * in double, in chunk order, in waves of {@link #MEANS_WAVE} chunks so that at most
     * that many {@code k x d} partials exist at once. The result is the same whatever the thread count.
     */
    static void means(float[] x, int n, int d, double[] w, int[] labels, int k,
                      float[] outCentres, double[] outWeights) {
        int chunks = Parallel.chunkCount(n, MEANS_CHUNK);
        int wave = Math.min(MEANS_WAVE, chunks);
        float[][] partial = new float[wave][k * d];
        double[][] partialWeight = new double[wave][k];
        double[] sums = new double[k * d];
        java.util.Arrays.fill(outWeights, 0);
        for (int c0 = 0; c0 < chunks; c0 += wave) {
            int count = Math.min(wave, chunks - c0), first = c0;
            Parallel.shared().forEachChunkIndex(count, q -> {
                float[] ps = partial[q];
                double[] pw = partialWeight[q];
                java.util.Arrays.fill(ps, 0);
                java.util.Arrays.fill(pw, 0);
                int from = (first + q) * MEANS_CHUNK, to = Math.min(n, from + MEANS_CHUNK);
                addRows(x, d, w, labels, from, to, ps, pw);
            });
            for (int q = 0; q < count; q++) {
                float[] ps = partial[q];
                double[] pw = partialWeight[q];
                for (int e = 0; e < sums.length; e++) sums[e] += ps[e];
                for (int c = 0; c < k; c++) outWeights[c] += pw[c];
            }
        }
        divide(sums, outWeights, k, d, outCentres);
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
