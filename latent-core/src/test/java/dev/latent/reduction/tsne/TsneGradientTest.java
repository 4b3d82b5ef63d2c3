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

    @Test
    void gradientWithOtherDegreesOfFreedomMatchesFiniteDifferences() {
        Affinities p = Affinities.of(AffinitiesTest.gaussian(16, 10, 4), 3);
        for (double dof : new double[]{0.3, 1, 4}) {
            double[] y = randomEmbedding(21, 10, 2, 1.5);
            double[] grad = new double[y.length];
            Gradient.exact(p, 1, y, 2, dof, grad);
            double h = 1e-5;
            for (int a = 0; a < y.length; a++) {
                double keep = y[a];
                y[a] = keep + h;
                double up = Gradient.kl(p, y, 2, dof);
                y[a] = keep - h;
                double down = Gradient.kl(p, y, 2, dof);
                y[a] = keep;
                double numeric = (up - down) / (2 * h);
                assertEquals(numeric, grad[a], 1e-7 + 1e-6 * Math.abs(numeric),
                        "gradient coordinate " + a + " with dof " + dof + " should match finite differences");
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("slow")
    void exactBarnesHutAndFftGradientsAgreeWithinTheirApproximationErrors() {
        // The same random embeddings (1,200 points spread over about 50 x 50, so sparse: the harder case for
        // both), with and without exaggeration, for three degrees of freedom. Barnes-Hut with theta 0.5
        // summarizes cells seen under less than about 30 degrees: a few percent of the repulsion; FFT
        // interpolation with 3 nodes per box of width <= 1: about 1% of it where points are sparse
        // (FftRepulsionTest). The attraction is exact in all three, so with exaggeration 12 (attraction
        // dominating) the errors are 10x smaller. Measured: Barnes-Hut 0.1% to 2.8%, FFT 0.05% to 1.0%;
        // tolerances 3% and 2% on the norm of the difference relative to the exact gradient's norm, and on the
        // KL (through log Z, measured 0.1-0.2% and 0.01-0.02%) 1% and 0.1%.
        int n = 1200;
        Affinities p = Affinities.of(AffinitiesTest.gaussian(17, n, 6), 30);
        for (double dof : new double[]{1, 0.5, 2}) {
            for (double a : new double[]{1, 12}) {
                double[] y = randomEmbedding((long) (dof * 10 + a), n, 2, 8);
                double[] exact = new double[2 * n], bh = new double[2 * n], fft = new double[2 * n];
                double klExact = Gradient.exact(p, a, y, 2, dof, exact);
                double klBh = Gradient.barnesHut(p, a, y, 0.5, dof, bh);
                double klFft = Gradient.fft(p, a, y, dof, new FftRepulsion(3), new double[2 * n], fft);
                double eBh = relativeDifference(exact, bh), eFft = relativeDifference(exact, fft);
                assertTrue(eBh < 0.03, "Barnes-Hut gradient within 3% at dof " + dof + ", a " + a + ", got " + eBh);
                assertTrue(eFft < 0.02, "FFT gradient within 2% at dof " + dof + ", a " + a + ", got " + eFft);
                assertEquals(klExact, klBh, 0.01 * klExact, "Barnes-Hut KL at dof " + dof);
                assertEquals(klExact, klFft, 0.001 * klExact, "FFT KL at dof " + dof);
            }
        }
    }

    private static double relativeDifference(double[] want, double[] got) {
        double diff = 0, norm = 0;
        for (int e = 0; e < want.length; e++) {
            diff += (want[e] - got[e]) * (want[e] - got[e]);
            norm += want[e] * want[e];
        }
        return Math.sqrt(diff / norm);
    }
}
