package dev.latent.reduction.tsne;

/** How t-SNE places the points before optimizing. */
public enum TsneInit {
    /** The first principal components, scaled so the first coordinate has standard deviation {@code 1e-4}. */
    PCA,
    /** Independent Gaussian coordinates of standard deviation {@code 1e-4}, from the seed. */
    RANDOM
}
