package dev.latent.clustering.kmeans;

import dev.latent.linalg.Distances;
import dev.latent.internal.Parallel;

/**
 * Elkan's bounds: a lower bound on the distance from every row to every centre, and the centre-centre
 * distances, let the triangle inequality skip most distance computations.
 * <p>Departs from the paper in one way: the distance to the assigned centre is recomputed every
 * iteration (so the upper bound is always tight), because the objective is recorded each iteration.
 * Memory: {@code n * k} floats.
 * <p>Reference: C. Elkan, "Using the Triangle Inequality to Accelerate k-Means", ICML 2003.
 */
final class Elkan implements Bounds {
    private final Problem p;
    private final int k;
    private final float[] lower;
    private boolean first = true;

    Elkan(Problem p, int k) {
        this.p = p;
        this.k = k;
        long size = (long) p.n() * k;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("algorithm ELKAN needs n * k = " + size
                    + " lower bounds, more than an array holds; use HAMERLY or LLOYD");
        }
        this.lower = new float[(int) size];
    }

    @Override
    public double assign(float[] centres, int[] labels) {
        int n = p.n(), d = p.d();
        float[] x = p.x();
        double[] w = p.w();
        double[] cc = Bounds.centreDistances(centres, k, d);
        double[] s = Bounds.halfNearest(cc, k);
        boolean init = first;
        double[] partial = Parallel.shared().forChunks(n, Kernels.CHUNK, (from, to) -> {
            double total = 0;
            for (int i = from; i < to; i++) {
                int row = i * d, lb = i * k;
                int a;
                double u;
                if (init) {
                    a = 0;
                    u = Double.POSITIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        double dc = Math.sqrt(Distances.squared(x, row, centres, c * d, d));
                        lower[lb + c] = Bounds.floor(dc);
                        if (dc < u) {
                            u = dc;
                            a = c;
                        }
                    }
                } else {
                    a = labels[i];
                    u = Math.sqrt(Distances.squared(x, row, centres, a * d, d));
                    lower[lb + a] = Bounds.floor(u);
                    if (u > s[a]) {
                        for (int c = 0; c < k; c++) {
                            if (c == a || u <= lower[lb + c] || u <= 0.5 * cc[a * k + c]) continue;
                            double dc = Math.sqrt(Distances.squared(x, row, centres, c * d, d));
                            lower[lb + c] = Bounds.floor(dc);
                            if (dc < u || (dc == u && c < a)) {
                                u = dc;
                                a = c;
                            }
                        }
                    }
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
        Parallel.shared().forEachChunk(p.n(), 1024, (from, to) -> {
            for (int i = from; i < to; i++) {
                int lb = i * k;
                for (int c = 0; c < k; c++) lower[lb + c] = Bounds.floor(Math.max(0.0, lower[lb + c] - shifts[c]));
            }
        });
    }

    @Override
    public void relocated(int i) {
        // lower bounds hold for every centre whatever the label, and the upper bound is recomputed anyway
    }
}
