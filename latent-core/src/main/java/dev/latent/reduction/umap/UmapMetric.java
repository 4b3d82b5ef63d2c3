package dev.latent.reduction.umap;

/** The distance UMAP measures between input rows. */
public enum UmapMetric {
    /** The Euclidean distance. */
    EUCLIDEAN,
    /**
     * The cosine distance {@code 1 - cos(x, y)}, found as half the squared Euclidean distance of the rows
     * scaled to unit length; rows must not be all zero.
     */
    COSINE
}
