package dev.latent.reduction.tsne;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TsneGradientTest {
    private static double[] randomEmbedding(long seed, int n, int dims, double scale) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] y = new double[n * dims];
        for (int i = 0; i < y.length; i++) y[i] = rnd.nextGaussian() * scale;
        return y;
    }

    @Test
    void exactGradientMatchesCentralFiniteDifferencesOfTheKl() {
        Affinities p = Affinities.of(AffinitiesTest.gaussian(11, 8, 4), 3);
        for (int dims = 1; dims <= 3; dims++) {
            double[] y = randomEmbedding(5 + dims, 8, dims, 1.5);
            double[] grad = new double[y.length];
            Gradient.exact(p, 1, y, dims, grad);
            double h = 1e-5;
            for (int a = 0; a < y.length; a++) {
                double keep = y[a];
                y[a] = keep + h;
                double up = Gradient.kl(p, y, dims);
                y[a] = keep - h;
                double down = Gradient.kl(p, y, dims);
                y[a] = keep;
                double numeric = (up - down) / (2 * h);
                assertEquals(numeric, grad[a], 1e-7 + 1e-6 * Math.abs(numeric),
                        "gradient coordinate " + a + " in " + dims + "-D should match finite differences");
            }
        }
    }

    @Test
    void klIsZeroOnlyWhenQEqualsPAndPositiveOtherwise() {
        Affinities p = Affinities.of(AffinitiesTest.gaussian(12, 30, 5), 5);
        assertTrue(Gradient.kl(p, randomEmbedding(1, 30, 2, 1), 2) > 0, "KL of a random embedding should be positive");
    }

    @Test
    void barnesHutWithThetaZeroEqualsTheExactGradient() {
        int n = 300;
        Affinities p = Affinities.of(AffinitiesTest.gaussian(13, n, 6), 20);
        double[] y = randomEmbedding(2, n, 2, 3);
        double[] exact = new double[2 * n];
        double[] bh = new double[2 * n];
        double klExact = Gradient.exact(p, 12, y, 2, exact);
        double klBh = Gradient.barnesHut(p, 12, y, 0, bh);
        assertEquals(klExact, klBh, 1e-10 * Math.abs(klExact), "KL should agree");
        for (int a = 0; a < 2 * n; a++) {
            assertEquals(exact[a], bh[a], 1e-12 + 1e-9 * Math.abs(exact[a]), "coordinate " + a + " should agree");
        }
    }

    @Test
    void barnesHutWithThetaOneHalfIsWithinAFewPercentOfExact() {
        int n = 600;
        Affinities p = Affinities.of(AffinitiesTest.gaussian(14, n, 6), 30);
        double[] y = randomEmbedding(3, n, 2, 10);
        double[] exact = new double[2 * n];
        double[] bh = new double[2 * n];
        double klExact = Gradient.exact(p, 1, y, 2, exact);
        double klBh = Gradient.barnesHut(p, 1, y, 0.5, bh);
        double diff = 0, norm = 0;
        for (int a = 0; a < 2 * n; a++) {
            diff += (exact[a] - bh[a]) * (exact[a] - bh[a]);
            norm += exact[a] * exact[a];
        }
        double rel = Math.sqrt(diff / norm);
        assertTrue(rel < 0.03, "relative gradient error should be below 3%, got " + rel);
        assertTrue(rel > 0, "theta 0.5 should actually summarize cells");
        assertEquals(klExact, klBh, 0.01 * klExact, "KL estimate should be within 1%");
    }

    @Test
    void barnesHutHandlesCoincidentPoints() {
        int n = 50;
        Affinities p = Affinities.of(AffinitiesTest.gaussian(15, n, 3), 5);
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) y[2 * i] = i < 25 ? 0 : 1;
        double[] exact = new double[2 * n];
        double[] bh = new double[2 * n];
        Gradient.exact(p, 1, y, 2, exact);
        Gradient.barnesHut(p, 1, y, 0, bh);
        for (int a = 0; a < 2 * n; a++) assertEquals(exact[a], bh[a], 1e-12, "coordinate " + a + " should agree");
    }
}
