package dev.latent.reduction.pca;

/** How {@link Pca} finds the principal components. */
public enum PcaSolver {
    /** Chosen from the data's shape by {@link Pca#solverFor(int, int)}. */
    AUTO,
    /**
     * The {@code d x d} scatter matrix of the centred rows (float GEMM over blocks of rows, summed in double),
     * then a symmetric eigendecomposition: O(n d^2 + d^3) time, O(d^2) extra memory besides one centred copy
     * of the data. Exact; best when {@code d} is small next to {@code n}.
     */
    COVARIANCE,
    /**
     * The thin SVD of the centred data, in double by one-sided Jacobi: O(n d min(n, d)) time with a large
     * constant and several {@code n x d} double arrays. The most accurate; slow for large data.
     */
    SVD,
    /**
     * Randomized range finding with power iterations, then the SVD of a small projected matrix:
     * O(n d (k + p) (2q + 2)) time for {@code k} components, oversampling {@code p} and {@code q} power
     * iterations. Approximate; best when few components are wanted from large data.
     */
    RANDOMIZED
}
