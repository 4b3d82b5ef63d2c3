package dev.latent.clustering.hierarchical;

import dev.latent.data.Matrix;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectionTest {
    /** Rows near a few centres far from the origin, with exact duplicates: hard cases for the bound's slack. */
    private static float[] clumped(long seed, int n, int d, double offset, double spread) {
        var rng = new SplittableRandom(seed);
        float[] centres = new float[4 * d];
        for (int i = 0; i < centres.length; i++) centres[i] = (float) (offset + rng.nextGaussian() * 10);
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            if (i % 7 == 6) {  // a copy of the previous row
                System.arraycopy(v, (i - 1) * d, v, i * d, d);
                continue;
            }
            int c = rng.nextInt(4);
            for (int j = 0; j < d; j++) v[i * d + j] = (float) (centres[c * d + j] + rng.nextGaussian() * spread);
        }
        return v;
    }

    /** All bounds from {@code q} to positions 0..n-1, through the Vector API path (when enabled) or the scalar one. */
    private static float[] bounds(Projection p, float[] coords, float[] q, int n, boolean scalar) {
        float[] out = new float[Projection.blocks(n) * Projection.BLOCK];
        if (scalar) Projection.scalarLowerBounds(coords, p.m, q, 0, n, p.slack, out);
        else p.lowerBounds(coords, q, 0, n, out);
        return out;
    }

    @Test
    void boundNeverExceedsTheComputedSquaredDistance() {
        // Shapes with fewer columns than axes, about as many, and many more; offsets that make the rows'
        // norms dwarf their distances (1e4 against spreads of 1e-3) and duplicates (distance exactly 0).
        int[][] shapes = {{50, 1}, {60, 3}, {70, 31}, {70, 32}, {80, 33}, {90, 200}};
        double[][] scales = {{0, 1}, {1e4, 1e-3}, {-300, 0.5}};
        long seed = 1;
        for (int[] shape : shapes) {
            for (double[] scale : scales) {
                int n = shape[0], d = shape[1];
                float[] x = clumped(seed++, n, d, scale[0], scale[1]);
                Projection fine = Projection.of(x, n, d, Projection.FINE_COORDINATES);
                Projection p = fine.truncate(Projection.COORDINATES);
                float[] coords = new float[(int) Projection.floats(n, d, Projection.COORDINATES)];
                float[] rows = new float[n * fine.m];
                for (int i = 0; i < n; i++) {
                    p.project(x, i * d, coords, i);
                    fine.projectRow(x, i * d, rows, i);
                }
                float[] q = new float[p.m];
                float[] fineQ = new float[fine.m];
                for (int a = 0; a < n; a++) {
                    p.read(coords, a, q);
                    System.arraycopy(rows, a * fine.m, fineQ, 0, fine.m);
                    for (boolean scalar : new boolean[] {false, true}) {
                        float[] b = bounds(p, coords, q, n, scalar);
                        for (int t = 0; t < n; t++) {
                            double exact = Distances.squared(x, a * d, x, t * d, d);
                            assertTrue(b[t] <= exact && b[t] >= 0, "bound " + b[t] + " <= distance " + exact + " for rows "
                                    + a + ", " + t + " of " + n + " x " + d + " (offset " + scale[0] + ", scalar " + scalar + ")");
                            float f = fine.rowBound(rows, t, fineQ);
                            assertTrue(f <= exact && f >= 0, "fine bound " + f + " <= distance " + exact + " for rows "
                                    + a + ", " + t + " of " + n + " x " + d + " (offset " + scale[0] + ")");
                        }
                    }
                }
            }
        }
    }

    @Test
    void boundHoldsForCentroidsOfMergedRows() {
        // Centroids (size-weighted float means, as Centroids computes them) are projected afresh; their bounds to
        // the rows and to each other stay below the distances.
        int n = 120, d = 40;
        float[] x = clumped(5, n, d, 500, 2);
        Projection p = Projection.of(x, n, d, Projection.COORDINATES);
        Centroids centroids = new Centroids(x, n, d);
        var rng = new SplittableRandom(8);
        for (int step = 0; step < 60; step++) {
            int keep = 2 * step + 1, drop = rng.nextInt(keep);
            if (centroids.size[drop] == 0 || centroids.size[keep] == 0) continue;
            centroids.merge(keep, drop, false);
        }
        float[] coords = new float[(int) Projection.floats(n, d, Projection.COORDINATES)];
        for (int s = 0; s < n; s++) p.project(centroids.array(s), centroids.offset(s), coords, s);
        float[] q = new float[p.m];
        for (int s = 0; s < n; s++) {
            if (centroids.size[s] == 0) continue;
            p.read(coords, s, q);
            float[] b = bounds(p, coords, q, n, false);
            for (int t = 0; t < n; t++) {
                if (centroids.size[t] == 0) continue;
                double exact = centroids.squared(s, t);
                assertTrue(b[t] <= exact, "bound " + b[t] + " <= centroid distance " + exact + " for slots " + s + ", " + t);
            }
        }
    }

    @Test
    void boundCarriesMostOfTheDistanceWhenTheAxesCarryTheVariance() {
        // Rows on a 3-dimensional subspace of 50 columns: the leading axes span it, so the bound is the distance
        // up to the slack and the relative margins (1e-4 and 2e-5).
        var rng = new SplittableRandom(3);
        int n = 200, d = 50;
        float[] basis = new float[3 * d];
        for (int i = 0; i < basis.length; i++) basis[i] = (float) rng.nextGaussian();
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            double c0 = rng.nextGaussian() * 5, c1 = rng.nextGaussian() * 5, c2 = rng.nextGaussian() * 5;
            for (int j = 0; j < d; j++) x[i * d + j] = (float) (c0 * basis[j] + c1 * basis[d + j] + c2 * basis[2 * d + j]);
        }
        Projection p = Projection.of(x, n, d, Projection.COORDINATES);
        float[] coords = new float[(int) Projection.floats(n, d, Projection.COORDINATES)];
        for (int i = 0; i < n; i++) p.project(x, i * d, coords, i);
        float[] q = new float[p.m];
        p.read(coords, 0, q);
        float[] b = bounds(p, coords, q, n, false);
        for (int t = 1; t < n; t++) {
            double exact = Distances.squared(x, 0, x, t * d, d);
            assertTrue(b[t] >= exact * 0.999 - 1e-2, "bound " + b[t] + " close to " + exact + " for row " + t);
        }
    }

    @Test
    void coordinatesAreAxesThenResidualNormThenPadding() {
        // 3 columns: 3 axes span everything, so the residual norm (coordinate 3) is 0; 4 coordinates in all.
        // The coordinates are a rotation of the centred rows: their norm is the row's distance from the mean.
        Matrix m = Matrix.of(4, 3, 1, 2, 3, -1, 0, 2, 4, 4, 4, 0, -2, 1);
        float[] x = m.values();
        Projection p = Projection.of(x, 4, 3, Projection.COORDINATES);
        assertEquals(4, p.m, "3 axes and the residual");
        float[] coords = new float[(int) Projection.floats(4, 3, Projection.COORDINATES)];
        float[] q = new float[p.m];
        double[] mean = {1, 1, 2.5};
        for (int i = 0; i < 4; i++) {
            p.project(x, i * 3, coords, i);
            p.read(coords, i, q);
            double norm = 0, rotated = 0;
            for (int j = 0; j < 3; j++) norm += (x[i * 3 + j] - mean[j]) * (x[i * 3 + j] - mean[j]);
            for (int k = 0; k < 3; k++) rotated += (double) q[k] * q[k];
            assertEquals(norm, rotated, 1e-4, "rotation keeps the distance from the mean, row " + i);
            assertEquals(0, q[3], 1e-3, "no residual, row " + i);
        }
        assertEquals(8, Projection.coordinates(5, 32), "5 axes and the residual, padded to 8");
        assertEquals(32, Projection.coordinates(784, 32), "31 axes and the residual");
        assertEquals(128, Projection.coordinates(784, 128), "127 axes and the residual");
    }

    @Test
    void selectKeepsExactlyThePositionsAtOrBelowTheirLimit() {
        var rng = new SplittableRandom(17);
        int n = 75;   // not a whole number of blocks
        float[] bounds = new float[Projection.blocks(n) * Projection.BLOCK];
        float[] scale = new float[bounds.length];
        for (int p = 0; p < bounds.length; p++) {
            bounds[p] = rng.nextInt(10);
            scale[p] = rng.nextInt(5);
        }
        for (int from : new int[] {0, 16, 32}) {
            int[] vector = new int[n], scalar = new int[n];
            int count = Projection.select(bounds, scale, 1f, 2f, from, n, vector);
            int scalarCount = Projection.scalarSelect(bounds, scale, 1f, 2f, from, n, scalar);
            int expected = 0;
            for (int p = from; p < n; p++) {
                if (bounds[p] <= (scale[p] + 1) * 2) assertEquals(p, vector[from + expected++], "kept position");
            }
            assertEquals(expected, count, "kept count from " + from);
            assertEquals(expected, scalarCount, "scalar kept count from " + from);
            assertArrayEquals(java.util.Arrays.copyOfRange(vector, from, from + count),
                    java.util.Arrays.copyOfRange(scalar, from, from + count), "scalar and vector agree from " + from);
        }
    }
}
