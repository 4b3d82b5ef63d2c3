package dev.latent.metrics;

import dev.latent.data.Matrix;

/**
 * The Davies-Bouldin index of a clustering: the mean, over clusters, of the worst ratio of within-cluster
 * scatter to between-centroid separation. Lower is better; 0 is the minimum.
 * <p>With {@code s_c} the mean Euclidean distance of cluster {@code c}'s rows to its centroid and
 * {@code d_ab} the distance between centroids, {@code DB = (1/k) sum_a max_{b != a} (s_a + s_b) / d_ab}.
 * This is the definition of scikit-learn's {@code davies_bouldin_score}, including its edge cases: the index is
 * 0 when every {@code s_c} is 0 or every centroid coincides (within 1e-8), and a pair of coinciding centroids
 * contributes nothing to the maximum. Cost: O(n d + k^2 d) time, O(k d) memory, in doubles.
 * <p>Reference: D. L. Davies and D. W. Bouldin, "A Cluster Separation Measure", IEEE Transactions on Pattern
 * Analysis and Machine Intelligence PAMI-1(2), 224-227, 1979.
 */
public final class DaviesBouldin {
    private static final double ZERO = 1e-8;

    private DaviesBouldin() {}

    /**
     * The Davies-Bouldin index of the clustering {@code labels} of the rows of {@code x}.
     * @throws IllegalArgumentException if {@code labels} does not have one entry per row, names fewer than 2 or
     *                                  more than {@code n - 1} clusters, or {@code x} holds NaN or infinity
     */
    public static double score(Matrix x, int[] labels) {
        Labels encoded = Labels.forClustering(x, labels);
        int d = x.cols(), k = encoded.count();
        float[] v = x.values();
        double[] means = ClusterMeans.of(v, d, encoded);
        double[] scatter = new double[k];
        int[] codes = encoded.codes();
        for (int i = 0; i < codes.length; i++) {
            int row = i * d, m = codes[i] * d;
            double s = 0;
            for (int j = 0; j < d; j++) {
                double diff = v[row + j] - means[m + j];
                s += diff * diff;
            }
            scatter[codes[i]] += Math.sqrt(s);
        }
        boolean allTight = true;
        for (int c = 0; c < k; c++) {
            scatter[c] /= encoded.sizes()[c];
            allTight &= Math.abs(scatter[c]) <= ZERO;
        }
        double[] separation = new double[k * k];
        boolean allCoincide = true;
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double diff = means[a * d + j] - means[b * d + j];
                    s += diff * diff;
                }
                double dist = Math.sqrt(s);
                separation[a * k + b] = dist;
                separation[b * k + a] = dist;
                allCoincide &= dist <= ZERO;
            }
        }
        if (allTight || allCoincide) return 0.0;
        double total = 0;
        for (int a = 0; a < k; a++) {
            double worst = 0;
            for (int b = 0; b < k; b++) {
                double dist = separation[a * k + b];
                if (b != a && dist != 0) worst = Math.max(worst, (scatter[a] + scatter[b]) / dist);
            }
            total += worst;
        }
        return total / k;
    }
}
