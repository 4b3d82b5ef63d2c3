package dev.latent.reduction.umap;

/** How UMAP places the points before the gradient descent; each is then rescaled to [0, 10] per axis. */
public enum UmapInit {
    /**
     * The eigenvectors of the smallest non-zero eigenvalues of the graph's normalized Laplacian, scaled so the
     * largest coordinate is 10, plus Gaussian noise of standard deviation {@code 1e-4}; falls back to
     * {@link #RANDOM} when the graph is disconnected or the eigensolver does not converge (the model says so).
     */
    SPECTRAL,
    /** Independent uniform coordinates in {@code [-10, 10]}, from the seed. */
    RANDOM,
    /**
     * The first principal components of the data, scaled so the largest coordinate is 10, plus Gaussian
     * noise of standard deviation {@code 1e-4}.
     */
    PCA
}
