package dev.latent.neural.models.ae;

/** How a reconstruction is compared with its input. */
public enum Loss {
    /** Mean squared error. */
    MSE,
    /**
     * Binary cross-entropy of the input given the decoder's logits, in its numerically stable form; the input
     * must lie in [0, 1] (pixel intensities), and reconstructions are the logits' sigmoid.
     */
    BCE
}
