package dev.latent.clustering.kmeans;

import dev.latent.linalg.Distances;
import java.util.Arrays;

/**
 * The exact k-means iteration (Lloyd's, optionally with Elkan's or Hamerly's bounds) from given centres.
 * <p>Each iteration assigns every row to its nearest centre, records the objective, and moves each centre
 * to the weighted mean of its rows. It stops when the labels no longer change, when the summed squared
 * centre movement is at most the (already scaled) tolerance, or after {@code maxIter} iterations; the
 * labels returned are always those of the final centres, computed by the same kernel whatever the
 * algorithm, so that the three algorithms agree.
 * <p>Lloyd's iteration reads the data once per iteration: the pass that assigns a block of rows also adds
 * them to their new cluster's sums while they are in cache ({@link Kernels#assignAndMeans}).
 * <p>A cluster left without weight is re-seeded: the rows farthest from their own centres move to the
 * empty clusters, farthest first, one per cluster (as scikit-learn does).
 */
final class Exact {
    private Exact() {}

    static Run run(Problem p, float[] start, int k, KMeansAlgorithm algorithm, int maxIter, double tolerance) {
        int n = p.n(), d = p.d();
        float[] x = p.x();
        double[] w = p.w();
        float[] centres = start.clone();
        float[] next = new float[k * d];
        int[] labels = new int[n];
        int[] previous = new int[n];
        float[] minDist = new float[n];
        double[] clusterWeight = new double[k];
        double[] shifts = new double[k];
        double[] history = new double[maxIter];
        Bounds bounds = switch (algorithm) {
            case ELKAN -> new Elkan(p, k);
            case HAMERLY -> new Hamerly(p, k);
            default -> null;
        };
        int iterations = 0;
        boolean converged = false, labelsFinal = false, havePrevious = false;
        while (iterations < maxIter) {
            // Lloyd: one pass assigns the rows and sums them by their new label
            double objective = bounds == null
                    ? Kernels.assignAndMeans(x, p.norms(), n, d, w, centres, k, labels, minDist, next, clusterWeight)
                    : bounds.assign(centres, labels);
            history[iterations++] = objective;
            if (havePrevious && Arrays.equals(previous, labels)) {
                converged = true;
                labelsFinal = bounds == null;
                break;
            }
            if (bounds != null) Kernels.means(x, n, d, w, labels, k, next, clusterWeight);
            if (hasEmpty(clusterWeight)) {
                relocate(p, centres, k, labels, clusterWeight, bounds);
                Kernels.means(x, n, d, w, labels, k, next, clusterWeight);
            }
            double total = 0;
            for (int c = 0; c < k; c++) {
                double sq = Distances.squared(centres, c * d, next, c * d, d);
                shifts[c] = Math.sqrt(sq);
                total += sq;
            }
            if (bounds != null) bounds.moved(shifts, labels);
            float[] t = centres;
            centres = next;
            next = t;
            System.arraycopy(labels, 0, previous, 0, n);
            havePrevious = true;
            if (total <= tolerance) {
                converged = true;
                break;
            }
        }
        if (!labelsFinal) Kernels.assign(x, p.norms(), n, d, w, centres, k, labels, minDist);
        double inertia = Kernels.inertia(x, n, d, w, centres, labels);
        return new Run(centres, labels, inertia, iterations, converged, Arrays.copyOf(history, iterations));
    }

    private static boolean hasEmpty(double[] clusterWeight) {
        for (double cw : clusterWeight) if (cw == 0) return true;
        return false;
    }

    /**
     * Moves the rows (with positive weight) farthest from their centres into the clusters without weight,
     * the farthest row into the lowest-numbered empty cluster; ties go to the lower row index.
     */
    static void relocate(Problem p, float[] centres, int k, int[] labels, double[] clusterWeight, Bounds bounds) {
        int n = p.n();
        double[] w = p.w();
        double[] dist = new double[n];
        Kernels.distancesToLabelled(p.x(), n, p.d(), centres, labels, dist);
        boolean[] taken = new boolean[n];
        for (int c = 0; c < k; c++) {
            if (clusterWeight[c] != 0) continue;
            int far = -1;
            for (int i = 0; i < n; i++) {
                if (taken[i] || !(w[i] > 0)) continue;
                if (far < 0 || dist[i] > dist[far]) far = i;
            }
            if (far < 0) return;
            taken[far] = true;
            labels[far] = c;
            if (bounds != null) bounds.relocated(far);
        }
    }
}
