package dev.latent.neural.models.ae;

import dev.latent.Estimator;
import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.neural.autodiff.Functions;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.layers.Mode;
import dev.latent.neural.layers.Sequential;
import dev.latent.neural.optim.Adam;
import dev.latent.neural.tensor.Activation;
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
 * Hyperparameters of an autoencoder: an encoder that maps each sample to a short code and a decoder that
 * maps the code back, trained together to reconstruct their input. Dense or convolutional
 * ({@link Architecture}), optionally denoising ({@link Noise}) or sparse ({@link Sparsity}).
 * <p>Training uses Adam with mini-batches ({@link Trainer}); each epoch costs a forward and a backward pass
 * over the data, about {@code 6 n} times the network's weights in flops for the dense architecture. Memory
 * is the weights, Adam's two moments and one batch's activations. With {@link Loss#MSE} the output passes
 * through a sigmoid when the training data lies in [0, 1] (images), and is linear otherwise.
 * {@snippet :
 * AutoencoderModel ae = Autoencoder.defaults().withLatent(16).withEpochs(5).fit(mnist);
 * Matrix codes = ae.encode(mnist.toMatrix());
 * }
 * <p>Reference: G. E. Hinton and R. R. Salakhutdinov, "Reducing the Dimensionality of Data with Neural
 * Networks", Science 313, 2006; D. P. Kingma and J. Ba, "Adam: A Method for Stochastic Optimization",
 * ICLR 2015.
 * @param architecture       dense or convolutional; default dense
 * @param latent             code size, at least 1; default 32
 * @param hidden             dense: the hidden widths from the input side (default 512, 256); conv: the channel
 *                           counts of the stride-2 convolutions (for example 32, 64); each at least 1
 * @param activation         the hidden layers' activation; default ReLU
 * @param loss               reconstruction loss; default MSE
 * @param noise              corruption of the input during training; default none
 * @param sparsity           penalty on the codes; default none
 * @param epochs             passes over the data, at least 1; default 10
 * @param batchSize          samples per step, at least 1; default 128
 * @param learningRate       Adam's step size, positive; default 1e-3
 * @param validationFraction share of samples held out to measure the loss (and for early stopping), in
 *                           [0, 1); default 0
 * @param patience           epochs without improvement of the held-out loss before stopping; 0 (default) never
 * @param seed               seed of the weights, the shuffles and the noise; default 0
 */
public record Autoencoder(Architecture architecture, int latent, List<Integer> hidden, Activation activation, Loss loss,
                          Noise noise, Sparsity sparsity, int epochs, int batchSize, double learningRate,
                          double validationFraction, int patience, long seed) implements Estimator<AutoencoderModel> {
    public Autoencoder {
        Check.notNull("architecture", architecture);
        Check.atLeast("latent", latent, 1);
        Check.notNull("hidden", hidden);
        hidden = List.copyOf(hidden);
        for (int h : hidden) Check.atLeast("hidden size", h, 1);
        if (architecture == Architecture.CONV) Check.atLeast("number of conv layers", hidden.size(), 1);
        Check.notNull("activation", activation);
        Check.notNull("loss", loss);
        Check.notNull("noise", noise);
        Check.notNull("sparsity", sparsity);
        Check.atLeast("epochs", epochs, 1);
        Check.atLeast("batchSize", batchSize, 1);
        Check.positive("learningRate", learningRate);
        Check.inRange("validationFraction", validationFraction, 0, 1);
        Check.argument(validationFraction < 1, "validationFraction must be < 1, got " + validationFraction);
        Check.atLeast("patience", patience, 0);
    }

    /** A dense autoencoder with hidden widths 512 and 256 and a 32-value code, as documented per component. */
    public static Autoencoder defaults() {
        return new Autoencoder(Architecture.DENSE, 32, List.of(512, 256), Activation.RELU, Loss.MSE, Noise.NONE,
                Sparsity.NONE, 10, 128, 1e-3, 0, 0, 0L);
    }

    /** A convolutional autoencoder with 32 and 64 channels and a 32-value code. */
    public static Autoencoder conv() {
        return defaults().withArchitecture(Architecture.CONV).withHidden(List.of(32, 64));
    }

    public Autoencoder withArchitecture(Architecture a) {
        return new Autoencoder(a, latent, hidden, activation, loss, noise, sparsity, epochs, batchSize, learningRate,
                validationFraction, patience, seed);
    }

    public Autoencoder withLatent(int l) {
        return new Autoencoder(architecture, l, hidden, activation, loss, noise, sparsity, epochs, batchSize,
                learningRate, validationFraction, patience, seed);
    }

    public Autoencoder withHidden(List<Integer> h) {
        return new Autoencoder(architecture, latent, h, activation, loss, noise, sparsity, epochs, batchSize,
                learningRate, validationFraction, patience, seed);
    }

    public Autoencoder withActivation(Activation a) {
        return new Autoencoder(architecture, latent, hidden, a, loss, noise, sparsity, epochs, batchSize, learningRate,
                validationFraction, patience, seed);
    }

    public Autoencoder withLoss(Loss l) {
        return new Autoencoder(architecture, latent, hidden, activation, l, noise, sparsity, epochs, batchSize,
                learningRate, validationFraction, patience, seed);
    }

    public Autoencoder withNoise(Noise n) {
        return new Autoencoder(architecture, latent, hidden, activation, loss, n, sparsity, epochs, batchSize,
                learningRate, validationFraction, patience, seed);
    }

    public Autoencoder withSparsity(Sparsity s) {
        return new Autoencoder(architecture, latent, hidden, activation, loss, noise, s, epochs, batchSize,
                learningRate, validationFraction, patience, seed);
    }

    public Autoencoder withEpochs(int e) {
        return new Autoencoder(architecture, latent, hidden, activation, loss, noise, sparsity, e, batchSize,
                learningRate, validationFraction, patience, seed);
    }

    public Autoencoder withBatchSize(int b) {
        return new Autoencoder(architecture, latent, hidden, activation, loss, noise, sparsity, epochs, b,
                learningRate, validationFraction, patience, seed);
    }

    public Autoencoder withLearningRate(double r) {
        return new Autoencoder(architecture, latent, hidden, activation, loss, noise, sparsity, epochs, batchSize, r,
                validationFraction, patience, seed);
    }

    public Autoencoder withValidation(double fraction, int p) {
        return new Autoencoder(architecture, latent, hidden, activation, loss, noise, sparsity, epochs, batchSize,
                learningRate, fraction, p, seed);
    }

    public Autoencoder withSeed(long s) {
        return new Autoencoder(architecture, latent, hidden, activation, loss, noise, sparsity, epochs, batchSize,
                learningRate, validationFraction, patience, s);
    }

    /**
     * Trains on the rows of {@code x} (vectors; the dense architecture only).
     * @throws IllegalArgumentException as {@link #fit(Dataset)} does
     */
    @Override
    public AutoencoderModel fit(Matrix x) {
        Check.notNull("x", x);
        Check.finite("x", x);
        return fit(Dataset.of("x", x));
    }

    /**
     * Trains on {@code data} (vectors or images; bytes are read as stored, so scale images to [0, 1] first).
     * @throws IllegalArgumentException when there are fewer than 2 samples, a value is not finite, the conv
     *                                  architecture gets vectors, or BCE gets values outside [0, 1]
     * @throws ArithmeticException      when the loss becomes NaN or infinite; the message names the epoch
     */
    public AutoencoderModel fit(Dataset data) {
        try {
            return fit(data, Optional.empty(), false, Progress.NONE);
        } catch (IOException e) {
            throw new IllegalStateException("no file is involved, yet: " + e.getMessage(), e);
        }
    }

    /**
     * Trains on {@code data} with a checkpoint file written after every epoch, optionally resuming from it,
     * and reports progress.
     * @throws IllegalArgumentException as {@link #fit(Dataset)} does
     * @throws IOException              when the checkpoint cannot be read or written; the message names it
     */
    public AutoencoderModel fit(Dataset data, Optional<Path> checkpoint, boolean resume, Progress progress)
            throws IOException {
        Check.notNull("data", data);
        Check.atLeast("number of samples", data.size(), 2);
        Check.argument(architecture == Architecture.DENSE || data.shape().isImage(),
                "the conv architecture needs image data (channels, height, width), got " + data.shape());
        ValueRange range = ValueRange.of(data);
        if (loss == Loss.BCE) {
            Check.argument(range.min() >= 0 && range.max() <= 1, "the BCE loss needs data in [0, 1], got values in ["
                    + range.min() + ", " + range.max() + "]; scale the data or use the MSE loss");
        }
        boolean sigmoidOutput = range.min() >= 0 && range.max() <= 1;
        long start = System.nanoTime();
        Networks nets = Networks.of(this, data.shape(), sigmoidOutput);
        Corruption corruption = new Corruption(noise);
        Sequential whole = Sequential.of(corruption, nets.encoder(), nets.decoder());
        Trainer trainer = new Trainer(epochs, batchSize, validationFraction, patience, seed,
                dev.latent.neural.optim.LearningRateSchedule.constant(), 0);
        TrainingHistory history = trainer.fit(whole, Adam.of(learningRate), objective(corruption, nets), data,
                checkpoint, resume, progress);
        Duration time = Duration.ofNanos(System.nanoTime() - start);
        return new AutoencoderModel(this, data.shape(), sigmoidOutput, nets, history, time);
    }

    /** Reconstruction loss of the clean input plus the sparsity penalty on the code. */
    private Objective objective(Corruption corruption, Networks nets) {
        return (model, batch, mode) -> {
            Node clean = Node.input(batch);
            Node code = nets.encoder().apply(corruption.apply(clean, mode), mode);
            Node out = nets.decoder().apply(code, mode);
            Node target = Node.input(batch.reshape(out.value().shape()));
            Node recon = loss == Loss.BCE ? Functions.binaryCrossEntropyWithLogits(out, target)
                                          : Functions.mse(out, target);
            return switch (sparsity.kind()) {
                case NONE -> recon;
                case L1 -> Functions.add(recon, Functions.scale(Functions.l1(code, Node.input(
                        dev.latent.neural.tensor.Tensor.zeros(code.value().shape()))), (float) sparsity.weight()));
                case KL -> Functions.add(recon, Functions.scale(
                        SparsityPenalty.kl(Functions.mean(code, 0), sparsity.target()), (float) sparsity.weight()));
            };
        };
    }
}
