package dev.latent.neural.models.ae;

import dev.latent.FitReport;
import dev.latent.Transformer;
import dev.latent.data.Matrix;
import dev.latent.data.SampleShape;
import dev.latent.internal.Check;
import dev.latent.io.BadFileException;
import dev.latent.io.ModelIO;
import dev.latent.io.ModelReader;
import dev.latent.io.ModelWriter;
import dev.latent.io.SavableModel;
import dev.latent.metrics.Reconstruction;
import dev.latent.neighbors.NeighborSearch;
import dev.latent.neighbors.Neighbors;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.layers.ActivationLayer;
import dev.latent.neural.layers.Layer;
import dev.latent.neural.layers.Mode;
import dev.latent.neural.layers.Parameter;
import dev.latent.neural.layers.Sequential;
import dev.latent.neural.models.Inference;
import dev.latent.neural.models.Weights;
import dev.latent.neural.onnx.OnnxExport;
import dev.latent.neural.tensor.Activation;
import dev.latent.neural.tensor.Tensor;
import dev.latent.neural.train.TrainingHistory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A trained autoencoder: encodes samples to codes, decodes codes to samples, reconstructs, scores anomalies by
 * reconstruction error and retrieves nearest neighbours in code space.
 * <p>{@link #transform} is {@link #encode}. Work is done in blocks of {@value Inference#BLOCK} samples, so memory
 * stays at one block's activations whatever the number of rows. The model keeps the networks' weights and no
 * training data; {@link #save} writes them to a model file of kind {@value #KIND} and {@link #exportOnnx}
 * writes the encoder and the decoder as ONNX files.
 */
public final class AutoencoderModel implements Transformer, SavableModel {
    /** The kind of model in its model files. */
    public static final String KIND = "autoencoder";

    private final Autoencoder params;
    private final SampleShape shape;
    private final boolean sigmoidOutput;
    private final Networks nets;
    private final TrainingHistory history;
    private final FitReport report;

    AutoencoderModel(Autoencoder params, SampleShape shape, boolean sigmoidOutput, Networks nets,
                     TrainingHistory history, Duration time) {
        this(params, shape, sigmoidOutput, nets, history, FitReport.of(history.epochs(), history.stoppedEarly(),
                history.epochs() == 0 ? Double.NaN : history.trainLoss()[history.epochs() - 1], history.trainLoss(),
                time));
    }

    private AutoencoderModel(Autoencoder params, SampleShape shape, boolean sigmoidOutput, Networks nets,
                             TrainingHistory history, FitReport report) {
        this.params = params;
        this.shape = shape;
        this.sigmoidOutput = sigmoidOutput;
        this.nets = nets;
        this.history = history;
        this.report = report;
    }

    /** The hyperparameters this model was trained with. */
    public Autoencoder params() {
        return params;
    }

    /** The shape of one sample. */
    public SampleShape sampleShape() {
        return shape;
    }

    /** The code size. */
    public int latent() {
        return params.latent();
    }

    /** Losses per epoch and how training ended. */
    public TrainingHistory history() {
        return history;
    }

    /** Whether reconstructions pass through a sigmoid (the training data lay in [0, 1]). */
    public boolean sigmoidOutput() {
        return sigmoidOutput || nets.logits();
    }

    @Override
    public FitReport report() {
        return report;
    }

    /** The codes of the rows of {@code x}; the same as {@link #encode}. */
    @Override
    public Matrix transform(Matrix x) {
        return encode(x);
    }

    /**
     * The code of each row of {@code x}, an {@code n x latent} matrix.
     * @throws IllegalArgumentException if {@code x} does not have one column per sample value or holds NaN
     */
    public Matrix encode(Matrix x) {
        checkSamples("x", x);
        return Inference.apply(nets.encoder(), x, params.latent());
    }

    /**
     * The decoded sample of each code, an {@code n x features} matrix (in [0, 1] when {@link #sigmoidOutput}).
     * @throws IllegalArgumentException if {@code codes} does not have {@link #latent} columns or holds NaN
     */
    public Matrix decode(Matrix codes) {
        Check.columns("codes", codes, params.latent());
        Check.finite("codes", codes);
        return Inference.apply(decoder(), codes, shape.size());
    }

    /**
     * The reconstruction of each row of {@code x}: its code, decoded.
     * @throws IllegalArgumentException as {@link #encode} does
     */
    public Matrix reconstruct(Matrix x) {
        return decode(encode(x));
    }

    /**
     * The anomaly score of each row: the mean squared difference between it and its reconstruction.
     * @throws IllegalArgumentException as {@link #encode} does
     */
    public double[] anomalyScores(Matrix x) {
        return Reconstruction.msePerSample(x, reconstruct(x));
    }

    /**
     * The {@code k} nearest rows of {@code database} to each row of {@code queries}, measured between their
     * codes (exact Euclidean search in code space).
     * @throws IllegalArgumentException as {@link #encode} does, or if {@code k} is not in [1, database rows]
     */
    public Neighbors nearest(Matrix queries, Matrix database, int k) {
        Matrix codes = encode(database);
        Check.atLeast("k", k, 1);
        Check.atMost("k", k, codes.rows());
        return NeighborSearch.exact(codes).query(encode(queries), k);
    }

    /**
     * Writes the encoder and the decoder (with its output sigmoid) as ONNX files: batches of samples of this
     * model's shape to codes, and codes to flat samples.
     * @throws IOException when a file cannot be written; the message names it
     */
    public void exportOnnx(Path encoderFile, Path decoderFile) throws IOException {
        int[] sample = shape.isImage() ? new int[]{shape.channels(), shape.height(), shape.width()}
                                       : new int[]{shape.size()};
        OnnxExport.write(nets.encoder(), sample, "encoder", encoderFile);
        OnnxExport.write(decoder(), new int[]{params.latent()}, "decoder", decoderFile);
    }

    /** The decoder with the sigmoid that turns logits into values, when it outputs logits. */
    private Layer decoder() {
        return nets.logits() ? Sequential.of(nets.decoder(), ActivationLayer.of(Activation.SIGMOID)) : nets.decoder();
    }

    private void checkSamples(String name, Matrix x) {
        Check.notNull(name, x);
        Check.columns(name, x, shape.size());
        Check.finite(name, x);
    }

    // ---------------------------------------------------------------- model files

    @Override
    public String kind() {
        return KIND;
    }

    /** Writes the hyperparameters, the sample shape, the training history and every weight and buffer. */
    @Override
    public void writeTo(ModelWriter out) {
        Autoencoder p = params;
        out.put("architecture", p.architecture().name()).put("latent", p.latent())
                .put("hidden", p.hidden().stream().mapToInt(Integer::intValue).toArray())
                .put("activation", p.activation().name()).put("loss", p.loss().name())
                .put("noise.kind", p.noise().kind().name()).put("noise.level", p.noise().level())
                .put("sparsity.kind", p.sparsity().kind().name()).put("sparsity.weight", p.sparsity().weight())
                .put("sparsity.target", p.sparsity().target()).put("epochs", p.epochs())
                .put("batchSize", p.batchSize()).put("learningRate", p.learningRate())
                .put("validationFraction", p.validationFraction()).put("patience", p.patience())
                .put("seed", p.seed())
                .put("shape", new int[]{shape.size(), shape.channels(), shape.height(), shape.width()})
                .put("sigmoidOutput", sigmoidOutput)
                .put("history.bestEpoch", history.bestEpoch()).put("history.stoppedEarly", history.stoppedEarly())
                .put("history.steps", history.steps()).put("history.seconds", history.seconds())
                .doubles("history.trainLoss", history.trainLoss(), history.epochs())
                .doubles("history.validationLoss", history.validationLoss(), history.validationLoss().length);
        Weights.write(out, "encoder", nets.encoder());
        Weights.write(out, "decoder", nets.decoder());
    }

    /** Saves the model to {@code file} atomically; see {@link ModelIO}. */
    public void save(Path file) throws IOException {
        ModelIO.save(this, file);
    }

    /**
     * Loads a model saved by {@link #save}.
     * @throws BadFileException when the file is not an autoencoder model file or is damaged
     * @throws IOException      when it cannot be read
     */
    public static AutoencoderModel load(Path file) throws IOException {
        return ModelIO.load(file, KIND, AutoencoderModel::read);
    }

    private static AutoencoderModel read(ModelReader in) {
        Autoencoder params = new Autoencoder(Architecture.valueOf(in.string("architecture")), in.integer("latent"),
                Arrays.stream(in.ints("hidden")).boxed().toList(), Activation.valueOf(in.string("activation")),
                Loss.valueOf(in.string("loss")),
                new Noise(Noise.Kind.valueOf(in.string("noise.kind")), in.number("noise.level")),
                new Sparsity(Sparsity.Kind.valueOf(in.string("sparsity.kind")), in.number("sparsity.weight"),
                        in.number("sparsity.target")),
                in.integer("epochs"), in.integer("batchSize"), in.number("learningRate"),
                in.number("validationFraction"), in.integer("patience"), in.longValue("seed"));
        int[] s = in.ints("shape");
        Check.argument(s.length == 4, "shape must hold 4 values (size, channels, height, width), got " + s.length);
        SampleShape shape = new SampleShape(s[0], s[1], s[2], s[3]);
        boolean sigmoidOutput = in.bool("sigmoidOutput");
        Networks nets = Networks.of(params, shape, sigmoidOutput);
        Weights.read(in, "encoder", nets.encoder());
        Weights.read(in, "decoder", nets.decoder());
        TrainingHistory history = new TrainingHistory(in.doubles("history.trainLoss"),
                in.doubles("history.validationLoss"), in.integer("history.bestEpoch"),
                in.bool("history.stoppedEarly"), in.longValue("history.steps"), in.number("history.seconds"));
        return new AutoencoderModel(params, shape, sigmoidOutput, nets, history, in.report());
    }

    @Override
    public String toString() {
        return "AutoencoderModel[" + params.architecture() + ", latent=" + params.latent() + ", shape=" + shape
                + ", epochs=" + history.epochs() + "]";
    }
}
