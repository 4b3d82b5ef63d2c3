package dev.latent.neural.layers;

import dev.latent.internal.Check;
import dev.latent.neural.autodiff.Functions;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.tensor.Activation;

import java.util.List;

/**
 * An elementwise activation as a layer, without parameters.
 * @param function the activation
 * @param alpha    its parameter (leaky ReLU slope, ELU saturation; ignored by the others)
 */
public record ActivationLayer(Activation function, float alpha) implements Layer {
    public ActivationLayer {
        Check.notNull("function", function);
        if (function == Activation.ELU) Check.positive("alpha", alpha);
        if (function == Activation.LEAKY_RELU) Check.nonNegative("alpha", alpha);
    }

    /** The activation with its default parameter. */
    public static ActivationLayer of(Activation function) {
        return new ActivationLayer(function, function.defaultAlpha());
    }

    @Override
    public Node apply(Node x, Mode mode) {
        return Functions.activation(x, function, alpha);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }
}
