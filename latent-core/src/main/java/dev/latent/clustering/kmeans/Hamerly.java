package dev.latent.clustering.kmeans;

import dev.latent.linalg.Distances;
import dev.latent.internal.Parallel;

/**
 * Hamerly's bounds: one lower bound per row on the distance to its second-nearest centre; when the
 * distance to the assigned centre is below both that bound and half the distance to the nearest other
 * centre, the row keeps its label without looking at the other centres.
 * <p>Departs from the paper in one way: the distance to the assigned centre is recomputed every
 * iteration (so the upper bound is always tight), because the objective is recorded each iteration.
 * Memory: {@code n} doubles.
 * <p>Reference: G. Hamerly, "Making k-means even faster", SIAM International Conference on Data Mining, 2010.
 */
final class Hamerly implements Bounds {
    private final Problem p;
    private final int k;
    private final double[] lower;
    private boolean first = true;

    Hamerly(Problem p, int k) {
        this.p = p;
        this.k = k;
        this.lower = new double[p.n()];
    }

    @Override
    public double assign(float[] centres, int[] labels) {
        int n = p.n(), d = p.d();
        float[] x = p.x();
        double[] w = p.w();
        double[] s = Bounds.halfNearest(Bounds.centreDistances(centres, k, d), k);
        boolean init = first;
        double[] partial = Parallel.shared().forChunks(n, Kernels.CHUNK, (from, to) -> {
            double total = 0;
            for (int i = from; i < to; i++) {
                int row = i * d;
                int a = labels[i];
                double u = init ? Double.POSITIVE_INFINITY : Math.sqrt(Distances.squared(x, row, centres, a * d, d));
                if (init || u > Math.max(s[a], lower[i])) {
                    double best = Double.POSITIVE_INFINITY, second = Double.POSITIVE_INFINITY;
                    a = 0;
                    for (int c = 0; c < k; c++) {
                        double dc = Math.sqrt(Distances.squared(x, row, centres, c * d, d));
                        if (dc < best) {
                            second = best;
                            best = dc;
                            a = c;
                        } else if (dc < second) {
                            second = dc;
                        }
                    }
                    u = best;
                    lower[i] = second;
                }
                labels[i] = a;
                total += w[i] * u * u;
            }
            return total;
        });
        first = false;
        return Kernels.sum(partial);
    }

    @Override
    public void moved(double[] shifts, int[] labels) {
        int argmax = 0;
        for (int c = 1; c < k; c++) if (shifts[c] > shifts[argmax]) argmax = c;
        double second = 0;
        for (int c = 0; c < k; c++) if (c != argmax) second = Math.max(second, shifts[c]);
        int far = argmax;
        double largest = shifts[far], nextLargest = second;
        Parallel.shared().forEachChunk(p.n(), 4096, (from, to) -> {
            for (int i = from; i < to; i++) {
                lower[i] = Math.max(0.0, lower[i] - (labels[i] == far ? nextLargest : largest));
            }
        });
    }

    @Override
    public void relocated(int i) {
        lower[i] = 0; // its old centre is now one of the others, and may be the nearest of them
    }
}
