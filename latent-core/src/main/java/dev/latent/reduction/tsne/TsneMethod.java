package dev.latent.reduction.tsne;

/** How t-SNE computes the repulsive part of its gradient. */
public enum TsneMethod {
    /** {@link #EXACT} for at most {@value Tsne#EXACT_MAX_ROWS} rows or more than 2 components, else {@link #BARNES_HUT}. */
    AUTO,
    /** All pairs, {@code O(n^2)} time per iteration; any number of components. */
    EXACT,
    /** Barnes-Hut over a quadtree, {@code O(n log n)} per iteration; 2 components only. */
    BARNES_HUT
}
