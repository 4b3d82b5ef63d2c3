package dev.latent.neural.layers;

import dev.latent.internal.Check;
import dev.latent.neural.autodiff.ConvOps;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.tensor.Tensor;
import dev.latent.neural.tensor.Tensors;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A 2-D convolution layer on NCHW images: {@code [n, in, h, w]} to {@code [n, out, (h + 2p - k) / s + 1,
 * (w + 2p - k) / s + 1]}, with a square kernel, zero padding and a bias per output channel.
 * <p>The weight {@code [out, in, k, k]} starts by default from He's normal initialization, standard deviation
 * {@code sqrt(2 / (in * k * k))}, drawn from the given generator, and the bias at 0; another {@link Init} takes
 * {@code in * k * k} as the fan-in and {@code out * k * k} as the fan-out. A step costs
 * {@code 2 n out in k k oh ow} flops forward and twice that backward (see {@link ConvOps#conv2d}).
 * <p>Reference: K. He, X. Zhang, S. Ren and J. Sun, "Delving Deep into Rectifiers: Surpassing Human-Level
 * Performance on ImageNet Classification", ICCV 2015 (the initialization).
 */
public final class Conv2d implements Layer {
    private final int stride;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;

    private Conv2d(int stride, int padding, Tensor w, Tensor b) {
        this.stride = stride;
        this.padding = padding;
        this.weight = Parameter.of("weight", w);
        this.bias = Parameter.of("bias", b);
    }

    /** A convolution with stride 1 and no padding. */
    public static Conv2d of(int in, int out, int kernel, SplittableRandom rng) {
        return of(in, out, kernel, 1, 0, rng);
    }

    /**
     * A convolution.
     *
     * @param in input channels, at least 1
     * @param out output channels (filters), at least 1
     * @param kernel kernel side, at least 1
     * @param stride step between kernel positions, at least 1
     * @param padding zeros added on each side, at least 0
     * @param rng draws the initial weights
     * @throws IllegalArgumentException if a size is out of range
     */
    public static Conv2d of(int in, int out, int kernel, int stride, int padding, SplittableRandom rng) {
        return of(in, out, kernel, stride, padding, Init.HE, rng);
    }

    /**
     * A convolution whose weight, then bias, {@code init} draws from {@code rng}.
     * @throws IllegalArgumentException if a size is out of range
     */
    public static Conv2d of(int in, int out, int kernel, int stride, int padding, Init init, SplittableRandom rng) {
        Check.atLeast("in", in, 1);
        Check.atLeast("out", out, 1);
        Check.atLeast("kernel", kernel, 1);
        Check.atLeast("stride", stride, 1);
        Check.atLeast("padding", padding, 0);
        Check.notNull("init", init);
        Check.notNull("rng", rng);
        int fanIn = in * kernel * kernel;
        Tensor w = init.weights(rng, fanIn, out * kernel * kernel, out, in, kernel, kernel);
        return new Conv2d(stride, padding, w, init.biases(rng, fanIn, out));
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return padding;
    }

    /** The weight, {@code [out, in, k, k]}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, {@code [out]}. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Node apply(Node x, Mode mode) {
        return ConvOps.conv2d(x, weight.node(), bias.node(), stride, padding);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }
}
