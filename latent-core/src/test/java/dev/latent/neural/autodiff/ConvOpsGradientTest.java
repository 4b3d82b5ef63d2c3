package dev.latent.neural.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latent.neural.layers.Parameter;
import dev.latent.neural.tensor.Tensor;
import dev.latent.neural.tensor.Tensors;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every image op against central finite differences, for its input and its weights. */
class ConvOpsGradientTest {
    private final SplittableRandom rng = new SplittableRandom(17);

    private Parameter param(String name, float lo, float hi, int... shape) {
        return Parameter.of(name, Tensors.uniform(rng, lo, hi, shape));
    }

    /** Distinct values at least 0.05 apart (a shuffled ramp), so that a step of 0.01 never changes a window's maximum. */
    private Parameter distinct(String name, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) v[i] = (i - v.length / 2) * 0.05f;
        for (int i = v.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float s = v[i];
            v[i] = v[j];
            v[j] = s;
        }
        return Parameter.of(name, t);
    }

    /** Checks the gradients of {@code sum(f(params) * r)} for a fixed random {@code r}. */
    private void check(Function<List<Node>, Node> f, Parameter... params) {
        Tensor[] r = new Tensor[1];
        GradCheck.assertMatches(() -> {
            List<Node> nodes = Arrays.stream(params).map(Parameter::node).toList();
            Node out = f.apply(nodes);
            if (r[0] == null) r[0] = Tensors.uniform(new SplittableRandom(3), -1f, 1f, out.value().shape());
            return Functions.sum(Functions.mul(out, Node.input(r[0])));
        }, List.of(params), 1e-2, 5e-3);
    }

    @Test
    void conv2dGradientsMatchFiniteDifferences() {
        check(n -> ConvOps.conv2d(n.get(0), n.get(1), n.get(2), 1, 1),
                param("x", -1, 1, 2, 2, 5, 5), param("w", -1, 1, 3, 2, 3, 3), param("b", -1, 1, 3));
        check(n -> ConvOps.conv2d(n.get(0), n.get(1), n.get(2), 2, 1),
                param("x", -1, 1, 1, 4, 6, 7), param("w", -1, 1, 2, 4, 3, 2), param("b", -1, 1, 2));
        check(n -> ConvOps.conv2d(n.get(0), n.get(1), null, 3, 0),
                param("x", -1, 1, 2, 1, 7, 7), param("w", -1, 1, 2, 1, 2, 2));
    }

    @Test
    void convTranspose2dGradientsMatchFiniteDifferences() {
        check(n -> ConvOps.convTranspose2d(n.get(0), n.get(1), n.get(2), 2, 1, 1),
                param("x", -1, 1, 2, 3, 4, 4), param("w", -1, 1, 3, 2, 3, 3), param("b", -1, 1, 2));
        check(n -> ConvOps.convTranspose2d(n.get(0), n.get(1), null, 1, 0, 0),
                param("x", -1, 1, 1, 2, 3, 3), param("w", -1, 1, 2, 4, 2, 2));
    }

    @Test
    void poolingAndUpsamplingGradientsMatchFiniteDifferences() {
        check(n -> ConvOps.maxPool2d(n.get(0), 2, 2, 0), distinct("x", 2, 3, 6, 6));
        check(n -> ConvOps.maxPool2d(n.get(0), 3, 2, 1), distinct("x", 1, 2, 5, 7));
        check(n -> ConvOps.upsampleNearest(n.get(0), 2), param("x", -1, 1, 2, 2, 3, 3));
        check(n -> ConvOps.upsampleBilinear(n.get(0), 2), param("x", -1, 1, 2, 2, 3, 4));
    }

    @Test
    void batchNormGradientsMatchFiniteDifferencesInBothModes() {
        Tensor mean = Tensor.zeros(3), var = Tensor.full(1f, 3);
        check(n -> ConvOps.batchNorm(n.get(0), n.get(1), n.get(2), mean, var, true, 0.1, 1e-5),
                param("x", -1, 1, 4, 3, 2, 2), param("gamma", 0.5f, 2, 3), param("beta", -1, 1, 3));
        check(n -> ConvOps.batchNorm(n.get(0), n.get(1), n.get(2), Tensor.zeros(3), Tensor.full(1f, 3), true, 0.1, 1e-5),
                param("x", -1, 1, 6, 3), param("gamma", 0.5f, 2, 3), param("beta", -1, 1, 3));
        Tensor fixedMean = Tensor.of(new float[] {0.1f, -0.2f, 0.3f}, 3), fixedVar = Tensor.of(new float[] {0.5f, 1f, 2f}, 3);
        check(n -> ConvOps.batchNorm(n.get(0), n.get(1), n.get(2), fixedMean, fixedVar, false, 0.1, 1e-5),
                param("x", -1, 1, 2, 3, 2, 2), param("gamma", 0.5f, 2, 3), param("beta", -1, 1, 3));
        assertArrayEquals(new float[] {0.1f, -0.2f, 0.3f}, fixedMean.data(), "evaluation must leave the running mean alone");
    }

    @Test
    void theDataOfTheFirstLayerGetsNoGradient() {
        Node x = Node.input(Tensors.uniform(rng, -1, 1, 2, 1, 5, 5));
        Parameter w = param("w", -1, 1, 2, 1, 3, 3);
        Node y = ConvOps.conv2d(x, w.node(), null, 1, 0);
        y.sum().backward();
        assertFalse(x.requiresGrad());
        float total = 0;
        for (float g : w.grad().data()) total += Math.abs(g);
        assertFalse(total == 0f, "expected a weight gradient");
    }

    @Test
    void namesTheShapeThatDoesNotFit() {
        Node x = Node.input(Tensor.zeros(2, 3, 5, 5)), w = Node.input(Tensor.zeros(4, 2, 3, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> ConvOps.conv2d(x, w, null, 1, 0));
        assertEquals("weight must have shape [outChannels, 3, kernelHeight, kernelWidth], got [4, 2, 3, 3]", e.getMessage());
        var flat = assertThrows(IllegalArgumentException.class,
                () -> ConvOps.maxPool2d(Node.input(Tensor.zeros(2, 25)), 2, 2, 0));
        assertEquals("x must have shape [batch, channels, height, width], got [2, 25]", flat.getMessage());
    }
}
