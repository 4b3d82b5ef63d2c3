package dev.latent.clustering.kmeans;

/**
 * The null reference distribution of the gap statistic ({@link ChooseK}): where the reference datasets,
 * which have no cluster structure, are drawn from.
 */
public enum GapReference {
    /**
     * Uniform over the range of each feature: the box aligned with the axes that holds the data
     * (option (a) of Tibshirani, Walther and Hastie). Cheap, but it ignores the shape of the data.
     */
    FEATURE_BOX,
    /**
     * Uniform over the box aligned with the data's principal components, then rotated back (option (b)):
     * it follows the shape of the data, at the cost of a {@code d x d} eigendecomposition and two
     * {@code n x d x d} products per reference dataset.
     */
    PRINCIPAL_BOX
}
