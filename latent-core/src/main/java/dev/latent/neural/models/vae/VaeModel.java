package dev.latent.neural.models.vae;

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
import dev.latent.neural.autodiff.Functions;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.layers.ActivationLayer;
import dev.latent.neural.layers.Layer;
import dev.latent.neural.layers.Mode;
import dev.latent.neural.layers.Parameter;
import dev.latent.neural.layers.Sequential;
import dev.latent.neural.models.ae.Architecture;
import dev.latent.neural.onnx.OnnxExport;
import dev.latent.neural.tensor.Activation;
import dev.latent.neural.tensor.Tensor;
import dev.latent.neural.tensor.Tensors;
import dev.latent.neural.train.TrainingHistory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A trained variational autoencoder: encodes samples to the mean and log-variance of their code, decodes codes,
 * generates new samples from the prior (of a chosen class when conditional), interpolates and traverses the
 * latent space, and estimates the log-likelihood of data by the ELBO and the importance-weighted bound.
 * <p>{@link #transform} gives the code means. Work runs in blocks of {@value #BLOCK} rows. The model keeps the
 * networks' weights and no training data.
 * <p>Reference: D. P. Kingma and M. Welling, "Auto-Encoding Variational Bayes", ICLR 2014; Y. Burda, R. Grosse,
 * R. Salakhutdinov, "Importance Weighted Autoencoders", ICLR 2016 (the k-sample bound).
 */
public final class VaeModel implements Transformer, SavableModel {
    /** The kind of model in its model files. */
    public static final String KIND = "vae";
    private static final int BLOCK = 1024;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final Vae params;
    private final SampleShape shape;
    private final List<String> classNames;
    private final VaeNetworks nets;
    private final TrainingHistory history;
    private final double[] reconstructionHistory;
    private final double[] klHistory;
    private final FitReport report;

    VaeModel(Vae params, SampleShape shape, List<String> classNames, VaeNetworks nets, TrainingHistory history,
             double[] reconstructionHistory, double[] klHistory, Duration time) {
        this(params, shape, classNames, nets, history, reconstructionHistory, klHistory,
                FitReport.of(history.epochs(), false, history.trainLoss()[history.epochs() - 1], history.trainLoss(), time));
    }

    private VaeModel(Vae params, SampleShape shape, List<String> classNames, VaeNetworks nets, TrainingHistory history,
                     double[] reconstructionHistory, double[] klHistory, FitReport report) {
        this.params = params;
        this.shape = shape;
        this.classNames = List.copyOf(classNames);
        this.nets = nets;
        this.history = history;
        this.reconstructionHistory = reconstructionHistory.clone();
        this.klHistory = klHistory.clone();
        this.report = report;
    }

    /** The code means and log-variances of some samples. */
    public record Codes(Matrix mean, Matrix logVariance) {}

    public Vae params() { return params; }

    public SampleShape sampleShape() { return shape; }

    public int latent() { return params.latent(); }

    /** Whether the networks take labels (class indexes into {@link #classNames}). */
    public boolean conditional() { return nets.classes() > 0; }

    /** The number of classes a conditional model takes (0 for an unconditional one). */
    public int classes() { return nets.classes(); }

    /** The class names of the training data. */
    public List<String> classNames() { return classNames; }

    /** The training loss (negative ELBO with the epoch's KL weight) per epoch, and how training ended. */
    public TrainingHistory history() { return history; }

    /** The mean reconstruction term per epoch run by the training process, in nats per sample. */
    public double[] reconstructionHistory() { return reconstructionHistory.clone(); }

    /** The mean KL term per epoch run by the training process, in nats per sample. */
    public double[] klHistory() { return klHistory.clone(); }

    /**
     * The variance of each value under the decoder's Gaussian: the learned one, or {@code outputStd^2}.
     * @throws IllegalStateException for a Bernoulli decoder
     */
    public double[] outputVariance() {
        Check.state(params.likelihood() != Likelihood.BERNOULLI, "a Bernoulli decoder has no output variance");
        float[] lv = nets.variance().logVariance().value().data();
        double[] out = new double[lv.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = params.likelihood() == Likelihood.GAUSSIAN ? params.outputStd() * params.outputStd() : Math.exp(lv[j]);
        }
        return out;
    }

    @Override
    public FitReport report() { return report; }

    /** The code means; the same as {@code encode(x).mean()} (unconditional models). */
    @Override
    public Matrix transform(Matrix x) {
        return encode(x).mean();
    }

    /**
     * The code distribution of each row of {@code x} (an unconditional model).
     * @throws IllegalArgumentException when {@code x} has the wrong width or NaN, or the model is conditional
     */
    public Codes encode(Matrix x) {
        return encode(x, new int[0]);
    }

    /**
     * The code distribution of each row of {@code x}, with its label when the model is conditional.
     * @throws IllegalArgumentException when {@code x} has the wrong width or NaN, or labels are missing or out of range
     */
    public Codes encode(Matrix x, int[] labels) {
        Check.columns("x", x, shape.size());
        Check.finite("x", x);
        Matrix input = input(x, labels);
        int n = x.rows(), l = params.latent();
        Matrix h = apply(nets.encoder(), input, 2 * l);
        Matrix mean = Matrix.zeros(n, l), logVar = Matrix.zeros(n, l);
        for (int i = 0; i < n; i++) {
            System.arraycopy(h.values(), i * 2 * l, mean.values(), i * l, l);
            System.arraycopy(h.values(), i * 2 * l + l, logVar.values(), i * l, l);
        }
        return new Codes(mean, logVar);
    }

    /**
     * The decoded sample of each code: probabilities for a Bernoulli decoder, means for a Gaussian one.
     * @throws IllegalArgumentException when {@code codes} has the wrong width or NaN, or labels do not fit
     */
    public Matrix decode(Matrix codes, int[] labels) {
        Check.columns("codes", codes, params.latent());
        Check.finite("codes", codes);
        return apply(decoderWithOutput(), decoderInput(codes, labels), shape.size());
    }

    /** {@link #decode(Matrix, int[])} for an unconditional model. */
    public Matrix decode(Matrix codes) {
        return decode(codes, new int[0]);
    }

    /** Each row decoded from its code mean. */
    public Matrix reconstruct(Matrix x, int[] labels) {
        return decode(encode(x, labels).mean(), labels);
    }

    /**
     * {@code n} new samples decoded from codes drawn from the prior (of class {@code label} when conditional;
     * pass -1 for an unconditional model).
     * @throws IllegalArgumentException when {@code n < 1} or the label does not fit the model
     */
    public Matrix sample(int n, int label, long seed) {
        Check.atLeast("n", n, 1);
        Tensor z = Tensors.normal(new SplittableRandom(seed), 1f, n, params.latent());
        int[] labels = conditional() ? filled(n, label) : new int[0];
        if (!conditional()) Check.argument(label < 0, "this VAE is not conditional; it takes no label, got " + label);
        return decode(Matrix.wrap(n, params.latent(), z.data()), labels);
    }

    /**
     * The decodings of a {@code side x side} grid of codes evenly spaced over [-2, 2] in each of the two latent
     * dimensions (the central part of the prior), row by row from the top-left: the "manifold" picture.
     * @throws IllegalStateException when the code does not have exactly 2 dimensions
     */
    public Matrix manifold(int side, int label) {
        Check.state(params.latent() == 2, "the latent manifold needs 2 code dimensions, this model has " + params.latent());
        Check.atLeast("side", side, 2);
        float[] z = new float[side * side * 2];
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                z[(r * side + c) * 2] = (float) (-2 + 4.0 * c / (side - 1));
                z[(r * side + c) * 2 + 1] = (float) (2 - 4.0 * r / (side - 1));
            }
        }
        int[] labels = conditional() ? filled(side * side, label) : new int[0];
        return decode(Matrix.wrap(side * side, 2, z), labels);
    }

    /**
     * {@code steps} decodings along the path between the code means of the two rows of {@code pair}: a straight
     * line, or the great-circle arc (slerp) when {@code spherical}, which keeps codes at a typical distance from
     * the origin of a Gaussian prior.
     * @throws IllegalArgumentException when {@code pair} does not have 2 rows or {@code steps < 2}
     */
    public Matrix interpolate(Matrix pair, int[] labels, int steps, boolean spherical) {
        Check.argument(pair.rows() == 2, "pair must have 2 rows, got " + pair.rows());
        Check.atLeast("steps", steps, 2);
        Matrix mean = encode(pair, labels).mean();
        int l = params.latent();
        float[] a = mean.row(0), b = mean.row(1), z = new float[steps * l];
        double dot = 0, na = 0, nb = 0;
        for (int j = 0; j < l; j++) {
            dot += a[j] * b[j];
            na += a[j] * a[j];
            nb += b[j] * b[j];
        }
        double omega = Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb + 1e-30))));
        boolean slerp = spherical && Math.sin(omega) > 1e-6;
        for (int s = 0; s < steps; s++) {
            double t = s / (steps - 1.0);
            double wa = slerp ? Math.sin((1 - t) * omega) / Math.sin(omega) : 1 - t;
            double wb = slerp ? Math.sin(t * omega) / Math.sin(omega) : t;
            for (int j = 0; j < l; j++) z[s * l + j] = (float) (wa * a[j] + wb * b[j]);
        }
        int[] decodeLabels = conditional() ? filled(steps, labels[0]) : new int[0];
        return decode(Matrix.wrap(steps, l, z), decodeLabels);
    }

    /**
     * Decodings of the code mean of the one row of {@code one} with latent dimension {@code dim} set to each of
     * {@code values} in turn.
     * @throws IllegalArgumentException when {@code one} has not 1 row or {@code dim} is out of range
     */
    public Matrix traverse(Matrix one, int[] labels, int dim, double[] values) {
        Check.argument(one.rows() == 1, "one must have 1 row, got " + one.rows());
        Check.index("dim", dim, params.latent());
        float[] mean = encode(one, labels).mean().row(0);
        int l = params.latent();
        float[] z = new float[values.length * l];
        for (int s = 0; s < values.length; s++) {
            System.arraycopy(mean, 0, z, s * l, l);
            z[s * l + dim] = (float) values[s];
        }
        int[] decodeLabels = conditional() ? filled(values.length, labels[0]) : new int[0];
        return decode(Matrix.wrap(values.length, l, z), decodeLabels);
    }

    /**
     * The ELBO of the rows of {@code x} and its two terms (means per sample, in nats), with one draw of the code
     * per sample from {@code seed}.
     * @throws IllegalArgumentException as {@link #encode(Matrix, int[])} does
     */
    public Elbo elbo(Matrix x, int[] labels, long seed) {
        Codes codes = encode(x, labels);
        int n = x.rows(), l = params.latent();
        Tensor eps = Tensors.normal(new SplittableRandom(seed), 1f, n, l);
        Matrix z = Matrix.zeros(n, l);
        double kl = 0;
        float[] m = codes.mean().values(), lv = codes.logVariance().values();
        for (int i = 0; i < n * l; i++) {
            z.values()[i] = (float) (m[i] + Math.exp(0.5 * lv[i]) * eps.data()[i]);
            kl += -0.5 * (1 + lv[i] - (double) m[i] * m[i] - Math.exp(lv[i]));
        }
        double[] logLik = logLikelihood(x, z, labels);
        double rec = 0;
        for (double v : logLik) rec -= v;
        return new Elbo(-(rec + kl) / n, rec / n, kl / n);
    }

    /**
     * The importance-weighted lower bound on {@code log p(x)} with {@code k} samples per row (Burda et al. 2016),
     * the mean over the rows in nats: {@code log (1/k) sum_i p(x|z_i) p(z_i) / q(z_i|x)}. It is at least the ELBO
     * in expectation and rises towards {@code log p(x)} with {@code k}.
     * @throws IllegalArgumentException as {@link #encode(Matrix, int[])} does, or if {@code k < 1}
     */
    public double importanceWeighted(Matrix x, int[] labels, int k, long seed) {
        Check.atLeast("k", k, 1);
        Codes codes = encode(x, labels);
        int n = x.rows(), l = params.latent();
        SplittableRandom rng = new SplittableRandom(seed);
        double total = 0;
        float[] m = codes.mean().values(), lv = codes.logVariance().values();
        for (int i = 0; i < n; i++) {
            Matrix xi = Matrix.wrap(k, x.cols(), repeat(x.row(i), k));
            int[] li = conditional() ? filled(k, labels[i]) : new int[0];
            Matrix z = Matrix.zeros(k, l);
            double[] logWeight = new double[k];
            for (int s = 0; s < k; s++) {
                double logPrior = 0, logPosterior = 0;
                for (int j = 0; j < l; j++) {
                    double e = Tensors.gaussian(rng), sd = Math.exp(0.5 * lv[i * l + j]);
                    double zj = m[i * l + j] + sd * e;
                    z.values()[s * l + j] = (float) zj;
                    logPrior += -0.5 * (zj * zj + LOG_2PI);
                    logPosterior += -0.5 * (e * e + lv[i * l + j] + LOG_2PI);
                }
                logWeight[s] = logPrior - logPosterior;
            }
            double[] logLik = logLikelihood(xi, z, li);
            double max = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < k; s++) {
                logWeight[s] += logLik[s];
                max = Math.max(max, logWeight[s]);
            }
            double sum = 0;
            for (double w : logWeight) sum += Math.exp(w - max);
            total += max + Math.log(sum / k);
        }
        return total / n;
    }

    /** {@code log p(x_i | z_i)} of each row under the decoder. */
    private double[] logLikelihood(Matrix x, Matrix z, int[] labels) {
        Matrix out = apply(nets.decoder(), decoderInput(z, labels), shape.size());
        int n = x.rows(), d = shape.size();
        float[] xs = x.values(), o = out.values(), lv = nets.variance().logVariance().value().data();
        double[] result = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double v = xs[i * d + j], y = o[i * d + j];
                s += switch (params.likelihood()) {
                    case BERNOULLI -> v * y - softplus(y);                  // x log sigmoid(y) + (1 - x) log(1 - sigmoid(y))
                    case GAUSSIAN -> {
                        double sd = params.outputStd(), diff = (v - y) / sd;
                        yield -0.5 * (diff * diff + LOG_2PI) - Math.log(sd);
                    }
                    case GAUSSIAN_LEARNED -> -0.5 * ((v - y) * (v - y) * Math.exp(-lv[j]) + lv[j] + LOG_2PI);
                };
            }
            result[i] = s;
        }
        return result;
    }

    private static double softplus(double y) {
        return y > 0 ? y + Math.log1p(Math.exp(-y)) : Math.log1p(Math.exp(y));
    }

    /**
     * Writes the encoder (samples to the code means and log-variances side by side, {@code 2 latent} values; the
     * one-hot label appended to each flat sample when conditional) and the decoder (codes, with the one-hot label
     * when conditional, to probabilities or means) as ONNX files.
     * @throws IOException when a file cannot be written; the message names it
     */
    public void exportOnnx(Path encoderFile, Path decoderFile) throws IOException {
        int[] sample = shape.isImage() && !conditional() ? new int[]{shape.channels(), shape.height(), shape.width()}
                                                         : new int[]{shape.size() + nets.classes()};
        OnnxExport.write(nets.encoder(), sample, "encoder", encoderFile);
        OnnxExport.write(decoderWithOutput(), new int[]{params.latent() + nets.classes()}, "decoder", decoderFile);
    }

    // ---------------------------------------------------------------- shared with training

    /** The two loss terms of a batch {@code flat} ({@code [n, d]}, or {@code [n, d + classes]} when conditional). */
    static Vae.Terms terms(Vae p, VaeNetworks nets, SampleShape shape, Tensor flat, Tensor eps, Mode mode) {
        int n = flat.dim(0), d = shape.size(), c = nets.classes(), l = p.latent();
        Node h = nets.encoder().apply(Node.input(flat), mode);
        Node mu = VaeOps.columns(h, 0, l), logVar = VaeOps.columns(h, l, l);
        Node z = VaeOps.reparameterize(mu, logVar, eps);
        Tensor target = c == 0 ? flat : columns(flat, 0, d);
        Node decoderInput = c == 0 ? z : Functions.concat(1, z, Node.input(columns(flat, d, c)));
        Node out = Functions.reshape(nets.decoder().apply(decoderInput, mode), n, d);
        Node rec = switch (p.likelihood()) {
            case BERNOULLI -> Functions.scale(Functions.binaryCrossEntropyWithLogits(out, Node.input(target)), d);
            case GAUSSIAN -> {
                double sd = p.outputStd();
                Node squares = Functions.scale(Functions.mse(out, Node.input(target)), (float) (d / (2 * sd * sd)));
                yield Functions.add(squares, Node.input(Tensor.scalar((float) (d * (Math.log(sd) + 0.5 * LOG_2PI)))));
            }
            case GAUSSIAN_LEARNED -> VaeOps.gaussianNll(out, target, nets.variance().logVariance().node());
        };
        return new Vae.Terms(rec, VaeOps.kl(mu, logVar));
    }

    /** The rows of {@code x} with the one-hot encoding of their label appended. */
    static Matrix withLabels(Matrix x, int[] labels, int classes) {
        int n = x.rows(), d = x.cols();
        Matrix out = Matrix.zeros(n, d + classes);
        for (int i = 0; i < n; i++) {
            System.arraycopy(x.values(), i * d, out.values(), i * (d + classes), d);
            out.values()[i * (d + classes) + d + labels[i]] = 1;
        }
        return out;
    }

    private static Tensor columns(Tensor flat, int from, int width) {
        int n = flat.dim(0), cols = flat.dim(1);
        float[] out = new float[n * width];
        for (int i = 0; i < n; i++) System.arraycopy(flat.data(), i * cols + from, out, i * width, width);
        return Tensor.of(out, n, width);
    }

    private Matrix input(Matrix x, int[] labels) {
        checkLabels(labels, x.rows());
        return conditional() ? withLabels(x, labels, nets.classes()) : x;
    }

    private Matrix decoderInput(Matrix codes, int[] labels) {
        checkLabels(labels, codes.rows());
        return conditional() ? withLabels(codes, labels, nets.classes()) : codes;
    }

    private void checkLabels(int[] labels, int rows) {
        if (!conditional()) {
            Check.argument(labels.length == 0, "this VAE is not conditional; it takes no labels");
            return;
        }
        Check.argument(labels.length == rows, "a conditional VAE needs one label per row: " + rows + " rows, "
                + labels.length + " labels");
        for (int label : labels) Check.index("label", label, nets.classes());
    }

    private Layer decoderWithOutput() {
        return params.likelihood() == Likelihood.BERNOULLI
                ? Sequential.of(nets.decoder(), ActivationLayer.of(Activation.SIGMOID)) : nets.decoder();
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }

    private static float[] repeat(float[] row, int k) {
        float[] out = new float[row.length * k];
        for (int s = 0; s < k; s++) System.arraycopy(row, 0, out, s * row.length, row.length);
        return out;
    }

    /** {@code network} in evaluation mode over blocks of rows of {@code x}, flattened to {@code cols} columns. */
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

    @Override
    public void writeTo(ModelWriter out) {
        Vae p = params;
        out.put("architecture", p.architecture().name()).put("latent", p.latent())
                .put("hidden", p.hidden().stream().mapToInt(Integer::intValue).toArray())
                .put("activation", p.activation().name()).put("likelihood", p.likelihood().name())
                .put("outputStd", p.outputStd()).put("beta", p.beta()).put("warmup", p.warmup())
                .put("conditional", p.conditional()).put("epochs", p.epochs()).put("batchSize", p.batchSize())
                .put("learningRate", p.learningRate()).put("seed", p.seed())
                .put("shape", new int[]{shape.size(), shape.channels(), shape.height(), shape.width()})
                .put("classNames", classNames.toArray(String[]::new)).put("classes", nets.classes())
                .put("history.bestEpoch", history.bestEpoch()).put("history.stoppedEarly", history.stoppedEarly())
                .put("history.steps", history.steps()).put("history.seconds", history.seconds())
                .doubles("history.trainLoss", history.trainLoss(), history.epochs())
                .doubles("history.validationLoss", history.validationLoss(), history.validationLoss().length)
                .doubles("history.reconstruction", reconstructionHistory, reconstructionHistory.length)
                .doubles("history.kl", klHistory, klHistory.length);
        List<Parameter> all = nets.all().parameters();
        for (int i = 0; i < all.size(); i++) {
            Tensor t = all.get(i).value();
            out.floats("parameter." + i, t.data(), t.shape());
        }
        Tensor logVar = nets.variance().logVariance().value();
        out.floats("logVariance", logVar.data(), logVar.shape());
    }

    /** Saves the model to {@code file} atomically; see {@link ModelIO}. */
    public void save(Path file) throws IOException {
        ModelIO.save(this, file);
    }

    /**
     * Loads a model saved by {@link #save}.
     * @throws BadFileException when the file is not a VAE model file or is damaged
     * @throws IOException      when it cannot be read
     */
    public static VaeModel load(Path file) throws IOException {
        return ModelIO.load(file, KIND, VaeModel::read);
    }

    private static VaeModel read(ModelReader in) {
        Vae params = new Vae(Architecture.valueOf(in.string("architecture")), in.integer("latent"),
                Arrays.stream(in.ints("hidden")).boxed().toList(), Activation.valueOf(in.string("activation")),
                Likelihood.valueOf(in.string("likelihood")), in.number("outputStd"), in.number("beta"),
                in.integer("warmup"), in.bool("conditional"), in.integer("epochs"), in.integer("batchSize"),
                in.number("learningRate"), in.longValue("seed"));
        int[] s = in.ints("shape");
        Check.argument(s.length == 4, "shape must hold 4 values (size, channels, height, width), got " + s.length);
        SampleShape shape = new SampleShape(s[0], s[1], s[2], s[3]);
        VaeNetworks nets = VaeNetworks.of(params, shape, in.integer("classes"));
        List<Parameter> all = nets.all().parameters();
        for (int i = 0; i < all.size(); i++) copy(in, "parameter." + i, all.get(i).value());
        copy(in, "logVariance", nets.variance().logVariance().value());
        TrainingHistory history = new TrainingHistory(in.doubles("history.trainLoss"),
                in.doubles("history.validationLoss"), in.integer("history.bestEpoch"),
                in.bool("history.stoppedEarly"), in.longValue("history.steps"), in.number("history.seconds"));
        return new VaeModel(params, shape, List.of(in.strings("classNames")), nets, history,
                in.doubles("history.reconstruction"), in.doubles("history.kl"), in.report());
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
        return "VaeModel[" + params.architecture() + ", latent=" + params.latent() + ", " + params.likelihood()
                + (conditional() ? ", conditional" : "") + ", epochs=" + history.epochs() + "]";
    }
}
