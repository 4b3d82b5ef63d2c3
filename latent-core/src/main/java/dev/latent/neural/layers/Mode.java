package dev.latent.neural.layers;

/** Whether a layer runs for training (dropout active, batch statistics) or for evaluation. */
public enum Mode {
    /** Training: dropout drops, batch normalization uses and updates batch statistics. */
    TRAIN,
    /** Evaluation: dropout passes values through, batch normalization uses its running statistics. */
    EVAL
}
