package dev.latent.neural.optim;

import dev.latent.internal.Check;
import dev.latent.neural.layers.Parameter;

import java.util.IdentityHashMap;
import java.util.List;

/**
 * Adam, and AdamW with decoupled weight decay.
 * <p>At step t: {@code m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 * p -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}. Adam's weight decay adds
 * {@code decay * p} to the gradient; AdamW's instead shrinks {@code p} by {@code lr * decay * p}
 * before the update. Memory: two arrays the size of each parameter.
 * <p>Reference: D. Kingma and J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015;
 * I. Loshchilov and F. Hutter, "Decoupled Weight Decay Regularization", ICLR 2019.
 */
public final class Adam implements Optimizer {
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final boolean decoupled;
    private final IdentityHashMap<Parameter, float[][]> state = new IdentityHashMap<>();
    private long steps;

    private Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, boolean decoupled) {
        Check.positive("learningRate", learningRate);
        Check.inRange("beta1", beta1, 0, 1);
        Check.argument(beta1 < 1, "beta1 must be < 1, got " + beta1);
        Check.inRange("beta2", beta2, 0, 1);
        Check.argument(beta2 < 1, "beta2 must be < 1, got " + beta2);
        Check.positive("epsilon", epsilon);
        Check.nonNegative("weightDecay", weightDecay);
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    /** Adam with betas 0.9 and 0.999, epsilon 1e-8 and no weight decay. */
    public static Adam of(double learningRate) {
        return new Adam(learningRate, 0.9, 0.999, 1e-8, 0, false);
    }

    /** Adam with L2 weight decay added to the gradient. */
    public static Adam of(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        return new Adam(learningRate, beta1, beta2, epsilon, weightDecay, false);
    }

    /** AdamW: betas 0.9 and 0.999, epsilon 1e-8, decoupled weight decay. */
    public static Adam adamW(double learningRate, double weightDecay) {
        return new Adam(learningRate, 0.9, 0.999, 1e-8, weightDecay, true);
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public long steps() {
        return steps;
    }

    /** Whether weight decay is decoupled (AdamW). */
    public boolean decoupled() {
        return decoupled;
    }

    @Override
    public void step(List<Parameter> params, double lr) {
        Check.nonNegative("learningRate", lr);
        long t = steps + 1;
        double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
        // p -= lr / c1 * m / (sqrt(v) / sqrt(c2) + eps)
        float stepSize = (float) (lr / c1), invSqrtC2 = (float) (1 / Math.sqrt(c2));
        float b1 = (float) beta1, b2 = (float) beta2, a1 = (float) (1 - beta1), a2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        float l2 = decoupled ? 0f : (float) weightDecay;
        float shrink = decoupled ? (float) (1 - lr * weightDecay) : 1f;
        for (Parameter p : params) {
            float[] w = p.value().data(), g = p.grad().data();
            float[][] s = Updates.slots(state, p, 2);
            float[] m = s[0], v = s[1];
            Updates.forChunks(w.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    float gi = g[i] + l2 * w[i];
                    float mi = b1 * m[i] + a1 * gi;
                    float vi = b2 * v[i] + a2 * gi * gi;
                    m[i] = mi;
                    v[i] = vi;
                    w[i] = shrink * w[i] - stepSize * mi / ((float) Math.sqrt(vi) * invSqrtC2 + eps);
                }
            });
        }
        steps = t;
    }

    @Override
    public OptimizerState state(List<Parameter> params) {
        return Updates.save(state, params, 2, steps);
    }

    @Override
    public void restore(List<Parameter> params, OptimizerState s) {
        Updates.restore(state, params, 2, s);
        steps = s.steps();
    }
}
