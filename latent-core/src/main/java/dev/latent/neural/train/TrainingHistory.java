package dev.latent.neural.train;

/**
 * What a training run did.
 * @param trainLoss      mean training loss of each epoch run (all epochs, those of a resumed run included)
 * @param validationLoss mean validation loss of each epoch (NaN without a validation part)
 * @param bestEpoch      the epoch with the lowest validation loss (training loss without a validation
 *                       part), whose weights the model holds at the end
 * @param stoppedEarly   whether early stopping ended the run before the planned epochs
 * @param steps          optimizer steps taken in all
 * @param seconds        wall time of this run (not of earlier runs resumed from)
 */
public record TrainingHistory(double[] trainLoss, double[] validationLoss, int bestEpoch, boolean stoppedEarly,
                              long steps, double seconds) {
    public TrainingHistory {
        trainLoss = trainLoss.clone();
        validationLoss = validationLoss.clone();
    }

    /** The number of epochs run. */
    public int epochs() {
        return trainLoss.length;
    }

    @Override public double[] trainLoss() {
        return trainLoss.clone();
    }

    @Override public double[] validationLoss() {
        return validationLoss.clone();
    }
}
