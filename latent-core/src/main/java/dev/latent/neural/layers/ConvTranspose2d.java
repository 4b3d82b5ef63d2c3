package dev.latent.neural.layers;

import dev.latent.internal.Check;
import dev.latent.neural.autodiff.ConvOps;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.tensor.Tensor;
import dev.latent.neural.tensor.Tensors;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A 2-D transposed convolution layer on NCHW images, the upsampling step of a convolutional decoder:
 * {@code [n, in, h, w]} to {@code [n, out, (h - 1) s - 2p + k + outputPadding, ...]}, with a square kernel
 * and a bias per output channel. With kernel 3, stride 2, padding 1 and output padding 1 it doubles the
 * height and the width.
 * <p>The weight is {@code [in, out, k, k]}, as in PyTorch. It starts from He's normal initialization with the
 * number of terms that reach one output, {@code in * k * k / stride^2} (at least 1), as the fan-in:
 * standard deviation {@code sqrt(2 / fanIn)}; the bias starts at 0. Another {@link Init} takes {@code out * k * k}
 * as the fan-in, as PyTorch does. See {@link ConvOps#convTranspose2d}.
 * <p>Reference: K. He, X. Zhang, S. Ren and J. Sun, "Delving Deep into Rectifiers", ICCV 2015 (the
 * initialization); V. Dumoulin and F. Visin, "A guide to convolution arithmetic for deep learning",
 * arXiv:1603.07285, 2016 (the transposed convolution).
 */
public final class ConvTranspose2d implements Layer {
    private final int stride;
    private final int padding;
    private final int outputPadding;
    private final Parameter weight;
    private final Parameter bias;

    private ConvTranspose2d(int stride, int padding, int outputPadding, Tensor w, Tensor b) {
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
        this.weight = Parameter.of("weight", w);
        this.bias = Parameter.of("bias", b);
    }

    /**
     * A transposed convolution.
     *
     * @param in input channels, at least 1
     * @param out output channels, at least 1
     * @param kernel kernel side, at least 1
     * @param stride upsampling step, at least 1
     * @param padding rows and columns removed from each side of the full output, at least 0
     * @param outputPadding rows and columns added at the bottom and right, in {@code [0, stride)}
     * @param rng draws the initial weights
     * @throws IllegalArgumentException if a size is out of range
     */
    public static ConvTranspose2d of(int in, int out, int kernel, int stride, int padding, int outputPadding,
                                     SplittableRandom rng) {
        return of(in, out, kernel, stride, padding, outputPadding, Init.HE, rng);
    }

    /**
     * A transposed convolution whose weight, then bias, {@code init} draws from {@code rng}.
     * @throws IllegalArgumentException if a size is out of range
     */
    public static ConvTranspose2d of(int in, int out, int kernel, int stride, int padding, int outputPadding,
                                     Init init, SplittableRandom rng) {
        Check.atLeast("in", in, 1);
        Check.atLeast("out", out, 1);
        Check.atLeast("kernel", kernel, 1);
        Check.atLeast("stride", stride, 1);
        Check.atLeast("padding", padding, 0);
        Check.atLeast("outputPadding", outputPadding, 0);
        Check.atMost("outputPadding", outputPadding, stride - 1);
        Check.notNull("init", init);
        Check.notNull("rng", rng);
        // PyTorch's convention for the other initializers: the fan-in is out k k (the weight's second axis)
        int fanIn = out * kernel * kernel;
        Tensor w = init == Init.HE
                ? Tensors.normal(rng, heStd(in, kernel, stride), in, out, kernel, kernel)
                : init.weights(rng, fanIn, in * kernel * kernel, in, out, kernel, kernel);
        return new ConvTranspose2d(stride, padding, outputPadding, w, init.biases(rng, fanIn, out));
    }

    /** He's standard deviation with the inputs that reach each output: {@code in k k / stride^2}, at least 1. */
    private static float heStd(int in, int kernel, int stride) {
        double fanIn = Math.max(1.0, (double) in * kernel * kernel / ((double) stride * stride));
        return (float) Math.sqrt(2.0 / fanIn);
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return padding;
    }

    public int outputPadding() {
        return outputPadding;
    }

    /** The weight, {@code [in, out, k, k]}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, {@code [out]}. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Node apply(Node x, Mode mode) {
        return ConvOps.convTranspose2d(x, weight.node(), bias.node(), stride, padding, outputPadding);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }
}
