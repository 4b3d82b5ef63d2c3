package dev.latent;

import dev.latent.data.Matrix;

/** A fitted model that assigns rows to clusters numbered from 0. */
public interface ClusterModel extends Model {
    /**
     * The cluster of each row of {@code x}, in row order.
     * @throws IllegalArgumentException if {@code x} has the wrong number of columns or non-finite values
     */
    int[] predict(Matrix x);
}
