package dev.latent.neural.models.vae;

import dev.latent.Estimator;
import dev.latent.data.Dataset;
import dev.latent.data.FloatStore;
import dev.latent.data.Matrix;
import dev.latent.data.SampleShape;
import dev.latent.internal.Check;
import dev.latent.neural.autodiff.Functions;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.layers.Layer;
import dev.latent.neural.layers.Mode;
import dev.latent.neural.models.ae.Architecture;
import dev.latent.neural.optim.Adam;
import dev.latent.neural.optim.LearningRateSchedule;
import dev.latent.neural.tensor.Activation;
import dev.latent.neural.tensor.Tensor;
import dev.latent.neural.train.Objective;
import dev.latent.neural.train.Progress;
import dev.latent.neural.train.Trainer;
import dev.latent.neural.train.TrainingHistory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Hyperparameters of a variational autoencoder: a Gaussian encoder {@code q(z|x) = N(mean, diag(exp(logVar)))},
 * a standard-normal prior and a Bernoulli or Gaussian decoder {@code p(x|z)}, trained by maximizing the evidence
 * lower bound with the reparameterization trick.
 * <p>The loss of a sample is its reconstruction term {@code -log p(x|z)} (one draw of {@code z}) plus
 * {@code beta} times {@code KL(q(z|x) || N(0, I))} in closed form, both in nats and summed over values and code
 * dimensions; {@code beta} rises linearly from {@code beta / warmup} to {@code beta} over the first
 * {@code warmup} epochs. Each term is recorded per epoch. A conditional VAE feeds the one-hot label to both
 * networks, so that a chosen class can be generated. Each epoch costs a forward and a backward pass over the
 * data; memory is the weights, Adam's moments and one batch's activations.
 * <p>Every layer of the dense networks starts from {@link dev.latent.neural.layers.Init#FAN_IN_UNIFORM}, weights and
 * biases uniform on {@code +-1 / sqrt(fanIn)} as PyTorch's {@code nn.Linear} starts: on MNIST it ends 10 epochs
 * about 0.7 nats lower in test negative ELBO than He and Xavier weights with zero biases (BENCHMARKS.md).
 * <p>Reference: D. P. Kingma and M. Welling, "Auto-Encoding Variational Bayes", ICLR 2014; I. Higgins et al.,
 * "beta-VAE", ICLR 2017; S. R. Bowman et al., "Generating Sentences from a Continuous Space", CoNLL 2016 (KL
 * warm-up); K. Sohn, H. Lee, X. Yan, "Learning Structured Output Representation using Deep Conditional Generative
 * Models", NIPS 2015.
 * @param architecture dense (default) or conv
 * @param latent       code dimensions, at least 1; default 20
 * @param hidden       dense: hidden widths from the input side (default 400); conv: channel counts
 * @param activation   hidden activation; default ReLU
 * @param likelihood   the decoder's distribution; default Bernoulli
 * @param outputStd    the standard deviation of a {@link Likelihood#GAUSSIAN} decoder, positive; default 1
 * @param beta         weight of the KL term, at least 0; default 1
 * @param warmup       epochs over which the KL weight rises to {@code beta}; 0 (default) for none
 * @param conditional  whether the networks see the labels (dense only); default false
 * @param epochs       at least 1; default 10
 * @param batchSize    at least 1; default 128
 * @param learningRate Adam's step size, positive; default 1e-3
 * @param seed         seed of the weights, the shuffles and the draws; default 0
 */
public record Vae(Architecture architecture, int latent, List<Integer> hidden, Activation activation,
                  Likelihood likelihood, double outputStd, double beta, int warmup, boolean conditional, int epochs,
                  int batchSize, double learningRate, long seed) implements Estimator<VaeModel> {
    public Vae {
        Check.notNull("architecture", architecture);
        Check.atLeast("latent", latent, 1);
        hidden = List.copyOf(Check.notNull("hidden", hidden));
        for (int h : hidden) Check.atLeast("hidden size", h, 1);
        if (architecture == Architecture.CONV) Check.atLeast("number of conv layers", hidden.size(), 1);
        Check.notNull("activation", activation);
        Check.notNull("likelihood", likelihood);
        Check.positive("outputStd", outputStd);
        Check.nonNegative("beta", beta);
        Check.atLeast("warmup", warmup, 0);
        Check.argument(!conditional || architecture == Architecture.DENSE, "a conditional VAE needs the dense architecture");
        Check.atLeast("epochs", epochs, 1);
        Check.atLeast("batchSize", batchSize, 1);
        Check.positive("learningRate", learningRate);
    }

    /** The classic dense VAE 784-400-20-400-784 shape with a Bernoulli decoder, as documented per component. */
    public static Vae defaults() {
        return new Vae(Architecture.DENSE, 20, List.of(400), Activation.RELU, Likelihood.BERNOULLI, 1, 1, 0, false,
                10, 128, 1e-3, 0L);
    }

    public Vae withArchitecture(Architecture a) { return new Vae(a, latent, hidden, activation, likelihood, outputStd, beta, warmup, conditional, epochs, batchSize, learningRate, seed); }
    public Vae withLatent(int l) { return new Vae(architecture, l, hidden, activation, likelihood, outputStd, beta, warmup, conditional, epochs, batchSize, learningRate, seed); }
    public Vae withHidden(List<Integer> h) { return new Vae(architecture, latent, h, activation, likelihood, outputStd, beta, warmup, conditional, epochs, batchSize, learningRate, seed); }
    public Vae withLikelihood(Likelihood l) { return new Vae(architecture, latent, hidden, activation, l, outputStd, beta, warmup, conditional, epochs, batchSize, learningRate, seed); }
    public Vae withOutputStd(double s) { return new Vae(architecture, latent, hidden, activation, likelihood, s, beta, warmup, conditional, epochs, batchSize, learningRate, seed); }
    public Vae withBeta(double b) { return new Vae(architecture, latent, hidden, activation, likelihood, outputStd, b, warmup, conditional, epochs, batchSize, learningRate, seed); }
    public Vae withWarmup(int w) { return new Vae(architecture, latent, hidden, activation, likelihood, outputStd, beta, w, conditional, epochs, batchSize, learningRate, seed); }
    public Vae withConditional(boolean c) { return new Vae(architecture, latent, hidden, activation, likelihood, outputStd, beta, warmup, c, epochs, batchSize, learningRate, seed); }
    public Vae withEpochs(int e) { return new Vae(architecture, latent, hidden, activation, likelihood, outputStd, beta, warmup, conditional, e, batchSize, learningRate, seed); }
    public Vae withBatchSize(int b) { return new Vae(architecture, latent, hidden, activation, likelihood, outputStd, beta, warmup, conditional, epochs, b, learningRate, seed); }
    public Vae withLearningRate(double r) { return new Vae(architecture, latent, hidden, activation, likelihood, outputStd, beta, warmup, conditional, epochs, batchSize, r, seed); }
    public Vae withSeed(long s) { return new Vae(architecture, latent, hidden, activation, likelihood, outputStd, beta, warmup, conditional, epochs, batchSize, learningRate, s); }

    /** The KL weight in {@code epoch} (from 0). */
    public double betaAt(int epoch) {
        return warmup == 0 ? beta : beta * Math.min(1.0, (epoch + 1.0) / warmup);
    }

    /**
     * Trains on the rows of {@code x} (unconditional, vectors).
     * @throws IllegalArgumentException as {@link #fit(Dataset)} does
     */
    @Override
    public VaeModel fit(Matrix x) {
        Check.notNull("x", x);
        Check.finite("x", x);
        return fit(Dataset.of("x", x));
    }

    /**
     * Trains on {@code data} (scale images to [0, 1] first).
     * @throws IllegalArgumentException when there are fewer than 2 samples, the Bernoulli decoder gets values
     *                                  outside [0, 1], the conv architecture gets vectors, or a conditional VAE
     *                                  gets data without labels
     * @throws ArithmeticException      when the loss becomes NaN or infinite; the message names the epoch
     */
    public VaeModel fit(Dataset data) {
        try {
            return fit(data, Optional.empty(), false, Progress.NONE);
        } catch (IOException e) {
            throw new IllegalStateException("no file is involved, yet: " + e.getMessage(), e);
        }
    }

    /**
     * Trains with a checkpoint written after every epoch, optionally resuming from it, reporting progress.
     * @throws IllegalArgumentException as {@link #fit(Dataset)} does
     * @throws IOException              when the checkpoint cannot be read or written; the message names it
     */
    public VaeModel fit(Dataset data, Optional<Path> checkpoint, boolean resume, Progress progress) throws IOException {
        Check.notNull("data", data);
        Check.atLeast("number of samples", data.size(), 2);
        Check.argument(architecture == Architecture.DENSE || data.shape().isImage(),
                "the conv architecture needs image data (channels, height, width), got " + data.shape());
        Check.argument(!conditional || data.hasLabels(), "a conditional VAE needs labelled data");
        Matrix x = data.toMatrix();
        Check.finite(data.name(), x);
        if (likelihood == Likelihood.BERNOULLI) {
            for (float v : x.values()) {
                // the message is built only on failure: building it for each of 47 million values cost seconds
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("the Bernoulli decoder needs data in [0, 1], got " + v
                            + "; scale the data or use a Gaussian decoder");
                }
            }
        }
        int classes = conditional ? data.classCount() : 0;
        long start = System.nanoTime();
        SampleShape shape = data.shape();
        VaeNetworks nets = VaeNetworks.of(this, shape, classes);
        Dataset training = conditional
                ? Dataset.of(data.name(), SampleShape.vector(shape.size() + classes),
                        new FloatStore(VaeModel.withLabels(x, data.labels(), classes)), data.labels(), data.classNames())
                : data;
        EpochTerms terms = new EpochTerms();
        Trainer trainer = new Trainer(epochs, batchSize, 0, 0, seed, LearningRateSchedule.constant(), 0);
        TrainingHistory history = trainer.fit(nets.all(), Adam.of(learningRate), objective(nets, shape, terms),
                training, checkpoint, resume, progress);
        Duration time = Duration.ofNanos(System.nanoTime() - start);
        return new VaeModel(this, shape, data.classNames(), nets, history, terms.reconstruction(), terms.kl(), time);
    }

    /** The negative ELBO of a batch, with the epoch's KL weight; records both terms of training batches. */
    private Objective objective(VaeNetworks nets, SampleShape shape, EpochTerms terms) {
        return new Objective() {
            private int epoch;

            @Override
            public void startEpoch(int e) {
                epoch = e;
                terms.start(e);
            }

            @Override
            public Node loss(Layer model, Tensor batch, Mode mode) {
                int n = batch.dim(0);
                Tensor flat = batch.reshape(n, batch.size() / n);
                Tensor eps = nets.variance().normal(n, latent);
                Terms t = VaeModel.terms(Vae.this, nets, shape, flat, eps, mode);
                if (mode == Mode.TRAIN) terms.add(t, n);
                return Functions.add(t.reconstruction(), Functions.scale(t.kl(), (float) betaAt(epoch)));
            }
        };
    }

    /** The two terms of the negative ELBO of a batch, each averaged over its rows. */
    record Terms(Node reconstruction, Node kl) {}

    /** The mean of each term over the training samples of every epoch run by this process. */
    private static final class EpochTerms {
        private final java.util.ArrayList<Double> reconstruction = new java.util.ArrayList<>(), kl = new java.util.ArrayList<>();
        private double recSum, klSum;
        private long count;

        void start(int epoch) {
            if (count > 0) close();
        }

        void add(Terms t, int n) {
            recSum += t.reconstruction().value().item() * (double) n;
            klSum += t.kl().value().item() * (double) n;
            count += n;
        }

        private void close() {
            reconstruction.add(recSum / count);
            kl.add(klSum / count);
            recSum = klSum = 0;
            count = 0;
        }

        double[] reconstruction() {
            if (count > 0) close();
            return reconstruction.stream().mapToDouble(Double::doubleValue).toArray();
        }

        double[] kl() {
            if (count > 0) close();
            return kl.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
