/**
 * Variational autoencoders: {@link dev.latent.neural.models.vae.Vae} trains a
 * {@link dev.latent.neural.models.vae.VaeModel} that encodes, decodes, generates and estimates log-likelihoods.
 */
package dev.latent.neural.models.vae;
