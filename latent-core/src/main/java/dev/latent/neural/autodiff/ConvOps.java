package dev.latent.neural.autodiff;

import dev.latent.internal.Check;
import dev.latent.neural.tensor.BatchNormKernels;
import dev.latent.neural.tensor.Conv2dKernels;
import dev.latent.neural.tensor.ConvGeometry;
import dev.latent.neural.tensor.PoolKernels;
import dev.latent.neural.tensor.Tensor;
import dev.latent.neural.tensor.UpsampleKernels;

import java.util.Arrays;

/**
 * Differentiable image operations on NCHW nodes: convolution, transposed convolution, max pooling,
 * upsampling and batch normalization.
 * <p>Each computes its value with a kernel of {@code neural.tensor} ({@link Conv2dKernels},
 * {@link PoolKernels}, {@link UpsampleKernels}, {@link BatchNormKernels}) and records the rule that sends
 * its gradient back; gradients are computed only for the inputs that need them, so the first layer of a
 * network never computes the gradient of its data.
 */
public final class ConvOps {
    private ConvOps() {}

    /**
     * 2-D convolution with zero padding: {@code x [n, c, h, w]} with {@code weight [f, c, kh, kw]} and an
     * optional {@code bias [f]} gives {@code [n, f, (h + 2p - kh) / s + 1, (w + 2p - kw) / s + 1]}.
     *
     * @param bias the bias node, or {@code null} for none
     * @throws IllegalArgumentException if the shapes do not fit together or the stride or padding is out of range
     */
    public static Node conv2d(Node x, Node weight, Node bias, int stride, int padding) {
        Tensor xv = x.value(), wv = weight.value();
        checkImages("x", xv);
        Check.argument(wv.rank() == 4 && wv.dim(1) == xv.dim(1), "weight must have shape [outChannels, "
                + xv.dim(1) + ", kernelHeight, kernelWidth], got " + Arrays.toString(wv.shape()));
        ConvGeometry g = new ConvGeometry(xv.dim(0), xv.dim(1), xv.dim(2), xv.dim(3), wv.dim(0), wv.dim(2), wv.dim(3),
                stride, padding);
        checkBias(bias, g.outChannels());
        Tensor y = Tensor.zeros(g.batch(), g.outChannels(), g.outHeight(), g.outWidth());
        Conv2dKernels.forward(xv.data(), wv.data(), bias == null ? null : bias.value().data(), g, y.data());
        Node out = bias == null ? Node.of(y, x, weight) : Node.of(y, x, weight, bias);
        out.onBackward(grad -> {
            boolean needBias = bias != null && bias.requiresGrad();
            float[] dw = weight.requiresGrad() ? new float[g.weightSize()] : null;
            float[] db = needBias ? new float[g.outChannels()] : null;
            float[] dx = x.requiresGrad() ? x.gradBuffer().data() : null;
            Conv2dKernels.backward(xv.data(), grad.data(), wv.data(), g, dx, dw, db);
            if (dw != null) weight.addGrad(Tensor.of(dw, wv.shape()));
            if (needBias) bias.addGrad(Tensor.of(db, g.outChannels()));
        });
        return out;
    }

