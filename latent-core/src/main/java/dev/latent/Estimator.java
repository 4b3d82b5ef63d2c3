package dev.latent;

import dev.latent.data.Matrix;

/**
 * Hyperparameters that can be fitted to data, giving an immutable {@link Model}.
 * <p>An estimator is an immutable value (usually a record). {@code fit} neither modifies its input nor
 * keeps a reference to it, and the same estimator on the same data gives an identical model whatever
 * the thread count.
 * @param <M> the fitted model
 */
public interface Estimator<M extends Model> {
    /**
     * Fits the model to the rows of {@code x}.
     * @throws IllegalArgumentException if {@code x} does not suit the hyperparameters (too few rows,
     *                                  non-finite values, ...); the message names the problem
     */
    M fit(Matrix x);
}
