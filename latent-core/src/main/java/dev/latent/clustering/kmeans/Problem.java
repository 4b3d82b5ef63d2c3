package dev.latent.clustering.kmeans;

/**
 * The data of one k-means fit: {@code n x d} row-major values, a weight per row, each row's squared norm, and
 * optionally the rows packed for the distance GEMM ({@link Kernels.PackedRows}, null when not packed).
 * The arrays are shared with the caller and never written.
 */
record Problem(float[] x, int n, int d, double[] w, float[] norms, Kernels.PackedRows packed) {
    Problem {
        assert x.length == n * d && w.length == n && norms.length == n;
    }

    /** A problem over {@code x} with the given weights (computes the row norms once), not packed. */
    static Problem of(float[] x, int n, int d, double[] w) {
        return new Problem(x, n, d, w, Kernels.squaredNorms(x, n, d), null);
    }

    /** This problem with its rows packed for GEMMs against up to {@code k} centres or candidates at once. */
    Problem packed(int k) {
        return new Problem(x, n, d, w, norms, Kernels.PackedRows.of(x, n, d, k));
    }
}
