package dev.latent.neural.layers;

import dev.latent.internal.Check;
import dev.latent.neural.autodiff.Functions;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.tensor.Activation;
import dev.latent.neural.tensor.Tensor;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A fully connected layer {@code f(x W + b)} on rows {@code [n, in]}, with {@code W} of shape
 * {@code [in, out]} and {@code b} of shape {@code [out]}, computed in one fused node.
 * <p>By default weights start from {@link Init#HE} for ReLU-like activations and {@link Init#XAVIER} otherwise,
 * and biases at 0; another initializer also gives the biases ({@link Init#biases}). One step costs
 * {@code 2 n in out} flops forward and twice that backward.
 */
public final class Dense implements Layer {
    private final int in;
    private final int out;
    private final Activation activation;
    private final float alpha;
    private final Parameter weight;
    private final Parameter bias;

    private Dense(int in, int out, Activation activation, float alpha, Tensor w, Tensor b) {
        this.in = in;
        this.out = out;
        this.activation = activation;
        this.alpha = alpha;
        this.weight = Parameter.of("weight", w);
        this.bias = Parameter.of("bias", b);
    }

    /** A dense layer with the activation's usual initializer and parameter. */
    public static Dense of(int in, int out, Activation activation, SplittableRandom rng) {
        return of(in, out, activation, activation.defaultAlpha(), defaultInit(activation), rng);
    }

    /**
     * A dense layer.
     * @param alpha the activation's parameter (leaky ReLU slope, ELU saturation)
     * @param init  draws the weights, then the biases, from {@code rng}
     * @throws IllegalArgumentException when a size is below 1
     */
    public static Dense of(int in, int out, Activation activation, float alpha, Init init, SplittableRandom rng) {
        Check.atLeast("in", in, 1);
        Check.atLeast("out", out, 1);
        Check.notNull("activation", activation);
        Check.notNull("rng", rng);
        Check.notNull("init", init);
        Tensor w = init.weights(rng, in, out, in, out);
        return new Dense(in, out, activation, alpha, w, init.biases(rng, in, out));
    }

    /** He for ReLU, leaky ReLU, ELU and GELU; Xavier otherwise. */
    public static Init defaultInit(Activation activation) {
        return switch (activation) {
            case RELU, LEAKY_RELU, ELU, GELU -> Init.HE;
            default -> Init.XAVIER;
        };
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public Activation activation() {
        return activation;
    }

    /** The activation's parameter (leaky ReLU slope, ELU saturation; unused by the others). */
    public float alpha() {
        return alpha;
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    /**
     * {@inheritDoc}
     * @throws IllegalArgumentException when {@code x} is not of shape {@code [n, in]}
     */
    @Override
    public Node apply(Node x, Mode mode) {
        Tensor v = x.value();
        Check.argument(v.rank() == 2 && v.dim(1) == in, "x must have shape [n, " + in + "], got "
                + java.util.Arrays.toString(v.shape()));
        return Functions.dense(x, weight.node(), bias.node(), activation, alpha);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public String toString() {
        return "Dense(" + in + " -> " + out + ", " + activation + ")";
    }
}
