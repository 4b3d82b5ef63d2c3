/** Models built on the neural engine: the encoder-decoder pairs they share, autoencoders and VAEs. */
package dev.latent.neural.models;
