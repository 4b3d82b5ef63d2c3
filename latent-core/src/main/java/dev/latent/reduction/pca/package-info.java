/**
 * Principal component analysis: {@link dev.latent.reduction.pca.Pca} (hyperparameters and estimator, with
 * covariance, SVD and randomized solvers), {@link dev.latent.reduction.pca.IncrementalPca} (batch by batch,
 * for data that does not fit in memory) and {@link dev.latent.reduction.pca.PcaModel} (components, mean,
 * explained variance, transform and inverse transform).
 */
package dev.latent.reduction.pca;
