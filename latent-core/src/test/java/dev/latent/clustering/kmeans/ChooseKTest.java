package dev.latent.clustering.kmeans;

import dev.latent.Latent;
import dev.latent.data.Matrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChooseKTest {
    /**
     * {@code perCorner} unit-Gaussian rows in 4 dimensions around each of the 4 centres {@code 15 e_c}, all 21
     * apart. Not a square in the plane: for a square, splitting in 2 gains no more than splitting uniform data
     * does, and the gap statistic (rightly, by its rule) stops at k = 1.
     */
    private static Matrix fourCorners(long seed, int perCorner) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 4 * perCorner, d = 4;
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) v[i * d + j] = (float) ((i % 4 == j ? 15 : 0) + rng.nextGaussian());
        }
        return Matrix.wrap(n, d, v);
    }

    @Test
    void fourSeparatedBlobsGiveFourByEveryCriterion() {
        ChooseKResult r = ChooseK.of(1, 8).withSeed(3).fit(fourCorners(1, 60));
        assertEquals(4, r.knee().orElse(-1), "the inertia curve bends at k = 4");
        assertEquals(4, r.bestSilhouette().orElse(-1), "the silhouette peaks at k = 4");
        assertEquals(4, r.gapChoice().orElse(-1), "the gap statistic stops at k = 4");
        assertTrue(Double.isNaN(r.silhouette()[0]), "no silhouette for k = 1");
        assertEquals(8, r.ks().length, "one entry per k of 1..8");
    }

    @Test
    void principalBoxReferenceAlsoFindsFourBlobs() {
        ChooseKResult r = ChooseK.of(1, 7).withReference(GapReference.PRINCIPAL_BOX).withSeed(5)
                .fit(fourCorners(2, 50));
        assertEquals(4, r.gapChoice().orElse(-1), "the gap statistic stops at k = 4");
    }

    @Tag("slow")
    @Test
    void uniformDataGivesOneClusterByGap() {
        Matrix x = KMeansTest.uniform(new SplittableRandom(9), 300, 2);
        for (GapReference ref : GapReference.values()) {
            ChooseKResult r = ChooseK.of(1, 6).withReference(ref).withSeed(4).fit(x);
            assertEquals(1, r.gapChoice().orElse(-1), "uniform data has no clusters (" + ref + ")");
        }
    }

    @Test
    void inertiaAndModelsMatchSingleFits() {
        Matrix x = fourCorners(3, 30);
        ChooseKResult r = ChooseK.of(2, 5).withReferences(0).withKMeans(KMeans.of(2).withSeed(11)).fit(x);
        for (int k = 2; k <= 5; k++) {
            KMeansModel alone = KMeans.of(k).withSeed(11).fit(x);
            assertEquals(alone.inertia(), r.inertia()[k - 2], 0.0, "inertia of k = " + k + " as a lone fit");
            assertArrayEquals(alone.labels(), r.model(k).labels(), "labels of k = " + k + " as a lone fit");
        }
        assertTrue(Double.isNaN(r.gap()[0]) && r.gapChoice().isEmpty(), "no gap statistic without references");
    }

    @Test
    void gapIsUnchangedWhenTheDataIsScaled() {
        // log W_k and the log W*_kb of the references (whose box scales with the data) all shift by log 16
        Matrix x = fourCorners(4, 20);
        float[] scaled = x.values().clone();
        for (int e = 0; e < scaled.length; e++) scaled[e] *= 4; // a power of 2: every float product is exact
        ChooseK params = ChooseK.of(1, 5).withReferences(3).withSeed(8);
        ChooseKResult r = params.fit(x), s = params.fit(Matrix.wrap(x.rows(), x.cols(), scaled));
        assertArrayEquals(r.gap(), s.gap(), 1e-9, "gap of x and of 4x");
        assertArrayEquals(r.gapError(), s.gapError(), 1e-9, "s_k of x and of 4x");
        for (int i = 0; i < 5; i++) assertTrue(r.gapError()[i] > 0, "s_k > 0 for k = " + (i + 1));
    }

    @Tag("slow")
    @Test
    void resultDoesNotDependOnThreadCount() {
        Matrix x = KMeansTest.blobs(new SplittableRandom(6), 9000, 6, 5, 3.0);
        ChooseK params = ChooseK.of(2, 6).withReferences(2).withReference(GapReference.PRINCIPAL_BOX)
                .withSilhouetteSample(500).withSeed(2);
        int threads = Latent.threads();
        try {
            Latent.setThreads(1);
            ChooseKResult one = params.fit(x);
            Latent.setThreads(4);
            ChooseKResult four = params.fit(x);
            assertArrayEquals(one.inertia(), four.inertia(), 0.0, "inertia with 1 and 4 threads");
            assertArrayEquals(one.silhouette(), four.silhouette(), 0.0, "silhouette with 1 and 4 threads");
            assertArrayEquals(one.gap(), four.gap(), 0.0, "gap with 1 and 4 threads");
            assertArrayEquals(one.gapError(), four.gapError(), 0.0, "s_k with 1 and 4 threads");
        } finally {
            Latent.setThreads(threads);
        }
    }

    @Test
    void kneeOfHandMadeCurves() {
        int[] x5 = {1, 2, 3, 4, 5};
        // scaled: y = 1, .2, .15, .1, 0 and x = 0, .25, .5, .75, 1, so D = 1 - y - x = 0, .55, .35, .15, 0;
        // the local maximum .55 at index 1 has limit .55 - 1/4 = .30, and D = .15 at index 3 falls below it
        assertEquals(1, ChooseK.knee(x5, new double[] {100, 20, 15, 10, 0}, 1.0), "sharp bend at index 1");
        // with S = 3 the limit is .55 - .75 < 0: D never falls below it
        assertEquals(-1, ChooseK.knee(x5, new double[] {100, 20, 15, 10, 0}, 3.0), "too insensitive for a knee");
        assertEquals(-1, ChooseK.knee(new int[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1}, 1.0), "a line has no knee");
        assertEquals(-1, ChooseK.knee(new int[] {1, 2}, new double[] {4, 1}, 1.0), "two points have no knee");
        int[] x6 = {0, 1, 2, 3, 4, 5};
        // y scaled = 1, .556, .5, .111, .056, 0 and x = 0, .2, .4, .6, .8, 1: D = 0, .244, .1, .289, .144, 0.
        // S = 1 (step .2): the limit .044 of index 1 is not reached before the next maximum, at index 3, whose
        // limit .089 is crossed by D = 0 at index 5. S = 0.5 (step .1): D = .1 at index 2 is below .144.
        double[] twoBends = {100, 60, 55, 20, 15, 10};
        assertEquals(3, ChooseK.knee(x6, twoBends, 1.0), "the first bend is too shallow at S = 1");
        assertEquals(1, ChooseK.knee(x6, twoBends, 0.5), "the first bend counts at S = 0.5");
        // scaling y does not move the knee
        assertEquals(1, ChooseK.knee(x5, new double[] {1e6, 2e5, 1.5e5, 1e5, 0}, 1.0), "scale-free");
    }

    @Test
    void gapRuleTakesSmallestKWithinOneErrorOfTheNext() {
        // gap(1) = .1 < gap(2) - s(2) = .5 - .1; gap(2) = .5 >= gap(3) - s(3) = .55 - .1
        assertEquals(1, ChooseK.gapChoice(new double[] {.1, .5, .55, .6}, new double[] {.1, .1, .1, .1}));
        assertEquals(3, ChooseK.gapChoice(new double[] {.1, .2, .3, .4}, new double[] {0, 0, 0, 0}),
                "a rising gap picks the largest k");
        assertEquals(0, ChooseK.gapChoice(new double[] {.3, .2}, new double[] {0, 0}), "a falling gap picks the first k");
    }

    @Test
    void rejectsBadOptionsAndData() {
        assertEquals("low must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> ChooseK.of(0, 3)).getMessage());
        assertEquals("high must be >= low (4), got 3",
                assertThrows(IllegalArgumentException.class, () -> ChooseK.of(4, 3)).getMessage());
        assertEquals("references must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> ChooseK.of(1, 3).withReferences(-1)).getMessage());
        Matrix tiny = Matrix.of(3, 1, 0, 1, 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChooseK.of(1, 5).fit(tiny)).getMessage()
                .startsWith("x must have at least 5 rows"), "too few rows for the largest k");
        Matrix nan = Matrix.of(3, 1, 0, Float.NaN, 2);
        assertEquals("x has NaN at row 1, column 0 (1 non-finite value in all)",
                assertThrows(IllegalArgumentException.class, () -> ChooseK.of(1, 2).fit(nan)).getMessage());
    }
}
