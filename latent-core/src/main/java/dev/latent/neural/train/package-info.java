/**
 * The training loop shared by all models: {@link dev.latent.neural.train.Trainer} (mini-batches,
 * validation, early stopping, checkpoints and resume, a NaN guard) with its
 * {@link dev.latent.neural.train.Objective} and {@link dev.latent.neural.train.Progress} callbacks.
 */
package dev.latent.neural.train;
