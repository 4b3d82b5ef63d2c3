package dev.latent.neural.train;

import dev.latent.data.Dataset;
import dev.latent.data.SampleShape;
import dev.latent.internal.Check;
import dev.latent.io.BadFileException;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.layers.Layer;
import dev.latent.neural.layers.Mode;
import dev.latent.neural.layers.Parameter;
import dev.latent.neural.optim.GradientClipping;
import dev.latent.neural.optim.LearningRateSchedule;
import dev.latent.neural.optim.Optimizer;
import dev.latent.neural.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Hyperparameters of the mini-batch training loop shared by all models; an immutable value whose
 * {@link #fit} trains a model in place.
 * <p>Each epoch shuffles the training samples with a generator seeded from {@code seed} and the epoch,
 * materializes one mini-batch at a time as float32 (byte images are scaled as they are copied, into a
 * buffer reused across batches), and takes one optimizer step per batch. A share of the samples, drawn
 * once from the seed, is held out for validation. After each epoch a checkpoint is written atomically
 * when a file is given; {@link #fit} with {@code resume} continues from it and ends with the same
 * weights as an uninterrupted run, because the shuffles, the dropout masks ({@link Layer#seed}) and
 * the schedule depend only on the seed, the epoch and the step count saved in the checkpoint.
 * <p>A NaN or infinite loss stops training with an {@link ArithmeticException} naming the epoch
 * (counted from 1) and the batch; the checkpoint file then still holds the last good epoch.
 * With early stopping ({@code patience > 0}), training ends after {@code patience} epochs without a
 * lower validation loss (training loss without validation) and the model gets the best epoch's weights.
 * {@snippet :
 * Sequential ae = Sequential.of(Dense.of(784, 64, Activation.RELU, rng), Dense.of(64, 784, Activation.SIGMOID, rng));
 * TrainingHistory h = Trainer.defaults().withEpochs(5).withValidation(0.1, 2)
 *         .fit(ae, Adam.of(1e-3), Objective.reconstruction(), Transforms.flatten(Transforms.scaleToUnit(mnist)));
 * }
 * @param epochs             epochs to train, at least 1
 * @param batchSize          samples per mini-batch, at least 1; the last batch of an epoch may be smaller
 * @param validationFraction share of samples held out for validation, in [0, 1); 0 for none
 * @param patience           epochs without improvement before stopping; 0 disables early stopping
 * @param seed               seed of the validation split, the shuffles and the dropout masks
 * @param schedule           learning-rate factor per optimizer step
 * @param clipNorm           maximum global gradient norm; 0 disables clipping
 */
public record Trainer(int epochs, int batchSize, double validationFraction, int patience, long seed,
                      LearningRateSchedule schedule, double clipNorm) {
    public Trainer {
        Check.atLeast("epochs", epochs, 1);
        Check.atLeast("batchSize", batchSize, 1);
        Check.inRange("validationFraction", validationFraction, 0, 1);
        Check.argument(validationFraction < 1, "validationFraction must be < 1, got " + validationFraction);
        Check.atLeast("patience", patience, 0);
        Check.notNull("schedule", schedule);
        Check.nonNegative("clipNorm", clipNorm);
    }

    /** 10 epochs, batches of 128, no validation, no early stopping, seed 0, a constant rate, no clipping. */
    public static Trainer defaults() {
        return new Trainer(10, 128, 0, 0, 0L, LearningRateSchedule.constant(), 0);
    }

    public Trainer withEpochs(int e) {
        return new Trainer(e, batchSize, validationFraction, patience, seed, schedule, clipNorm);
    }

    public Trainer withBatchSize(int b) {
        return new Trainer(epochs, b, validationFraction, patience, seed, schedule, clipNorm);
    }

    public Trainer withValidation(double fraction, int patience) {
        return new Trainer(epochs, batchSize, fraction, patience, seed, schedule, clipNorm);
    }

    public Trainer withSeed(long s) {
        return new Trainer(epochs, batchSize, validationFraction, patience, s, schedule, clipNorm);
    }

    public Trainer withSchedule(LearningRateSchedule s) {
        return new Trainer(epochs, batchSize, validationFraction, patience, seed, s, clipNorm);
    }

    public Trainer withClipNorm(double c) {
        return new Trainer(epochs, batchSize, validationFraction, patience, seed, schedule, c);
    }

    /** {@link #fit(Layer, Optimizer, Objective, Dataset, Optional, boolean, Progress)} without checkpoints or progress. */
    public TrainingHistory fit(Layer model, Optimizer optimizer, Objective objective, Dataset data) {
        try {
            return fit(model, optimizer, objective, data, Optional.empty(), false, Progress.NONE);
        } catch (IOException e) {
            throw new IllegalStateException("no file is involved, yet: " + e.getMessage(), e);
        }
    }

    /**
     * Trains {@code model} in place on {@code data}.
     * @param checkpoint file to write after every epoch (atomically), if any
     * @param resume     continue from {@code checkpoint}, which must exist and fit the model
     * @return the losses per epoch and how the run ended
     * @throws ArithmeticException      when a loss becomes NaN or infinite; names the epoch
     * @throws IllegalArgumentException when the data is too small for the validation split
     * @throws BadFileException         when the checkpoint to resume from is damaged or fits another model
     * @throws IOException              when the checkpoint cannot be read or written
     */
    public TrainingHistory fit(Layer model, Optimizer optimizer, Objective objective, Dataset data,
                               Optional<Path> checkpoint, boolean resume, Progress progress) throws IOException {
        Check.notNull("model", model);
        Check.notNull("optimizer", optimizer);
        Check.notNull("objective", objective);
        Check.notNull("data", data);
        Check.notNull("progress", progress);
        Check.argument(!resume || checkpoint.isPresent(), "resume needs a checkpoint file");
        long start = System.nanoTime();
        List<Parameter> params = model.parameters();
        List<Tensor> buffers = model.buffers();

        int n = data.size();
        int[] perm = permutation(n, new SplittableRandom(seed ^ 0x5DEECE66DL));
        int nVal = (int) Math.round(n * validationFraction);
        Check.argument(validationFraction == 0 || (nVal >= 1 && nVal < n), "validationFraction " + validationFraction
                + " leaves the " + (nVal < 1 ? "validation" : "training") + " part of " + n + " samples empty");
        Check.atLeast("number of training samples", n - nVal, 1);
        int[] val = Arrays.copyOfRange(perm, 0, nVal);
        int[] train = Arrays.copyOfRange(perm, nVal, n);
        Arrays.sort(val);
        Arrays.sort(train);

        State s = new State();
        if (resume) {
            Path file = checkpoint.get();
            if (!Files.exists(file)) throw new java.nio.file.NoSuchFileException(file.toString(), null, "no checkpoint to resume from");
            s = restore(file, Checkpoint.read(file), params, buffers, optimizer);
        }

        Batches batches = new Batches(data, batchSize);
        int perEpoch = (int) ((train.length + (long) batchSize - 1) / batchSize);
        long trainedThisRun = 0;
        boolean stoppedEarly = false;
        int epoch = s.epochsDone;
        for (; epoch < epochs; epoch++) {
            if (patience > 0 && s.badEpochs >= patience) { stoppedEarly = true; break; }
            long epochStart = System.nanoTime();
            model.seed(mix(seed, epoch));
            objective.startEpoch(epoch);
            int[] order = train.clone();
            shuffle(order, new SplittableRandom(mix(seed ^ 0x1234567L, epoch)));
            double lossSum = 0;
            long seen = 0;
            for (int b = 0; b < perEpoch; b++) {
                int from = b * batchSize, to = Math.min(order.length, from + batchSize);
                Tensor x = batches.load(order, from, to);
                for (Parameter p : params) p.zeroGrad();
                Node loss = objective.loss(model, x, Mode.TRAIN);
                double l = loss.value().item();
                if (!Double.isFinite(l)) throw nonFinite(l, epoch, b, checkpoint, s.epochsDone);
                loss.backward();
                if (clipNorm > 0) GradientClipping.clipByGlobalNorm(params, clipNorm);
                optimizer.step(params, schedule.rate(optimizer.learningRate(), s.steps));
                s.steps++;
                lossSum += l * (to - from);
                seen += to - from;
                trainedThisRun += to - from;
                double elapsed = (System.nanoTime() - start) / 1e9;
                double rate = trainedThisRun / Math.max(elapsed, 1e-9);
                long left = (long) (epochs - epoch - 1) * train.length + (train.length - seen);
                progress.onBatch(new Progress.Batch(epoch, epochs, b, perEpoch, lossSum / seen, rate, left / rate));
            }
            double trainLoss = lossSum / seen;
            double valLoss = Double.NaN;
            if (nVal > 0) {
                double vs = 0;
                for (int from = 0; from < nVal; from += batchSize) {
                    int to = Math.min(nVal, from + batchSize);
                    double l = objective.loss(model, batches.load(val, from, to), Mode.EVAL).value().item();
                    vs += l * (to - from);
                }
                valLoss = vs / nVal;
                if (!Double.isFinite(valLoss)) throw nonFinite(valLoss, epoch, -1, checkpoint, s.epochsDone);
            }
            double monitored = nVal > 0 ? valLoss : trainLoss;
            boolean improved = monitored < s.bestLoss;
            if (improved) {
                s.bestLoss = monitored;
                s.bestEpoch = epoch;
                s.badEpochs = 0;
                if (patience > 0) s.best = copies(params);
            } else {
                s.badEpochs++;
            }
            s.trainLoss.add(trainLoss);
            s.validationLoss.add(valLoss);
            s.epochsDone = epoch + 1;
            if (checkpoint.isPresent()) snapshot(s, params, buffers, optimizer).write(checkpoint.get());
            progress.onEpoch(new Progress.Epoch(epoch, epochs, trainLoss, valLoss, (System.nanoTime() - epochStart) / 1e9, improved));
        }
        if (patience > 0 && s.best != null) {
            for (int i = 0; i < params.size(); i++) {
                float[] b = s.best.get(i);
                System.arraycopy(b, 0, params.get(i).value().data(), 0, b.length);
            }
        }
        return new TrainingHistory(toArray(s.trainLoss), toArray(s.validationLoss), s.bestEpoch, stoppedEarly, s.steps,
                (System.nanoTime() - start) / 1e9);
    }

    private static ArithmeticException nonFinite(double loss, int epoch, int batch, Optional<Path> checkpoint, int goodEpochs) {
        String where = batch >= 0 ? "batch " + (batch + 1) + " of epoch " + (epoch + 1) : "validation after epoch " + (epoch + 1);
        String kept = checkpoint.isPresent() && goodEpochs > 0
                ? "; the checkpoint " + checkpoint.get() + " still holds epoch " + goodEpochs
                : "";
        return new ArithmeticException("loss is " + (Double.isNaN(loss) ? "NaN" : "infinite") + " at " + where
                + " (try a lower learning rate or gradient clipping)" + kept);
    }

    /** The mutable bookkeeping of a run, saved in checkpoints. */
    private static final class State {
        int epochsDone;
        long steps;
        int bestEpoch = -1;
        int badEpochs;
        double bestLoss = Double.POSITIVE_INFINITY;
        final List<Double> trainLoss = new ArrayList<>();
        final List<Double> validationLoss = new ArrayList<>();
        List<float[]> best;
    }

    private static Checkpoint snapshot(State s, List<Parameter> params, List<Tensor> buffers, Optimizer optimizer) {
        List<int[]> shapes = new ArrayList<>();
        for (Parameter p : params) shapes.add(p.value().shape());
        List<float[]> bufs = new ArrayList<>();
        for (Tensor t : buffers) bufs.add(t.data().clone());
        return new Checkpoint(s.epochsDone, s.steps, s.bestEpoch, s.badEpochs, s.bestLoss, toArray(s.trainLoss),
                toArray(s.validationLoss), copies(params), shapes, bufs, optimizer.state(params),
                s.best == null ? List.of() : s.best);
    }

    private static State restore(Path file, Checkpoint c, List<Parameter> params, List<Tensor> buffers, Optimizer optimizer)
            throws BadFileException {
        if (c.params().size() != params.size()) {
            throw new BadFileException(file, "the checkpoint holds " + c.params().size() + " parameters, the model has " + params.size());
        }
        for (int i = 0; i < params.size(); i++) {
            if (!Arrays.equals(c.shapes().get(i), params.get(i).value().shape())) {
                throw new BadFileException(file, "parameter " + i + " (" + params.get(i).name() + ") has shape "
                        + Arrays.toString(c.shapes().get(i)) + " in the checkpoint, " + Arrays.toString(params.get(i).value().shape())
                        + " in the model");
            }
        }
        if (c.buffers().size() != buffers.size()) {
            throw new BadFileException(file, "the checkpoint holds " + c.buffers().size() + " buffers, the model has " + buffers.size());
        }
        for (int i = 0; i < buffers.size(); i++) {
            if (c.buffers().get(i).length != buffers.get(i).size()) {
                throw new BadFileException(file, "buffer " + i + " has " + c.buffers().get(i).length + " values in the checkpoint, "
                        + buffers.get(i).size() + " in the model");
            }
        }
        try {
            optimizer.restore(params, c.optimizer());
        } catch (IllegalArgumentException e) {
            throw new BadFileException(file, "the optimizer state does not fit: " + e.getMessage());
        }
        for (int i = 0; i < params.size(); i++) System.arraycopy(c.params().get(i), 0, params.get(i).value().data(), 0, params.get(i).size());
        for (int i = 0; i < buffers.size(); i++) System.arraycopy(c.buffers().get(i), 0, buffers.get(i).data(), 0, buffers.get(i).size());
        State s = new State();
        s.epochsDone = c.epochs();
        s.steps = c.steps();
        s.bestEpoch = c.bestEpoch();
        s.badEpochs = c.badEpochs();
        s.bestLoss = c.bestLoss();
        for (double v : c.trainLoss()) s.trainLoss.add(v);
        for (double v : c.validationLoss()) s.validationLoss.add(v);
        s.best = c.best().isEmpty() ? null : c.best();
        return s;
    }

    private static List<float[]> copies(List<Parameter> params) {
        List<float[]> out = new ArrayList<>(params.size());
        for (Parameter p : params) out.add(p.value().data().clone());
        return out;
    }

    private static double[] toArray(List<Double> v) {
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) out[i] = v.get(i);
        return out;
    }

    /** A seed for stream {@code index} of a run seeded with {@code seed} (SplitMix64 finalizer). */
    static long mix(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        shuffle(p, rng);
        return p;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Materializes mini-batches into buffers reused across batches of the same size. */
    private static final class Batches {
        private final Dataset data;
        private final int[] sampleShape;
        private final int features;
        private float[] full;
        private int[] rows;

        Batches(Dataset data, int batchSize) {
            this.data = data;
            SampleShape s = data.shape();
            this.sampleShape = s.isImage() ? new int[] {s.channels(), s.height(), s.width()} : new int[] {s.size()};
            this.features = s.size();
            this.full = new float[Math.multiplyExact(batchSize, features)];
            this.rows = new int[batchSize];
        }

        /** Samples {@code order[from, to)} as a tensor {@code [to - from, ...sample shape]}. */
        Tensor load(int[] order, int from, int to) {
            int m = to - from;
            float[] buf = m * features == full.length ? full : new float[m * features];
            if (rows.length != m) rows = new int[m];
            System.arraycopy(order, from, rows, 0, m);
            data.store().copyRows(rows, buf, 0);
            int[] shape = new int[sampleShape.length + 1];
            shape[0] = m;
            System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
            return Tensor.of(buf, shape);
        }
    }
}
