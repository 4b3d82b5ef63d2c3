package dev.latent.neural.models.ae;

import dev.latent.Estimator;
import dev.latent.EstimatorContract;
import dev.latent.data.Dataset;
import dev.latent.data.FloatStore;
import dev.latent.data.Matrix;
import dev.latent.data.SampleShape;
import dev.latent.neighbors.Neighbors;
import dev.latent.neural.onnx.OnnxRuntimeRunner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("slow")
class AutoencoderTest implements EstimatorContract<AutoencoderModel> {
    @TempDir Path dir;

    @Override
    public Estimator<AutoencoderModel> estimator(long seed) {
        return Autoencoder.defaults().withHidden(List.of(8)).withLatent(2).withEpochs(2).withBatchSize(16)
                .withSeed(seed);
    }

    @Override
    public Matrix data() {
        return blobs(240, 6, new SplittableRandom(3)).toMatrix();
    }

    @Override
    public void assertSameModel(AutoencoderModel expected, AutoencoderModel actual) {
        Matrix x = data();
        assertEquals(expected.encode(x), actual.encode(x), "the same codes");
        assertEquals(expected.reconstruct(x), actual.reconstruct(x), "the same reconstructions");
        assertArrayEquals(expected.history().trainLoss(), actual.history().trainLoss(), "the same losses");
    }

