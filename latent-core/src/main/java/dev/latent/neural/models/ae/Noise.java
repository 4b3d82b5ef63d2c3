package dev.latent.neural.models.ae;

import dev.latent.internal.Check;

/**
 * The corruption a denoising autoencoder learns to undo; it is applied to the input during training only,
 * while the loss compares the output with the clean input.
 * @param kind  none, additive Gaussian noise, or masking (each value set to 0 with probability {@code level})
 * @param level the Gaussian noise's standard deviation (at least 0), or the masking probability (in [0, 1))
 * <p>Reference: P. Vincent, H. Larochelle, Y. Bengio, P.-A. Manzagol, "Extracting and Composing Robust
 * Features with Denoising Autoencoders", ICML 2008.
 */
public record Noise(Kind kind, double level) {
    /** The kinds of corruption. */
    public enum Kind { NONE, GAUSSIAN, MASKING }

    /** No corruption: a plain autoencoder. */
    public static final Noise NONE = new Noise(Kind.NONE, 0);

    public Noise {
        Check.notNull("kind", kind);
        Check.nonNegative("noise level", level);
        if (kind == Kind.MASKING) Check.argument(level < 1, "masking level must be < 1, got " + level);
    }

    /** Additive Gaussian noise of standard deviation {@code std}. */
    public static Noise gaussian(double std) {
        return new Noise(Kind.GAUSSIAN, std);
    }

    /** Masking noise: each value is set to 0 with probability {@code fraction}. */
    public static Noise masking(double fraction) {
        return new Noise(Kind.MASKING, fraction);
    }
}
