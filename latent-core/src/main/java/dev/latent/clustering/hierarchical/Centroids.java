package dev.latent.clustering.hierarchical;

/**
 * The centroid (or midpoint) of every live cluster, without copying the data.
 * <p>Clusters live in slots 0..n-1; slot {@code s} always holds a cluster that contains point {@code s}.
 * A one-point cluster's centroid is its row of the data; a merged cluster's centroid is a row of a
 * buffer of {@code n / 2} rows (no more than n / 2 clusters of two or more points are alive at once),
 * so the extra memory is at most half the data's.
 */
final class Centroids {
    final float[] x;
    final int d;
    final int[] size;
    private final float[] buffer;
    private final int[] row;      // buffer row of a merged cluster's slot, or -1 for a single point
    private final int[] free;     // stack of free buffer rows
    private int freeCount;

    Centroids(float[] x, int n, int d) {
        this.x = x;
        this.d = d;
        this.size = new int[n];
        this.row = new int[n];
        int rows = n / 2;
        this.buffer = new float[Math.multiplyExact(rows, d)];
        this.free = new int[rows];
        for (int s = 0; s < n; s++) {
            size[s] = 1;
            row[s] = -1;
        }
        for (int r = 0; r < rows; r++) free[r] = rows - 1 - r;   // hand out row 0 first
        freeCount = rows;
    }

    /** Bytes of the buffer this class allocates for {@code n} rows of {@code d} values. */
    static long bufferBytes(int n, int d) {
        return 4L * (n / 2) * d;
    }

    float[] array(int s) {
        return row[s] < 0 ? x : buffer;
    }

    int offset(int s) {
        return row[s] < 0 ? s * d : row[s] * d;
    }

    /** The squared Euclidean distance between the centroids of slots {@code s} and {@code t}. */
    double squared(int s, int t) {
        return Distances.squared(array(s), offset(s), array(t), offset(t), d);
    }

    /**
     * Merges the cluster in slot {@code drop} into slot {@code keep}: the new centroid is the size-weighted
     * mean of the two, or their plain midpoint when {@code midpoint} is true (median linkage).
     */
    void merge(int keep, int drop, boolean midpoint) {
        float[] ka = array(keep), da = array(drop);
        int ko = offset(keep), dO = offset(drop);
        int target;
        boolean freeDrop = false;
        if (row[keep] >= 0) {
            target = row[keep];
            freeDrop = row[drop] >= 0;
        } else if (row[drop] >= 0) {
            target = row[drop];
        } else {
            target = free[--freeCount];
        }
        double wk = midpoint ? 0.5 : (double) size[keep] / (size[keep] + size[drop]);
        double wd = midpoint ? 0.5 : (double) size[drop] / (size[keep] + size[drop]);
        int to = target * d;
        for (int j = 0; j < d; j++) buffer[to + j] = (float) (wk * ka[ko + j] + wd * da[dO + j]);
        if (freeDrop) free[freeCount++] = row[drop];
        row[drop] = -1;
        row[keep] = target;
        size[keep] += size[drop];
        size[drop] = 0;
    }
}
