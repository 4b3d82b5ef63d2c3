/**
 * Uniform manifold approximation and projection: {@link dev.latent.reduction.umap.Umap} (hyperparameters and
 * estimator: fuzzy graph, spectral initialization, deterministic SGD layout) and
 * {@link dev.latent.reduction.umap.UmapModel} (the embedding, transform of new points, inverse transform).
 */
package dev.latent.reduction.umap;
