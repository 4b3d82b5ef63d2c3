package dev.latent.neural.models.vae;

import dev.latent.data.Matrix;
import dev.latent.data.SampleShape;
import dev.latent.data.Transforms;
import dev.latent.io.Idx;
import dev.latent.neural.autodiff.Functions;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.layers.Mode;
import dev.latent.neural.layers.Parameter;
import dev.latent.neural.optim.Adam;
import dev.latent.neural.tensor.Tensor;
import dev.latent.neural.train.TrainingHistory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Replays PyTorch's training of the dense MNIST VAE step by step: from the same weights, on the same batches with the
 * same noise, Latent's loss, gradients, Adam updates and test ELBO must agree with PyTorch's up to float rounding.
 * The reference comes from {@code latent-bench/scripts/vae_torch_steps.py MNIST_DIR DIR}; the test reads DIR from
 * {@code LATENT_VAE_TORCH_STEPS} and the MNIST files from {@code LATENT_MNIST_DIR}, and is skipped without them.
 */
@Tag("slow")
class VaeTorchStepsTest {
    private static final int BATCH = 128, LATENT = 20, D = 784;

    @Test void replaysPyTorchsStepsFromTheSameWeightsNoiseAndBatches() throws IOException {
        Path ref = dir("LATENT_VAE_TORCH_STEPS"), mnist = dir("LATENT_MNIST_DIR");
        Matrix train = images(mnist.resolve("train-images-idx3-ubyte"));
        Vae p = Vae.defaults();
        SampleShape shape = SampleShape.vector(D);
        VaeNetworks nets = VaeNetworks.of(p, shape, 0);
        List<Parameter> params = nets.all().parameters();
        load(ref, "p", params);
        int[] rows = ints(ref.resolve("perm.bin"));
        float[] eps = floats(ref.resolve("eps.bin"));
        double[] torchLoss = doubles(ref.resolve("loss.bin"));
        assertEquals(rows.length, torchLoss.length * BATCH, "one batch of rows per step in the reference");
        Adam adam = Adam.of(p.learningRate());
        for (int s = 0; s < torchLoss.length; s++) {
            float[] batch = new float[BATCH * D], e = new float[BATCH * LATENT];
            for (int r = 0; r < BATCH; r++) System.arraycopy(train.values(), rows[s * BATCH + r] * D, batch, r * D, D);
            System.arraycopy(eps, s * BATCH * LATENT, e, 0, e.length);
            for (Parameter q : params) q.zeroGrad();
            Vae.Terms t = VaeModel.terms(p, nets, shape, Tensor.of(batch, BATCH, D), Tensor.of(e, BATCH, LATENT), Mode.TRAIN);
            Node loss = Functions.add(t.reconstruction(), t.kl());
            loss.backward();
            // float32 sums of ~10^5 terms of size ~1 in a different order: agree to a few units in the 6th digit
            assertEquals(torchLoss[s], loss.value().item(), 2e-6 * torchLoss[s], "loss at step " + (s + 1));
            if (s == 0) {
                for (int i = 0; i < params.size(); i++) {
                    float[] expected = floats(ref.resolve("g" + i + ".bin")), actual = params.get(i).grad().data();
                    for (int j = 0; j < expected.length; j++) {
                        assertEquals(expected[j], actual[j], 1e-6, "gradient of " + params.get(i) + " at " + j);
                    }
                }
            }
            adam.step(params, p.learningRate());
        }
        load(ref, "q", params);
        VaeModel model = new VaeModel(p, shape, List.of(), nets, new TrainingHistory(new double[] {torchLoss[0]},
                new double[] {Double.NaN}, 0, false, torchLoss.length, 0), new double[0], new double[0], Duration.ZERO);
        Matrix test = images(mnist.resolve("t10k-images-idx3-ubyte"));
        double kl = 0, rec = 0;
        for (int r = 0; r < 5; r++) {
            Elbo elbo = model.elbo(test, new int[0], r);
            kl += elbo.kl() / 5;
            rec += elbo.reconstruction() / 5;
        }
        double[] torchEval = doubles(ref.resolve("eval.bin"));
        assertEquals(torchEval[0], kl, 1e-5 * torchEval[0], "the KL term needs no draw: equal up to rounding");
        // each mean of 5 x 10,000 one-draw terms has a standard error of about 0.03 nats
        assertEquals(torchEval[1], rec, 0.2, "the reconstruction term, equal up to the draws");
    }

    private static Path dir(String variable) {
        String v = System.getenv(variable);
        assumeTrue(v != null && Files.isDirectory(Path.of(v)), variable + " not set");
        return Path.of(v);
    }

    private static Matrix images(Path file) throws IOException {
        return Transforms.scaleToUnit(Idx.read(file, Optional.empty(), file.getFileName().toString())).toMatrix();
    }

    private static void load(Path ref, String prefix, List<Parameter> params) throws IOException {
        for (int i = 0; i < params.size(); i++) {
            float[] v = floats(ref.resolve(prefix + i + ".bin"));
            assertEquals(params.get(i).size(), v.length, "size of " + params.get(i) + " in the reference");
            System.arraycopy(v, 0, params.get(i).value().data(), 0, v.length);
        }
    }

    private static ByteBuffer bytes(Path file) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static float[] floats(Path file) throws IOException {
        ByteBuffer b = bytes(file);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    private static int[] ints(Path file) throws IOException {
        ByteBuffer b = bytes(file);
        int[] out = new int[b.remaining() / 4];
        b.asIntBuffer().get(out);
        return out;
    }

    private static double[] doubles(Path file) throws IOException {
        ByteBuffer b = bytes(file);
        double[] out = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(out);
        return out;
    }
}
