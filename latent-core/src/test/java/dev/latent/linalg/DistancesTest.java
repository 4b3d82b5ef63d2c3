package dev.latent.linalg;

import dev.latent.Latent;
import dev.latent.data.Matrix;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DistancesTest {

    static Matrix random(int n, int d, long seed) {
        var rng = new SplittableRandom(seed);
        Matrix x = Matrix.zeros(n, d);
        float[] v = x.values();
        for (int i = 0; i < v.length; i++) v[i] = (float) (4 * rng.nextDouble() - 2);
        return x;
    }

    static double naive(Matrix x, int i, Matrix y, int j) {
        double s = 0;
        for (int c = 0; c < x.cols(); c++) {
            double t = (double) x.get(i, c) - y.get(j, c);
            s += t * t;
        }
        return s;
    }

    @Test void squaredMatchesHandComputedCase() {
        // (1,2,3,4,5) vs (2,0,3,1,5) at offsets 1 and 2: differences -1, 2, 0, 3, 0 -> 1 + 4 + 9 = 14
        float[] x = {9, 1, 2, 3, 4, 5};
        float[] y = {7, 7, 2, 0, 3, 1, 5};
        assertEquals(14.0, Distances.squared(x, 1, y, 2, 5), 0, "14 expected");
        assertEquals(0.0, Distances.squared(x, 1, y, 2, 0), 0, "empty vectors are at distance 0");
    }

    @Test void squaredMatchesNaiveLoopForEveryLength() {
        Matrix x = random(2, 37, 1);
        for (int d = 0; d <= 37; d++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                double t = (double) x.get(0, c) - x.get(1, c);
                s += t * t;
            }
            assertEquals(s, Distances.squared(x.values(), 0, x.values(), 37, d), 1e-12 * (1 + s), "naive sum expected, d = " + d);
        }
    }

    @Test void rowSquaredNormsMatchNaiveLoop() {
        Matrix x = random(13, 9, 2);
        float[] norms = Distances.rowSquaredNorms(x);
        for (int i = 0; i < 13; i++) {
            double s = 0;
            for (int c = 0; c < 9; c++) s += (double) x.get(i, c) * x.get(i, c);
            assertEquals((float) s, norms[i], "norm of row " + i + " expected");
        }
    }

    @Test void pairwiseSquaredMatchesNaiveLoops() {
        Matrix x = random(150, 21, 3), y = random(70, 21, 4);
        Matrix dist = Distances.pairwiseSquared(x, y);
        assertEquals(150, dist.rows(), "n x m expected");
        assertEquals(70, dist.cols(), "n x m expected");
        for (int i = 0; i < 150; i++) {
            for (int j = 0; j < 70; j++) {
                // the GEMM expansion errs by about d * 2^-24 * (|x|^2 + |y|^2); |x|^2 <= 21 * 4 here
                assertEquals(naive(x, i, y, j), dist.get(i, j), 1e-4, "distance " + i + "," + j + " expected");
            }
        }
    }

    @Test void pairwiseSquaredOfOneMatrixIsSymmetricWithZeroDiagonalAndNonNegative() {
        Matrix x = random(40, 5, 5);
        Matrix dup = Matrix.zeros(41, 5);
        System.arraycopy(x.values(), 0, dup.values(), 0, 200);
        System.arraycopy(x.values(), 0, dup.values(), 200, 5);   // row 40 duplicates row 0
        Matrix dist = Distances.pairwiseSquared(dup);
        for (int i = 0; i < 41; i++) {
            assertEquals(0f, dist.get(i, i), "zero diagonal expected");
            for (int j = 0; j < 41; j++) {
                assertEquals(dist.get(i, j), dist.get(j, i), "symmetry expected");
                assertEquals(naive(dup, i, dup, j), dist.get(i, j), 1e-4, "distance " + i + "," + j + " expected");
                assertEquals(true, dist.get(i, j) >= 0, "non-negative distance expected");
            }
        }
    }

    @Test void pairwiseSquaredDoesNotDependOnThreadCount() {
        Matrix x = random(300, 17, 6), y = random(90, 17, 7);
        int before = Latent.threads();
        try {
            Latent.setThreads(1);
            Matrix one = Distances.pairwiseSquared(x, y);
            Latent.setThreads(4);
            Matrix four = Distances.pairwiseSquared(x, y);
            assertArrayEquals(one.values(), four.values(), "identical distances expected");
        } finally {
            Latent.setThreads(before);
        }
    }

    @Test void rejectsColumnMismatch() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Distances.pairwiseSquared(Matrix.zeros(2, 3), Matrix.zeros(2, 4)));
        assertEquals("y must have 3 columns, got 4", e.getMessage());
    }
}
