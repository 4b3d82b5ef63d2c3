package dev.latent.neural.layers;

import dev.latent.neural.tensor.Activation;
import dev.latent.neural.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitTest {
    @Test void fanInUniformWeightsFillPlusMinusOneOverSqrtFanInWithVarianceOneThirdOfItsSquare() {
        Dense d = Dense.of(400, 300, Activation.RELU, Activation.RELU.defaultAlpha(), Init.FAN_IN_UNIFORM,
                new SplittableRandom(8));
        // U(-a, a) with a = 1 / sqrt(400) = 0.05: mean 0, variance a^2 / 3 = 1 / 1200
        double[] m = moments(d.weight().value(), 0.05f);
        // 120,000 draws: the mean's standard error is 8e-5, the variance's 2e-6
        assertEquals(0, m[0], 5e-4, "mean of the weights");
        assertEquals(1.0 / 1200, m[1], 2e-5, "variance of the weights");
        assertTrue(m[2] > 0.0499, "the weights reach the edge of +-0.05, the largest |w| is " + m[2]);
    }

    @Test void fanInUniformDrawsTheBiasesFromTheSameRange() {
        Dense d = Dense.of(100, 2000, Activation.IDENTITY, Activation.IDENTITY.defaultAlpha(), Init.FAN_IN_UNIFORM,
                new SplittableRandom(9));
        // a = 1 / sqrt(100) = 0.1, variance 1 / 300; 2,000 draws: standard error of the variance about 5e-5
        double[] m = moments(d.bias().value(), 0.1f);
        assertEquals(0, m[0], 0.01, "mean of the biases");
        assertEquals(1.0 / 300, m[1], 3e-4, "variance of the biases");
    }

    @Test void heAndXavierBiasesAreZeroAndDrawNothing() {
        for (Init init : new Init[] {Init.HE, Init.XAVIER}) {
            SplittableRandom used = new SplittableRandom(5), fresh = new SplittableRandom(5);
            Tensor b = init.biases(used, 10, 7);
            for (float v : b.data()) assertEquals(0f, v, init + " biases are 0");
            assertEquals(fresh.nextLong(), used.nextLong(), init + " biases leave the generator untouched");
        }
    }

    @Test void biasesRejectAFanInBelowOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> Init.FAN_IN_UNIFORM.biases(new SplittableRandom(1), 0, 3));
        assertEquals("fanIn must be >= 1, got 0", e.getMessage());
    }

    /** The mean, the variance about 0's mean and the largest magnitude; fails if a value lies outside +-limit. */
    private static double[] moments(Tensor t, float limit) {
        double sum = 0, squares = 0, largest = 0;
        for (float v : t.data()) {
            assertTrue(Math.abs(v) <= limit, "every value lies within +-" + limit + ", got " + v);
            sum += v;
            squares += (double) v * v;
            largest = Math.max(largest, Math.abs(v));
        }
        int n = t.size();
        double mean = sum / n;
        return new double[] {mean, squares / n - mean * mean, largest};
    }
}
