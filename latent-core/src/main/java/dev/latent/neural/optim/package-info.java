/**
 * Optimizers ({@link dev.latent.neural.optim.Sgd}, {@link dev.latent.neural.optim.Adam} and AdamW),
 * gradient clipping and learning-rate schedules.
 */
package dev.latent.neural.optim;
