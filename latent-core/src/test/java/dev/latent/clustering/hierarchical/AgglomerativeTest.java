package dev.latent.clustering.hierarchical;

import dev.latent.Latent;
import dev.latent.data.Matrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgglomerativeTest {
    private static Matrix gaussian(long seed, int n, int d) {
        var rng = new SplittableRandom(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextGaussian() * 3);
        return Matrix.wrap(n, d, v);
    }

    /** Checks the ids and sizes exactly and the heights to {@code tol}, relative to max(1, |height|). */
    private static void assertSameLinkage(double[][] expected, double[][] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": merge count");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], actual[i][0], what + ": left id of merge " + i);
            assertEquals(expected[i][1], actual[i][1], what + ": right id of merge " + i);
            assertEquals(expected[i][3], actual[i][3], what + ": size of merge " + i);
            double e = expected[i][2];
            assertEquals(e, actual[i][2], tol * Math.max(1, Math.abs(e)), what + ": height of merge " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(Linkage.class)
    void matchesTheNaiveLanceWilliamsReferenceOnRandomData(Linkage linkage) {
        int[][] shapes = {{2, 3}, {3, 1}, {17, 4}, {60, 5}, {120, 2}, {45, 33}, {40, 300}};
        long seed = 1;
        for (int[] shape : shapes) {
            Matrix x = gaussian(seed++, shape[0], shape[1]);
            double[][] expected = NaiveLinkage.linkage(x.values(), x.rows(), x.cols(), linkage);
            double[][] actual = Agglomerative.of(linkage).fit(x).linkageMatrix();
            assertSameLinkage(expected, actual, 2e-5, linkage + " on " + shape[0] + " x " + shape[1]);
        }
    }

    /** Rows around a few centres far from the origin, with {@code copies} every seventh a copy of the previous one. */
    private static Matrix clumped(long seed, int n, int d, double offset, double spread, boolean copies) {
        var rng = new SplittableRandom(seed);
        float[] centres = new float[5 * d];
        for (int i = 0; i < centres.length; i++) centres[i] = (float) (offset + rng.nextGaussian() * 20);
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            if (copies && i % 7 == 6) {
                System.arraycopy(v, (i - 1) * d, v, i * d, d);
                continue;
            }
            int c = rng.nextInt(5);
            for (int j = 0; j < d; j++) v[i * d + j] = (float) (centres[c * d + j] + rng.nextGaussian() * spread);
        }
        return Matrix.wrap(n, d, v);
    }

    @ParameterizedTest
    @EnumSource(value = Linkage.class, names = {"SINGLE", "WARD"})
    void boundPruningKeepsTheReferenceMergesOnClumpedData(Linkage linkage) {
        // Tight clumps away from the origin. No duplicates, and no clumps so far off that float32 centroids lose
        // digits against the float64 textbook algorithm (its order of equal heights may differ, and its heights
        // by more than the tolerance); the bit-for-bit test below has both.
        double[][] cases = {{150, 40, 20, 0.3}, {150, 40, 0, 1}, {130, 12, -50, 3}};
        long seed = 31;
        for (double[] c : cases) {
            Matrix x = clumped(seed++, (int) c[0], (int) c[1], c[2], c[3], false);
            double[][] expected = NaiveLinkage.linkage(x.values(), x.rows(), x.cols(), linkage);
            double[][] actual = Agglomerative.of(linkage).fit(x).linkageMatrix();
            assertSameLinkage(expected, actual, 2e-5, linkage + " on " + x.rows() + " x " + x.cols() + " around " + c[2]);
        }
    }

    /** Prim's algorithm without bounds: every distance computed in full, the lowest point on ties. */
    private static Merges plainPrim(float[] x, int n, int d) {
        double[] best = new double[n];
        int[] nearest = new int[n];
        boolean[] in = new boolean[n];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        Merges merges = new Merges(n);
        int v = 0;
        in[0] = true;
        for (int step = 1; step < n; step++) {
            int next = -1;
            for (int j = 0; j < n; j++) {
                if (in[j]) continue;
                double dist = Distances.squared(x, v * d, x, j * d, d);
                if (dist < best[j]) {
                    best[j] = dist;
                    nearest[j] = v;
                }
                if (next < 0 || best[j] < best[next]) next = j;
            }
            in[next] = true;
            merges.add(nearest[next], next, Math.sqrt(best[next]));
            v = next;
        }
        return merges;
    }

    /** Ward's nearest-neighbour chain without bounds: every candidate's distance computed in full. */
    private static Merges plainWardChain(float[] x, int n, int d) {
        Centroids c = new Centroids(x, n, d);
        double[] found = new double[1];
        return NnChain.run(n, new NnChain.Clusters() {
            @Override public double dissimilarity(int s, int t) {
                return c.squared(s, t) * ((double) c.size[s] * c.size[t] / (c.size[s] + c.size[t]));
            }
            @Override public int nearest(int a, int prev, double limit, int[] active, int count) {
                double min = limit;
                int arg = -1;
                for (int p = 0; p < count; p++) {
                    int t = active[p];
                    if (t == a || t == prev) continue;
                    double w = dissimilarity(a, t);
                    if (w < min || (w == min && arg >= 0 && t < arg)) {
                        min = w;
                        arg = t;
                    }
                }
                found[0] = min;
                return arg;
            }
            @Override public double found() {
                return found[0];
            }
            @Override public double height(double w) {
                return Math.sqrt(2 * w);
            }
            @Override public void merge(int keep, int drop, int[] active, int count) {
                c.merge(keep, drop, false);
            }
        });
    }

    private static void assertSameMerges(Merges expected, Merges actual, String what) {
        assertArrayEquals(expected.a, actual.a, what + ": first points");
        assertArrayEquals(expected.b, actual.b, what + ": second points");
        assertArrayEquals(expected.height, actual.height, what + ": heights, bit for bit");
    }

    @Tag("slow")
    @Test
    void prunedSpanningTreeAndWardChainMakeTheUnprunedMergesBitForBit() {
        // 1,600 points span two chunks of the spanning tree (1024) and four of the Ward scan (512); 50 columns
        // leave 19 outside the 31 axes. Small integer values (as pixels are) make exactly tied distances common.
        var rng = new SplittableRandom(41);
        int n = 1600, d = 50;
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextInt(4) * (i % 3 == 0 ? 1 : 2);
        assertSameMerges(plainPrim(x, n, d), MinimumSpanningTree.merges(x, n, d), "single linkage");
        // Clumps with duplicates (distance 0), near the origin and 1e4 away from it, 0.01 wide.
        for (double offset : new double[] {100, 1e4}) {
            Matrix clumps = clumped(43, n, d, offset, offset > 1000 ? 0.01 : 2, true);
            assertSameMerges(plainWardChain(clumps.values(), n, d), WardChain.merges(clumps.values(), n, d),
                    "Ward on clumps around " + offset);
            assertSameMerges(plainPrim(clumps.values(), n, d), MinimumSpanningTree.merges(clumps.values(), n, d),
                    "single linkage on clumps around " + offset);
        }
    }

    @Test
    void singleLinkageHeightsAreExactlyTheClosestMemberDistances() {
        // Each single-linkage height is the smallest distance between a member of one cluster and a member
        // of the other, unrounded: the spanning tree reports the very distance the kernel computed.
        Matrix x = gaussian(7, 80, 6);
        Dendrogram tree = Agglomerative.of(Linkage.SINGLE).fit(x);
        int n = 80;
        boolean[][] members = new boolean[2 * n - 1][n];
        for (int p = 0; p < n; p++) members[p][p] = true;
        for (int i = 0; i < n - 1; i++) {
            boolean[] l = members[tree.left(i)], r = members[tree.right(i)];
            double closest = Double.POSITIVE_INFINITY;
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    if (l[p] && r[q]) closest = Math.min(closest, Math.sqrt(Distances.squared(x.values(), p * 6, x.values(), q * 6, 6)));
                    members[n + i][p] |= l[p] || r[p];
                }
            }
            assertEquals(closest, tree.height(i), "height of merge " + i);
        }
    }

    @Test
    void completeAndAverageAgreeAcrossMatrixBlockBoundaries() {
        // Blocks of 16 entries put 2-3 block boundaries inside every row of the 50-point matrix.
        Matrix x = gaussian(9, 50, 3);
        for (Linkage linkage : new Linkage[] {Linkage.COMPLETE, Linkage.AVERAGE}) {
            Merges small = MatrixChain.merges(x.values(), 50, 3, linkage, 4);
            Merges large = MatrixChain.merges(x.values(), 50, 3, linkage);
            assertArrayEquals(large.a, small.a, linkage + ": first clusters");
            assertArrayEquals(large.b, small.b, linkage + ": second clusters");
            assertArrayEquals(large.height, small.height, linkage + ": heights");
        }
    }

    @Test
    void condensedIndexOf70000PointsGoesBeyond2To31() {
        // 70,000 points have 70000 * 69999 / 2 = 2,449,965,000 pairs; the last pair is the last entry.
        assertEquals(2_449_965_000L, CondensedDistances.entries(70_000));
        assertEquals(2_449_964_999L, CondensedDistances.index(70_000, 69_998, 69_999));
        // Row 40,000 starts after 40000 * 70000 - 40000 * 40001 / 2 = 2,800,000,000 - 800,020,000 entries.
        assertEquals(1_999_980_000L, CondensedDistances.index(70_000, 40_000, 40_001));
    }

    @Test
    void wardHeightsOnALineMatchHandArithmetic() {
        // Points 0, 2, 6, 12 on a line. Ward height = sqrt(2 n_a n_b / (n_a + n_b)) * |centroid distance|.
        // 1) {0} + {2}: sqrt(2 * 1 * 1 / 2) * 2 = 2 -> cluster 4, centroid 1.
        //    (Other options: {2}+{6} = 4, {6}+{12} = 6, {4}+{6}: sqrt(4/3) * 5 = 5.77.)
        // 2) cluster 4 + {6}: sqrt(2 * 2 * 1 / 3) * 5 = sqrt(100 / 3) = 5.7735 (beats {6}+{12} = 6)
        //    -> cluster 5, centroid 8/3. Lance-Williams: sqrt((2 * 36 + 2 * 16 - 1 * 4) / 3) = sqrt(100 / 3).
        // 3) {12} + cluster 5: sqrt(2 * 1 * 3 / 4) * (12 - 8/3) = sqrt(1.5) * 28 / 3 = 11.4310.
        Dendrogram tree = Agglomerative.of(Linkage.WARD).fit(Matrix.of(4, 1, 0, 2, 6, 12));
        double[][] z = tree.linkageMatrix();
        assertArrayEquals(new double[] {0, 1, 2, 2}, z[0], 1e-6, "first merge");
        assertArrayEquals(new double[] {2, 4, Math.sqrt(100.0 / 3), 3}, z[1], 1e-5, "second merge");
        assertArrayEquals(new double[] {3, 5, Math.sqrt(1.5) * 28 / 3, 4}, z[2], 1e-5, "third merge");
    }

    @Test
    void reportCountsTheMergesAndGivesTheRootHeight() {
        // Ward on 0, 2, 6, 12: three merges, the last at sqrt(1.5) * 28 / 3 (see the test above).
        Dendrogram tree = Agglomerative.of(Linkage.WARD).fit(Matrix.of(4, 1, 0, 2, 6, 12));
        assertEquals(3, tree.report().iterations(), "one iteration per merge");
        assertTrue(tree.report().converged(), "always converged");
        assertEquals(Math.sqrt(1.5) * 28 / 3, tree.report().objective(), 1e-5, "root height");
        assertEquals(Linkage.WARD, tree.params().linkage(), "params kept");
    }

    @Test
    void cutsByCountAndHeightNumberClustersByFirstAppearance() {
        // Ward on 0, 2, 6, 12 merges {0,2} at 2, then {0,2,6} at 5.77, then everything at 11.43.
        Dendrogram tree = Agglomerative.of(Linkage.WARD).fit(Matrix.of(4, 1, 12, 0, 2, 6));
        assertArrayEquals(new int[] {0, 0, 0, 0}, tree.cut(1), "one cluster");
        assertArrayEquals(new int[] {0, 1, 1, 1}, tree.cut(2), "{12} | {0, 2, 6}");
        assertArrayEquals(new int[] {0, 1, 1, 2}, tree.cut(3), "{12} | {0, 2} | {6}");
        assertArrayEquals(new int[] {0, 1, 2, 3}, tree.cut(4), "every point alone");
        assertArrayEquals(new int[] {0, 1, 1, 2}, tree.cutAtHeight(5.0), "merges up to height 5");
        assertArrayEquals(new int[] {0, 1, 2, 3}, tree.cutAtHeight(1.0), "nothing below height 1");
        assertArrayEquals(new int[] {0, 0, 0, 0}, tree.cutAtHeight(20), "everything below height 20");
    }

    @ParameterizedTest
    @EnumSource(Linkage.class)
    void cutMembershipsMatchTheReferenceMerges(Linkage linkage) {
        Matrix x = gaussian(21, 40, 3);
        double[][] z = NaiveLinkage.linkage(x.values(), 40, 3, linkage);
        Dendrogram tree = Agglomerative.of(linkage).fit(x);
        for (int k = 1; k <= 40; k++) {
            // Reference memberships: apply the first 40 - k reference merges to per-cluster member sets.
            int[] cluster = new int[2 * 40 - 1];
            for (int i = 0; i < 40; i++) cluster[i] = i;
            int[] owner = new int[40];
            for (int i = 0; i < 40; i++) owner[i] = i;
            for (int m = 0; m < 40 - k; m++) {
                int a = (int) z[m][0], b = (int) z[m][1];
                for (int p = 0; p < 40; p++) if (owner[p] == a || owner[p] == b) owner[p] = 40 + m;
            }
            int[] labels = tree.cut(k);
            for (int p = 0; p < 40; p++) {
                for (int q = 0; q < 40; q++) {
                    assertEquals(owner[p] == owner[q], labels[p] == labels[q],
                            linkage + ", k = " + k + ": points " + p + " and " + q + " together in the reference");
                }
            }
            int max = 0;
            for (int l : labels) max = Math.max(max, l);
            assertEquals(k - 1, max, "labels run 0..k-1");
        }
    }

    @Test
    void leafOrderAndCoordinatesFollowTheLeftBranchFirst() {
        // Ward on 0, 2, 6, 12: merges (0,1) -> 4, (2,4) -> 5, (3,5) -> 6. Root 6 = {3} then 5;
        // 5 = {2} then 4 = {0}, {1}: leaves 3, 2, 0, 1 at x = 0, 1, 2, 3.
        Dendrogram tree = Agglomerative.of(Linkage.WARD).fit(Matrix.of(4, 1, 0, 2, 6, 12));
        assertArrayEquals(new int[] {3, 2, 0, 1}, tree.leafOrder(), "leaf order");
        // node 4 between leaves at 2 and 3; node 5 between 1 and 2.5; node 6 between 0 and 1.75
        assertArrayEquals(new double[] {2, 3, 1, 0, 2.5, 1.75, 0.875}, tree.nodeX(), 0, "x positions");
        double[] y = tree.nodeHeights();
        assertEquals(0, y[0], "leaf height");
        assertEquals(2, y[4], 1e-6, "first merge height");
        assertEquals(tree.height(2), y[6], "root height");
    }

    @ParameterizedTest
    @EnumSource(Linkage.class)
    void identicalPointsMergeAtHeightZero(Linkage linkage) {
        float[] v = new float[30 * 2];
        for (int i = 0; i < 30; i++) {
            v[2 * i] = 1.5f;
            v[2 * i + 1] = -4f;
        }
        Dendrogram tree = Agglomerative.of(linkage).fit(Matrix.wrap(30, 2, v));
        boolean[] used = new boolean[2 * 30 - 1];
        for (int i = 0; i < 29; i++) {
            assertEquals(0.0, tree.height(i), linkage + ": height of merge " + i);
            assertTrue(tree.left(i) < tree.right(i) && tree.right(i) < 30 + i, "ids refer to earlier clusters");
            assertTrue(!used[tree.left(i)] && !used[tree.right(i)], "every cluster is merged once");
            used[tree.left(i)] = used[tree.right(i)] = true;
        }
        assertEquals(30, tree.size(28), "the last merge holds every point");
    }

    @Tag("slow")
    @ParameterizedTest
    @EnumSource(Linkage.class)
    void oneAndFourThreadsGiveTheSameDendrogram(Linkage linkage) {
        // 1,100 points span several chunks of every algorithm (MST 1024, Ward 512, centroid 256, matrix 32).
        Matrix x = gaussian(5, 1100, 6);
        int threads = Latent.threads();
        try {
            Latent.setThreads(1);
            double[][] one = Agglomerative.of(linkage).fit(x).linkageMatrix();
            Latent.setThreads(4);
            double[][] four = Agglomerative.of(linkage).fit(x).linkageMatrix();
            for (int i = 0; i < one.length; i++) assertArrayEquals(one[i], four[i], 0, "merge " + i);
        } finally {
            Latent.setThreads(threads);
        }
    }

    @Test
    void fitLeavesItsInputUnchanged() {
        Matrix x = gaussian(3, 50, 4);
        Matrix before = x.copy();
        for (Linkage linkage : Linkage.values()) Agglomerative.of(linkage).fit(x);
        assertEquals(before, x, "x after fitting every linkage");
    }

    @Test
    void rejectsBadK() {
        Dendrogram tree = Agglomerative.defaults().fit(gaussian(2, 5, 2));
        var low = assertThrows(IllegalArgumentException.class, () -> tree.cut(0));
        assertEquals("k must be >= 1, got 0", low.getMessage());
        var high = assertThrows(IllegalArgumentException.class, () -> tree.cut(6));
        assertEquals("k must be <= 5, got 6", high.getMessage());
        var nan = assertThrows(IllegalArgumentException.class, () -> tree.cutAtHeight(Double.NaN));
        assertEquals("height must be a number, got NaN", nan.getMessage());
    }

    @Test
    void rejectsEmptyAndOnePointData() {
        var empty = assertThrows(IllegalArgumentException.class,
                () -> Agglomerative.defaults().fit(Matrix.zeros(0, 3)));
        assertEquals("x must have at least 2 rows (a merge needs two points), got 0", empty.getMessage());
        var one = assertThrows(IllegalArgumentException.class,
                () -> Agglomerative.defaults().fit(Matrix.of(1, 2, 1, 2)));
        assertEquals("x must have at least 2 rows (a merge needs two points), got 1", one.getMessage());
        var noColumns = assertThrows(IllegalArgumentException.class,
                () -> Agglomerative.defaults().fit(Matrix.zeros(3, 0)));
        assertEquals("x must have at least 1 column, got 0", noColumns.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Agglomerative.of(null));
    }

    @Test
    void rejectsNaNNamingRowAndColumn() {
        Matrix x = gaussian(4, 6, 3);
        x.set(2, 1, Float.NaN);
        var e = assertThrows(IllegalArgumentException.class, () -> Agglomerative.of(Linkage.SINGLE).fit(x));
        assertTrue(e.getMessage().startsWith("x has NaN at row 2, column 1"), "message names the cell: " + e.getMessage());
    }

    @Test
    void refusesADistanceMatrixLargerThanTheHeap() {
        // 200,000 points need 200000 * 199999 / 2 * 4 bytes = 74.5 GiB of matrix: more than any test heap.
        Matrix x = Matrix.zeros(200_000, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> Agglomerative.of(Linkage.AVERAGE).fit(x));
        assertTrue(e.getMessage().startsWith("agglomerative clustering with AVERAGE linkage on 200000 rows needs about 74."),
                "message states the need: " + e.getMessage());
        assertTrue(e.getMessage().contains("pre-cluster with k-means"), "message suggests k-means: " + e.getMessage());
        assertEquals(4L * 200_000 * 199_999 / 2 + 56L * 200_000 + 16L * 200_000,
                Agglomerative.of(Linkage.AVERAGE).memoryBytes(200_000, 1), "estimate: matrix plus O(n) arrays");
    }

    @Test
    void squaredDistanceMatchesAPlainDoubleLoop() {
        var rng = new SplittableRandom(13);
        for (int d = 1; d <= 70; d++) {
            float[] a = new float[d + 3], b = new float[d + 5];
            for (int j = 0; j < a.length; j++) a[j] = (float) rng.nextGaussian();
            for (int j = 0; j < b.length; j++) b[j] = (float) rng.nextGaussian();
            double expected = 0;
            for (int j = 0; j < d; j++) {
                double diff = (double) a[3 + j] - b[5 + j];
                expected += diff * diff;
            }
            double full = Distances.squared(a, 3, b, 5, d);
            assertEquals(expected, full, 1e-5 * expected, "d = " + d);
            assertEquals(full, Distances.squaredBounded(a, 3, b, 5, d, full), "bounded at the distance, d = " + d);
            assertEquals(full, Distances.squaredBounded(a, 3, b, 5, d, Double.POSITIVE_INFINITY), "unbounded, d = " + d);
            double stopped = Distances.squaredBounded(a, 3, b, 5, d, 0.0);
            assertTrue(stopped > 0 && stopped <= full, "bounded at 0 stops somewhere above 0, d = " + d);
        }
        // A 300-long pair whose first 128 elements already differ by 1 each: stops after them at 128.
        float[] a = new float[300], b = new float[300];
        for (int j = 0; j < 128; j++) a[j] = 1;
        for (int j = 128; j < 300; j++) a[j] = 5;
        assertEquals(128 + 172 * 25, Distances.squared(a, 0, b, 0, 300), "full distance");
        assertEquals(128, Distances.squaredBounded(a, 0, b, 0, 300, 100), "partial sum after the first check");
    }
}
