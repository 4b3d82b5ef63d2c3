package dev.latent.neural.optim;

import dev.latent.neural.layers.Parameter;
import dev.latent.neural.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptimizerTest {
    private static Parameter scalar(float v) {
        return Parameter.of("p", Tensor.of(new float[] {v}, 1));
    }

    private static void setGrad(Parameter p, float g) {
        p.grad().data()[0] = g;
    }

    @Test void adamTakesTheHandComputedSteps() {
        // lr 0.1, p = 1. Step 1, g = 0.5: m = 0.05, v = 0.00025, m/(1-0.9) = 0.5, v/(1-0.999) = 0.25, p = 1 - 0.1 * 0.5/0.5 = 0.9.
        // Step 2, g = -1: m = -0.055, v = 0.00124975; mhat = -0.055/0.19, vhat = 0.00124975/0.001999;
        // p = 0.9 + 0.1 * 0.289474 / 0.790688 = 0.9366104
        Parameter p = scalar(1f);
        Adam adam = Adam.of(0.1);
        setGrad(p, 0.5f);
        adam.step(List.of(p));
        assertEquals(0.9, p.value().data()[0], 1e-6, "first Adam step moves by lr");
        setGrad(p, -1f);
        adam.step(List.of(p));
        assertEquals(0.9366104, p.value().data()[0], 1e-6, "second Adam step");
        assertEquals(2, adam.steps(), "two steps");
    }

    @Test void adamWShrinksTheWeightsBeforeTheUpdate() {
        // p = (1 - 0.1 * 0.1) * 1 - 0.1 * 0.5/0.5 = 0.89
        Parameter p = scalar(1f);
        setGrad(p, 0.5f);
        Adam.adamW(0.1, 0.1).step(List.of(p));
        assertEquals(0.89, p.value().data()[0], 1e-6, "decoupled decay then the Adam step");
    }

    @Test void sgdMomentumAndNesterovTakeTheHandComputedSteps() {
        // heavy ball, lr 0.1, mu 0.9, g = 1 then 2: v = 1, p = 0.9; v = 0.9 + 2 = 2.9, p = 0.9 - 0.29 = 0.61
        Parameter p = scalar(1f);
        Sgd sgd = Sgd.of(0.1, 0.9, false, 0);
        setGrad(p, 1f);
        sgd.step(List.of(p));
        setGrad(p, 2f);
        sgd.step(List.of(p));
        assertEquals(0.61, p.value().data()[0], 1e-6, "heavy-ball momentum");
        // Nesterov: v = 1, step 1 + 0.9 = 1.9, p = 0.81; v = 2.9, step 2 + 2.61 = 4.61, p = 0.81 - 0.461 = 0.349
        Parameter q = scalar(1f);
        Sgd nesterov = Sgd.of(0.1, 0.9, true, 0);
        setGrad(q, 1f);
        nesterov.step(List.of(q));
        setGrad(q, 2f);
        nesterov.step(List.of(q));
        assertEquals(0.349, q.value().data()[0], 1e-6, "Nesterov momentum");
    }

    @Test void plainSgdWithWeightDecayAddsItToTheGradient() {
        // p = 2, g = 1, decay 0.5: p = 2 - 0.1 * (1 + 1) = 1.8
        Parameter p = scalar(2f);
        setGrad(p, 1f);
        Sgd.of(0.1, 0, false, 0.5).step(List.of(p));
        assertEquals(1.8, p.value().data()[0], 1e-6, "decayed SGD step");
    }

    @Test void restoredStateContinuesLikeTheOriginal() {
        Parameter a = scalar(1f), b = scalar(1f);
        Adam first = Adam.of(0.05), second = Adam.of(0.05);
        setGrad(a, 0.3f);
        first.step(List.of(a));
        second.restore(List.of(b), first.state(List.of(a)));
        b.value().data()[0] = a.value().data()[0];
        setGrad(a, -0.7f);
        setGrad(b, -0.7f);
        first.step(List.of(a));
        second.step(List.of(b));
        assertEquals(a.value().data()[0], b.value().data()[0], "the same step from the restored state");
        var e = assertThrows(IllegalArgumentException.class, () -> Sgd.of(0.1, 0.9, false, 0).restore(List.of(b), first.state(List.of(a))));
        assertEquals("the state holds 2 arrays per parameter, this optimizer needs 1", e.getMessage());
    }

    @Test void clippingScalesTheGlobalNormDownToTheLimit() {
        // gradients (3) and (4): norm 5; clipped to 1 they become 0.6 and 0.8
        Parameter a = scalar(0f), b = scalar(0f);
        setGrad(a, 3f);
        setGrad(b, 4f);
        assertEquals(5.0, GradientClipping.clipByGlobalNorm(List.of(a, b), 1.0), 1e-9, "norm before clipping");
        assertArrayEquals(new float[] {0.6f, 0.8f}, new float[] {a.grad().data()[0], b.grad().data()[0]}, 1e-6f, "scaled by 1/5");
        assertEquals(1.0, GradientClipping.clipByGlobalNorm(List.of(a, b), 2.0), 1e-6, "under the limit: unchanged");
    }

    @Test void schedulesGiveTheirFactors() {
        var s = LearningRateSchedule.warmUp(2, LearningRateSchedule.cosine(4, 0));
        // warm-up 1/2, 2/2, then cosine over 4 steps: 1, (1 + cos(pi/4))/2, 1/2, ..., 0
        assertEquals(0.5, s.factor(0), 1e-12, "first warm-up step");
        assertEquals(1.0, s.factor(1), 1e-12, "end of warm-up");
        assertEquals(1.0, s.factor(2), 1e-12, "cosine start");
        assertEquals(0.5, s.factor(4), 1e-12, "cosine midpoint");
        assertEquals(0.0, s.factor(6), 1e-12, "cosine end");
        assertEquals(0.0, s.factor(100), 1e-12, "held after the end");
        var step = LearningRateSchedule.step(10, 0.5);
        assertEquals(0.25, step.factor(25), 1e-12, "two halvings after 20 steps");
        assertEquals(0.3, LearningRateSchedule.constant().rate(0.3, 99), 1e-12, "constant");
    }

    @Test void badHyperparametersAreRejectedWithTheirName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Adam.of(0));
        assertEquals("learningRate must be > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sgd.of(0.1, 1.0, false, 0));
        assertEquals("momentum must be < 1, got 1.0", e.getMessage());
    }
}
