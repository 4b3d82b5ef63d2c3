package dev.latent.neighbors;

import dev.latent.Latent;
import dev.latent.data.Matrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExactKnnTest {

    static Matrix random(int n, int d, long seed) {
        var rng = new SplittableRandom(seed);
        Matrix x = Matrix.zeros(n, d);
        float[] v = x.values();
        for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextDouble();
        return x;
    }

    /** Brute force: sort all rows by (exact squared distance in double, index), skipping the query itself if self. */
    static Neighbors naive(Matrix data, Matrix queries, int k, boolean self) {
        int n = data.rows(), m = queries.rows(), d = data.cols();
        int[] idx = new int[m * k];
        float[] dist = new float[m * k];
        for (int i = 0; i < m; i++) {
            double[] dd = new double[n];
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double t = (double) queries.get(i, c) - data.get(j, c);
                    s += t * t;
                }
                dd[j] = s;
            }
            final int qi = i;
            Integer[] order = new Integer[n];
            for (int j = 0; j < n; j++) order[j] = j;
            Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> dd[j]).thenComparingInt(j -> j));
            int r = 0;
            for (int t = 0; t < n && r < k; t++) {
                if (self && order[t] == qi) continue;
                idx[i * k + r] = order[t];
                dist[i * k + r] = (float) Math.sqrt(dd[order[t]]);
                r++;
            }
        }
        return new Neighbors(m, k, idx, dist);
    }

    static void assertSame(Neighbors expected, Neighbors actual) {
        assertEquals(expected.n(), actual.n(), "query count expected");
        assertEquals(expected.k(), actual.k(), "k expected");
        assertArrayEquals(expected.indices(), actual.indices(), "brute-force indices expected");
        assertArrayEquals(expected.distances(), actual.distances(), 0f, "brute-force distances expected");
    }

    @Test void findsTheSameNeighborsAsSortingAllDistances() {
        Matrix data = random(700, 9, 1), queries = random(150, 9, 2);
        assertSame(naive(data, queries, 7, false), ExactKnn.search(data, queries, 7));
    }

    @Test void selfSearchExcludesEachRowButNotItsDuplicates() {
        Matrix data = random(90, 4, 3);
        // rows 10 and 50 are copies of row 20: each is the other's neighbour at distance 0
        System.arraycopy(data.values(), 20 * 4, data.values(), 10 * 4, 4);
        System.arraycopy(data.values(), 20 * 4, data.values(), 50 * 4, 4);
        Neighbors nb = ExactKnn.searchSelf(data, 5);
        assertSame(naive(data, data, 5, true), nb);
        assertEquals(20, nb.index(10, 0), "row 10's nearest is its copy 20 (lower index than 50)");
        assertEquals(50, nb.index(10, 1), "then its copy 50");
        assertEquals(0f, nb.distance(10, 1), "copies are at distance 0");
        assertEquals(10, nb.index(20, 0), "row 20's nearest is its copy 10");
    }

    @Test void breaksTiesByLowerIndexAmongManyDuplicates() {
        // 40 copies of one point and 40 of another, interleaved: every tie group is larger than the candidate
        // list, so only the certified fallback can get the index order right
        Matrix data = Matrix.zeros(80, 3);
        for (int i = 0; i < 80; i++) {
            float base = i % 2 == 0 ? 1f : 5f;
            data.set(i, 0, base);
            data.set(i, 1, base * 0.5f);
            data.set(i, 2, -base);
        }
        Matrix queries = Matrix.of(2, 3, 1, 0.5f, -1, 5.1f, 2.5f, -5);
        Neighbors nb = ExactKnn.search(data, queries, 25);
        assertSame(naive(data, queries, 25, false), nb);
        for (int r = 0; r < 25; r++) assertEquals(2 * r, nb.index(0, r), "even rows in index order expected");
        assertSame(naive(data, data, 30, true), ExactKnn.searchSelf(data, 30));
    }

    @Test void staysExactWhereTheGemmExpansionCannotOrderTheRows() {
        // rows near (1000, 1000, 1000) with spread 0.01: |x|^2 ~ 3e6, so |x|^2 + |y|^2 - 2 x.y errs by ~0.1 in
        // float while squared distances are ~1e-4; every query must fall back to the exact scan
        var rng = new SplittableRandom(12);
        Matrix data = Matrix.zeros(300, 3), queries = Matrix.zeros(40, 3);
        for (Matrix x : new Matrix[] {data, queries}) {
            float[] v = x.values();
            for (int i = 0; i < v.length; i++) v[i] = (float) (1000 + 0.01 * rng.nextDouble());
        }
        assertSame(naive(data, queries, 4, false), ExactKnn.search(data, queries, 4));
        assertSame(naive(data, data, 4, true), ExactKnn.searchSelf(data, 4));
    }

    @Test void integerGridWithManyEqualDistancesMatchesBruteForce() {
        Matrix grid = Matrix.zeros(144, 2);
        for (int i = 0; i < 144; i++) {
            grid.set(i, 0, i % 12);
            grid.set(i, 1, i / 12);
        }
        assertSame(naive(grid, grid, 12, true), ExactKnn.searchSelf(grid, 12));
    }

    @Test void selfSearchWithKOfAllOtherRowsListsEveryRow() {
        Matrix data = random(33, 6, 4);
        Neighbors nb = ExactKnn.searchSelf(data, 32);
        assertSame(naive(data, data, 32, true), nb);
        for (int i = 0; i < 33; i++) {
            boolean[] seen = new boolean[33];
            for (int r = 0; r < 32; r++) seen[nb.index(i, r)] = true;
            for (int j = 0; j < 33; j++) assertEquals(j != i, seen[j], "every other row listed once for row " + i);
        }
    }

    @Test void searchWithKOfAllRowsSortsEveryRow() {
        Matrix data = random(20, 3, 5), queries = random(4, 3, 6);
        assertSame(naive(data, queries, 20, false), ExactKnn.search(data, queries, 20));
    }

    @Tag("slow")
    @Test void resultsDoNotDependOnThreadCount() {
        // three query chunks of 256 and two data blocks of 512
        Matrix data = random(600, 8, 7);
        int before = Latent.threads();
        try {
            Latent.setThreads(1);
            Neighbors one = ExactKnn.searchSelf(data, 6);
            Latent.setThreads(4);
            Neighbors four = ExactKnn.searchSelf(data, 6);
            assertArrayEquals(one.indices(), four.indices(), "identical indices expected");
            assertArrayEquals(one.distances(), four.distances(), "identical distances expected");
            assertSame(naive(data, data, 6, true), one);
        } finally {
            Latent.setThreads(before);
        }
    }

    @Test void indexSearchesACopyOfItsData() {
        Matrix data = random(50, 5, 8), queries = random(10, 5, 9);
        NeighborSearch index = NeighborSearch.exact(data);
        Neighbors before = index.query(queries, 3);
        Neighbors beforeSelf = index.querySelf(3);
        Arrays.fill(data.values(), 0f);
        assertSame(before, index.query(queries, 3));
        assertSame(beforeSelf, index.querySelf(3));
        assertEquals(50, index.size(), "50 rows expected");
        assertEquals(5, index.dimension(), "5 columns expected");
    }

    @Test void noQueriesGiveAnEmptyResult() {
        Neighbors nb = ExactKnn.search(random(5, 2, 1), Matrix.zeros(0, 2), 3);
        assertEquals(0, nb.n(), "no rows expected");
        assertEquals(0, nb.indices().length, "no indices expected");
    }

    @Test void rejectsBadArguments() {
        Matrix data = random(10, 3, 1);
        assertEquals("k must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> ExactKnn.search(data, data, 0)).getMessage());
        assertEquals("k must be <= 10 (the rows of data), got 11", assertThrows(IllegalArgumentException.class,
                () -> ExactKnn.search(data, data, 11)).getMessage());
        assertEquals("k must be <= 9 (the rows of data less the row itself), got 10",
                assertThrows(IllegalArgumentException.class, () -> ExactKnn.searchSelf(data, 10)).getMessage());
        assertEquals("queries must have 3 columns, got 4", assertThrows(IllegalArgumentException.class,
                () -> ExactKnn.search(data, Matrix.zeros(2, 4), 1)).getMessage());
        Matrix bad = Matrix.of(2, 3, 0, 0, 0, 1, Float.NaN, 1);
        assertEquals("data has NaN at row 1, column 1 (1 non-finite value in all)",
                assertThrows(IllegalArgumentException.class, () -> ExactKnn.searchSelf(bad, 1)).getMessage());
    }
}
