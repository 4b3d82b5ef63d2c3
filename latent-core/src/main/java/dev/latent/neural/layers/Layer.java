package dev.latent.neural.layers;

import dev.latent.neural.autodiff.Node;
import dev.latent.neural.tensor.Tensor;

import java.util.List;

/**
 * A step of a network: maps a node to a node with differentiable ops, holding its parameters.
 * <p>Layers contain no gradient code; the ops they call carry the gradient rules.
 */
public interface Layer {
    /** This layer applied to {@code x} in the given mode. */
    Node apply(Node x, Mode mode);

    /** The trainable parameters, in a fixed order (empty when there are none). */
    List<Parameter> parameters();

    /**
     * State that is not trained by gradients but must be saved with the weights, such as the running
     * statistics of batch normalization, in a fixed order; empty by default.
     */
    default List<Tensor> buffers() {
        return List.of();
    }

    /**
     * Restarts the layer's random stream (dropout masks) from {@code seed}. The training loop calls it
     * at the start of every epoch with a seed derived from the run's seed and the epoch, so a run
     * resumed from a checkpoint draws the same masks as an uninterrupted one. Does nothing by default.
     */
    default void seed(long seed) {}
}
