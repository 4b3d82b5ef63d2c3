package dev.latent.metrics;

import dev.latent.data.Matrix;
import dev.latent.internal.Parallel;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SilhouetteTest {

    @Test
    void fourPointsOnALineMatchHandComputation() {
        // 0, 1 | 4, 5. Point 0: a = 1, b = (4 + 5) / 2 = 4.5, s = 3.5 / 4.5 = 7/9.
        // Point 1: a = 1, b = (3 + 4) / 2 = 3.5, s = 2.5 / 3.5 = 5/7. Points 4 and 5 mirror 1 and 0.
        Matrix x = Matrix.of(4, 1, 0, 1, 4, 5);
        int[] labels = {0, 0, 1, 1};
        assertArrayEquals(new double[] {7.0 / 9, 5.0 / 7, 5.0 / 7, 7.0 / 9}, Silhouette.samples(x, labels), 1e-12,
                "per-sample values 7/9, 5/7, 5/7, 7/9");
        assertEquals((7.0 / 9 + 5.0 / 7) / 2, Silhouette.score(x, labels), 1e-12, "mean 47/63");
    }

    @Test
    void crossedLabelsGiveNegativeSilhouettes() {
        // 0, 4 in cluster A; 1, 5 in cluster B. Point 0: a = 4, b = (1 + 5) / 2 = 3, s = -1/4.
        // Point 1: a = 4, b = (1 + 3) / 2 = 2, s = -1/2. Point 4: a = 4, b = (3 + 1) / 2 = 2, s = -1/2.
        // Point 5: a = 4, b = (5 + 1) / 2 = 3, s = -1/4. Mean -3/8.
        Matrix x = Matrix.of(4, 1, 0, 1, 4, 5);
        assertArrayEquals(new double[] {-0.25, -0.5, -0.5, -0.25}, Silhouette.samples(x, new int[] {0, 1, 0, 1}),
                1e-12, "per-sample values");
        assertEquals(-0.375, Silhouette.score(x, new int[] {0, 1, 0, 1}), 1e-12, "mean -3/8");
    }

    @Test
    void singletonClusterScoresZeroAndNearestOtherClusterIsUsed() {
        // 0, 1 | 4, 5 | 20. The singleton 20 scores 0. Point 0: b = min(4.5, 20) = 4.5 -> 7/9;
        // point 1: b = min(3.5, 19) -> 5/7; point 4: b = min(3.5, 16) -> 5/7; point 5: b = min(4.5, 15) -> 7/9.
        Matrix x = Matrix.of(5, 1, 0, 1, 4, 5, 20);
        int[] labels = {2, 2, 0, 0, 1};
        assertArrayEquals(new double[] {7.0 / 9, 5.0 / 7, 5.0 / 7, 7.0 / 9, 0}, Silhouette.samples(x, labels), 1e-12,
                "singleton gets 0");
        assertEquals((14.0 / 9 + 10.0 / 7) / 5, Silhouette.score(x, labels), 1e-12, "mean 188/315");
    }

    @Test
    void duplicatePointsWithNoSpreadScoreZero() {
        // every point sits at 3: a = b = 0 for all, so each silhouette is 0 (scikit-learn's convention)
        Matrix x = Matrix.of(4, 2, 3, 3, 3, 3, 3, 3, 3, 3);
        assertArrayEquals(new double[4], Silhouette.samples(x, new int[] {0, 0, 1, 1}), 0, "all zero");
    }

    @Test
    void matchesBruteForceDefinitionOnRandomData() {
        SplittableRandom rng = new SplittableRandom(21);
        for (int trial = 0; trial < 3; trial++) {
            int n = 30 + rng.nextInt(120), d = 1 + rng.nextInt(20), k = 2 + rng.nextInt(6);
            Matrix x = randomMatrix(rng, n, d, 5f);
            int[] labels = LabelMetricsTest.randomLabels(rng, n, k);
            labels[0] = 0;
            labels[1] = 1; // at least two clusters
            double[] expected = bruteForce(x, labels);
            assertArrayEquals(expected, Silhouette.samples(x, labels), 1e-4, "per-sample silhouettes, trial " + trial);
            double mean = 0;
            for (double s : expected) mean += s;
            assertEquals(mean / n, Silhouette.score(x, labels), 1e-5, "mean silhouette, trial " + trial);
        }
    }

    @Test
    void dataFarFromTheOriginGivesTheSameSilhouette() {
        SplittableRandom rng = new SplittableRandom(22);
        Matrix x = randomMatrix(rng, 200, 8, 1f);
        int[] labels = LabelMetricsTest.randomLabels(rng, 200, 3);
        Matrix shifted = x.copy();
        for (int i = 0; i < shifted.values().length; i++) shifted.values()[i] += 1000f;
        // the shift itself rounds each value by up to 2^-14 (float32 spacing near 1000)
        assertEquals(Silhouette.score(x, labels), Silhouette.score(shifted, labels), 1e-3,
                "translation does not change distances");
    }

    @Test
    void relabellingClustersDoesNotChangeTheScore() {
        SplittableRandom rng = new SplittableRandom(23);
        Matrix x = randomMatrix(rng, 150, 5, 3f);
        int[] labels = LabelMetricsTest.randomLabels(rng, 150, 4);
        int[] renamed = LabelMetricsTest.relabel(rng, labels, 4);
        assertArrayEquals(Silhouette.samples(x, labels), Silhouette.samples(x, renamed), 1e-12,
                "same partition, same silhouettes");
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        SplittableRandom rng = new SplittableRandom(24);
        Matrix x = randomMatrix(rng, 400, 8, 2f); // four chunks of 128 rows
        int[] labels = LabelMetricsTest.randomLabels(rng, 400, 5);
        int before = Parallel.shared().threads();
        try {
            Parallel.setThreads(1);
            double one = Silhouette.score(x, labels);
            Parallel.setThreads(4);
            double four = Silhouette.score(x, labels);
            assertEquals(one, four, 0, "1 and 4 threads give the same bits");
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void sampledScoreIsTheMeanOfExactValuesOfTheSampledRows() {
        SplittableRandom rng = new SplittableRandom(25);
        Matrix x = randomMatrix(rng, 400, 6, 2f);
        int[] labels = LabelMetricsTest.randomLabels(rng, 400, 3);
        double[] all = Silhouette.samples(x, labels);
        int[] chosen = Sampling.distinct(400, 50, 99L);
        double mean = 0;
        for (int i : chosen) mean += all[i];
        assertEquals(mean / 50, Silhouette.sampled(x, labels, 50, 99L), 1e-12,
                "each sampled row is scored against all rows");
        assertEquals(Silhouette.sampled(x, labels, 50, 99L), Silhouette.sampled(x, labels, 50, 99L), 0,
                "same seed, same estimate");
        assertEquals(Silhouette.score(x, labels), Silhouette.sampled(x, labels, 400, 1L), 0,
                "a sample of all rows is the exact score");
        assertEquals(Silhouette.score(x, labels), Silhouette.sampled(x, labels, 10_000, 1L), 0,
                "a sample larger than n is the exact score");
    }

    @Test
    void badInputIsRejected() {
        Matrix x = Matrix.of(4, 1, 0, 1, 4, 5);
        var e = assertThrows(IllegalArgumentException.class, () -> Silhouette.score(x, new int[] {1, 1, 1, 1}));
        assertEquals("labels must name between 2 and n - 1 = 3 clusters, got 1 distinct labels for 4 rows",
                e.getMessage(), "one cluster");
        e = assertThrows(IllegalArgumentException.class, () -> Silhouette.score(x, new int[] {0, 1, 2, 3}));
        assertEquals("labels must name between 2 and n - 1 = 3 clusters, got 4 distinct labels for 4 rows",
                e.getMessage(), "n clusters");
        e = assertThrows(IllegalArgumentException.class, () -> Silhouette.samples(x, new int[] {0, 1, 1}));
        assertEquals("labels must have one entry per row of x (4), got 3", e.getMessage(), "wrong length");
        Matrix nan = Matrix.of(4, 1, 0, Float.NaN, 4, 5);
        e = assertThrows(IllegalArgumentException.class, () -> Silhouette.score(nan, new int[] {0, 0, 1, 1}));
        assertEquals("x has NaN at row 1, column 0 (1 non-finite value in all)", e.getMessage(), "NaN named");
        e = assertThrows(IllegalArgumentException.class, () -> Silhouette.sampled(x, new int[] {0, 0, 1, 1}, 0, 1L));
        assertEquals("sampleSize must be >= 1, got 0", e.getMessage(), "empty sample");
    }

    static Matrix randomMatrix(SplittableRandom rng, int n, int d, float scale) {
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) v[i] = (float) (scale * rng.nextGaussian());
        return Matrix.wrap(n, d, v);
    }

    /** The textbook definition with double distances, one pair at a time. */
    private static double[] bruteForce(Matrix x, int[] labels) {
        int n = x.rows(), d = x.cols();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            java.util.Map<Integer, double[]> perCluster = new java.util.HashMap<>(); // sum, count
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double diff = (double) x.get(i, c) - x.get(j, c);
                    s += diff * diff;
                }
                double[] acc = perCluster.computeIfAbsent(labels[j], l -> new double[2]);
                acc[0] += Math.sqrt(s);
                acc[1]++;
            }
            double[] own = perCluster.get(labels[i]);
            if (own == null) continue; // singleton: 0
            double a = own[0] / own[1], b = Double.POSITIVE_INFINITY;
            for (var entry : perCluster.entrySet()) {
                if (entry.getKey() != labels[i]) b = Math.min(b, entry.getValue()[0] / entry.getValue()[1]);
            }
            out[i] = Math.max(a, b) == 0 ? 0 : (b - a) / Math.max(a, b);
        }
        return out;
    }
}
