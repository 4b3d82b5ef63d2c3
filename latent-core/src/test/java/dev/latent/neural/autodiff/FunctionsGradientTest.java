package dev.latent.neural.autodiff;

import dev.latent.neural.layers.Parameter;
import dev.latent.neural.tensor.Activation;
import dev.latent.neural.tensor.Tensor;
import dev.latent.neural.tensor.Tensors;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every differentiable op against central finite differences. */
class FunctionsGradientTest {
    private final SplittableRandom rng = new SplittableRandom(7);

    private Parameter param(String name, float lo, float hi, int... shape) {
        return Parameter.of(name, Tensors.uniform(rng, lo, hi, shape));
    }

    /** A scalar that weighs each output value differently, so that a wrong gradient cannot cancel out. */
    private Node project(Node out, Tensor weights) {
        return Functions.sum(Functions.mul(out, Node.input(weights)));
    }

    private void check(Function<List<Node>, Node> f, Parameter... params) {
        Tensor[] w = new Tensor[1];
        GradCheck.assertMatches(() -> {
            List<Node> nodes = java.util.Arrays.stream(params).map(Parameter::node).toList();
            Node out = f.apply(nodes);
            if (w[0] == null) w[0] = Tensors.uniform(new SplittableRandom(3), -1f, 1f, out.value().shape());
            return project(out, w[0]);
        }, List.of(params), 1e-2, 5e-3);
    }

    @Test void addWithBroadcastSumsTheBiasGradientOverRows() {
        check(n -> Functions.add(n.get(0), n.get(1)), param("x", -1, 1, 4, 3), param("b", -1, 1, 3));
        check(n -> Functions.add(n.get(0), n.get(1)), param("x", -1, 1, 2, 3, 4), param("b", -1, 1, 3, 1));
        check(n -> Functions.add(n.get(0), n.get(1)), param("x", -1, 1, 2, 1, 4), param("b", -1, 1, 3, 1));
    }

    @Test void subMulDivGradientsMatchFiniteDifferences() {
        check(n -> Functions.sub(n.get(0), n.get(1)), param("a", -1, 1, 3, 4), param("b", -1, 1, 4));
        check(n -> Functions.mul(n.get(0), n.get(1)), param("a", -1, 1, 3, 4), param("b", -1, 1, 3, 1));
        check(n -> Functions.div(n.get(0), n.get(1)), param("a", -1, 1, 3, 4), param("b", 0.5f, 2, 4));
        check(n -> Functions.scale(n.get(0), -2.5f), param("a", -1, 1, 5));
        check(n -> Functions.square(n.get(0)), param("a", -1, 1, 2, 3));
    }

    @Test void sumsAndMeansOverAxesMatchFiniteDifferences() {
        check(n -> Functions.sum(n.get(0), 1), param("a", -1, 1, 2, 3, 4));
        check(n -> Functions.mean(n.get(0), 0, 2), param("a", -1, 1, 2, 3, 4));
        check(n -> Functions.mean(n.get(0)), param("a", -1, 1, 2, 3));
        check(n -> Functions.sum(n.get(0)), param("a", -1, 1, 7));
    }

    @Test void reshapeFlattenAndConcatRouteGradientsBack() {
        check(n -> Functions.reshape(n.get(0), 3, 4), param("a", -1, 1, 2, 6));
        check(n -> Functions.flatten(n.get(0)), param("a", -1, 1, 2, 2, 3));
        check(n -> Functions.concat(1, n.get(0), n.get(1)), param("a", -1, 1, 2, 3, 2), param("b", -1, 1, 2, 1, 2));
        check(n -> Functions.concat(0, n.get(0), n.get(1)), param("a", -1, 1, 2, 3), param("b", -1, 1, 1, 3));
    }

