package dev.latent.reduction.tsne;

import dev.latent.data.Matrix;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AffinitiesTest {
    static Matrix gaussian(long seed, int n, int d) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rnd.nextGaussian() * (1 + (i % d)));
        return Matrix.wrap(n, d, v);
    }

    @Test
    void calibrationReachesTheTargetEntropyOnEveryRowOfRandomData() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int k = 5 + rnd.nextInt(90);
            double perplexity = 1.5 + rnd.nextDouble() * (k / 3.0);
            double scale = Math.pow(10, rnd.nextDouble() * 6 - 3);
            double[] d2 = new double[k];
            for (int r = 0; r < k; r++) d2[r] = scale * rnd.nextDouble() * (1 + r);
            double[] p = new double[k];
            Affinities.calibrate(d2, k, perplexity, p);
            double sum = 0;
            for (double v : p) sum += v;
            assertEquals(1.0, sum, 1e-12, "each conditional distribution should sum to 1");
            assertEquals(Math.log(perplexity), Affinities.entropy(p, k), 2e-5,
                    "entropy should equal log(perplexity) for k=" + k + ", perplexity=" + perplexity);
        }
    }

    @Test
    void affinitiesSumToOneAndAreSymmetric() {
        Affinities p = Affinities.of(gaussian(3, 120, 6), 10);
        double sum = 0;
        for (int i = 0; i < p.n(); i++) {
            for (int e = p.rowPtr()[i]; e < p.rowPtr()[i + 1]; e++) {
                int j = p.cols()[e];
                assertTrue(j != i, "no point should be its own neighbour");
                assertTrue(p.values()[e] > 0, "stored entries should be positive");
                assertEquals(p.values()[e], p.get(j, i), 0.0, "P should be symmetric at " + i + ", " + j);
                sum += p.values()[e];
            }
        }
        assertEquals(1.0, sum, 1e-12, "P should sum to 1");
    }

    @Test
    void eachRowUsesThreeTimesPerplexityNeighboursCappedAtNMinusOne() {
        assertEquals(90, Affinities.neighbours(1000, 30));
        assertEquals(9, Affinities.neighbours(10, 30));
        // With k = n - 1 every pair is present, and P is the symmetrized full conditional matrix
        Affinities p = Affinities.of(gaussian(4, 10, 3), 5);
        for (int i = 0; i < 10; i++) assertEquals(9, p.rowPtr()[i + 1] - p.rowPtr()[i], "row " + i + " should be full");
    }

    @Test
    void rejectsAPerplexityNotBelowTheRowCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Affinities.of(gaussian(1, 5, 2), 30));
        assertEquals("perplexity must be < the number of rows (5), got 30.0", e.getMessage());
    }

    @Test
    @org.junit.jupiter.api.Tag("slow")
    void affinitiesFromApproximateNeighboursAreCloseToTheExactOnes() {
        // NN-descent finds nearly all of the 30 true neighbours on 3,000 points in 8 dimensions; the missed
        // ones are near the k-th distance, where the Gaussian weights are smallest, so the total variation
        // between the two P (each summing to 1) stays small
        Matrix x = gaussian(31, 3000, 8);
        Affinities exact = Affinities.of(dev.latent.neighbors.NeighborSearch.exact(x), 10);
        Affinities approx = Affinities.of(dev.latent.neighbors.NeighborSearch.approximate(x,
                dev.latent.neighbors.Metric.EUCLIDEAN, 3), 10);
        double tv = 0, sum = 0;
        for (int i = 0; i < 3000; i++) {
            for (int e = exact.rowPtr()[i]; e < exact.rowPtr()[i + 1]; e++) {
                tv += Math.abs(exact.values()[e] - approx.get(i, exact.cols()[e]));
            }
            for (int e = approx.rowPtr()[i]; e < approx.rowPtr()[i + 1]; e++) {
                sum += approx.values()[e];
                if (exact.get(i, approx.cols()[e]) == 0) tv += approx.values()[e];
            }
        }
        assertEquals(1.0, sum, 1e-9, "approximate P should sum to 1");
        assertTrue(tv / 2 < 0.02, "total variation distance should be below 0.02, got " + tv / 2);
    }
}
