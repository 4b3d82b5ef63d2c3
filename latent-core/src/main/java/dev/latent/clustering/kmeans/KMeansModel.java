package dev.latent.clustering.kmeans;

import dev.latent.linalg.Distances;
import dev.latent.ClusterModel;
import dev.latent.FitReport;
import dev.latent.Transformer;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.internal.Parallel;

import java.util.Arrays;

/**
 * A fitted k-means model: the centres, the labels of the training rows, and the inertia.
 * <p>Holds no reference to the training data. {@link #predict} gives each new row its nearest centre
 * (with the same kernel that labelled the training rows, so {@code predict(x)} on the training data gives
 * {@link #labels()}); {@link #transform} gives the Euclidean distance from each row to every centre.
 * Arrays are copied on the way in and on the way out.
 */
public final class KMeansModel implements ClusterModel, Transformer {
    private final KMeans params;
    private final Matrix centroids;
    private final int[] labels;
    private final FitReport report;

    KMeansModel(KMeans params, Matrix centroids, int[] labels, FitReport report) {
        this.params = params;
        this.centroids = centroids.copy();
        this.labels = labels.clone();
        this.report = report;
    }

    /** The hyperparameters that produced this model. */
    public KMeans params() {
        return params;
    }

    /** The centres, one per row ({@code k x d}); a copy. */
    public Matrix centroids() {
        return centroids.copy();
    }

    /** The number of clusters. */
    public int k() {
        return centroids.rows();
    }

    /** The cluster of each training row; a copy. */
    public int[] labels() {
        return labels.clone();
    }

    /** The weighted sum of squared distances from each training row to its centre (the final objective). */
    public double inertia() {
        return report.objective();
    }

    /** The iterations the kept run took. */
    public int iterations() {
        return report.iterations();
    }

    /** Whether the kept run met the tolerance (or its labels stopped changing) before {@code maxIter}. */
    public boolean converged() {
        return report.converged();
    }

    /**
     * {@inheritDoc}
     * <p>The history holds, for the exact algorithms, the inertia of each assignment step against the
     * centres of that iteration; for {@link KMeansAlgorithm#MINIBATCH}, the smoothed batch inertia per
     * unit weight after each step.
     */
    @Override
    public FitReport report() {
        return report;
    }

    /**
     * The nearest centre of each row of {@code x} (the lower index on ties).
     * @throws IllegalArgumentException if {@code x} does not have {@code d} columns or has a non-finite value
     */
    @Override
    public int[] predict(Matrix x) {
        check(x);
        int n = x.rows(), d = x.cols();
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        int[] out = new int[n];
        Kernels.assign(x.values(), Kernels.squaredNorms(x.values(), n, d), n, d, w,
                centroids.values(), k(), out, new float[n]);
        return out;
    }

    /**
     * The Euclidean distance from each row of {@code x} to each centre, as an {@code n x k} matrix
     * (computed directly, in double, then rounded to float).
     * @throws IllegalArgumentException if {@code x} does not have {@code d} columns or has a non-finite value
     */
    @Override
    public Matrix transform(Matrix x) {
        check(x);
        int n = x.rows(), d = x.cols(), k = k();
        float[] v = x.values(), c = centroids.values();
        float[] out = new float[n * k];
        Parallel.shared().forEachChunk(n, Kernels.CHUNK, (from, to) -> {
            for (int i = from; i < to; i++) {
                int row = i * d, base = i * k;
                for (int j = 0; j < k; j++) out[base + j] = (float) Math.sqrt(Distances.squared(v, row, c, j * d, d));
            }
        });
        return Matrix.wrap(n, k, out);
    }

    /**
     * The inertia of {@code x} under this model: the sum of squared distances from each row to its
     * nearest centre.
     * @throws IllegalArgumentException if {@code x} does not have {@code d} columns or has a non-finite value
     */
    public double inertia(Matrix x) {
        int[] nearest = predict(x);
        double[] w = new double[x.rows()];
        Arrays.fill(w, 1.0);
        return Kernels.inertia(x.values(), x.rows(), x.cols(), w, centroids.values(), nearest);
    }

    private void check(Matrix x) {
        Check.notNull("x", x);
        Check.columns("x", x, centroids.cols());
        Check.finite("x", x);
    }

    @Override
    public String toString() {
        return "KMeansModel[k=" + k() + ", d=" + centroids.cols() + ", inertia=" + inertia()
                + ", iterations=" + iterations() + ", converged=" + converged() + "]";
    }
}
