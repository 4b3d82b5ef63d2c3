package dev.latent.metrics;

/** Per-cluster means of the rows of a matrix, in doubles. */
final class ClusterMeans {
    private ClusterMeans() {}

    /** The mean of each cluster's rows, cluster {@code c} at {@code [c * d, (c + 1) * d)}. */
    static double[] of(float[] x, int d, Labels labels) {
        int k = labels.count();
        int[] codes = labels.codes();
        double[] means = new double[k * d];
        for (int i = 0; i < codes.length; i++) {
            int row = i * d, m = codes[i] * d;
            for (int j = 0; j < d; j++) means[m + j] += x[row + j];
        }
        for (int c = 0; c < k; c++) {
            double inv = 1.0 / labels.sizes()[c];
            for (int j = 0; j < d; j++) means[c * d + j] *= inv;
        }
        return means;
    }
}
