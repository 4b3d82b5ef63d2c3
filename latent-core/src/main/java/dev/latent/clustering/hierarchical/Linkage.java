package dev.latent.clustering.hierarchical;

/**
 * How the distance between two clusters is defined, and so which pair agglomerative clustering merges next.
 * <p>Every linkage starts from Euclidean distances between rows. The formulas below give the distance
 * from the cluster {@code i ∪ j} (sizes {@code n_i}, {@code n_j}) to another cluster {@code k}
 * (the Lance-Williams update); heights are in the same units as the data, as in SciPy's
 * {@code scipy.cluster.hierarchy.linkage}.
 */
public enum Linkage {
    /** Nearest pair: {@code d(ij, k) = min(d(i, k), d(j, k))}. Minimum spanning tree, O(n) memory. */
    SINGLE,
    /** Farthest pair: {@code d(ij, k) = max(d(i, k), d(j, k))}. Needs the n(n-1)/2 distance matrix. */
    COMPLETE,
    /**
     * Mean pairwise distance (UPGMA): {@code d(ij, k) = (n_i d(i, k) + n_j d(j, k)) / (n_i + n_j)}.
     * Needs the n(n-1)/2 distance matrix.
     */
    AVERAGE,
    /**
     * Ward's minimum variance: {@code d(ij, k)^2 = ((n_i + n_k) d(i, k)^2 + (n_j + n_k) d(j, k)^2
     * - n_k d(i, j)^2) / (n_i + n_j + n_k)}, which equals {@code 2 n_a n_b / (n_a + n_b)} times the
     * squared distance between the centroids of clusters {@code a} and {@code b}. Works on the centroids:
     * no distance matrix.
     */
    WARD,
    /**
     * Distance between centroids (UPGMC): {@code d(ij, k)^2 = (n_i d(i, k)^2 + n_j d(j, k)^2) / (n_i + n_j)
     * - n_i n_j d(i, j)^2 / (n_i + n_j)^2}. Heights may decrease from one merge to the next (inversions).
     */
    CENTROID,
    /**
     * Distance between midpoints (WPGMC): {@code d(ij, k)^2 = d(i, k)^2 / 2 + d(j, k)^2 / 2 - d(i, j)^2 / 4};
     * a merged cluster is represented by the midpoint of its two parts' points, whatever their sizes.
     * Heights may decrease from one merge to the next (inversions).
     */
    MEDIAN;

    /** Whether merge heights never decrease (true for all but {@link #CENTROID} and {@link #MEDIAN}). */
    public boolean monotone() {
        return this != CENTROID && this != MEDIAN;
    }

    /** Whether the run needs the condensed n(n-1)/2 distance matrix ({@link #COMPLETE} and {@link #AVERAGE}). */
    public boolean needsDistanceMatrix() {
        return this == COMPLETE || this == AVERAGE;
    }
}
