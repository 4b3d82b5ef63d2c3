package dev.latent.clustering.kmeans;

import dev.latent.linalg.Distances;

/** Per-row distance bounds kept between iterations by the exact accelerated algorithms. */
interface Bounds {
    /**
     * Assigns each row to its nearest centre (exactly, lowest index on ties it has to resolve) and returns
     * the weighted sum of squared distances, computed directly.
     */
    double assign(float[] centres, int[] labels);

    /** The centres moved by {@code shifts[c]} (Euclidean); loosens the bounds accordingly. */
    void moved(double[] shifts, int[] labels);

    /** Row {@code i} was moved to another cluster by the empty-cluster rule. */
    void relocated(int i);

    /** The largest float not above {@code v}, so that a stored lower bound never exceeds the true value. */
    static float floor(double v) {
        float f = (float) v;
        return f > v ? Math.nextDown(f) : f;
    }

    /** Euclidean distances between all pairs of the {@code k} centres ({@code k x k}). */
    static double[] centreDistances(float[] centres, int k, int d) {
        double[] cc = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double dist = Math.sqrt(Distances.squared(centres, a * d, centres, b * d, d));
                cc[a * k + b] = dist;
                cc[b * k + a] = dist;
            }
        }
        return cc;
    }

    /** Half the distance from each centre to its nearest other centre (infinite when k = 1). */
    static double[] halfNearest(double[] cc, int k) {
        double[] s = new double[k];
        for (int a = 0; a < k; a++) {
            double m = Double.POSITIVE_INFINITY;
            for (int b = 0; b < k; b++) if (b != a) m = Math.min(m, cc[a * k + b]);
            s[a] = 0.5 * m;
        }
        return s;
    }
}
