package dev.latent.neural.train;

import dev.latent.FitReport;
import dev.latent.io.BadFileException;
import dev.latent.io.ModelIO;
import dev.latent.io.ModelReader;
import dev.latent.io.ModelWriter;
import dev.latent.io.SavableModel;
import dev.latent.neural.optim.OptimizerState;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a training run needs to continue exactly where it stopped: the weights and buffers, the
 * optimizer state, the epoch and step counts, the loss history and the early-stopping state with the
 * best weights so far.
 * <p>It is a {@link ModelIO} file of kind {@value #KIND}: written atomically (temporary file, fsync,
 * rename), so a kill during the write leaves the previous checkpoint intact, and checksummed, so a
 * damaged file is refused whole. The scalars and loss histories go in the header; the arrays are named
 * {@code param.i}, {@code buffer.i}, {@code optimizer.i} and {@code best.i}. Shapes are checked against
 * the model on restore.
 * @param epochs         epochs completed
 * @param steps          optimizer steps taken
 * @param bestEpoch      best epoch so far, -1 before the first
 * @param badEpochs      epochs since the best one
 * @param bestLoss       best monitored loss so far (infinity before the first)
 * @param trainLoss      mean training loss per completed epoch
 * @param validationLoss mean validation loss per completed epoch (NaN without validation)
 * @param params         parameter values, in the model's order, with their shapes
 * @param shapes         the shape of each parameter
 * @param buffers        buffer values, in the model's order
 * @param optimizer      the optimizer state
 * @param best           the parameter values of the best epoch (empty before the first)
 */
record Checkpoint(int epochs, long steps, int bestEpoch, int badEpochs, double bestLoss, double[] trainLoss,
                  double[] validationLoss, List<float[]> params, List<int[]> shapes, List<float[]> buffers,
                  OptimizerState optimizer, List<float[]> best) implements SavableModel {
    /** The kind of model file. */
    static final String KIND = "training-checkpoint";

    @Override
    public String kind() {
        return KIND;
    }

    /** The epochs completed, with the mean training loss of each. */
    @Override
    public FitReport report() {
        double last = trainLoss.length == 0 ? Double.NaN : trainLoss[trainLoss.length - 1];
        return new FitReport(epochs, false, last, trainLoss, Duration.ZERO, dev.latent.Latent.version());
    }

    @Override
    public void writeTo(ModelWriter out) {
        out.put("epochs", epochs).put("steps", steps).put("bestEpoch", bestEpoch).put("badEpochs", badEpochs)
                .put("bestLoss", bestLoss).put("trainLoss", trainLoss).put("validationLoss", validationLoss)
                .put("parameters", params.size()).put("buffers", buffers.size())
                .put("optimizerSteps", optimizer.steps()).put("optimizerSlots", optimizer.perParam())
                .put("optimizerArrays", optimizer.arrays().size()).put("bestArrays", best.size());
        for (int i = 0; i < params.size(); i++) out.floats("param." + i, params.get(i), shapes.get(i));
        for (int i = 0; i < buffers.size(); i++) out.floats("buffer." + i, buffers.get(i), buffers.get(i).length);
        for (int i = 0; i < optimizer.arrays().size(); i++) {
            out.floats("optimizer." + i, optimizer.arrays().get(i), optimizer.arrays().get(i).length);
        }
        for (int i = 0; i < best.size(); i++) out.floats("best." + i, best.get(i), best.get(i).length);
    }

    /** Writes the checkpoint to {@code file} atomically. */
    void write(Path file) throws IOException {
        ModelIO.save(this, file);
    }

    /**
     * Reads a checkpoint.
     * @throws BadFileException when the file is not a checkpoint, is damaged or truncated
     */
    static Checkpoint read(Path file) throws IOException {
        return ModelIO.load(file, KIND, Checkpoint::read);
    }

    private static Checkpoint read(ModelReader in) {
        int count = in.integer("parameters");
        List<float[]> params = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            params.add(in.floats("param." + i));
            shapes.add(in.shape("param." + i));
        }
        OptimizerState opt = new OptimizerState(in.longValue("optimizerSteps"), in.integer("optimizerSlots"),
                arrays(in, "optimizer.", in.integer("optimizerArrays")));
        return new Checkpoint(in.integer("epochs"), in.longValue("steps"), in.integer("bestEpoch"), in.integer("badEpochs"),
                in.number("bestLoss"), in.doubles("trainLoss"), in.doubles("validationLoss"), params, shapes,
                arrays(in, "buffer.", in.integer("buffers")), opt, arrays(in, "best.", in.integer("bestArrays")));
    }

    private static List<float[]> arrays(ModelReader in, String prefix, int count) {
        List<float[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(in.floats(prefix + i));
        return out;
    }
}
