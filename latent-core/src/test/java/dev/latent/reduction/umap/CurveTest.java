package dev.latent.reduction.umap;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CurveTest {
    @Test
    void defaultsGiveUmapLearnsKnownParameters() {
        // umap-learn's find_ab_params(1.0, 0.1) gives a = 1.5769, b = 0.8951
        double[] ab = Curve.fit(0.1, 1.0);
        assertEquals(1.577, ab[0], 2e-3, "a");
        assertEquals(0.8951, ab[1], 1e-3, "b");
    }

    @Test
    void fittedParametersAreALocalMinimumOfTheSquaredError() {
        for (double[] c : new double[][] {{0.1, 1}, {0.5, 1}, {0.01, 2}, {0.3, 0.5}}) {
            double minDist = c[0], spread = c[1];
            double[] ab = Curve.fit(minDist, spread);
            double[] x = new double[Curve.SAMPLES], y = new double[Curve.SAMPLES];
            for (int s = 0; s < Curve.SAMPLES; s++) {
                x[s] = 3 * spread * s / (Curve.SAMPLES - 1);
                y[s] = x[s] < minDist ? 1 : Math.exp(-(x[s] - minDist) / spread);
            }
            double best = Curve.error(x, y, ab[0], ab[1]);
            for (double da : new double[] {-1e-3, 0, 1e-3}) {
                for (double db : new double[] {-1e-3, 0, 1e-3}) {
                    assertTrue(Curve.error(x, y, ab[0] * (1 + da), ab[1] * (1 + db)) >= best - 1e-15,
                            "no nearby (a, b) fits better for minDist " + minDist + ", spread " + spread);
                }
            }
        }
    }
}
