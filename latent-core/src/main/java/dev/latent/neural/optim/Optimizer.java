package dev.latent.neural.optim;

import dev.latent.neural.layers.Parameter;

import java.util.List;

/**
 * Updates parameters in place from their gradients, keeping its own state (momentum buffers, moment
 * estimates, the step count) keyed by parameter.
 * <p>Updates are elementwise, cut into fixed chunks on the shared pool, so they do not depend on the
 * thread count.
 */
public interface Optimizer {
    /** The base learning rate; schedules scale it. */
    double learningRate();

    /** One update of every parameter with the given learning rate (gradients are read, not cleared). */
    void step(List<Parameter> params, double learningRate);

    /** One update with the base learning rate. */
    default void step(List<Parameter> params) {
        step(params, learningRate());
    }

    /** The number of steps taken. */
    long steps();

    /** A copy of the state for the given parameters, in their order (for checkpoints). */
    OptimizerState state(List<Parameter> params);

    /**
     * Replaces the state with {@code state}, taken from the same kind of optimizer on parameters of
     * the same shapes, in the same order.
     * @throws IllegalArgumentException when the state does not fit the parameters
     */
    void restore(List<Parameter> params, OptimizerState state);
}
