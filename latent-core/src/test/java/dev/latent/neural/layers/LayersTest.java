package dev.latent.neural.layers;

import dev.latent.neural.autodiff.GradCheck;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.tensor.Activation;
import dev.latent.neural.tensor.Tensor;
import dev.latent.neural.tensor.Tensors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayersTest {
    @Test void denseComputesXTimesWPlusB() {
        Dense d = Dense.of(2, 2, Activation.IDENTITY, new SplittableRandom(1));
        System.arraycopy(new float[] {1, 2, 3, 4}, 0, d.weight().value().data(), 0, 4);
        System.arraycopy(new float[] {10, 20}, 0, d.bias().value().data(), 0, 2);
        // [1, 1] * [[1, 2], [3, 4]] + [10, 20] = [14, 26]
        Node y = d.apply(Node.input(Tensor.of(new float[] {1, 1}, 1, 2)), Mode.EVAL);
        assertArrayEquals(new float[] {14, 26}, y.value().data(), "x W + b");
    }

    @Test void aSequentialStackOfDenseLayersPassesTheGradientCheck() {
        SplittableRandom rng = new SplittableRandom(4);
        Sequential net = Sequential.of(Dense.of(5, 4, Activation.TANH, rng), ActivationLayer.of(Activation.SOFTPLUS),
                Dense.of(4, 3, Activation.SIGMOID, rng), new ActivationLayer(Activation.ELU, 0.5f), Dense.of(3, 2, Activation.GELU, rng));
        Parameter x = Parameter.of("x", Tensors.uniform(rng, -1, 1, 6, 5));
        List<Parameter> all = new ArrayList<>(net.parameters());
        all.add(x);
        GradCheck.assertMatches(() -> net.apply(x.node(), Mode.TRAIN).square().sum(), all, 1e-2, 5e-3);
        assertEquals(6, net.parameters().size(), "weight and bias of three dense layers");
        assertEquals("weight", net.parameters().get(4).name(), "parameters in layer order");
    }

    @Test void heInitHasTheVarianceTwoOverFanIn() {
        Dense d = Dense.of(400, 300, Activation.RELU, new SplittableRandom(8));
        double s = 0;
        for (float w : d.weight().value().data()) s += (double) w * w;
        double variance = s / d.weight().size();
        // 120,000 draws: the sample variance is within a few percent of 2 / 400 = 0.005
        assertEquals(0.005, variance, 0.0002, "He variance");
        float limit = (float) Math.sqrt(6.0 / (30 + 20));
        for (float w : Dense.of(30, 20, Activation.TANH, new SplittableRandom(8)).weight().value().data()) {
            assertTrue(Math.abs(w) <= limit, "Xavier weights lie within +-sqrt(6 / 50), got " + w);
        }
    }

    @Test void dropoutKeepsTheMeanInTrainingAndIsTheIdentityInEvaluation() {
        Dropout drop = Dropout.of(0.25f, 3);
        Node x = Node.input(Tensor.full(1f, 100, 100));
        assertSame(x, drop.apply(x, Mode.EVAL), "evaluation passes the node through");
        float[] y = drop.apply(x, Mode.TRAIN).value().data();
        int zeros = 0;
        double sum = 0;
        for (float v : y) {
            if (v == 0) zeros++;
            else assertEquals(1f / 0.75f, v, 1e-6f, "kept values are scaled by 1 / (1 - rate)");
            sum += v;
        }
        // 10,000 draws with p = 0.25: the zero count is 2,500 +- 43 (one standard deviation)
        assertTrue(Math.abs(zeros - 2500) < 220, "about a quarter dropped, got " + zeros);
        assertEquals(1.0, sum / y.length, 0.03, "the mean is preserved");
        drop.seed(5);
        float[] a = drop.apply(x, Mode.TRAIN).value().data();
        drop.seed(5);
        assertArrayEquals(a, drop.apply(x, Mode.TRAIN).value().data(), "the same seed gives the same mask");
    }

    @Test void reshapeAndFlattenKeepTheSampleAxisAndRouteGradientsBack() {
        Parameter x = Parameter.of("x", Tensors.uniform(new SplittableRandom(2), -1, 1, 2, 12));
        Node img = Reshape.of(3, 2, 2).apply(x.node(), Mode.TRAIN);
        assertArrayEquals(new int[] {2, 3, 2, 2}, img.value().shape(), "two samples of 3 x 2 x 2");
        assertArrayEquals(new int[] {2, 12}, Reshape.flatten().apply(img, Mode.TRAIN).value().shape(), "flattened back");
        GradCheck.assertMatches(() -> Reshape.flatten().apply(Reshape.of(3, 4).apply(x.node(), Mode.TRAIN), Mode.TRAIN)
                .mul(Node.input(Tensors.uniform(new SplittableRandom(1), -1, 1, 2, 12))).sum(), List.of(x), 1e-2, 1e-3);
        var e = assertThrows(IllegalArgumentException.class, () -> Reshape.of(5).apply(x.node(), Mode.EVAL));
        assertEquals("samples of shape [12] cannot become [5]", e.getMessage());
    }

    @Test void denseRejectsAWrongInputWidth() {
        Dense d = Dense.of(3, 2, Activation.RELU, new SplittableRandom(1));
        var e = assertThrows(IllegalArgumentException.class, () -> d.apply(Node.input(Tensor.zeros(4, 5)), Mode.EVAL));
        assertEquals("x must have shape [n, 3], got [4, 5]", e.getMessage());
    }
}
