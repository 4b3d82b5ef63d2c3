package dev.latent.neural.layers;

import dev.latent.internal.Check;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.tensor.Tensor;

/**
 * A named trainable tensor and its gradient.
 * <p>Each forward pass asks for a fresh {@link #node()}; the node adds its gradient into
 * {@link #grad()}, which keeps accumulating until {@link #zeroGrad()} (once per training step).
 * Optimizers update {@link #value()} in place.
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor grad;

    private Parameter(String name, Tensor value) {
        this.name = name;
        this.value = value;
        this.grad = Tensor.zeros(value.shape());
    }

    /** A parameter named {@code name} holding {@code value} (not copied) with a zero gradient. */
    public static Parameter of(String name, Tensor value) {
        return new Parameter(Check.notNull("name", name), Check.notNull("value", value));
    }

    public String name() {
        return name;
    }

    /** The values, updated in place by optimizers. */
    public Tensor value() {
        return value;
    }

    /** The accumulated gradient, of the value's shape. */
    public Tensor grad() {
        return grad;
    }

    /** The number of values. */
    public int size() {
        return value.size();
    }

    /** A variable node over the value whose gradient adds into {@link #grad()}. */
    public Node node() {
        return Node.variable(value, grad);
    }

    /** Sets the gradient to zero. */
    public void zeroGrad() {
        grad.fillZero();
    }

    @Override
    public String toString() {
        return name + java.util.Arrays.toString(value.shape());
    }
}
