/**
 * t-distributed stochastic neighbour embedding: {@code Tsne} (hyperparameters and
 * estimator; exact and Barnes-Hut gradients) and {@code TsneModel} (the embedding).
 * Not provided: FFT-accelerated interpolation (FIt-SNE) and the transform of new points.
 */
package dev.latent.reduction.tsne;
