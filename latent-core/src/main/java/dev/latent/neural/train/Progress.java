package dev.latent.neural.train;

/** Receives training progress, for a progress bar or a log. Calls come from the training thread. */
public interface Progress {
    /** A progress listener that ignores everything. */
    Progress NONE = new Progress() {
        @Override public void onBatch(Batch batch) {}
    };

    /** After every mini-batch. */
    void onBatch(Batch batch);

    /** After every epoch (its validation and checkpoint included). */
    default void onEpoch(Epoch epoch) {}

    /**
     * One mini-batch done.
     * @param epoch            the epoch, from 0
     * @param epochs           the number of epochs planned
     * @param batch            the batch within the epoch, from 0
     * @param batches          batches per epoch
     * @param loss             the mean training loss of the epoch so far
     * @param samplesPerSecond training samples processed per second in this run
     * @param etaSeconds       estimated seconds left for the planned epochs (training batches only)
     */
    record Batch(int epoch, int epochs, int batch, int batches, double loss, double samplesPerSecond, double etaSeconds) {}

    /**
     * One epoch done.
     * @param validationLoss the mean validation loss, NaN without a validation part
     * @param improved       whether this epoch is the best so far (by validation loss, else training loss)
     */
    record Epoch(int epoch, int epochs, double trainLoss, double validationLoss, double seconds, boolean improved) {}
}
