/**
 * t-distributed stochastic neighbour embedding: {@link dev.latent.reduction.tsne.Tsne} (hyperparameters and
 * estimator; exact, Barnes-Hut and FFT-accelerated interpolation gradients, heavy-tailed output kernels) and
 * {@link dev.latent.reduction.tsne.TsneModel} (the embedding, and the placement of new rows into it).
 */
package dev.latent.reduction.tsne;
