package dev.latent.clustering.kmeans;

/**
 * The data of one k-means fit: {@code n x d} row-major values, a weight per row, and each row's squared norm.
 * The arrays are shared with the caller and never written.
 */
record Problem(float[] x, int n, int d, double[] w, float[] norms) {
    Problem {
        assert x.length == n * d && w.length == n && norms.length == n;
    }

    /** A problem over {@code x} with the given weights (computes the row norms once). */
    static Problem of(float[] x, int n, int d, double[] w) {
        return new Problem(x, n, d, w, Kernels.squaredNorms(x, n, d));
    }
}
