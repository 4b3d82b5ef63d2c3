package dev.latent.neural.tensor;

import dev.latent.internal.Check;

/**
 * The shapes of one 2-D convolution over a batch of NCHW images: input, kernel, stride and zero padding.
 * <p>The input is {@code batch x inChannels x height x width}, the weight
 * {@code outChannels x inChannels x kernelHeight x kernelWidth} and the output
 * {@code batch x outChannels x outHeight x outWidth}, with
 * {@code outHeight = (height + 2 * padding - kernelHeight) / stride + 1} (rounded down) and the same for the
 * width. Stride and padding are the same along both axes.
 *
 * @param batch number of images, at least 1
 * @param inChannels channels of each input image, at least 1
 * @param height input height, at least 1
 * @param width input width, at least 1
 * @param outChannels channels of each output image (number of filters), at least 1
 * @param kernelHeight kernel height, at least 1 and at most {@code height + 2 * padding}
 * @param kernelWidth kernel width, at least 1 and at most {@code width + 2 * padding}
 * @param stride step between kernel positions, at least 1
 * @param padding zeros added on each side of both axes, at least 0
 */
public record ConvGeometry(int batch, int inChannels, int height, int width, int outChannels,
                           int kernelHeight, int kernelWidth, int stride, int padding) {
    public ConvGeometry {
        Check.atLeast("batch", batch, 1);
        Check.atLeast("inChannels", inChannels, 1);
        Check.atLeast("height", height, 1);
        Check.atLeast("width", width, 1);
        Check.atLeast("outChannels", outChannels, 1);
        Check.atLeast("kernelHeight", kernelHeight, 1);
        Check.atLeast("kernelWidth", kernelWidth, 1);
        Check.atLeast("stride", stride, 1);
        Check.atLeast("padding", padding, 0);
        Check.atMost("kernelHeight", kernelHeight, height + 2 * padding);
        Check.atMost("kernelWidth", kernelWidth, width + 2 * padding);
    }

    /** A square kernel of side {@code kernel}. */
    public static ConvGeometry of(int batch, int inChannels, int height, int width, int outChannels,
                                  int kernel, int stride, int padding) {
        return new ConvGeometry(batch, inChannels, height, width, outChannels, kernel, kernel, stride, padding);
    }

    /**
     * The geometry of the convolution whose input gradient is the transposed convolution of an
     * {@code batch x inChannels x height x width} input to {@code outChannels} channels.
     * <p>The transposed convolution's output has height {@code (height - 1) * stride - 2 * padding +
     * kernelHeight + outputPadding} (and the same for the width); the returned geometry maps that output
     * back to {@code height x width}, with the roles of the channel counts exchanged.
     *
     * @throws IllegalArgumentException if {@code outputPadding} is negative or not below {@code stride},
     *     or the output would be empty
     */
    public static ConvGeometry transposed(int batch, int inChannels, int height, int width, int outChannels,
                                          int kernelHeight, int kernelWidth, int stride, int padding,
                                          int outputPadding) {
        Check.atLeast("stride", stride, 1);
        Check.atLeast("outputPadding", outputPadding, 0);
        Check.atMost("outputPadding", outputPadding, stride - 1);
        int outHeight = (height - 1) * stride - 2 * padding + kernelHeight + outputPadding;
        int outWidth = (width - 1) * stride - 2 * padding + kernelWidth + outputPadding;
        Check.atLeast("transposed convolution output height", outHeight, 1);
        Check.atLeast("transposed convolution output width", outWidth, 1);
        return new ConvGeometry(batch, outChannels, outHeight, outWidth, inChannels,
                kernelHeight, kernelWidth, stride, padding);
    }

    /** Output height, {@code (height + 2 * padding - kernelHeight) / stride + 1}. */
    public int outHeight() {
        return (height + 2 * padding - kernelHeight) / stride + 1;
    }

    /** Output width, {@code (width + 2 * padding - kernelWidth) / stride + 1}. */
    public int outWidth() {
        return (width + 2 * padding - kernelWidth) / stride + 1;
    }

    /** Values in one input image, {@code inChannels * height * width}. */
    public int inputSize() {
        return inChannels * height * width;
    }

    /** Values in one output image, {@code outChannels * outHeight * outWidth}. */
    public int outputSize() {
        return outChannels * outHeight() * outWidth();
    }

    /** Values in the weight, {@code outChannels * inChannels * kernelHeight * kernelWidth}. */
    public int weightSize() {
        return outChannels * patchSize();
    }

    /** Values under one kernel position, {@code inChannels * kernelHeight * kernelWidth}. */
    public int patchSize() {
        return inChannels * kernelHeight * kernelWidth;
    }
}
