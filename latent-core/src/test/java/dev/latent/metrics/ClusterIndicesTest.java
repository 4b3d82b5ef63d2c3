package dev.latent.metrics;

import dev.latent.data.Matrix;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Davies-Bouldin and Calinski-Harabasz. */
class ClusterIndicesTest {

    @Test
    void daviesBouldinOfTwoClustersOnALine() {
        // {0, 2} centroid 1, scatter (1 + 1) / 2 = 1; {10, 14} centroid 12, scatter (2 + 2) / 2 = 2;
        // centroid distance 11; both ratios (1 + 2) / 11, so DB = 3/11
        assertEquals(3.0 / 11, DaviesBouldin.score(Matrix.of(4, 1, 0, 2, 10, 14), new int[] {0, 0, 1, 1}), 1e-12,
                "3/11");
    }

    @Test
    void daviesBouldinTakesTheWorstRatioPerCluster() {
        // A {0, 2}: c 1, s 1.  B {10, 14}: c 12, s 2.  C {30, 30, 33}: c 31, s (1 + 1 + 2) / 3 = 4/3.
        // R_AB = 3/11, R_AC = (7/3) / 30 = 7/90, R_BC = (10/3) / 19 = 10/57.
        // worst: A -> 3/11, B -> max(3/11, 10/57) = 3/11, C -> max(7/90, 10/57) = 10/57
        Matrix x = Matrix.of(7, 1, 0, 2, 10, 14, 30, 30, 33);
        assertEquals((3.0 / 11 + 3.0 / 11 + 10.0 / 57) / 3, DaviesBouldin.score(x, new int[] {0, 0, 1, 1, 2, 2, 2}),
                1e-12, "(6/11 + 10/57) / 3");
    }

    @Test
    void daviesBouldinInTwoDimensions() {
        // (0,0),(0,2) | (10,0),(10,2): scatters 1 and 1, centroids (0,1) and (10,1) 10 apart: DB = 2/10
        Matrix x = Matrix.of(4, 2, 0, 0, 0, 2, 10, 0, 10, 2);
        assertEquals(0.2, DaviesBouldin.score(x, new int[] {0, 0, 1, 1}), 1e-12, "0.2");
    }

    @Test
    void daviesBouldinIsZeroForTightClusters() {
        // every point on its centroid: all scatters 0
        Matrix x = Matrix.of(4, 1, 1, 1, 5, 5);
        assertEquals(0.0, DaviesBouldin.score(x, new int[] {0, 0, 1, 1}), 0, "no scatter");
    }

    @Test
    void calinskiHarabaszOfTwoClustersOnALine() {
        // overall mean 26/4 = 6.5; centroids 1 and 12: B = 2 (5.5)^2 + 2 (5.5)^2 = 121;
        // W = 1 + 1 + 4 + 4 = 10; CH = (121 / 1) / (10 / 2) = 24.2
        assertEquals(24.2, CalinskiHarabasz.score(Matrix.of(4, 1, 0, 2, 10, 14), new int[] {0, 0, 1, 1}), 1e-12,
                "24.2");
    }

    @Test
    void calinskiHarabaszInTwoDimensions() {
        // overall mean (5,1), centroids (0,1) and (10,1): B = 2 * 25 + 2 * 25 = 100; W = 4 * 1 = 4;
        // CH = (100 / 1) / (4 / 2) = 50
        Matrix x = Matrix.of(4, 2, 0, 0, 0, 2, 10, 0, 10, 2);
        assertEquals(50.0, CalinskiHarabasz.score(x, new int[] {0, 0, 1, 1}), 1e-12, "50");
        // with three clusters {(0,0),(0,2)}, {(10,0)}, {(10,2)}: B = 2 * 25 + 26 + 26 = 102, W = 2,
        // CH = (102 / 2) / (2 / 1) = 25.5
        assertEquals(25.5, CalinskiHarabasz.score(x, new int[] {0, 0, 1, 2}), 1e-12, "25.5");
    }

    @Test
    void calinskiHarabaszIsOneWithoutWithinClusterDispersion() {
        assertEquals(1.0, CalinskiHarabasz.score(Matrix.of(4, 1, 1, 1, 5, 5), new int[] {0, 0, 1, 1}), 0,
                "scikit-learn's convention for W = 0");
    }

    @Test
    void relabellingClustersDoesNotChangeEitherIndex() {
        SplittableRandom rng = new SplittableRandom(31);
        for (int trial = 0; trial < 5; trial++) {
            Matrix x = SilhouetteTest.randomMatrix(rng, 80, 4, 2f);
            int[] labels = LabelMetricsTest.randomLabels(rng, 80, 5);
            labels[0] = 0;
            labels[1] = 1;
            int[] renamed = LabelMetricsTest.relabel(rng, labels, 5);
            assertEquals(DaviesBouldin.score(x, labels), DaviesBouldin.score(x, renamed), 1e-12, "DB unchanged");
            assertEquals(CalinskiHarabasz.score(x, labels), CalinskiHarabasz.score(x, renamed), 1e-9,
                    "CH unchanged");
        }
    }

    @Test
    void badInputIsRejected() {
        Matrix x = Matrix.of(3, 1, 0, 1, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> DaviesBouldin.score(x, new int[] {0, 0, 0}));
        assertEquals("labels must name between 2 and n - 1 = 2 clusters, got 1 distinct labels for 3 rows",
                e.getMessage(), "one cluster");
        e = assertThrows(IllegalArgumentException.class, () -> CalinskiHarabasz.score(x, new int[] {0, 1, 2}));
        assertEquals("labels must name between 2 and n - 1 = 2 clusters, got 3 distinct labels for 3 rows",
                e.getMessage(), "n clusters");
        e = assertThrows(IllegalArgumentException.class, () -> CalinskiHarabasz.score(x, new int[] {0, 1}));
        assertEquals("labels must have one entry per row of x (3), got 2", e.getMessage(), "wrong length");
        Matrix inf = Matrix.of(3, 1, 0, Float.POSITIVE_INFINITY, 2);
        e = assertThrows(IllegalArgumentException.class, () -> DaviesBouldin.score(inf, new int[] {0, 0, 1}));
        assertEquals("x has infinity at row 1, column 0 (1 non-finite value in all)", e.getMessage(), "inf named");
        e = assertThrows(IllegalArgumentException.class, () -> DaviesBouldin.score(null, new int[] {0, 0, 1}));
        assertEquals("x must not be null", e.getMessage(), "null x");
    }
}
