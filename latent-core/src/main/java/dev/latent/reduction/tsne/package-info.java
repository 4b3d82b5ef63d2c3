/**
 * t-distributed stochastic neighbour embedding: {@link dev.latent.reduction.tsne.Tsne} (hyperparameters and
 * estimator; exact and Barnes-Hut gradients) and {@link dev.latent.reduction.tsne.TsneModel} (the embedding).
 * Not provided: FFT-accelerated interpolation (FIt-SNE) and the transform of new points.
 */
package dev.latent.reduction.tsne;
