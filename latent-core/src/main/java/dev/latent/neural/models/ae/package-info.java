/**
 * Autoencoders: dense and convolutional, denoising and sparse; {@link dev.latent.neural.models.ae.Autoencoder}
 * trains an {@link dev.latent.neural.models.ae.AutoencoderModel}.
 */
package dev.latent.neural.models.ae;
