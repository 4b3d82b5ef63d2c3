package dev.latent.neural.optim;

import dev.latent.internal.Check;

import java.util.List;

/**
 * An optimizer's state as plain arrays: the step count and, for each parameter in order, a fixed
 * number of arrays of the parameter's size (none for plain SGD, one velocity for momentum, two moments
 * for Adam).
 * @param steps     steps taken so far
 * @param perParam  arrays per parameter
 * @param arrays    {@code perParam} arrays for each parameter, parameter by parameter
 */
public record OptimizerState(long steps, int perParam, List<float[]> arrays) {
    public OptimizerState {
        Check.atLeast("steps", steps, 0L);
        Check.atLeast("perParam", perParam, 0);
        arrays = List.copyOf(arrays);
    }
}
