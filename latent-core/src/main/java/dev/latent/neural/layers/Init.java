package dev.latent.neural.layers;

import dev.latent.internal.Check;
import dev.latent.neural.tensor.Tensor;
import dev.latent.neural.tensor.Tensors;

import java.util.SplittableRandom;

/**
 * Weight initializers, drawn from a seeded generator.
 * <p>Reference: X. Glorot and Y. Bengio, "Understanding the difficulty of training deep feedforward
 * neural networks", AISTATS 2010 (Xavier); K. He et al., "Delving Deep into Rectifiers", ICCV 2015 (He).
 */
public enum Init {
    /** Normal with standard deviation {@code sqrt(2 / fanIn)}, for ReLU-like activations; biases start at 0. */
    HE,
    /** Uniform on {@code +-sqrt(6 / (fanIn + fanOut))}, for sigmoid, tanh and linear outputs; biases start at 0. */
    XAVIER,
    /**
     * Uniform on {@code +-1 / sqrt(fanIn)} for the weights and the biases alike (variance {@code 1 / (3 fanIn)}):
     * PyTorch's default for {@code nn.Linear} and {@code nn.Conv2d} (He's uniform rule with {@code a = sqrt(5)}).
     */
    FAN_IN_UNIFORM;

    /** A {@code shape} tensor of initial weights for a layer with the given fan-in and fan-out. */
    public Tensor weights(SplittableRandom rng, int fanIn, int fanOut, int... shape) {
        Check.atLeast("fanIn", fanIn, 1);
        Check.atLeast("fanOut", fanOut, 1);
        return switch (this) {
            case HE -> Tensors.normal(rng, (float) Math.sqrt(2.0 / fanIn), shape);
            case XAVIER -> {
                float limit = (float) Math.sqrt(6.0 / (fanIn + fanOut));
                yield Tensors.uniform(rng, -limit, limit, shape);
            }
            case FAN_IN_UNIFORM -> fanInUniform(rng, fanIn, shape);
        };
    }

    /**
     * A {@code shape} tensor of initial biases for a layer with the given fan-in: zeros (drawing nothing from
     * {@code rng}) except for {@link #FAN_IN_UNIFORM}.
     */
    public Tensor biases(SplittableRandom rng, int fanIn, int... shape) {
        Check.atLeast("fanIn", fanIn, 1);
        return this == FAN_IN_UNIFORM ? fanInUniform(rng, fanIn, shape) : Tensor.zeros(shape);
    }

    private static Tensor fanInUniform(SplittableRandom rng, int fanIn, int... shape) {
        float limit = (float) (1 / Math.sqrt(fanIn));
        return Tensors.uniform(rng, -limit, limit, shape);
    }
}
