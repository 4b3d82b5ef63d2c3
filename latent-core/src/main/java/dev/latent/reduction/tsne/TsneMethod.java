package dev.latent.reduction.tsne;

/** How t-SNE computes the repulsive part of its gradient. */
public enum TsneMethod {
    /**
     * {@link #EXACT} for at most {@value Tsne#EXACT_MAX_ROWS} rows or other than 2 components, {@link #BARNES_HUT}
     * for at most {@value Tsne#BARNES_HUT_MAX_ROWS} rows, {@link #FFT} above.
     */
    AUTO,
    /** All pairs, {@code O(n^2)} time per iteration; any number of components. */
    EXACT,
    /** Barnes-Hut over a quadtree, {@code O(n log n)} per iteration; 2 components only. */
    BARNES_HUT,
    /**
     * FFT-accelerated interpolation on a grid (FIt-SNE), {@code O(n)} plus an FFT of a grid that grows with the
     * extent of the embedding per iteration; 2 components only.
     */
    FFT
}