    /**
     * 2-D transposed convolution, the gradient of {@link #conv2d} with respect to its input: {@code x [n, c,
     * h, w]} with {@code weight [c, f, kh, kw]} (input channels first, as in PyTorch) and an optional
     * {@code bias [f]} gives {@code [n, f, (h - 1) s - 2p + kh + outputPadding, (w - 1) s - 2p + kw +
     * outputPadding]}.
     *
     * @param bias the bias node, or {@code null} for none
     * @param outputPadding extra rows and columns at the bottom and right, in {@code [0, stride)}, to pick
     *     among the output sizes that a stride-{@code s} convolution maps to the same input size
     * @throws IllegalArgumentException if the shapes do not fit together or a size is out of range
     */
    public static Node convTranspose2d(Node x, Node weight, Node bias, int stride, int padding, int outputPadding) {
        Tensor xv = x.value(), wv = weight.value();
        checkImages("x", xv);
        Check.argument(wv.rank() == 4 && wv.dim(0) == xv.dim(1), "weight must have shape [" + xv.dim(1)
                + ", outChannels, kernelHeight, kernelWidth], got " + Arrays.toString(wv.shape()));
        ConvGeometry g = ConvGeometry.transposed(xv.dim(0), xv.dim(1), xv.dim(2), xv.dim(3), wv.dim(1), wv.dim(2),
                wv.dim(3), stride, padding, outputPadding);
        checkBias(bias, g.inChannels());
        Tensor y = Tensor.zeros(g.batch(), g.inChannels(), g.height(), g.width());
        Conv2dKernels.transposedForward(xv.data(), wv.data(), bias == null ? null : bias.value().data(), g, y.data());
        Node out = bias == null ? Node.of(y, x, weight) : Node.of(y, x, weight, bias);
        out.onBackward(grad -> {
            boolean needBias = bias != null && bias.requiresGrad();
            float[] dw = weight.requiresGrad() ? new float[g.weightSize()] : null;
            float[] db = needBias ? new float[g.inChannels()] : null;
            float[] dx = x.requiresGrad() ? x.gradBuffer().data() : null;
            Conv2dKernels.transposedBackward(xv.data(), grad.data(), wv.data(), g, dx, dw, db);
            if (dw != null) weight.addGrad(Tensor.of(dw, wv.shape()));
            if (needBias) bias.addGrad(Tensor.of(db, g.inChannels()));
        });
        return out;
    }

    /**
     * Max pooling over {@code kernel x kernel} windows every {@code stride} positions, with {@code padding}
     * absent positions past each edge: {@code [n, c, h, w]} gives {@code [n, c, (h + 2p - k) / s + 1,
     * (w + 2p - k) / s + 1]}. The gradient goes to each window's maximum.
     *
     * @throws IllegalArgumentException if {@code x} is not NCHW or a size is out of range
     */
    public static Node maxPool2d(Node x, int kernel, int stride, int padding) {
        Tensor xv = x.value();
        checkImages("x", xv);
        int n = xv.dim(0), c = xv.dim(1), h = xv.dim(2), w = xv.dim(3);
        Check.atLeast("kernel", kernel, 1);
        Check.atLeast("stride", stride, 1);
        Check.atLeast("padding", padding, 0);
        Check.atMost("kernel", kernel, Math.min(h, w) + 2 * padding);
        int oh = PoolKernels.outSize(h, kernel, stride, padding), ow = PoolKernels.outSize(w, kernel, stride, padding);
        Tensor y = Tensor.zeros(n, c, oh, ow);
        int[] argmax = new int[y.size()];
        PoolKernels.maxForward(xv.data(), n * c, h, w, kernel, stride, padding, y.data(), argmax);
        Node out = Node.of(y, x);
        out.onBackward(grad -> {
            Tensor dx = Tensor.zeros(xv.shape());
            PoolKernels.maxBackward(grad.data(), argmax, n * c, h, w, dx.data());
            x.addGrad(dx);
        });
        return out;
    }

    /**
     * Nearest-neighbour upsampling by an integer factor: {@code [n, c, h, w]} gives
     * {@code [n, c, h * scale, w * scale]}, each value repeated over a {@code scale x scale} block.
     *
     * @throws IllegalArgumentException if {@code x} is not NCHW or {@code scale < 1}
     */
    public static Node upsampleNearest(Node x, int scale) {
        return upsample(x, scale, false);
    }

    /**
     * Bilinear upsampling by an integer factor with PyTorch's {@code align_corners=False} coordinates:
     * {@code [n, c, h, w]} gives {@code [n, c, h * scale, w * scale]}.
     *
     * @throws IllegalArgumentException if {@code x} is not NCHW or {@code scale < 1}
     */
    public static Node upsampleBilinear(Node x, int scale) {
        return upsample(x, scale, true);
    }

