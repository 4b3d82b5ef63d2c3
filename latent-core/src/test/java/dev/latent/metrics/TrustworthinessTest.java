package dev.latent.metrics;

import dev.latent.data.Matrix;
import dev.latent.internal.Parallel;
import dev.latent.neighbors.Neighbors;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrustworthinessTest {

    // Original 1-D points x = 0, 1, 3, 7, 15, 31 (all distances distinct); the embedding swaps rows 0 and 5:
    // y = 31, 1, 3, 7, 15, 0. With k = 2 the embedded neighbours and their original ranks are
    //   row 0 (y 31): 4 (16), 3 (24)  -> original ranks from x = 0: 4, 3  -> penalty 2 + 1 = 3
    //   row 1 (y 1):  5 (1), 2 (2)    -> ranks from x = 1: 5, 2           -> 3 + 0 = 3
    //   row 2 (y 3):  1 (2), 5 (3)    -> ranks from x = 3: 1, 5           -> 0 + 3 = 3
    //   row 3 (y 7):  2 (4), 1 (6)    -> ranks from x = 7: 1, 2           -> 0
    //   row 4 (y 15): 3 (8), 2 (12)   -> ranks from x = 15: 1, 2          -> 0
    //   row 5 (y 0):  1 (1), 2 (3)    -> ranks from x = 31: 4, 3          -> 2 + 1 = 3
    // total 12; T = 1 - 12 * 2 / (6 * 2 * (12 - 6 - 1)) = 1 - 24 / 60 = 0.6
    static final Matrix LINE = Matrix.of(6, 1, 0, 1, 3, 7, 15, 31);
    static final Matrix SWAPPED = Matrix.of(6, 1, 31, 1, 3, 7, 15, 0);
    static final int[] SWAPPED_NEIGHBORS = {4, 3, 5, 2, 1, 5, 2, 1, 3, 2, 1, 2};

    @Test
    void swappedEndpointsMatchHandComputation() {
        Neighbors nb = new Neighbors(6, 2, SWAPPED_NEIGHBORS, new float[12]);
        assertEquals(0.6, Trustworthiness.score(LINE, nb), 1e-12, "T = 0.6");
    }

    @Test
    void theFarthestPointsAsNeighboursScoreZero() {
        // each row's two farthest original rows (ranks 5 and 4) as its embedded neighbours: penalty 3 + 2 per row,
        // 30 in all, the maximum the normalization allows: T = 1 - 30 * 2 / (6 * 2 * 5) = 0.
        // farthest from x = 0, 1, 3: 31 and 15; from 7: 31 and 15; from 15: 31 and 0; from 31: 0 and 1
        int[] farthest = {5, 4, 5, 4, 5, 4, 5, 4, 5, 0, 0, 1};
        assertEquals(0.0, Trustworthiness.score(LINE, new Neighbors(6, 2, farthest, new float[12])), 1e-12, "T = 0");
    }

    @Test
    void neighboursThatWereNeighboursScoreOne() {
        Neighbors nb = naiveKnn(LINE, 2);
        assertEquals(1.0, Trustworthiness.score(LINE, nb), 0, "the original's own neighbours");
    }

    @Test
    void matchesSortingReferenceOnRandomData() {
        SplittableRandom rng = new SplittableRandom(41);
        for (int trial = 0; trial < 4; trial++) {
            int n = 20 + rng.nextInt(200), d = 1 + rng.nextInt(30), k = 1 + rng.nextInt(Math.min(12, n / 2 - 1));
            Matrix x = SilhouetteTest.randomMatrix(rng, n, d, 1f);
            // integer-valued embedding coordinates make embedded ties likely; the reference sees the same lists
            Matrix y = Matrix.zeros(n, 2);
            for (int i = 0; i < 2 * n; i++) y.values()[i] = rng.nextInt(50);
            Neighbors nb = naiveKnn(y, k);
            assertEquals(sortingReference(x, nb), Trustworthiness.score(x, nb), 1e-12, "trial " + trial);
        }
    }

    @Test
    void originalTiesAreRankedByRowIndex() {
        // from row 0 (x = 0) rows 1, 2, 3 are all at distance 1 (x = 1, -1, 1) and rank 1, 2, 3 by index;
        // row 4 (x = 4) ranks 4. The mean is 1, so the centred values (-1, 0, -2, 0, 3) and all squared
        // distances are exact in float32 and the ties survive. Compared first with the stable-sort reference.
        Matrix x = Matrix.of(5, 1, 0, 1, -1, 1, 4);
        Neighbors nb = new Neighbors(5, 1, new int[] {3, 3, 0, 1, 3}, new float[5]);
        assertEquals(sortingReference(x, nb), Trustworthiness.score(x, nb), 1e-12, "stable ranks");
        // penalties: row 0 -> 3: rank 3, +2. row 1 (x=1) -> 3: distance 0, rank 1. row 2 (x=-1) -> 0: rank 1.
        // row 3 (x=1) -> 1: distance 0, rank 1. row 4 (x=4) -> 3: distances 4, 3, 5, 3 -> ties 1 and 3 at 3, so
        // row 1 ranks 1 and row 3 ranks 2, +1. Total 3; T = 1 - 3 * 2 / (5 * 1 * (10 - 3 - 1)) = 1 - 6/30 = 0.8
        assertEquals(0.8, Trustworthiness.score(x, nb), 1e-12, "0.8 by hand");
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        SplittableRandom rng = new SplittableRandom(42);
        Matrix x = SilhouetteTest.randomMatrix(rng, 300, 10, 1f);
        Matrix y = SilhouetteTest.randomMatrix(rng, 300, 2, 1f);
        Neighbors nb = naiveKnn(y, 5);
        int before = Parallel.shared().threads();
        try {
            Parallel.setThreads(1);
            double one = Trustworthiness.score(x, nb);
            Parallel.setThreads(4);
            assertEquals(one, Trustworthiness.score(x, nb), 0, "1 and 4 threads give the same bits");
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void badInputIsRejected() {
        Neighbors nb = new Neighbors(6, 2, SWAPPED_NEIGHBORS, new float[12]);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Trustworthiness.score(LINE, new Neighbors(6, 3, new int[18], new float[18])));
        assertEquals("k must be < n / 2 = 3.0, got 3", e.getMessage(), "k too large");
        e = assertThrows(IllegalArgumentException.class, () -> Trustworthiness.score(LINE.rows(0, 5), nb));
        assertEquals("neighbors must list the neighbours of all 5 rows of original, got 6", e.getMessage(), "n");
        int[] self = SWAPPED_NEIGHBORS.clone();
        self[2] = 1;
        e = assertThrows(IllegalArgumentException.class,
                () -> Trustworthiness.score(LINE, new Neighbors(6, 2, self, new float[12])));
        assertEquals("neighbors of row 1 must name other rows in [0, 6), got 1", e.getMessage(), "self");
        Matrix nan = Matrix.of(6, 1, 0, 1, 3, Float.NaN, 15, 31);
        e = assertThrows(IllegalArgumentException.class, () -> Trustworthiness.score(nan, nb));
        assertEquals("original has NaN at row 3, column 0 (1 non-finite value in all)", e.getMessage(), "NaN");
    }

    @Test
    void embeddingWithSwappedEndpointsMatchesHandComputation() {
        assertEquals(0.6, Trustworthiness.score(LINE, SWAPPED, 2), 1e-12, "T = 0.6 (see the table above)");
        assertEquals(1.0, Trustworthiness.score(LINE, LINE, 2), 0, "an embedding identical to the data");
    }

    @Test
    void sampledScoreAveragesTheSampledRowsPenalties() {
        SplittableRandom rng = new SplittableRandom(43);
        int n = 150, k = 5;
        Matrix x = SilhouetteTest.randomMatrix(rng, n, 12, 1f);
        Matrix y = SilhouetteTest.randomMatrix(rng, n, 2, 1f);
        Neighbors nb = naiveKnn(y, k);
        int[] rows = Sampling.distinct(n, 30, 5L);
        // per-row penalties from the reference: T over all rows weighs each row's penalty by the same constant
        double penalty = 0;
        for (int i : rows) {
            Neighbors one = new Neighbors(1, k, Arrays.copyOfRange(nb.indices(), i * k, i * k + k), new float[k]);
            penalty += rowPenaltyReference(x, i, one);
        }
        double expected = 1 - penalty * 2.0 / (30.0 * k * (2.0 * n - 3.0 * k - 1));
        assertEquals(expected, Trustworthiness.sampled(x, y, k, 30, 5L), 1e-12, "mean over the sampled rows");
        assertEquals(Trustworthiness.score(x, y, k), Trustworthiness.sampled(x, y, k, n, 5L), 1e-12,
                "a sample of every row is the exact value");
    }

    @Test
    void embeddingOfTheWrongSizeIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Trustworthiness.score(LINE, Matrix.zeros(5, 2), 2));
        assertEquals("embedded must have one row per row of original (6), got 5", e.getMessage(), "rows");
        e = assertThrows(IllegalArgumentException.class, () -> Trustworthiness.sampled(LINE, SWAPPED, 2, 0, 1L));
        assertEquals("sampleSize must be >= 1, got 0", e.getMessage(), "sample size");
        e = assertThrows(IllegalArgumentException.class, () -> Trustworthiness.score(LINE, SWAPPED, 0));
        assertEquals("k must be >= 1, got 0", e.getMessage(), "k");
    }

    /** Rank penalty of row {@code i} whose k embedded neighbours are row 0 of {@code one}, by stable sorting. */
    private static double rowPenaltyReference(Matrix x, int i, Neighbors one) {
        int n = x.rows(), k = one.k();
        Integer[] order = IntStream.range(0, n).filter(j -> j != i).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> sq(x, i, j)).thenComparingInt(j -> j));
        int[] rank = new int[n];
        for (int r = 0; r < order.length; r++) rank[order[r]] = r + 1;
        double p = 0;
        for (int r = 0; r < k; r++) p += Math.max(0, rank[one.index(0, r)] - k);
        return p;
    }

    /** k nearest other rows by double distance, ties by index: a test-only reference. */
    static Neighbors naiveKnn(Matrix y, int k) {
        int n = y.rows();
        int[] idx = new int[n * k];
        float[] dist = new float[n * k];
        for (int i = 0; i < n; i++) {
            final int q = i;
            Integer[] order = IntStream.range(0, n).filter(j -> j != q).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble((Integer j) -> sq(y, q, j)).thenComparingInt(j -> j));
            for (int r = 0; r < k; r++) {
                idx[i * k + r] = order[r];
                dist[i * k + r] = (float) Math.sqrt(sq(y, q, order[r]));
            }
        }
        return new Neighbors(n, k, idx, dist);
    }

    /** The formula with ranks from a stable sort of each row's original distances. */
    static double sortingReference(Matrix x, Neighbors nb) {
        int n = x.rows(), k = nb.k();
        double penalty = 0;
        for (int i = 0; i < n; i++) {
            final int q = i;
            Integer[] order = IntStream.range(0, n).filter(j -> j != q).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble((Integer j) -> sq(x, q, j)).thenComparingInt(j -> j));
            int[] rank = new int[n];
            for (int r = 0; r < order.length; r++) rank[order[r]] = r + 1;
            for (int r = 0; r < k; r++) penalty += Math.max(0, rank[nb.index(i, r)] - k);
        }
        return 1 - penalty * 2.0 / (n * k * (2.0 * n - 3.0 * k - 1));
    }

    private static double sq(Matrix x, int i, int j) {
        double s = 0;
        for (int c = 0; c < x.cols(); c++) {
            double diff = (double) x.get(i, c) - x.get(j, c);
            s += diff * diff;
        }
        return s;
    }
}
