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
 * <p>{@link #transform} is {@link #encode}. Work is done in blocks of {@value #BLOCK} samples, so memory stays
 * at one block's activations whatever the number of rows. The model keeps the networks' weights and no
 * training data; {@link #save} writes them to a model file of kind {@value #KIND} and {@link #exportOnnx}
 * writes the encoder and the decoder as ONNX files.
 */
public final class AutoencoderModel implements Transformer, SavableModel {
    /** The kind of model in its model files. */
    public static final String KIND = "autoencoder";
    private static final int BLOCK = 1024;

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
        return apply(nets.encoder(), x, params.latent());
    }

    /**
     * The decoded sample of each code, an {@code n x features} matrix (in [0, 1] when {@link #sigmoidOutput}).
     * @throws IllegalArgumentException if {@code codes} does not have {@link #latent} columns or holds NaN
     */
    public Matrix decode(Matrix codes) {
        Check.columns("codes", codes, params.latent());
        Check.finite("codes", codes);
        return apply(decoder(), codes, shape.size());
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

    /** {@code network} applied in evaluation mode to blocks of rows of {@code x}, flattened to {@code cols} columns. */
    private static Matrix apply(Layer network, Matrix x, int cols) {
        int n = x.rows(), d = x.cols();
        Matrix out = Matrix.zeros(n, cols);
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            float[] block = Arrays.copyOfRange(x.values(), from * d, to * d);
            Tensor y = network.apply(Node.input(Tensor.of(block, to - from, d)), Mode.EVAL).value();
            System.arraycopy(y.data(), 0, out.values(), from * cols, (to - from) * cols);
        }
        return out;
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
        writeWeights(out, "encoder", nets.encoder());
        writeWeights(out, "decoder", nets.decoder());
    }

    private static void writeWeights(ModelWriter out, String prefix, Layer network) {
        List<Parameter> params = network.parameters();
        for (int i = 0; i < params.size(); i++) {
            Tensor t = params.get(i).value();
            out.floats(prefix + ".parameter." + i, t.data(), t.shape());
        }
        List<Tensor> buffers = network.buffers();
        for (int i = 0; i < buffers.size(); i++) {
            out.floats(prefix + ".buffer." + i, buffers.get(i).data(), buffers.get(i).shape());
        }
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
        readWeights(in, "encoder", nets.encoder());
        readWeights(in, "decoder", nets.decoder());
        TrainingHistory history = new TrainingHistory(in.doubles("history.trainLoss"),
                in.doubles("history.validationLoss"), in.integer("history.bestEpoch"),
                in.bool("history.stoppedEarly"), in.longValue("history.steps"), in.number("history.seconds"));
        return new AutoencoderModel(params, shape, sigmoidOutput, nets, history, in.report());
    }

    private static void readWeights(ModelReader in, String prefix, Layer network) {
        List<Parameter> params = network.parameters();
        for (int i = 0; i < params.size(); i++) copy(in, prefix + ".parameter." + i, params.get(i).value());
        List<Tensor> buffers = network.buffers();
        for (int i = 0; i < buffers.size(); i++) copy(in, prefix + ".buffer." + i, buffers.get(i));
    }

    private static void copy(ModelReader in, String name, Tensor into) {
        int[] stored = in.shape(name);
        Check.argument(Arrays.equals(stored, into.shape()), name + " must have shape " + Arrays.toString(into.shape())
                + " for these hyperparameters, got " + Arrays.toString(stored));
        float[] values = in.floats(name);
        System.arraycopy(values, 0, into.data(), 0, values.length);
    }

    @Override
    public String toString() {
        return "AutoencoderModel[" + params.architecture() + ", latent=" + params.latent() + ", shape=" + shape
                + ", epochs=" + history.epochs() + "]";
    }
}
