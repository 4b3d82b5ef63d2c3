package dev.latent.metrics;

import dev.latent.data.Matrix;

/**
 * The Calinski-Harabasz index (variance ratio criterion) of a clustering: between-cluster dispersion over
 * within-cluster dispersion, each divided by its degrees of freedom. Higher is better.
 * <p>With {@code mu} the overall mean, {@code mu_c} and {@code n_c} the mean and size of cluster {@code c},
 * {@code B = sum_c n_c |mu_c - mu|^2} and {@code W = sum_i |x_i - mu_{c(i)}|^2},
 * {@code CH = (B / (k - 1)) / (W / (n - k))}. As in scikit-learn's {@code calinski_harabasz_score}, the index is 1
 * when {@code W = 0}. Cost: O(n d) time, O(k d) memory, in doubles.
 * <p>Reference: T. Caliński and J. Harabasz, "A dendrite method for cluster analysis", Communications in
 * Statistics 3(1), 1-27, 1974.
 */
public final class CalinskiHarabasz {
    private CalinskiHarabasz() {}

    /**
     * The Calinski-Harabasz index of the clustering {@code labels} of the rows of {@code x}.
     * @throws IllegalArgumentException if {@code labels} does not have one entry per row, names fewer than 2 or
     *                                  more than {@code n - 1} clusters, or {@code x} holds NaN or infinity
     */
    public static double score(Matrix x, int[] labels) {
        Labels encoded = Labels.forClustering(x, labels);
        int n = x.rows(), d = x.cols(), k = encoded.count();
        float[] v = x.values();
        double[] means = ClusterMeans.of(v, d, encoded);
        double[] overall = new double[d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) overall[j] += means[c * d + j] * encoded.sizes()[c];
        }
        for (int j = 0; j < d; j++) overall[j] /= n;
        double between = 0;
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double diff = means[c * d + j] - overall[j];
                s += diff * diff;
            }
            between += encoded.sizes()[c] * s;
        }
        double within = 0;
        int[] codes = encoded.codes();
        for (int i = 0; i < n; i++) {
            int row = i * d, m = codes[i] * d;
            for (int j = 0; j < d; j++) {
                double diff = v[row + j] - means[m + j];
                within += diff * diff;
            }
        }
        if (within == 0) return 1.0;
        return between * (n - k) / (within * (k - 1));
    }
}
