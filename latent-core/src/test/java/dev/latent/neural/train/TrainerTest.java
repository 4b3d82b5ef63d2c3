package dev.latent.neural.train;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.internal.Parallel;
import dev.latent.io.BadFileException;
import dev.latent.neural.autodiff.Functions;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.layers.Dense;
import dev.latent.neural.layers.Dropout;
import dev.latent.neural.layers.Mode;
import dev.latent.neural.layers.Parameter;
import dev.latent.neural.layers.Sequential;
import dev.latent.neural.optim.Adam;
import dev.latent.neural.optim.LearningRateSchedule;
import dev.latent.neural.optim.Sgd;
import dev.latent.neural.tensor.Activation;
import dev.latent.neural.tensor.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    @TempDir Path dir;

    private static Dataset data(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            double a = rng.nextDouble() * 2 - 1, b = rng.nextDouble() * 2 - 1; // samples on a 2-d plane
            for (int j = 0; j < d; j++) v[i * d + j] = (float) (a * Math.sin(j + 1) + b * Math.cos(2 * j + 1));
        }
        return Dataset.of("plane", Matrix.wrap(n, d, v));
    }

    private static Sequential autoencoder(int d, int hidden, long seed, boolean dropout) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<dev.latent.neural.layers.Layer> layers = new ArrayList<>();
        layers.add(Dense.of(d, hidden, Activation.TANH, rng));
        if (dropout) layers.add(Dropout.of(0.2f, 1));
        layers.add(Dense.of(hidden, 2, Activation.IDENTITY, rng));
        layers.add(Dense.of(2, hidden, Activation.RELU, rng));
        layers.add(Dense.of(hidden, d, Activation.IDENTITY, rng));
        return Sequential.of(layers);
    }

    private static float[] weights(Sequential m) {
        int total = 0;
        for (Parameter p : m.parameters()) total += p.size();
        float[] all = new float[total];
        int o = 0;
        for (Parameter p : m.parameters()) {
            System.arraycopy(p.value().data(), 0, all, o, p.size());
            o += p.size();
        }
        return all;
    }

    @Test @Tag("slow") void overfitsOneBatchWithASmallNetwork() {
        // 16 samples on a plane through 8-d space: a 2-d bottleneck can reconstruct them exactly
        Dataset d = data(16, 8, 1);
        Sequential m = Sequential.of(Dense.of(8, 32, Activation.TANH, new SplittableRandom(2)), Dense.of(32, 8, Activation.IDENTITY, new SplittableRandom(3)));
        TrainingHistory h = Trainer.defaults().withEpochs(400).withBatchSize(16).fit(m, Adam.of(1e-2), Objective.reconstruction(), d);
        assertTrue(h.trainLoss()[0] > 0.1, "starts far from the data, got " + h.trainLoss()[0]);
        assertTrue(h.trainLoss()[399] < 1e-3, "one batch is memorized, final loss " + h.trainLoss()[399]);
        assertEquals(400, h.steps(), "one step per epoch");
    }

    @Test @Tag("slow") void oneAndTwoThreadsGiveTheSameWeights() {
        // products of 64 x 160 x 64 multiply-adds run on the pool; a 64 x 160 weight spans two Adam chunks
        Dataset d = data(128, 64, 4);
        int before = Parallel.shared().threads();
        try {
            float[][] w = new float[2][];
            for (int t = 1; t <= 2; t++) {
                Parallel.setThreads(t);
                Sequential m = Sequential.of(Dense.of(64, 160, Activation.RELU, new SplittableRandom(5)),
                        Dropout.of(0.1f, 3), Dense.of(160, 64, Activation.IDENTITY, new SplittableRandom(6)));
                Trainer.defaults().withEpochs(2).withBatchSize(64).withSeed(9).fit(m, Adam.of(1e-3), Objective.reconstruction(), d);
                w[t - 1] = weights(m);
            }
            assertArrayEquals(w[0], w[1], "weights after 1 and 2 threads");
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test void resumingFromACheckpointGivesTheWeightsOfAnUninterruptedRun() throws Exception {
        Dataset d = data(100, 12, 7);
        Trainer t = Trainer.defaults().withEpochs(5).withBatchSize(16).withSeed(3).withValidation(0.2, 10)
                .withSchedule(LearningRateSchedule.warmUp(5, LearningRateSchedule.cosine(40, 0.1))).withClipNorm(0.5);
        Sequential whole = autoencoder(12, 10, 11, true);
        Path ck1 = dir.resolve("whole.ck");
        TrainingHistory full = t.fit(whole, Adam.of(3e-3), Objective.reconstruction(), d, Optional.of(ck1), false, Progress.NONE);

        Path ck2 = dir.resolve("parts.ck");
        Sequential first = autoencoder(12, 10, 11, true);
        t.withEpochs(2).fit(first, Adam.of(3e-3), Objective.reconstruction(), d, Optional.of(ck2), false, Progress.NONE);
        Sequential resumed = autoencoder(12, 10, 99, true); // other initial weights: all must come from the checkpoint
        TrainingHistory rest = t.fit(resumed, Adam.of(3e-3), Objective.reconstruction(), d, Optional.of(ck2), true, Progress.NONE);

        assertArrayEquals(weights(whole), weights(resumed), "weights after 5 epochs, with and without a restart after 2");
        assertArrayEquals(full.trainLoss(), rest.trainLoss(), "the resumed history holds all 5 epochs");
        Checkpoint a = Checkpoint.read(ck1), b = Checkpoint.read(ck2);
        assertEquals(5, b.epochs(), "the resumed checkpoint counts all epochs");
        assertEquals(a.steps(), b.steps(), "the same step count");
        assertEquals(a.optimizer().steps(), b.optimizer().steps(), "the same optimizer step count");
        for (int i = 0; i < a.optimizer().arrays().size(); i++) {
            assertArrayEquals(a.optimizer().arrays().get(i), b.optimizer().arrays().get(i), "Adam moment array " + i);
        }
        for (int i = 0; i < a.best().size(); i++) assertArrayEquals(a.best().get(i), b.best().get(i), "best weights " + i);
    }

    @Test void aNaNLossStopsWithTheEpochNamedAndKeepsTheLastGoodCheckpoint() throws Exception {
        Dataset d = data(40, 6, 2);
        Sequential m = autoencoder(6, 5, 1, false);
        Path ck = dir.resolve("run.ck");
        int[] calls = {0};
        Objective poisoned = (model, batch, mode) -> {
            Node loss = Objective.reconstruction().loss(model, batch, mode);
            // 4 batches per epoch: the 6th call is batch 2 of epoch 2
            return ++calls[0] == 6 ? Functions.mul(loss, Node.input(Tensor.scalar(Float.NaN))) : loss;
        };
        byte[][] afterFirst = new byte[1][];
        Progress keep = new Progress() {
            @Override public void onBatch(Batch b) {}
            @Override public void onEpoch(Epoch e) {
                try { afterFirst[0] = Files.readAllBytes(ck); } catch (java.io.IOException x) { throw new AssertionError(x); }
            }
        };
        Trainer t = Trainer.defaults().withEpochs(3).withBatchSize(10);
        var e = assertThrows(ArithmeticException.class, () -> t.fit(m, Sgd.of(0.01), poisoned, d, Optional.of(ck), false, keep));
        assertEquals("loss is NaN at batch 2 of epoch 2 (try a lower learning rate or gradient clipping); the checkpoint "
                + ck + " still holds epoch 1", e.getMessage());
        assertArrayEquals(afterFirst[0], Files.readAllBytes(ck), "the checkpoint of epoch 1 is untouched");
    }

    @Test void earlyStoppingEndsAfterPatienceAndRestoresTheBestWeights() {
        Dataset d = data(50, 6, 5);
        Sequential m = autoencoder(6, 5, 2, false);
        int[] evals = {0};
        // validation loss rises with every evaluation batch, so epoch 0 stays the best
        Objective rising = (model, batch, mode) -> mode == Mode.EVAL
                ? Node.input(Tensor.scalar(++evals[0]))
                : Objective.reconstruction().loss(model, batch, mode);
        float[][] atEpoch0 = new float[1][];
        Progress capture = new Progress() {
            @Override public void onBatch(Batch b) {}
            @Override public void onEpoch(Epoch e) { if (e.epoch() == 0) atEpoch0[0] = weights(m); }
        };
        TrainingHistory h;
        try {
            h = Trainer.defaults().withEpochs(20).withBatchSize(8).withValidation(0.2, 2)
                    .fit(m, Adam.of(1e-2), rising, d, Optional.empty(), false, capture);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(3, h.epochs(), "epoch 0 best, then two epochs without improvement");
        assertTrue(h.stoppedEarly(), "stopped before 20 epochs");
        assertEquals(0, h.bestEpoch(), "the first epoch is the best");
        assertArrayEquals(atEpoch0[0], weights(m), "the model holds the best epoch's weights");
    }

    @Test void aDamagedCheckpointIsRefusedWithItsName() throws Exception {
        Dataset d = data(20, 4, 1);
        Path ck = dir.resolve("damaged.ck");
        Trainer t = Trainer.defaults().withEpochs(1).withBatchSize(10);
        t.fit(autoencoder(4, 3, 1, false), Sgd.of(0.01), Objective.reconstruction(), d, Optional.of(ck), false, Progress.NONE);
        byte[] b = Files.readAllBytes(ck);
        b[40] ^= 1;
        Files.write(ck, b);
        var e = assertThrows(BadFileException.class, () -> t.withEpochs(2).fit(autoencoder(4, 3, 1, false), Sgd.of(0.01),
                Objective.reconstruction(), d, Optional.of(ck), true, Progress.NONE));
        assertEquals(ck + ": damaged: the header's checksum does not match", e.getMessage());
        t.fit(autoencoder(4, 3, 1, false), Sgd.of(0.01), Objective.reconstruction(), d, Optional.of(ck), false, Progress.NONE);
        var other = assertThrows(BadFileException.class, () -> t.withEpochs(2).fit(autoencoder(4, 5, 1, false), Sgd.of(0.01),
                Objective.reconstruction(), d, Optional.of(ck), true, Progress.NONE));
        assertEquals(ck + ": parameter 0 (weight) has shape [4, 3] in the checkpoint, [4, 5] in the model", other.getMessage());
    }

    @Test @Tag("slow") void theJavadocExampleTrainsAnAutoencoderOnByteImages() {
        // 64 random 28 x 28 byte images, as an IDX file would give them
        byte[] pixels = new byte[64 * 784];
        new SplittableRandom(1).nextBytes(pixels);
        Dataset mnist = Dataset.of("images", dev.latent.data.SampleShape.image(1, 28, 28),
                dev.latent.data.ByteStore.of(pixels, 64, 784), new int[0], List.of());
        SplittableRandom rng = new SplittableRandom(0);
        Sequential ae = Sequential.of(Dense.of(784, 64, Activation.RELU, rng), Dense.of(64, 784, Activation.SIGMOID, rng));
        TrainingHistory h = Trainer.defaults().withEpochs(5).withValidation(0.1, 2)
                .fit(ae, Adam.of(1e-3), Objective.reconstruction(), dev.latent.data.Transforms.flatten(dev.latent.data.Transforms.scaleToUnit(mnist)));
        // uniform pixels in [0, 1] have variance 1/12: an untrained sigmoid output near 0.5 is about that far off
        assertTrue(h.trainLoss()[0] < 0.2 && h.trainLoss()[4] < h.trainLoss()[0], "the loss falls from about 1/12, got "
                + java.util.Arrays.toString(h.trainLoss()));
    }

    @Test void progressReportsEveryBatchWithAFallingEta() throws Exception {
        Dataset d = data(30, 4, 1);
        List<Progress.Batch> seen = new ArrayList<>();
        Progress p = seen::add;
        Trainer.defaults().withEpochs(2).withBatchSize(10).fit(autoencoder(4, 3, 1, false), Sgd.of(0.01),
                Objective.reconstruction(), d, Optional.empty(), false, p);
        assertEquals(6, seen.size(), "3 batches in each of 2 epochs");
        assertEquals(0.0, seen.get(5).etaSeconds(), "nothing left after the last batch");
        assertEquals(2, seen.get(5).batch(), "batches count from 0");
    }
}