    @Test void matmulGradientsMatchForEveryTransposition() {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Parameter a = ta ? param("a", -1, 1, 4, 3) : param("a", -1, 1, 3, 4);
                Parameter b = tb ? param("b", -1, 1, 5, 4) : param("b", -1, 1, 4, 5);
                check(n -> Functions.matmul(n.get(0), ta, n.get(1), tb), a, b);
            }
        }
    }

    @Test void batchedMatmulGradientsMatch() {
        check(n -> Functions.matmul(n.get(0), n.get(1)), param("a", -1, 1, 2, 3, 4), param("b", -1, 1, 2, 4, 5));
        check(n -> Functions.matmul(n.get(0), true, n.get(1), true), param("a", -1, 1, 2, 4, 3), param("b", -1, 1, 2, 5, 4));
    }

    @Test void fusedDenseGradientsMatchForEveryActivation() {
        for (Activation f : Activation.values()) {
            Parameter[] p = denseParamsAwayFromKinks();
            check(n -> Functions.dense(n.get(0), n.get(1), n.get(2), f, f == Activation.ELU ? 0.7f : f.defaultAlpha() + 0.1f), p);
        }
    }

    /** x [5, 4], w [4, 3], b [3] drawn until every pre-activation is at least 0.1 away from the kink at 0. */
    private Parameter[] denseParamsAwayFromKinks() {
        while (true) {
            Parameter x = param("x", -1, 1, 5, 4), w = param("w", -1, 1, 4, 3), b = param("b", -1, 1, 3);
            float[] xv = x.value().data(), wv = w.value().data(), bv = b.value().data();
            double closest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 3; j++) {
                    double z = bv[j];
                    for (int k = 0; k < 4; k++) z += xv[i * 4 + k] * wv[k * 3 + j];
                    closest = Math.min(closest, Math.abs(z));
                }
            }
            if (closest >= 0.1) return new Parameter[] {x, w, b};
        }
    }

    @Test void elementwiseActivationsMatchFiniteDifferences() {
        for (Activation f : Activation.values()) {
            Parameter a = param("a", 0.1f, 2f, 3, 4);
            float[] v = a.value().data();
            for (int i = 0; i < v.length; i += 2) v[i] = -v[i]; // both signs, none near 0
            check(n -> Functions.activation(n.get(0), f, f == Activation.ELU ? 1.3f : 0.05f), a);
        }
    }

    @Test void dropoutGradientUsesTheSameMask() {
        Parameter a = param("a", -1, 1, 4, 5);
        check(n -> Functions.dropout(n.get(0), 0.4f, new SplittableRandom(9)), a);
    }

    @Test void lossGradientsMatchForPredictionAndTarget() {
        check(n -> Functions.mse(n.get(0), n.get(1)), param("p", -1, 1, 3, 4), param("t", -1, 1, 3, 4));
        check(n -> Functions.binaryCrossEntropyWithLogits(n.get(0), n.get(1)), param("z", -3, 3, 3, 4), param("t", 0, 1, 3, 4));
        Parameter p = param("p", -1, 1, 3, 4), t = param("t", -1, 1, 3, 4);
        float[] pv = p.value().data(), tv = t.value().data();
        for (int i = 0; i < pv.length; i++) if (Math.abs(pv[i] - tv[i]) < 0.1f) pv[i] += 0.3f; // away from |0|
        check(n -> Functions.l1(n.get(0), n.get(1)), p, t);
    }

    @Test void binaryCrossEntropyFromLogitsIsFiniteAndExactAtExtremeLogits() {
        // t = 1: loss = log(1 + e^-z); at z = 100 it is e^-100 (about 0), at z = -100 it is 100 + log(1 + e^-100) = 100.
        // t = 0 at z = 30: 30 + log(1 + e^-30) = 30 (the naive log(1 - sigmoid(30)) is log(0) in float32)
        Node z = Node.variable(Tensor.of(new float[] {100f, -100f, 30f}, 3));
        Node t = Node.input(Tensor.of(new float[] {1f, 1f, 0f}, 3));
        Node loss = Functions.binaryCrossEntropyWithLogits(z, t);
        assertEquals((0 + 100 + 30) / 3.0, loss.value().item(), 1e-4, "mean of 0, 100 and 30");
        loss.backward();
        // gradient (sigmoid(z) - t) / 3: (1 - 1)/3, (0 - 1)/3, (1 - 0)/3
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0f, -1f / 3, 1f / 3}, z.grad().data(), 1e-6f, "saturated gradients");
    }

    @Test void mseAndL1MatchTheirDefinitions() {
        // p = [1, 2, 4], t = [0, 2, 1]: squared errors 1, 0, 9 (mean 10/3); absolute errors 1, 0, 3 (mean 4/3)
        Node p = Node.input(Tensor.of(new float[] {1, 2, 4}, 3)), t = Node.input(Tensor.of(new float[] {0, 2, 1}, 3));
        assertEquals(10 / 3.0, Functions.mse(p, t).value().item(), 1e-6, "mean squared error");
        assertEquals(4 / 3.0, Functions.l1(p, t).value().item(), 1e-6, "mean absolute error");
    }

    @Test void mismatchedLossShapesAreRejected() {
        Node p = Node.input(Tensor.zeros(2, 3)), t = Node.input(Tensor.zeros(3, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> Functions.mse(p, t));
        assertEquals("target must have the prediction's shape [2, 3], got [3, 2]", e.getMessage());
    }
}
