package dev.latent.clustering.kmeans;

import dev.latent.Estimator;
import dev.latent.EstimatorContract;
import dev.latent.Latent;
import dev.latent.data.Matrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KMeansTest implements EstimatorContract<KMeansModel> {
    @Override
    public Estimator<KMeansModel> estimator(long seed) {
        return KMeans.of(6).withNInit(2).withSeed(seed);
    }

    @Override
    public Matrix data() {
        return blobs(new SplittableRandom(1), 1000, 32, 6, 4.0);
    }

    @Override
    public void assertSameModel(KMeansModel expected, KMeansModel actual) {
        assertEquals(expected.centroids(), actual.centroids(), "centroids should be identical");
        assertArrayEquals(expected.labels(), actual.labels(), "labels should be identical");
        assertEquals(expected.iterations(), actual.iterations(), "iteration counts should be identical");
        assertEquals(expected.inertia(), actual.inertia(), 0.0, "inertias should be identical");
        assertArrayEquals(expected.report().history(), actual.report().history(), 0.0,
                "objective histories should be identical");
    }

    /** {@code n} rows around {@code centres} Gaussian centres spaced {@code separation} standard deviations apart. */
    static Matrix blobs(SplittableRandom rng, int n, int d, int centres, double separation) {
        double[][] means = new double[centres][d];
        for (double[] m : means) for (int j = 0; j < d; j++) m[j] = separation * rng.nextGaussian();
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            double[] m = means[i % centres];
            for (int j = 0; j < d; j++) v[i * d + j] = (float) (m[j] + rng.nextGaussian());
        }
        return Matrix.wrap(n, d, v);
    }

    static Matrix uniform(SplittableRandom rng, int n, int d) {
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextDouble();
        return Matrix.wrap(n, d, v);
    }

    /** A plain Lloyd iteration with direct distances in double, from the given centres, until labels settle. */
    static int[] referenceLloyd(Matrix x, double[][] centres, int maxIter) {
        int n = x.rows(), d = x.cols(), k = centres.length;
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        for (int it = 0; it < maxIter; it++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestDist = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        double diff = x.get(i, j) - centres[c][j];
                        s += diff * diff;
                    }
                    if (s < bestDist) {
                        bestDist = s;
                        best = c;
                    }
                }
                if (labels[i] != best) changed = true;
                labels[i] = best;
            }
            if (!changed) break;
            double[][] sums = new double[k][d];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[labels[i]]++;
                for (int j = 0; j < d; j++) sums[labels[i]][j] += x.get(i, j);
            }
            for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) centres[c][j] = sums[c][j] / counts[c];
        }
        return labels;
    }

    @Test
    void splitsTwoDistantPairs() {
        // (0,0),(0,2) | (10,0),(10,2): centroids (0,1) and (10,1); four points at distance 1, so inertia 4
        KMeansModel m = KMeans.of(2).withSeed(3).fit(Matrix.of(4, 2, 0, 0, 0, 2, 10, 0, 10, 2));
        assertEquals(4.0, m.report().objective(), 1e-9, "inertia of the two pairs");
        int[] labels = m.labels();
        assertEquals(labels[0], labels[1], "the two points at x = 0 share a cluster");
        assertEquals(labels[2], labels[3], "the two points at x = 10 share a cluster");
        assertTrue(labels[0] != labels[2], "the two pairs are in different clusters");
        Matrix c = m.centroids();
        assertArrayEquals(new float[] {0, 1}, c.row(labels[0]), "centre of the left pair");
        assertArrayEquals(new float[] {10, 1}, c.row(labels[2]), "centre of the right pair");
        assertTrue(m.converged(), "a toy case converges");
    }

    @Test
    void oneClusterHasTheMeanAsCentreAndTheTotalSquaredDeviationAsInertia() {
        // 1-D points 1, 2, 6: mean 3, squared deviations 4 + 1 + 9 = 14 (mini-batch, which samples, is approximate)
        for (KMeansAlgorithm a : new KMeansAlgorithm[] {KMeansAlgorithm.LLOYD, KMeansAlgorithm.ELKAN, KMeansAlgorithm.HAMERLY}) {
            KMeansModel m = KMeans.of(1).withAlgorithm(a).fit(Matrix.of(3, 1, 1, 2, 6));
            assertEquals(3f, m.centroids().get(0, 0), 1e-6f, a + ": the centre is the mean");
            assertEquals(14.0, m.inertia(), 1e-5, a + ": inertia is the summed squared deviation");
        }
    }

    @Test
    void kEqualToTheRowCountPutsEachRowInItsOwnCluster() {
        Matrix x = Matrix.of(4, 1, 0, 3, 7, 20);
        KMeansModel m = KMeans.of(4).fit(x);
        assertEquals(0.0, m.inertia(), 0.0, "every row is its own centre");
        assertEquals(4, Arrays.stream(m.labels()).distinct().count(), "four distinct labels");
    }

    @Test
    void inertiaNeverRisesBetweenLloydIterations() {
        for (long seed = 0; seed < 5; seed++) {
            Matrix x = uniform(new SplittableRandom(seed), 1500, 3);
            KMeansModel m = KMeans.of(12).withInit(KMeansInit.RANDOM).withTolerance(0).withSeed(seed).fit(x);
            double[] h = m.report().history();
            assertTrue(h.length > 3, "uniform data takes several iterations, got " + h.length);
            for (int i = 1; i < h.length; i++) {
                assertTrue(h[i] <= h[i - 1] * (1 + 1e-6),
                        "seed " + seed + ": objective rose at iteration " + i + " from " + h[i - 1] + " to " + h[i]);
            }
            assertTrue(m.inertia() <= h[h.length - 1] * (1 + 1e-6), "final inertia is no more than the last recorded");
        }
    }

    @Test
    void lloydElkanAndHamerlyGiveTheSameModel() {
        for (long seed = 0; seed < 4; seed++) {
            Matrix x = blobs(new SplittableRandom(seed), 1200, 5, 7, 1.5);
            KMeans base = KMeans.of(9).withSeed(seed);
            KMeansModel lloyd = base.fit(x);
            assertTrue(lloyd.iterations() > 2, "overlapping blobs take several iterations");
            for (KMeansAlgorithm a : new KMeansAlgorithm[] {KMeansAlgorithm.ELKAN, KMeansAlgorithm.HAMERLY}) {
                KMeansModel other = base.withAlgorithm(a).fit(x);
                assertArrayEquals(lloyd.labels(), other.labels(), a + " labels equal Lloyd's (seed " + seed + ")");
                assertEquals(lloyd.centroids(), other.centroids(), a + " centres equal Lloyd's (seed " + seed + ")");
                assertEquals(lloyd.iterations(), other.iterations(), a + " iterations equal Lloyd's");
                assertEquals(lloyd.inertia(), other.inertia(), 0.0, a + " inertia equals Lloyd's");
            }
        }
    }

    @Test
    void lloydMatchesAPlainReferenceFromTheSameStart() {
        Matrix x = blobs(new SplittableRandom(8), 900, 4, 5, 1.2);
        Matrix start = x.rows(new int[] {0, 1, 2, 3, 4});
        double[][] centres = new double[5][4];
        for (int c = 0; c < 5; c++) for (int j = 0; j < 4; j++) centres[c][j] = start.get(c, j);
        int[] expected = referenceLloyd(x, centres, 300);
        KMeansModel m = KMeans.of(5).withInit(KMeansInit.given(start)).withTolerance(0).fit(x);
        assertArrayEquals(expected, m.labels(), "labels equal those of a plain Lloyd iteration");
        for (int c = 0; c < 5; c++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(centres[c][j], m.centroids().get(c, j), 1e-5, "centre " + c + ", column " + j);
            }
        }
    }

    @Test
    void permutingTheRowsPermutesTheLabels() {
        Matrix x = blobs(new SplittableRandom(4), 800, 6, 4, 3.0);
        int n = x.rows();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        KMeans km = KMeans.of(4).withInit(KMeansInit.given(x.rows(new int[] {0, 1, 2, 3})));
        int[] labels = km.fit(x).labels();
        int[] permuted = km.fit(x.rows(perm)).labels();
        for (int i = 0; i < n; i++) assertEquals(labels[perm[i]], permuted[i], "label of permuted row " + i);
    }

    @Test
    void kMeansPlusPlusAndParallelSeedingFindWellSeparatedBlobs() {
        Matrix x = blobs(new SplittableRandom(12), 2000, 8, 10, 20.0);
        for (KMeansInit init : new KMeansInit[] {KMeansInit.PLUS_PLUS, KMeansInit.PARALLEL}) {
            int[] labels = KMeans.of(10).withInit(init).withSeed(2).fit(x).labels();
            // row i belongs to blob i % 10: every blob must map to exactly one cluster, and vice versa
            int[] clusterOfBlob = new int[10];
            Arrays.fill(clusterOfBlob, -1);
            for (int i = 0; i < x.rows(); i++) {
                int b = i % 10;
                if (clusterOfBlob[b] < 0) clusterOfBlob[b] = labels[i];
                assertEquals(clusterOfBlob[b], labels[i], init + ": blob " + b + " split across clusters");
            }
            assertEquals(10, Arrays.stream(clusterOfBlob).distinct().count(), init + ": each blob has its own cluster");
        }
    }

    @Test
    void miniBatchReachesInertiaWithinAFewPercentOfLloyd() {
        Matrix x = blobs(new SplittableRandom(21), 20000, 10, 8, 6.0);
        double lloyd = KMeans.of(8).withSeed(1).fit(x).inertia();
        KMeansModel mini = KMeans.of(8).withAlgorithm(KMeansAlgorithm.MINIBATCH).withBatchSize(256).withSeed(1).fit(x);
        assertTrue(mini.inertia() <= lloyd * 1.03, "mini-batch inertia " + mini.inertia() + " vs Lloyd " + lloyd);
        assertTrue(mini.report().history().length > 1, "mini-batch takes several steps");
    }

    @Test
    @Tag("slow")
    void everyAlgorithmAndSeedingIsIndependentOfTheThreadCount() {
        Matrix x = blobs(new SplittableRandom(5), 1300, 12, 5, 2.0);
        int threads = Latent.threads();
        try {
            for (KMeansAlgorithm a : KMeansAlgorithm.values()) {
                for (KMeansInit init : new KMeansInit[] {KMeansInit.PLUS_PLUS, KMeansInit.PARALLEL, KMeansInit.RANDOM}) {
                    KMeans km = KMeans.of(7).withAlgorithm(a).withInit(init).withBatchSize(300).withSeed(11);
                    Latent.setThreads(1);
                    KMeansModel one = km.fit(x);
                    Latent.setThreads(4);
                    assertSameModel(one, km.fit(x));
                }
            }
        } finally {
            Latent.setThreads(threads);
        }
    }

    @Test
    void restartsKeepTheLowestInertia() {
        Matrix x = uniform(new SplittableRandom(6), 600, 2);
        KMeans km = KMeans.of(15).withInit(KMeansInit.RANDOM).withSeed(4);
        double single = km.fit(x).inertia();
        double best = km.withNInit(6).fit(x).inertia();
        assertTrue(best <= single, "six restarts (the first being the single run) give no more inertia: "
                + best + " vs " + single);
    }

    @Test
    void integerWeightsActLikeRepeatedRows() {
        // rows with weight 2 or 3 must give the same fit as those rows repeated 2 or 3 times
        Matrix x = blobs(new SplittableRandom(14), 300, 3, 3, 2.0);
        double[] w = new double[x.rows()];
        int total = 0;
        for (int i = 0; i < w.length; i++) total += (int) (w[i] = 1 + i % 3);
        float[] rep = new float[total * 3];
        int at = 0;
        for (int i = 0; i < w.length; i++) {
            for (int r = 0; r < w[i]; r++) System.arraycopy(x.values(), i * 3, rep, 3 * at++, 3);
        }
        KMeans km = KMeans.of(3).withInit(KMeansInit.given(x.rows(new int[] {0, 1, 2}))).withTolerance(0);
        KMeansModel weighted = km.fit(x, w);
        KMeansModel repeated = km.fit(Matrix.wrap(total, 3, rep));
        assertEquals(repeated.inertia(), weighted.inertia(), 1e-6 * repeated.inertia(), "inertia");
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(repeated.centroids().get(c, j), weighted.centroids().get(c, j), 1e-5f, "centre " + c);
            }
        }
    }

    @Test
    void zeroWeightRowsDoNotMoveTheCentres() {
        // 1-D: 0, 2 with weight 1 and 100 with weight 0 -> one centre at 1, inertia 1 + 1
        KMeansModel m = KMeans.of(1).fit(Matrix.of(3, 1, 0, 2, 100), new double[] {1, 1, 0});
        assertEquals(1f, m.centroids().get(0, 0), 1e-6f, "the zero-weight row is ignored");
        assertEquals(2.0, m.inertia(), 1e-9, "only weighted rows count in the inertia");
    }

    @Test
    void anEmptyClusterIsReseededFromTheFarthestRow() {
        // 1-D: 0, 1, 2, 10 from centres 1 and 100: all rows go to centre 1, so cluster 1 is empty and takes
        // the farthest row, 10; then the centres are 1 (mean of 0, 1, 2) and 10, inertia 1 + 0 + 1 + 0 = 2
        Matrix x = Matrix.of(4, 1, 0, 1, 2, 10);
        for (KMeansAlgorithm a : new KMeansAlgorithm[] {KMeansAlgorithm.LLOYD, KMeansAlgorithm.ELKAN, KMeansAlgorithm.HAMERLY}) {
            KMeansModel m = KMeans.of(2).withAlgorithm(a).withInit(KMeansInit.given(Matrix.of(2, 1, 1, 100))).fit(x);
            assertArrayEquals(new int[] {0, 0, 0, 1}, m.labels(), a + ": labels after re-seeding");
            assertArrayEquals(new float[] {1, 10}, m.centroids().values(), 1e-6f, a + ": centres after re-seeding");
            assertEquals(2.0, m.inertia(), 1e-9, a + ": inertia after re-seeding");
        }
    }

    @Test
    void predictGivesTheTrainingLabelsAndTransformGivesDistances() {
        Matrix x = blobs(new SplittableRandom(3), 700, 5, 4, 2.0);
        KMeansModel m = KMeans.of(4).withSeed(8).fit(x);
        assertArrayEquals(m.labels(), m.predict(x), "predict on the training rows gives their labels");
        Matrix t = m.transform(x);
        Matrix c = m.centroids();
        assertEquals(700, t.rows(), "one row per input row");
        assertEquals(4, t.cols(), "one column per centre");
        for (int i = 0; i < 700; i += 37) {
            for (int j = 0; j < 4; j++) {
                double s = 0;
                for (int q = 0; q < 5; q++) s += Math.pow(x.get(i, q) - c.get(j, q), 2);
                assertEquals(Math.sqrt(s), t.get(i, j), 1e-5, "distance from row " + i + " to centre " + j);
            }
        }
        assertEquals(m.inertia(), m.inertia(x), 1e-6 * m.inertia(), "inertia of the training data");
    }

    @Test
    void transformOfAHandCase() {
        // centres 0 and 10 on a line; the point 4 is 4 from the first and 6 from the second
        KMeansModel m = KMeans.of(2).withInit(KMeansInit.given(Matrix.of(2, 1, 0, 10))).fit(Matrix.of(2, 1, 0, 10));
        assertArrayEquals(new float[] {4, 6}, m.transform(Matrix.of(1, 1, 4)).values(), 1e-6f, "distances to both centres");
        assertArrayEquals(new int[] {0}, m.predict(Matrix.of(1, 1, 4)), "4 is nearer to 0 than to 10");
    }

    @Test
    void reportRecordsIterationsConvergenceAndVersion() {
        Matrix x = blobs(new SplittableRandom(2), 500, 3, 3, 3.0);
        KMeansModel m = KMeans.of(3).fit(x);
        assertEquals(m.iterations(), m.report().history().length, "one objective per iteration");
        assertEquals(Latent.version(), m.report().version(), "the library version is recorded");
        assertTrue(m.report().time().toNanos() > 0, "the wall time is recorded");
        assertEquals(m.inertia(), m.report().objective(), 0.0, "objective is the inertia");
    }

    @Test
    void stoppingAtMaxIterIsNotConvergence() {
        Object level = setLogLevel(KMeans.class.getName(), "OFF"); // the warning is expected; tests print nothing
        try {
            Matrix x = uniform(new SplittableRandom(1), 1000, 2);
            KMeansModel m = KMeans.of(20).withInit(KMeansInit.RANDOM).withMaxIter(1).withTolerance(0).fit(x);
            assertFalse(m.converged(), "one iteration on uniform data does not converge");
            assertEquals(1, m.iterations(), "stopped after maxIter iterations");
            assertArrayEquals(m.labels(), m.predict(x), "labels still match the final centres");
        } finally {
            setLogLevel(KMeans.class.getName(), level);
        }
    }

    /**
     * Sets the java.util.logging level of a logger (by name, or a Level object) and returns the old one.
     * By reflection, because the test code is compiled into the core module, which does not read java.logging.
     */
    private static Object setLogLevel(String logger, Object level) {
        try {
            Class<?> loggerClass = Class.forName("java.util.logging.Logger");
            Class<?> levelClass = Class.forName("java.util.logging.Level");
            Object log = loggerClass.getMethod("getLogger", String.class).invoke(null, logger);
            Object old = loggerClass.getMethod("getLevel").invoke(log);
            Object next = level instanceof String name ? levelClass.getField(name).get(null) : level;
            loggerClass.getMethod("setLevel", levelClass).invoke(log, next);
            return old;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("java.util.logging is not available", e);
        }
    }

    @Test
    void fitLeavesItsWeightsUnchanged() {
        Matrix x = blobs(new SplittableRandom(2), 300, 3, 3, 3.0);
        double[] w = new double[300];
        for (int i = 0; i < w.length; i++) w[i] = 0.5 + i % 4;
        double[] before = w.clone();
        KMeans.of(3).fit(x, w);
        assertArrayEquals(before, w, 0.0, "fit must not modify the weights");
    }

    @Test
    void rejectsMoreClustersThanRows() {
        var e = assertThrows(IllegalArgumentException.class, () -> KMeans.of(5).fit(Matrix.of(3, 1, 1, 2, 3)));
        assertEquals("x must have at least 5 rows (one per cluster), got 3", e.getMessage());
    }

    @Test
    void rejectsEmptyData() {
        var e = assertThrows(IllegalArgumentException.class, () -> KMeans.of(1).fit(Matrix.zeros(0, 3)));
        assertEquals("x must not be empty, got 0 rows", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KMeans.of(1).fit(Matrix.zeros(4, 0)));
        assertEquals("x must have at least 1 column, got 0", e.getMessage());
    }

    @Test
    void rejectsFewerDistinctRowsThanClusters() {
        var e = assertThrows(IllegalArgumentException.class, () -> KMeans.of(3).fit(Matrix.of(4, 2, 1, 1, 1, 1, 1, 1, 1, 1)));
        assertEquals("x must have at least 3 distinct rows with positive weight (one per cluster), got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KMeans.of(3).fit(Matrix.of(4, 1, 1, 2, 1, 2)));
        assertEquals("x must have at least 3 distinct rows with positive weight (one per cluster), got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> KMeans.of(2).fit(Matrix.of(3, 1, 1, 2, 3), new double[] {1, 0, 0}));
        assertTrue(e.getMessage().endsWith("got 1"), "rows of weight 0 do not count: " + e.getMessage());
    }

    @Test
    void identicalRowsWithOneClusterAreFine() {
        KMeansModel m = KMeans.of(1).fit(Matrix.of(3, 2, 5, 5, 5, 5, 5, 5));
        assertEquals(0.0, m.inertia(), 0.0, "identical rows, one centre on them");
        assertArrayEquals(new float[] {5, 5}, m.centroids().values(), "the centre is the common row");
    }

    @Test
    void rejectsInfinity() {
        Matrix x = Matrix.of(3, 2, 0, 0, 1, Float.POSITIVE_INFINITY, 2, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> KMeans.of(2).fit(x));
        assertTrue(e.getMessage().startsWith("x has infinity at row 1, column 1"), e.getMessage());
    }

    @Test
    void rejectsBadHyperparameters() {
        assertEquals("k must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> KMeans.of(0)).getMessage());
        assertEquals("maxIter must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> KMeans.of(2).withMaxIter(0)).getMessage());
        assertEquals("tolerance must be >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> KMeans.of(2).withTolerance(-1)).getMessage());
        assertEquals("nInit must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> KMeans.of(2).withNInit(0)).getMessage());
        assertEquals("batchSize must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> KMeans.of(2).withBatchSize(0)).getMessage());
        assertEquals("init centroids must have k = 3 rows, got 2", assertThrows(IllegalArgumentException.class,
                () -> KMeans.of(3).withInit(KMeansInit.given(Matrix.of(2, 1, 0, 1)))).getMessage());
        assertEquals("oversampling must be > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> KMeansInit.parallel(5, 0)).getMessage());
    }

    @Test
    void rejectsBadWeights() {
        Matrix x = Matrix.of(3, 1, 1, 2, 3);
        assertEquals("weights must have one value per row of x (3), got 2", assertThrows(IllegalArgumentException.class,
                () -> KMeans.of(1).fit(x, new double[] {1, 1})).getMessage());
        assertEquals("weights must be finite and >= 0, got -1.0 at index 1", assertThrows(IllegalArgumentException.class,
                () -> KMeans.of(1).fit(x, new double[] {1, -1, 1})).getMessage());
        assertEquals("weights must be finite and >= 0, got NaN at index 2", assertThrows(IllegalArgumentException.class,
                () -> KMeans.of(1).fit(x, new double[] {1, 1, Double.NaN})).getMessage());
        assertEquals("weights must have a positive sum, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> KMeans.of(1).fit(x, new double[] {0, 0, 0})).getMessage());
    }

    @Test
    void rejectsGivenCentresOfTheWrongWidthAndBadInputToPredict() {
        Matrix x = Matrix.of(3, 2, 0, 0, 1, 1, 5, 5);
        assertEquals("init centroids must have 2 columns (as x), got 1", assertThrows(IllegalArgumentException.class,
                () -> KMeans.of(2).withInit(KMeansInit.given(Matrix.of(2, 1, 0, 1))).fit(x)).getMessage());
        KMeansModel m = KMeans.of(2).fit(x);
        assertEquals("x must have 2 columns, got 3", assertThrows(IllegalArgumentException.class,
                () -> m.predict(Matrix.zeros(1, 3))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.transform(Matrix.of(1, 2, 0, Float.NaN)))
                .getMessage().startsWith("x has NaN at row 0, column 1"), "transform rejects NaN naming its place");
    }

    @Test
    void modelHandsOutCopies() {
        KMeansModel m = KMeans.of(2).withSeed(3).fit(Matrix.of(4, 2, 0, 0, 0, 2, 10, 0, 10, 2));
        m.centroids().values()[0] = 99;
        m.labels()[0] = 99;
        assertTrue(m.centroids().values()[0] != 99 && m.labels()[0] != 99, "the model's arrays cannot be changed from outside");
    }

    @Test
    void theClassJavadocExampleRuns() {
        Matrix x = blobs(new SplittableRandom(30), 400, 3, 8, 5.0);
        int[] labels = KMeans.of(8).withSeed(42).fit(x).predict(x);
        assertEquals(400, labels.length, "one label per row");
        assertTrue(Arrays.stream(labels).allMatch(l -> l >= 0 && l < 8), "labels lie in [0, 8)");
    }

    @Test
    void givenCentresAreNotRestarted() {
        Matrix x = blobs(new SplittableRandom(31), 300, 2, 3, 2.0);
        KMeans km = KMeans.of(3).withInit(KMeansInit.given(x.rows(new int[] {0, 1, 2})));
        assertSameModel(km.fit(x), km.withNInit(5).withSeed(99).fit(x));
    }

    @Test
    void givenCentresMustBeFinite() {
        var e = assertThrows(IllegalArgumentException.class, () -> KMeansInit.given(Matrix.of(2, 1, 0, Float.NaN)));
        assertTrue(e.getMessage().startsWith("centroids has NaN at row 1, column 0"), e.getMessage());
    }
}
