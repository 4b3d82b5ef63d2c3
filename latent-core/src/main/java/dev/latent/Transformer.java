package dev.latent;

import dev.latent.data.Matrix;

/** A fitted model that maps rows to new rows (an embedding, a projection, distances to centres). */
public interface Transformer extends Model {
    /**
     * Maps each row of {@code x} to a row of the result, in the same order.
     * @throws IllegalArgumentException if {@code x} has the wrong number of columns or non-finite values
     */
    Matrix transform(Matrix x);
}
