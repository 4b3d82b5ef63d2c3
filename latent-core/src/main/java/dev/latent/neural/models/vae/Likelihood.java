package dev.latent.neural.models.vae;

/** The decoder's distribution of a sample given its code. */
public enum Likelihood {
    /**
     * Independent Bernoulli values with the decoder's logits: the loss is the binary cross-entropy summed over
     * the values; data must lie in [0, 1]. Decoded samples are the probabilities.
     */
    BERNOULLI,
    /** A Gaussian around the decoder's output with the fixed standard deviation {@link Vae#outputStd()}. */
    GAUSSIAN,
    /** A Gaussian around the decoder's output with one learned variance per value. */
    GAUSSIAN_LEARNED
}
