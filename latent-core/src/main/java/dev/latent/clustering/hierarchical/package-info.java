/**
 * Agglomerative (hierarchical) clustering: {@link dev.latent.clustering.hierarchical.Agglomerative} builds a
 * {@link dev.latent.clustering.hierarchical.Dendrogram} with single, complete, average, Ward, centroid or
 * median {@link dev.latent.clustering.hierarchical.Linkage}; the dendrogram is then cut into flat clusters
 * by count or by height.
 */
package dev.latent.clustering.hierarchical;
