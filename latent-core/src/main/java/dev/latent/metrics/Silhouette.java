package dev.latent.metrics;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.internal.Parallel;

/**
 * The silhouette coefficient of a clustering, with Euclidean distances: how much closer each sample is to its
 * own cluster than to the nearest other one.
 * <p>For sample {@code i} in cluster {@code A}, {@code a(i)} is its mean distance to the other members of
 * {@code A}, {@code b(i)} the smallest mean distance to the members of another cluster, and
 * {@code s(i) = (b(i) - a(i)) / max(a(i), b(i))}, in [-1, 1]. As in scikit-learn's {@code silhouette_samples},
 * a sample alone in its cluster gets 0, and so does a sample with {@code a(i) = b(i) = 0}. The score is the mean
 * of {@code s(i)} over the samples.
 * <p>{@link #score} and {@link #samples} are exact: every pair of rows is visited once per query row, which costs
 * O(n^2 d) time. Distances are never stored: rows are processed in blocks of at most 128, whose distances to
 * tiles of data rows come from {@link dev.latent.linalg.Gemm} (as {@code |q|^2 + |x|^2 - 2 q.x} on centred rows,
 * in float32) and are summed per cluster in doubles, so the memory beyond the input is O(n) plus
 * O(block x (d + k)) per worker. Blocks are fixed-size chunks of {@link Parallel}, so the result does not depend
 * on the thread count.
 * <p>{@link #sampled} estimates the mean from a seeded sample of {@code m} rows, each scored exactly against all
 * {@code n} rows, in O(m n d) time: an unbiased estimate of the exact mean, whose error shrinks like
 * {@code 1/sqrt(m)}. This differs from scikit-learn's {@code silhouette_score(sample_size=m)}, which keeps
 * only the sampled rows and scores them against each other (O(m^2 d)), which also changes the clusters the
 * sampled rows are compared with.
 * <p>Reference: P. J. Rousseeuw, "Silhouettes: a graphical aid to the interpretation and validation of
 * cluster analysis", Journal of Computational and Applied Mathematics 20, 53-65, 1987.
 */
public final class Silhouette {
    private Silhouette() {}

    /**
     * The mean silhouette coefficient of all rows of {@code x} under the clustering {@code labels}.
     * @throws IllegalArgumentException if {@code labels} does not have one entry per row, names fewer than 2 or
     *                                  more than {@code n - 1} clusters, or {@code x} holds NaN or infinity
     */
    public static double score(Matrix x, int[] labels) {
        Labels encoded = Labels.forClustering(x, labels);
        int n = x.rows();
        return mean(run(x, encoded, identity(n), new double[n]), n);
    }

    /**
     * The silhouette coefficient of every row of {@code x}, in row order.
     * @throws IllegalArgumentException as {@link #score}
     */
    public static double[] samples(Matrix x, int[] labels) {
        Labels encoded = Labels.forClustering(x, labels);
        double[] out = new double[x.rows()];
        run(x, encoded, identity(x.rows()), out);
        return out;
    }

    /**
     * The mean silhouette coefficient of {@code sampleSize} rows drawn with {@code seed}, each scored against all
     * rows; exact when {@code sampleSize >= n} (the same value as {@link #score}).
     * @throws IllegalArgumentException as {@link #score}, or if {@code sampleSize < 1}
     */
    public static double sampled(Matrix x, int[] labels, int sampleSize, long seed) {
        Check.atLeast("sampleSize", sampleSize, 1);
        Labels encoded = Labels.forClustering(x, labels);
        int[] rows = Sampling.distinct(x.rows(), sampleSize, seed);
        return mean(run(x, encoded, rows, new double[rows.length]), rows.length);
    }

    private static int[] identity(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        return rows;
    }

    private static double mean(double[] partials, int count) {
        double sum = 0;
        for (double p : partials) sum += p;
        return sum / count;
    }

    /** Writes the silhouette of each row {@code rows[r]} to {@code out[r]}; returns per-chunk partial sums. */
    private static double[] run(Matrix x, Labels labels, int[] rows, double[] out) {
        DistanceTiles tiles = new DistanceTiles(x);
        int k = labels.count();
        int block = tiles.maxTileRows(Math.max(1, (1 << 21) / k));
        return Parallel.shared().forChunks(rows.length, block, (from, to) -> {
            DistanceTiles.Workspace w = tiles.workspace(to - from);
            double[] sums = new double[(to - from) * k];
            tiles.loadQueries(w, rows, from, to);
            blockSums(tiles, w, labels.codes(), k, sums);
            double partial = 0;
            for (int r = 0; r < to - from; r++) {
                double s = coefficient(sums, r * k, labels.codes()[rows[from + r]], labels.sizes(), k);
                out[from + r] = s;
                partial += s;
            }
            return partial;
        });
    }

    /** Adds, for each loaded query {@code r}, its distance to every data row to {@code sums[r * k + cluster]}. */
    private static void blockSums(DistanceTiles tiles, DistanceTiles.Workspace w, int[] codes, int k, double[] sums) {
        int n = tiles.n(), stride = tiles.tileColumns();
        for (int j0 = 0; j0 < n; j0 += stride) {
            int cols = Math.min(stride, n - j0);
            tiles.compute(w, j0, cols);
            float[] d2 = w.out;
            for (int r = 0; r < w.count; r++) {
                int o = r * stride, s = r * k;
                for (int c = 0; c < cols; c++) sums[s + codes[j0 + c]] += Math.sqrt(d2[o + c]);
            }
        }
    }

    /** The silhouette of a sample in cluster {@code own} whose distance sums per cluster start at {@code sums[s]}. */
    private static double coefficient(double[] sums, int s, int own, int[] sizes, int k) {
        if (sizes[own] == 1) return 0.0;
        double a = sums[s + own] / (sizes[own] - 1);
        double b = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            if (c != own) b = Math.min(b, sums[s + c] / sizes[c]);
        }
        double max = Math.max(a, b);
        return max == 0 ? 0.0 : (b - a) / max;
    }
}
