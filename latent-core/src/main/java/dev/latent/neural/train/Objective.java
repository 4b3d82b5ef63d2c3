package dev.latent.neural.train;

import dev.latent.neural.autodiff.Functions;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.layers.Layer;
import dev.latent.neural.layers.Mode;
import dev.latent.neural.tensor.Tensor;

/** The scalar loss of a model on one mini-batch. */
@FunctionalInterface
public interface Objective {
    /**
     * The loss node of {@code model} on {@code batch}, whose first axis is the sample.
     * @param mode {@link Mode#TRAIN} for training steps, {@link Mode#EVAL} for validation
     */
    Node loss(Layer model, Tensor batch, Mode mode);

    /**
     * Called at the start of every epoch (counted from 0, also when a run resumes), for objectives whose terms
     * change with the epoch, such as a KL warm-up; does nothing by default.
     */
    default void startEpoch(int epoch) {}

    /** Reconstruction: the mean squared error between the model's output and its input. */
    static Objective reconstruction() {
        return (model, batch, mode) -> {
            Node x = Node.input(batch);
            Node y = model.apply(x, mode);
            return Functions.mse(y, sameShape(x, y));
        };
    }

    /** The input seen with the output's shape, when both hold the same number of values. */
    private static Node sameShape(Node x, Node y) {
        if (x.value().sameShape(y.value())) return x;
        return Node.input(x.value().reshape(y.value().shape()));
    }
}