    private static Node upsample(Node x, int scale, boolean bilinear) {
        Tensor xv = x.value();
        checkImages("x", xv);
        Check.atLeast("scale", scale, 1);
        int planes = xv.dim(0) * xv.dim(1), h = xv.dim(2), w = xv.dim(3);
        Tensor y = Tensor.zeros(xv.dim(0), xv.dim(1), h * scale, w * scale);
        if (bilinear) UpsampleKernels.bilinearForward(xv.data(), planes, h, w, scale, y.data());
        else UpsampleKernels.nearestForward(xv.data(), planes, h, w, scale, y.data());
        Node out = Node.of(y, x);
        out.onBackward(grad -> {
            Tensor dx = Tensor.zeros(xv.shape());
            if (bilinear) UpsampleKernels.bilinearBackward(grad.data(), planes, h, w, scale, dx.data());
            else UpsampleKernels.nearestBackward(grad.data(), planes, h, w, scale, dx.data());
            x.addGrad(dx);
        });
        return out;
    }

    /**
     * Batch normalization of each channel of {@code x} ({@code [n, c, h, w]}, or {@code [n, c]}), scaled by
     * {@code gamma [c]} and shifted by {@code beta [c]}.
     * <p>With {@code training} the batch statistics are used, the gradient goes through them, and
     * {@code runningMean} and {@code runningVar} ({@code [c]}, not differentiated) move towards them by
     * {@code momentum}; otherwise the running statistics are used and left unchanged.
     *
     * @throws IllegalArgumentException if the shapes do not fit together, {@code eps} or {@code momentum}
     *     is out of range, or in training a channel holds a single value
     */
    public static Node batchNorm(Node x, Node gamma, Node beta, Tensor runningMean, Tensor runningVar,
                                 boolean training, double momentum, double eps) {
        Tensor xv = x.value();
        Check.argument(xv.rank() == 2 || xv.rank() == 4,
                "x must have shape [batch, channels] or [batch, channels, height, width], got " + Arrays.toString(xv.shape()));
        int n = xv.dim(0), c = xv.dim(1), spatial = xv.size() / Math.max(1, n * c);
        for (Tensor t : new Tensor[] {gamma.value(), beta.value(), runningMean, runningVar}) {
            Check.argument(t.hasShape(c), "batch norm statistics and scales must have shape [" + c + "], got "
                    + Arrays.toString(t.shape()));
        }
        Tensor y = Tensor.zeros(xv.shape());
        float[] mean = new float[c], invStd = new float[c];
        float[] g = gamma.value().data(), b = beta.value().data();
        if (training) {
            BatchNormKernels.trainForward(xv.data(), n, c, spatial, g, b, eps, momentum, runningMean.data(),
                    runningVar.data(), y.data(), mean, invStd);
        } else {
            BatchNormKernels.evalForward(xv.data(), n, c, spatial, g, b, eps, runningMean.data(), runningVar.data(),
                    y.data());
            float[] rm = runningMean.data(), rv = runningVar.data();
            for (int i = 0; i < c; i++) {
                mean[i] = rm[i];
                invStd[i] = (float) (1 / Math.sqrt(rv[i] + eps));
            }
        }
        Node out = Node.of(y, x, gamma, beta);
        out.onBackward(grad -> {
            Tensor dx = Tensor.zeros(xv.shape());
            float[] dGamma = new float[c], dBeta = new float[c];
            BatchNormKernels.backward(xv.data(), grad.data(), n, c, spatial, g, mean, invStd, training, dx.data(),
                    dGamma, dBeta);
            x.addGrad(dx);
            gamma.addGrad(Tensor.of(dGamma, c));
            beta.addGrad(Tensor.of(dBeta, c));
        });
        return out;
    }

    private static void checkImages(String name, Tensor t) {
        Check.argument(t.rank() == 4, name + " must have shape [batch, channels, height, width], got "
                + Arrays.toString(t.shape()));
        Check.argument(t.size() > 0, name + " must not be empty, got shape " + Arrays.toString(t.shape()));
    }

    private static void checkBias(Node bias, int channels) {
        if (bias != null) {
            Check.argument(bias.value().hasShape(channels), "bias must have shape [" + channels + "], got "
                    + Arrays.toString(bias.value().shape()));
        }
    }
}
