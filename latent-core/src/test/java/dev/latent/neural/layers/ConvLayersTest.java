package dev.latent.neural.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.internal.Parallel;
import dev.latent.neural.autodiff.Functions;
import dev.latent.neural.autodiff.GradCheck;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.tensor.Tensor;
import dev.latent.neural.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ConvLayersTest {
    /** The layer's parameters plus the input, so that the check covers the input gradient too. */
    private static List<Parameter> withInput(Layer layer, Parameter x) {
        List<Parameter> all = new ArrayList<>(layer.parameters());
        all.add(x);
        return all;
    }

    @Test
    void conv2dGradientsMatchFiniteDifferences() {
        var rng = new SplittableRandom(11);
        Conv2d conv = Conv2d.of(2, 3, 3, rng);                                  // in channels, out channels, kernel size
        Parameter x = Parameter.of("x", Tensors.uniform(rng, -1f, 1f, 2, 2, 5, 5)); // batch, channels, height, width
        GradCheck.assertMatches(() -> conv.apply(x.node(), Mode.TRAIN).square().sum(), withInput(conv, x), 1e-2, 1e-2);
    }

    @Test
    void strideTwoConvolutionsAndTheirTransposesKeepMnistShapes() {
        var rng = new SplittableRandom(12);
        Conv2d down = Conv2d.of(1, 4, 3, 2, 1, rng);
        ConvTranspose2d up = ConvTranspose2d.of(4, 1, 3, 2, 1, 1, rng);
        Node code = down.apply(Node.input(Tensors.uniform(rng, 0f, 1f, 1, 1, 28, 28)), Mode.EVAL);
        assertArrayEquals(new int[] {1, 4, 14, 14}, code.value().shape());
        assertArrayEquals(new int[] {1, 1, 28, 28}, up.apply(code, Mode.EVAL).value().shape());
        Parameter x = Parameter.of("x", Tensors.uniform(rng, -1f, 1f, 2, 4, 3, 3));
        GradCheck.assertMatches(() -> up.apply(x.node(), Mode.TRAIN).square().sum(), withInput(up, x), 1e-2, 1e-2);
    }

    @Test
    void heInitializationHasTheFanInVariance() {
        // 64 filters of 32 x 3 x 3: fan-in 288, so the weights' variance is near 2 / 288
        float[] w = Conv2d.of(32, 64, 3, new SplittableRandom(5)).weight().value().data();
        double sum = 0, squares = 0;
        for (float v : w) {
            sum += v;
            squares += (double) v * v;
        }
        double mean = sum / w.length, var = squares / w.length - mean * mean;
        assertEquals(2.0 / 288, var, 0.05 * 2.0 / 288, "weight variance");
        assertArrayEquals(w, Conv2d.of(32, 64, 3, new SplittableRandom(5)).weight().value().data(),
                "the same seed must give the same weights");
    }

    @Test
    void poolingAndUpsamplingGradientsMatchFiniteDifferences() {
        var rng = new SplittableRandom(13);
        Tensor t = Tensor.zeros(2, 2, 4, 4);
        for (int i = 0; i < t.size(); i++) t.data()[i] = ((i * 37) % 64 - 32) * 0.05f;  // distinct, 0.05 apart
        Parameter x = Parameter.of("x", t);
        Layer pool = MaxPool2d.of(2);
        GradCheck.assertMatches(() -> pool.apply(x.node(), Mode.TRAIN).square().sum(), List.of(x), 1e-2, 1e-2);
        assertArrayEquals(new int[] {2, 2, 2, 2}, pool.apply(x.node(), Mode.EVAL).value().shape());
        Parameter y = Parameter.of("y", Tensors.uniform(rng, -1f, 1f, 1, 3, 3, 3));
        for (Layer up : List.of(Upsample.nearest(2), Upsample.bilinear(2))) {
            GradCheck.assertMatches(() -> up.apply(y.node(), Mode.TRAIN).square().sum(), List.of(y), 1e-2, 1e-2);
            assertArrayEquals(new int[] {1, 3, 6, 6}, up.apply(y.node(), Mode.EVAL).value().shape());
        }
    }

    @Test
    void batchNormGradientsMatchFiniteDifferences() {
        var rng = new SplittableRandom(14);
        BatchNorm bn = BatchNorm.of(3);
        Parameter x = Parameter.of("x", Tensors.uniform(rng, -1f, 1f, 4, 3, 2, 2));
        Tensor r = Tensors.uniform(rng, -1f, 1f, 4, 3, 2, 2);
        // sum(y^2) of a normalized channel is nearly constant, so weigh the outputs by r instead
        for (Mode mode : Mode.values()) {
            GradCheck.assertMatches(() -> Functions.mul(bn.apply(x.node(), mode), Node.input(r)).sum(),
                    withInput(bn, x), 1e-2, 1e-2);
        }
    }

    @Test
    void batchNormTrainsOnBatchStatisticsAndEvaluatesOnRunningOnes() {
        BatchNorm bn = BatchNorm.of(1, 0.5, 1e-5);
        // one channel holding 1, 2, 3, 4: mean 2.5, unbiased variance 5/3
        Node x = Node.input(Tensor.of(new float[] {1, 2, 3, 4}, 4, 1));
        float[] train = bn.apply(x, Mode.TRAIN).value().data();
        double s = 1 / Math.sqrt(1.25 + 1e-5);
        assertEquals((float) (-1.5 * s), train[0], 1e-6f);
        assertEquals(1.25f, bn.runningMean().data()[0], 1e-6f);              // 0.5 * 0 + 0.5 * 2.5
        assertEquals(0.5f + 0.5f * 5f / 3f, bn.runningVar().data()[0], 1e-6f); // 0.5 * 1 + 0.5 * 5/3
        float[] eval = bn.apply(x, Mode.EVAL).value().data();
        assertEquals((float) ((1 - 1.25) / Math.sqrt(0.5 + 2.5 / 3 + 1e-5)), eval[0], 1e-6f);
        assertEquals(1.25f, bn.runningMean().data()[0], 1e-6f, "evaluation must not move the running mean");
        assertEquals(List.of(bn.runningMean(), bn.runningVar()), bn.buffers());
        assertEquals(List.of("runningMean", "runningVar"), BatchNorm.BUFFER_NAMES);
        assertEquals(List.of(bn.gamma(), bn.beta()), bn.parameters(), "running statistics are not parameters");
    }

    @Test
    @Tag("slow")
    void aConvolutionalStackGivesTheSameGradientsWithOneAndTwoThreads() {
        Supplier<List<float[]>> run = () -> {
            var rng = new SplittableRandom(21);
            List<Layer> layers = List.of(Conv2d.of(4, 6, 3, 2, 1, rng), BatchNorm.of(6), Conv2d.of(6, 6, 3, 2, 1, rng),
                    ConvTranspose2d.of(6, 6, 3, 2, 1, 1, rng), Upsample.bilinear(2), MaxPool2d.of(2),
                    ConvTranspose2d.of(6, 4, 3, 2, 1, 1, rng));
            // 8 images: the 14x14 outputs (196 positions) come in chunks of 6 images, so two chunks
            Node h = Node.input(Tensors.uniform(rng, 0f, 1f, 8, 4, 28, 28));
            for (Layer l : layers) h = l.apply(h, Mode.TRAIN);
            h.square().mean().backward();
            List<float[]> grads = new ArrayList<>();
            for (Layer l : layers) for (Parameter p : l.parameters()) grads.add(p.grad().data());
            grads.add(h.value().data());
            return grads;
        };
        int before = Parallel.shared().threads();
        try {
            Parallel.setThreads(1);
            List<float[]> one = run.get();
            Parallel.setThreads(2);
            List<float[]> two = run.get();
            for (int i = 0; i < one.size(); i++) assertArrayEquals(one.get(i), two.get(i), "array " + i + " differs");
            assertNotEquals(0f, one.get(0)[0], "expected a nonzero gradient");
            assertTrue(one.size() == 11, "expected 10 parameter gradients and the output, got " + one.size());
        } finally {
            Parallel.setThreads(before);
        }
    }
}