    /** Three tight blobs on the corners of the unit cube in d dimensions, values in [0, 1], labels 0..2. */
    static Dataset blobs(int n, int d, SplittableRandom rng) {
        float[] v = new float[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < d; j++) {
                double centre = (j % 3 == labels[i]) ? 0.85 : 0.15;
                v[i * d + j] = (float) Math.clamp(centre + 0.05 * (rng.nextDouble() - 0.5), 0, 1);
            }
        }
        return Dataset.of("blobs", SampleShape.vector(d), new FloatStore(Matrix.wrap(n, d, v)), labels, List.of("a", "b", "c"));
    }

    @Test
    void learnsToReconstructBetterThanTheMean() {
        Dataset data = blobs(600, 12, new SplittableRandom(1));
        Matrix x = data.toMatrix();
        AutoencoderModel m = Autoencoder.defaults().withHidden(List.of(16)).withLatent(2).withEpochs(40)
                .withBatchSize(32).withLearningRate(1e-2).fit(data);
        double meanBaseline = 0;   // reconstructing every sample by the data mean
        float[] v = x.values();
        for (int j = 0; j < 12; j++) {
            double mean = 0;
            for (int i = 0; i < 600; i++) mean += v[i * 12 + j] / 600.0;
            for (int i = 0; i < 600; i++) meanBaseline += Math.pow(v[i * 12 + j] - mean, 2) / (600 * 12);
        }
        double mse = 0;
        for (double s : m.anomalyScores(x)) mse += s / 600;
        assertTrue(mse < 0.05 * meanBaseline, "a 2-value code holds the 3 blobs: MSE " + mse + " vs the mean's "
                + meanBaseline);
        double[] loss = m.history().trainLoss();
        assertTrue(loss[loss.length - 1] < loss[0], "the training loss falls");
        Neighbors nn = m.nearest(x.rows(0, 30), x, 5);
        for (int i = 0; i < 30; i++)
            for (int r = 0; r < 5; r++)
                assertEquals(data.labels()[i], data.labels()[nn.index(i, r)], "neighbours in code space share the blob");
    }

    @Test
    void convolutionalAutoencoderTrainsOnFourBandImagesAndExportsToOnnx() throws Exception {
        var rng = new SplittableRandom(4);
        int n = 64;
        float[] v = new float[n * 4 * 12 * 12];
        for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextDouble();
        Dataset images = Dataset.of("sat", SampleShape.image(4, 12, 12), new FloatStore(Matrix.wrap(n, 4 * 12 * 12, v)),
                new int[0], List.of());
        AutoencoderModel m = Autoencoder.conv().withHidden(List.of(4, 8)).withLatent(6).withEpochs(2)
                .withBatchSize(16).fit(images);
        Matrix x = images.toMatrix();
        Matrix codes = m.encode(x), back = m.decode(codes);
        assertEquals(6, codes.cols(), "one code of latent values per image");
        assertEquals(4 * 12 * 12, back.cols(), "decoded images have the input's size");
        for (float f : back.values()) assertTrue(f >= 0 && f <= 1, "data in [0, 1] gets a sigmoid output");

        Path enc = dir.resolve("encoder.onnx"), dec = dir.resolve("decoder.onnx");
        m.exportOnnx(enc, dec);
        assertClose(codes.rows(0, 3).values(),
                OnnxRuntimeRunner.run(Files.readAllBytes(enc), "input", x.rows(0, 3).values(), 3, 4, 12, 12));
        assertClose(back.rows(0, 3).values(),
                OnnxRuntimeRunner.run(Files.readAllBytes(dec), "input", codes.rows(0, 3).values(), 3, 6));
    }

    @Test
    void denoisingAndSparseVariantsTrainAndTheirModelFilesLoad() throws Exception {
        Dataset data = blobs(120, 6, new SplittableRandom(8));
        for (Autoencoder a : List.of(
                estimatorBase().withNoise(Noise.gaussian(0.1)), estimatorBase().withNoise(Noise.masking(0.3)),
                estimatorBase().withSparsity(Sparsity.l1(1e-3)), estimatorBase().withSparsity(Sparsity.kl(1e-2, 0.1)),
                estimatorBase().withLoss(Loss.BCE))) {
            AutoencoderModel m = a.fit(data);
            Path file = dir.resolve("ae.latent");
            m.save(file);
            AutoencoderModel back = AutoencoderModel.load(file);
            assertEquals(m.reconstruct(data.toMatrix()), back.reconstruct(data.toMatrix()), a + " loads as saved");
            assertEquals(a, back.params(), "hyperparameters travel in the file");
        }
        AutoencoderModel kl = estimatorBase().withSparsity(Sparsity.kl(1e-2, 0.1)).fit(data);
        for (float c : kl.encode(data.toMatrix()).values()) assertTrue(c > 0 && c < 1, "KL sparsity codes are sigmoids");
    }

    @Test
    void denoisingIsResumableAndDeterministic() throws Exception {
        Dataset data = blobs(120, 6, new SplittableRandom(8));
        Autoencoder a = estimatorBase().withNoise(Noise.masking(0.3)).withEpochs(4);
        Path checkpoint = dir.resolve("run.ckpt");
        Autoencoder half = a.withEpochs(2);
        half.fit(data, java.util.Optional.of(checkpoint), false, dev.latent.neural.train.Progress.NONE);
        AutoencoderModel resumed = a.fit(data, java.util.Optional.of(checkpoint), true,
                dev.latent.neural.train.Progress.NONE);
        AutoencoderModel straight = a.fit(data);
        assertEquals(straight.encode(data.toMatrix()), resumed.encode(data.toMatrix()),
                "a run resumed after 2 of 4 epochs ends with the weights of an uninterrupted one, noise included");
    }

    @Test
    void rejectsBadInputWithClearMessages() {
        Dataset data = blobs(30, 6, new SplittableRandom(2));
        var conv = assertThrows(IllegalArgumentException.class, () -> Autoencoder.conv().fit(data));
        assertEquals("the conv architecture needs image data (channels, height, width), got 6", conv.getMessage());
        Matrix wide = Matrix.of(2, 2, 0, 2, 1, 3);
        var bce = assertThrows(IllegalArgumentException.class,
                () -> Autoencoder.defaults().withLoss(Loss.BCE).fit(wide));
        assertTrue(bce.getMessage().startsWith("the BCE loss needs data in [0, 1], got values in [0.0, 3.0]"),
                bce.getMessage());
        var latent = assertThrows(IllegalArgumentException.class, () -> Autoencoder.defaults().withLatent(0));
        assertEquals("latent must be >= 1, got 0", latent.getMessage());
        var masking = assertThrows(IllegalArgumentException.class, () -> Noise.masking(1));
        assertEquals("masking level must be < 1, got 1.0", masking.getMessage());
        AutoencoderModel m = estimatorBase().fit(data);
        var cols = assertThrows(IllegalArgumentException.class, () -> m.encode(Matrix.zeros(2, 5)));
        assertTrue(cols.getMessage().contains("x must have 6 columns"), cols.getMessage());
    }

    private static Autoencoder estimatorBase() {
        return Autoencoder.defaults().withHidden(List.of(8)).withLatent(3).withEpochs(3).withBatchSize(16);
    }

    private static void assertClose(float[] ours, float[] theirs) {
        assertEquals(ours.length, theirs.length, "as many values from ONNX Runtime as from Latent");
        for (int i = 0; i < ours.length; i++) {
            assertTrue(Math.abs(ours[i] - theirs[i]) <= 1e-5 * Math.max(1, Math.abs(ours[i])),
                    "value " + i + ": Latent " + ours[i] + ", ONNX Runtime " + theirs[i]);
        }
    }
}
