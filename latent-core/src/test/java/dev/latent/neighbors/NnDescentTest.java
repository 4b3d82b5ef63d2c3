package dev.latent.neighbors;

import dev.latent.Latent;
import dev.latent.data.Matrix;
import dev.latent.data.Transforms;
import dev.latent.io.Idx;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NnDescentTest {

    /** Gaussian blobs: {@code clusters} centres uniform in [0, 10)^d (the same for every seed), unit spread around each. */
    static Matrix blobs(int n, int d, int clusters, long seed) {
        var centreRng = new SplittableRandom(clusters * 1000L + d);
        float[] centres = new float[clusters * d];
        for (int i = 0; i < centres.length; i++) centres[i] = (float) (10 * centreRng.nextDouble());
        var rng = new SplittableRandom(seed);
        Matrix x = Matrix.zeros(n, d);
        float[] v = x.values();
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(clusters);
            for (int j = 0; j < d; j++) v[i * d + j] = centres[c * d + j] + (float) gaussian(rng);
        }
        return x;
    }

    static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /** The fraction of the true k nearest neighbours of each row that {@code found} lists, over all rows. */
    static double recall(Neighbors truth, Neighbors found) {
        assertEquals(truth.n(), found.n(), "same row count expected");
        int n = truth.n(), k = truth.k();
        long hits = 0;
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                int t = truth.index(i, r);
                for (int s = 0; s < found.k(); s++) {
                    if (found.index(i, s) == t) {
                        hits++;
                        break;
                    }
                }
            }
        }
        return hits / ((double) n * k);
    }

    /** The distance between rows i of a and j of b under the metric, in double. */
    static double trueDistance(Matrix a, int i, Matrix b, int j, Metric metric) {
        double s = 0, ab = 0, aa = 0, bb = 0;
        for (int c = 0; c < a.cols(); c++) {
            double t = (double) a.get(i, c) - b.get(j, c);
            s += t * t;
            ab += (double) a.get(i, c) * b.get(j, c);
            aa += (double) a.get(i, c) * a.get(i, c);
            bb += (double) b.get(j, c) * b.get(j, c);
        }
        return metric == Metric.EUCLIDEAN ? Math.sqrt(s) : 1 - ab / Math.sqrt(aa * bb);
    }

    /** Checks that each list is sorted, free of duplicates (and of the row itself if self) and reports true distances. */
    static void assertWellFormed(Matrix data, Matrix queries, Neighbors nb, Metric metric, boolean self) {
        for (int i = 0; i < nb.n(); i++) {
            for (int r = 0; r < nb.k(); r++) {
                int j = nb.index(i, r);
                assertTrue(j >= 0 && j < data.rows(), "a row index expected, got " + j);
                if (self) assertNotEquals(i, j, "row " + i + " must not be its own neighbour");
                for (int s = 0; s < r; s++) assertNotEquals(j, nb.index(i, s), "no duplicate neighbours of row " + i);
                if (r > 0) assertTrue(nb.distance(i, r - 1) <= nb.distance(i, r), "row " + i + " sorted nearest first");
                double expected = trueDistance(queries, i, data, j, metric);
                assertEquals(expected, nb.distance(i, r), 1e-5 * Math.max(1, expected),
                        "true distance from row " + i + " to " + j + " expected");
            }
        }
    }

    @Test void findsNearlyAllTrueNeighborsOfUniformRandomRows() {
        Matrix x = ExactKnnTest.random(2000, 20, 1);
        Neighbors found = NnDescent.defaults().withSeed(5).fit(x).querySelf(10);
        double recall = recall(ExactKnn.searchSelf(x, 10), found);
        assertTrue(recall >= 0.95, "recall >= 0.95 expected, got " + recall);
        assertWellFormed(x, x, found, Metric.EUCLIDEAN, true);
    }

    @Test void findsNearlyAllTrueNeighborsOfClusteredRows() {
        Matrix x = blobs(2000, 20, 12, 2);
        Neighbors found = NnDescent.defaults().withSeed(6).fit(x).querySelf(15);
        double recall = recall(ExactKnn.searchSelf(x, 15), found);
        assertTrue(recall >= 0.95, "recall >= 0.95 expected, got " + recall);
        assertWellFormed(x, x, found, Metric.EUCLIDEAN, true);
    }

    @Test void findsNearlyAllTrueCosineNeighbors() {
        Matrix x = blobs(2000, 20, 12, 3);
        Neighbors found = NnDescent.of(Metric.COSINE).withSeed(7).fit(x).querySelf(10);
        Neighbors truth = ExactKnn.of(x, Metric.COSINE).querySelf(10);
        double recall = recall(truth, found);
        assertTrue(recall >= 0.95, "recall >= 0.95 expected, got " + recall);
        assertWellFormed(x, x, found, Metric.COSINE, true);
        assertWellFormed(x, x, truth, Metric.COSINE, true);
    }

    @Test void cosineDistancesMatchAHandComputedCase() {
        // from (1, 0): (2, 2) at 1 - 1/sqrt 2, (0, 3) at 1, (-1, 0) at 2; from (0, 3): (2, 2) at 1 - 1/sqrt 2
        Matrix x = Matrix.of(4, 2, 1, 0, 2, 2, 0, 3, -1, 0);
        double half = 1 - 1 / Math.sqrt(2);
        for (NeighborSearch s : new NeighborSearch[] {NnDescent.of(Metric.COSINE).fit(x), ExactKnn.of(x, Metric.COSINE)}) {
            Neighbors nb = s.querySelf(3);
            assertArrayEquals(new int[] {1, 2, 3}, new int[] {nb.index(0, 0), nb.index(0, 1), nb.index(0, 2)},
                    "(2,2), (0,3), (-1,0) from (1,0) expected");
            assertEquals(half, nb.distance(0, 0), 1e-6, "1 - 1/sqrt 2 expected");
            assertEquals(1, nb.distance(0, 1), 1e-6, "orthogonal rows at 1 expected");
            assertEquals(2, nb.distance(0, 2), 1e-6, "opposite rows at 2 expected");
            assertEquals(1, nb.index(2, 0), "(2,2) nearest to (0,3) expected");
            assertEquals(half, nb.distance(2, 0), 1e-6, "1 - 1/sqrt 2 expected");
        }
    }

    @Test void cosineRejectsARowOfZeros() {
        Matrix x = Matrix.of(3, 2, 1, 0, 0, 0, 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NnDescent.of(Metric.COSINE).fit(x));
        assertEquals("data has a row of zeros at row 1, for which the cosine distance is undefined", e.getMessage());
    }

    @Test void equalSeedsGiveEqualGraphsAndOtherSeedsOtherGraphs() {
        Matrix x = blobs(1500, 10, 8, 4);
        Neighbors a = NnDescent.defaults().withSeed(11).fit(x).querySelf(8);
        Neighbors b = NnDescent.defaults().withSeed(11).fit(x).querySelf(8);
        assertArrayEquals(a.indices(), b.indices(), "equal seeds, equal graphs expected");
        assertArrayEquals(a.distances(), b.distances(), "equal seeds, equal distances expected");
        NnDescentIndex first = NnDescent.defaults().withSeed(11).withMaxIter(1).fit(x);
        NnDescentIndex other = NnDescent.defaults().withSeed(12).withMaxIter(1).fit(x);
        assertNotEquals(java.util.Arrays.toString(first.querySelf(8).indices()),
                java.util.Arrays.toString(other.querySelf(8).indices()), "other seeds give other unfinished graphs");
    }

    @Tag("slow")
    @Test void oneAndFourThreadsGiveEqualGraphsAndQueries() {
        Matrix x = blobs(3000, 12, 10, 5), q = blobs(300, 12, 10, 6);
        int before = Latent.threads();
        try {
            Latent.setThreads(1);
            NnDescentIndex one = NnDescent.defaults().withSeed(3).fit(x);
            Neighbors selfOne = one.querySelf(10), queryOne = one.query(q, 7);
            Latent.setThreads(4);
            NnDescentIndex four = NnDescent.defaults().withSeed(3).fit(x);
            Neighbors selfFour = four.querySelf(10), queryFour = four.query(q, 7);
            assertArrayEquals(selfOne.indices(), selfFour.indices(), "identical graphs expected");
            assertArrayEquals(selfOne.distances(), selfFour.distances(), "identical distances expected");
            assertArrayEquals(queryOne.indices(), queryFour.indices(), "identical query results expected");
        } finally {
            Latent.setThreads(before);
        }
    }

    @Test void smallerKIsAPrefixOfTheSameGraphWhateverTheCallOrder() {
        Matrix x = blobs(1000, 8, 5, 7);
        NnDescentIndex a = NnDescent.defaults().withNeighbors(10).fit(x);
        Neighbors big = a.querySelf(20);
        Neighbors small = a.querySelf(4);
        Neighbors fresh = NnDescent.defaults().withNeighbors(10).fit(x).querySelf(4);
        assertArrayEquals(fresh.indices(), small.indices(), "a result that ignores earlier calls expected");
        assertEquals(20, big.k(), "20 neighbours expected");
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.querySelf(10).index(i, 3), small.index(i, 3), "the first 4 of the degree-10 graph expected");
        }
    }

    @Test void queriesOfIndexedRowsReturnThemselvesFirst() {
        Matrix x = blobs(2000, 16, 10, 8);
        Neighbors nb = NnDescent.defaults().fit(x).query(x, 5);
        for (int i = 0; i < x.rows(); i++) {
            assertEquals(i, nb.index(i, 0), "row " + i + " first expected");
            assertEquals(0f, nb.distance(i, 0), "at distance 0 expected");
        }
    }

    @Tag("slow")
    @Test void queriesOfNewRowsFindNearlyAllTrueNeighbors() {
        Matrix x = blobs(3000, 16, 10, 9), q = blobs(500, 16, 10, 10);
        for (Metric metric : Metric.values()) {
            Neighbors found = NnDescent.of(metric).withSeed(1).fit(x).query(q, 10);
            double recall = recall(ExactKnn.of(x, metric).query(q, 10), found);
            assertTrue(recall >= 0.95, metric + ": recall >= 0.95 expected, got " + recall);
            assertWellFormed(x, q, found, metric, false);
        }
    }

    @Test void tinyDataGivesExactNeighbors() {
        Matrix x = ExactKnnTest.random(12, 3, 13);
        NnDescentIndex index = NnDescent.defaults().fit(x);
        ExactKnnTest.assertSame(ExactKnn.searchSelf(x, 11), index.querySelf(11));
        Matrix two = Matrix.of(2, 1, 0, 3);
        Neighbors nb = NnDescent.defaults().fit(two).querySelf(1);
        assertArrayEquals(new int[] {1, 0}, nb.indices(), "each of two rows is the other's neighbour");
        assertArrayEquals(new float[] {3, 3}, nb.distances(), "at distance 3");
        Neighbors all = NnDescent.defaults().fit(x).query(ExactKnnTest.random(4, 3, 14), 12);
        ExactKnnTest.assertSame(ExactKnn.search(x, ExactKnnTest.random(4, 3, 14), 12), all);
    }

    @Test void rejectsBadArgumentsWithClearMessages() {
        Matrix x = ExactKnnTest.random(30, 3, 15);
        NnDescentIndex index = NnDescent.defaults().fit(x);
        assertEquals("k must be <= 29 (the rows of data less the row itself), got 30",
                assertThrows(IllegalArgumentException.class, () -> index.querySelf(30)).getMessage());
        assertEquals("k must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> index.querySelf(0)).getMessage());
        assertEquals("k must be <= 30 (the rows of data), got 31",
                assertThrows(IllegalArgumentException.class, () -> index.query(x, 31)).getMessage());
        assertEquals("queries must have 3 columns, got 2",
                assertThrows(IllegalArgumentException.class, () -> index.query(Matrix.zeros(1, 2), 3)).getMessage());
        assertEquals("data must have at least 2 rows (a row and a neighbour), got 1",
                assertThrows(IllegalArgumentException.class, () -> NnDescent.defaults().fit(Matrix.of(1, 2, 1, 2))).getMessage());
        Matrix bad = x.copy();
        bad.set(3, 1, Float.NaN);
        assertEquals("data has NaN at row 3, column 1 (1 non-finite value in all)",
                assertThrows(IllegalArgumentException.class, () -> NnDescent.defaults().fit(bad)).getMessage());
        assertEquals("queries has NaN at row 3, column 1 (1 non-finite value in all)",
                assertThrows(IllegalArgumentException.class, () -> index.query(bad, 2)).getMessage());
        assertEquals("rho must be > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> NnDescent.defaults().withRho(0)).getMessage());
        assertEquals("neighbors must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> NnDescent.defaults().withNeighbors(0)).getMessage());
        assertEquals("leafSize must be >= 2, got 1",
                assertThrows(IllegalArgumentException.class, () -> NnDescent.defaults().withLeafSize(1)).getMessage());
    }

    @Test void indexSearchesACopyOfItsData() {
        Matrix x = blobs(500, 6, 4, 16);
        NnDescentIndex index = NnDescent.defaults().fit(x);
        Matrix kept = x.copy();
        java.util.Arrays.fill(x.values(), 0f);
        assertWellFormed(kept, kept, index.querySelf(5), Metric.EUCLIDEAN, true);
    }

    @Test void factoryChoosesExactSearchForSmallDataAndDescentForLarge() {
        assertInstanceOf(ExactKnn.class, NeighborSearch.of(blobs(100, 3, 2, 17), Metric.COSINE, 1));
        NeighborSearch big = NeighborSearch.of(blobs(NeighborSearch.EXACT_UP_TO + 1, 3, 2, 18), Metric.COSINE, 1);
        assertInstanceOf(NnDescentIndex.class, big);
        assertEquals(Metric.COSINE, ((NnDescentIndex) big).metric(), "cosine index expected");
        assertEquals(42L, ((NnDescentIndex) NeighborSearch.approximate(blobs(10, 3, 2, 19), Metric.EUCLIDEAN, 42))
                .params().seed(), "the given seed expected");
    }

    @Test void exactCosineSearchMatchesBruteForceOnUnitRows() {
        Matrix x = blobs(300, 5, 3, 20), q = blobs(40, 5, 3, 21);
        Neighbors nb = ExactKnn.of(x, Metric.COSINE).query(q, 6);
        assertWellFormed(x, q, nb, Metric.COSINE, false);
        // every other row is at least as far as the sixth listed one
        for (int i = 0; i < q.rows(); i++) {
            for (int j = 0; j < x.rows(); j++) {
                boolean listed = false;
                for (int r = 0; r < 6; r++) listed |= nb.index(i, r) == j;
                if (!listed) {
                    assertTrue(trueDistance(q, i, x, j, Metric.COSINE) >= nb.distance(i, 5) - 1e-6,
                            "unlisted row " + j + " no nearer than the sixth neighbour of query " + i);
                }
            }
        }
    }

    /** The MNIST training and test images, scaled to [0, 1], from {@code LATENT_MNIST_DIR}. */
    static Matrix mnist(int limit) throws Exception {
        String dir = System.getenv("LATENT_MNIST_DIR");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "LATENT_MNIST_DIR not set");
        Path p = Path.of(dir);
        Matrix train = Transforms.scaleToUnit(Idx.read(p.resolve("train-images-idx3-ubyte"), Optional.empty(), "mnist")).toMatrix();
        return train.rows(0, Math.min(limit, train.rows()));
    }

    @Tag("slow")
    @Test void findsNearlyAllFifteenNearestNeighborsOfMnistImages() throws Exception {
        Matrix x = mnist(20_000);
        Neighbors found = NnDescent.defaults().fit(x).querySelf(15);
        double recall = recall(ExactKnn.searchSelf(x, 15), found);
        assertTrue(recall >= 0.95, "recall >= 0.95 expected, got " + recall);
    }
}
