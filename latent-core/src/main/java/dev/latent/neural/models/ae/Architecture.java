package dev.latent.neural.models.ae;

/** The shape of an autoencoder's encoder and decoder. */
public enum Architecture {
    /**
     * Fully connected layers: the flattened sample, then one dense layer per hidden width, then the code; the
     * decoder mirrors it.
     */
    DENSE,
    /**
     * Convolutions of stride 2 (kernel 3, padding 1) with the given channel counts, each halving the height and
     * width, then a dense layer to the code; the decoder mirrors it with transposed convolutions. Needs image
     * data (channels, height, width).
     */
    CONV
}
