package dev.latent.clustering.kmeans;

/**
 * How k-means iterates. {@link #LLOYD}, {@link #ELKAN} and {@link #HAMERLY} are exact: from the same
 * starting centres they give the same labels and centres, and differ only in speed.
 * <ul>
 * <li>{@link #LLOYD}: every iteration computes all n x k distances, as {@code ||x||^2 - 2 x.c + ||c||^2}
 *     from a register-blocked dot-product kernel, in one pass over the data that also sums each row into its
 *     new cluster. O(n k d) time per iteration, O(n + k d) memory.
 *     Best for high-dimensional data such as images.</li>
 * <li>{@link #ELKAN}: k lower bounds per row and the triangle inequality skip most distances.
 *     O(n k) extra memory; best for low d and many clusters.</li>
 * <li>{@link #HAMERLY}: one lower bound per row; O(n) extra memory; best for low d and moderate k.</li>
 * <li>{@link #MINIBATCH}: Sculley's mini-batch k-means: each step moves the centres towards a random
 *     batch of {@code batchSize} rows. Approximate, and much cheaper per step on large data.</li>
 * </ul>
 * <p>Reference: S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28(2), 1982;
 * C. Elkan, "Using the Triangle Inequality to Accelerate k-Means", ICML 2003;
 * G. Hamerly, "Making k-means even faster", SDM 2010;
 * D. Sculley, "Web-Scale K-Means Clustering", WWW 2010.
 */
public enum KMeansAlgorithm {
    /** Lloyd's iteration, all n x k distances in every iteration. */
    LLOYD,
    /** Elkan's bounds (k lower bounds per row). */
    ELKAN,
    /** Hamerly's bounds (one lower bound per row). */
    HAMERLY,
    /** Sculley's mini-batch k-means. */
    MINIBATCH
}
