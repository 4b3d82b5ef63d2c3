package dev.latent;

import dev.latent.data.Matrix;

/**
 * An estimator whose model is a {@link Transformer}, with {@code fitTransform} in one call.
 * @param <M> the fitted model
 */
public interface TransformerEstimator<M extends Transformer> extends Estimator<M> {
    /**
     * Fits to {@code x} and returns the transform of {@code x}; the same as {@code fit(x).transform(x)},
     * which is what the default does. Implementations override it only where a fused path is cheaper.
     * @throws IllegalArgumentException as {@link #fit(Matrix)} does
     */
    default Matrix fitTransform(Matrix x) {
        return fit(x).transform(x);
    }
}
