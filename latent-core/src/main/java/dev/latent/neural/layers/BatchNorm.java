package dev.latent.neural.layers;

import dev.latent.internal.Check;
import dev.latent.neural.autodiff.ConvOps;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.tensor.BatchNormKernels;
import dev.latent.neural.tensor.Tensor;

import java.util.List;

/**
 * Batch normalization of each channel of {@code [n, c, h, w]} images or {@code [n, c]} rows, with a learned
 * scale ({@code gamma}, starting at 1) and shift ({@code beta}, starting at 0).
 * <p>In {@link Mode#TRAIN} it normalizes with the batch statistics and moves the running statistics towards
 * them by {@code momentum}; in {@link Mode#EVAL} it uses the running statistics (see {@link BatchNormKernels}).
 * The running mean (starting at 0) and variance (starting at 1) are not trained by gradients but are saved
 * with the model: they are the {@link #buffers()}, named by {@link #BUFFER_NAMES}.
 * <p>Reference: S. Ioffe and C. Szegedy, "Batch Normalization: Accelerating Deep Network Training by
 * Reducing Internal Covariate Shift", ICML 2015.
 */
public final class BatchNorm implements Layer {
    /** The names of {@link #buffers()}, in the same order. */
    public static final List<String> BUFFER_NAMES = List.of("runningMean", "runningVar");

    private final double momentum;
    private final double eps;
    private final Parameter gamma;
    private final Parameter beta;
    private final Tensor runningMean;
    private final Tensor runningVar;

    private BatchNorm(int channels, double momentum, double eps) {
        this.momentum = momentum;
        this.eps = eps;
        this.gamma = Parameter.of("gamma", Tensor.full(1f, channels));
        this.beta = Parameter.of("beta", Tensor.zeros(channels));
        this.runningMean = Tensor.zeros(channels);
        this.runningVar = Tensor.full(1f, channels);
    }

    /** Batch normalization of {@code channels} channels with PyTorch's defaults: momentum 0.1, eps 1e-5. */
    public static BatchNorm of(int channels) {
        return of(channels, 0.1, 1e-5);
    }

    /**
     * Batch normalization.
     *
     * @param channels channels normalized separately, at least 1
     * @param momentum weight of each batch's statistics in the running ones, in [0, 1]
     * @param eps added to the variance before its square root, {@code > 0}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static BatchNorm of(int channels, double momentum, double eps) {
        Check.atLeast("channels", channels, 1);
        Check.inRange("momentum", momentum, 0, 1);
        Check.positive("eps", eps);
        return new BatchNorm(channels, momentum, eps);
    }

    public int channels() {
        return runningMean.size();
    }

    public double momentum() {
        return momentum;
    }

    public double eps() {
        return eps;
    }

    public Parameter gamma() {
        return gamma;
    }

    public Parameter beta() {
        return beta;
    }

    /** The running mean, {@code [channels]} (the live tensor, updated in training). */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance, {@code [channels]} (the live tensor, updated in training). */
    public Tensor runningVar() {
        return runningVar;
    }

    @Override
    public Node apply(Node x, Mode mode) {
        Check.notNull("mode", mode);
        return ConvOps.batchNorm(x, gamma.node(), beta.node(), runningMean, runningVar, mode == Mode.TRAIN,
                momentum, eps);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    /** The running mean and variance, in the order of {@link #BUFFER_NAMES}; a model file saves and restores them. */
    @Override
    public List<Tensor> buffers() {
        return List.of(runningMean, runningVar);
    }
}
