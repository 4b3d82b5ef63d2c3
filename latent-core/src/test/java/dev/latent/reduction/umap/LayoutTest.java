package dev.latent.reduction.umap;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LayoutTest {
    @Test
    void fastPowerMatchesMathPow() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int t = 0; t < 100_000; t++) {
            double x = Math.exp(rnd.nextDouble(-200, 200));
            double p = rnd.nextDouble(-3, 3);
            double expected = Math.pow(x, p);
            assertEquals(expected, Layout.pow(x, p), 1e-7 * expected, "x = " + x + ", p = " + p);
        }
        assertEquals(1.0, Layout.pow(1.0, 0.9), 0.0);
        assertEquals(Math.pow(4.9e-320, 0.5), Layout.pow(4.9e-320, 0.5), 0.0, "subnormal x");
    }
}
