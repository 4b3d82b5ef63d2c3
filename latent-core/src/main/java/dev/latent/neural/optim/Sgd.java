package dev.latent.neural.optim;

import dev.latent.internal.Check;
import dev.latent.neural.layers.Parameter;

import java.util.IdentityHashMap;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum (heavy-ball or Nesterov) and L2 weight decay, in
 * the form PyTorch uses: {@code g += decay * p; v = momentum * v + g} (v starts at the first g);
 * {@code p -= lr * (nesterov ? g + momentum * v : v)}.
 * <p>Reference: I. Sutskever et al., "On the importance of initialization and momentum in deep
 * learning", ICML 2013.
 */
public final class Sgd implements Optimizer {
    private final double learningRate;
    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private final IdentityHashMap<Parameter, float[][]> state = new IdentityHashMap<>();
    private long steps;

    private Sgd(double learningRate, double momentum, boolean nesterov, double weightDecay) {
        Check.positive("learningRate", learningRate);
        Check.inRange("momentum", momentum, 0, 1);
        Check.argument(momentum < 1, "momentum must be < 1, got " + momentum);
        Check.argument(!nesterov || momentum > 0, "nesterov needs momentum > 0, got " + momentum);
        Check.nonNegative("weightDecay", weightDecay);
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    /** Plain SGD. */
    public static Sgd of(double learningRate) {
        return new Sgd(learningRate, 0, false, 0);
    }

    /**
     * SGD with momentum.
     * @throws IllegalArgumentException when a value is out of range ({@code 0 <= momentum < 1})
     */
    public static Sgd of(double learningRate, double momentum, boolean nesterov, double weightDecay) {
        return new Sgd(learningRate, momentum, nesterov, weightDecay);
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public void step(List<Parameter> params, double lr) {
        Check.nonNegative("learningRate", lr);
        boolean first = steps == 0;
        for (Parameter p : params) {
            float[] w = p.value().data(), g = p.grad().data();
            float[] v = momentum > 0 ? Updates.slots(state, p, 1)[0] : null;
            float rate = (float) lr, mu = (float) momentum, decay = (float) weightDecay;
            Updates.forChunks(w.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    float d = g[i] + decay * w[i];
                    if (v != null) {
                        v[i] = first ? d : mu * v[i] + d;
                        d = nesterov ? d + mu * v[i] : v[i];
                    }
                    w[i] -= rate * d;
                }
            });
        }
        steps++;
    }

    @Override
    public OptimizerState state(List<Parameter> params) {
        return Updates.save(state, params, momentum > 0 ? 1 : 0, steps);
    }

    @Override
    public void restore(List<Parameter> params, OptimizerState s) {
        Updates.restore(state, params, momentum > 0 ? 1 : 0, s);
        steps = s.steps();
    }
}
