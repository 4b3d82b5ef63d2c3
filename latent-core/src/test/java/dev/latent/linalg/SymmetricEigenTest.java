package dev.latent.linalg;

import dev.latent.data.Matrix;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SymmetricEigenTest {

    /** A random symmetric n x n matrix with entries in [-1, 1). */
    static Matrix randomSymmetric(int n, long seed) {
        var rng = new SplittableRandom(seed);
        Matrix a = Matrix.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                float v = (float) (2 * rng.nextDouble() - 1);
                a.set(i, j, v);
                a.set(j, i, v);
            }
        }
        return a;
    }

    /** max |A v_r - w_r v_r| and max |V V^T - I| over the kept pairs, in double. */
    static double[] residuals(Matrix a, SymmetricEigen e) {
        int n = a.rows(), k = e.k();
        double[] v = e.vectorsDouble();
        double[] w = e.values();
        double res = 0, orth = 0;
        for (int r = 0; r < k; r++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) s += a.get(i, j) * v[r * n + j];
                res = Math.max(res, Math.abs(s - w[r] * v[r * n + i]));
            }
            for (int q = 0; q < k; q++) {
                double s = 0;
                for (int j = 0; j < n; j++) s += v[r * n + j] * v[q * n + j];
                orth = Math.max(orth, Math.abs(s - (r == q ? 1 : 0)));
            }
        }
        return new double[] {res, orth};
    }

    @Test void diagonalMatrixHasItsDiagonalAsEigenvalues() {
        Matrix a = Matrix.of(4, 4, 3, 0, 0, 0, 0, -1, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0.5f);
        SymmetricEigen e = SymmetricEigen.of(a);
        assertArrayEquals(new double[] {7, 3, 0.5, -1}, e.values(), 1e-12, "sorted diagonal expected");
        // eigenvector of 7 is e_2, of 3 is e_0, of 0.5 is e_3, of -1 is e_1 (each positive by the sign rule)
        assertArrayEquals(new float[] {0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0},
                e.vectors().values(), 1e-12f, "unit vectors expected");
    }

    @Test void solvesTwoByTwoByHand() {
        // [[2,1],[1,2]]: eigenvalues 3 and 1, eigenvectors (1,1)/sqrt2 and (1,-1)/sqrt2 (sign: first entry on tie)
        SymmetricEigen e = SymmetricEigen.of(Matrix.of(2, 2, 2, 1, 1, 2));
        assertArrayEquals(new double[] {3, 1}, e.values(), 1e-12, "eigenvalues 3 and 1 expected");
        double h = Math.sqrt(0.5);
        assertArrayEquals(new double[] {h, h, h, -h}, e.vectorsDouble(), 1e-12, "(1,1)/sqrt2 and (1,-1)/sqrt2 expected");
    }

    @Test void solvesThreeByThreeByHand() {
        // [[2,-1,0],[-1,2,-1],[0,-1,2]] (1-D Laplacian): eigenvalues 2 + sqrt2, 2, 2 - sqrt2
        SymmetricEigen e = SymmetricEigen.of(Matrix.of(3, 3, 2, -1, 0, -1, 2, -1, 0, -1, 2));
        double s = Math.sqrt(2);
        assertArrayEquals(new double[] {2 + s, 2, 2 - s}, e.values(), 1e-12, "2 +- sqrt2 and 2 expected");
        // eigenvector of 2 is (1, 0, -1)/sqrt2; of 2 + sqrt2 is (1, -sqrt2, 1)/2, sign: -sqrt2/2 is largest, made positive
        double h = Math.sqrt(0.5);
        double[] v = e.vectorsDouble();
        assertArrayEquals(new double[] {-0.5, h, -0.5}, java.util.Arrays.copyOfRange(v, 0, 3), 1e-12,
                "(-1, sqrt2, -1)/2 expected for 2 + sqrt2");
        assertArrayEquals(new double[] {h, 0, -h}, java.util.Arrays.copyOfRange(v, 3, 6), 1e-12,
                "(1, 0, -1)/sqrt2 expected for 2");
    }

    @Test void randomSymmetricMatrixSatisfiesEigenEquationAndOrthonormality() {
        for (int n : new int[] {1, 2, 3, 5, 17, 64, 150}) {
            Matrix a = randomSymmetric(n, 100 + n);
            SymmetricEigen e = SymmetricEigen.of(a);
            double[] r = residuals(a, e);
            assertTrue(r[0] < 1e-12 * n, "A v = w v expected for n = " + n + ", residual " + r[0]);
            assertTrue(r[1] < 1e-13 * n, "orthonormal eigenvectors expected for n = " + n + ", error " + r[1]);
            double[] w = e.values();
            for (int i = 1; i < n; i++) assertTrue(w[i - 1] >= w[i], "descending eigenvalues expected");
            double trace = 0, sum = 0;
            for (int i = 0; i < n; i++) {
                trace += a.get(i, i);
                sum += w[i];
            }
            assertEquals(trace, sum, 1e-12 * n, "eigenvalues must add up to the trace");
        }
    }

    @Test void handlesRepeatedEigenvaluesAndRankDeficiency() {
        // B = X X^T with X 40 x 3: rank 3, so 37 eigenvalues are 0 (repeated), plus the identity added to half
        int n = 40;
        var rng = new SplittableRandom(5);
        double[] x = new double[n * 3];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble() - 0.5;
        Matrix a = Matrix.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < 3; c++) s += x[i * 3 + c] * x[j * 3 + c];
                a.set(i, j, (float) s);
            }
        }
        // make it exactly symmetric in float
        for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) a.set(i, j, a.get(j, i));
        SymmetricEigen e = SymmetricEigen.of(a);
        double[] r = residuals(a, e);
        assertTrue(r[0] < 1e-12 * n, "A v = w v expected, residual " + r[0]);
        assertTrue(r[1] < 1e-12, "orthonormal eigenvectors expected, error " + r[1]);
        for (int i = 3; i < n; i++) assertEquals(0, e.value(i), 1e-6, "zero eigenvalue expected at " + i);
        assertTrue(e.value(2) > 1e-3, "three non-zero eigenvalues expected");
    }

    @Test void topKMatchesTheFirstKOfTheFullDecomposition() {
        Matrix a = randomSymmetric(30, 9);
        SymmetricEigen all = SymmetricEigen.of(a);
        SymmetricEigen top = SymmetricEigen.of(a, 4);
        assertEquals(4, top.k(), "four pairs expected");
        assertArrayEquals(java.util.Arrays.copyOf(all.values(), 4), top.values(), 0, "same top values expected");
        assertArrayEquals(java.util.Arrays.copyOf(all.vectorsDouble(), 4 * 30), top.vectorsDouble(), 0,
                "same top vectors expected");
        assertEquals(4, top.vectors().rows(), "k x n vectors expected");
        assertEquals(30, top.vectors().cols(), "k x n vectors expected");
    }

    @Test void doubleInputGivesSameResultAsFloatInput() {
        Matrix a = randomSymmetric(12, 3);
        double[] d = new double[144];
        for (int i = 0; i < 144; i++) d[i] = a.values()[i];
        assertArrayEquals(SymmetricEigen.of(a).values(), SymmetricEigen.of(12, d, 12).values(), 0,
                "same eigenvalues expected");
    }

    @Test void signRuleMakesLargestEntryPositive() {
        SymmetricEigen e = SymmetricEigen.of(randomSymmetric(20, 4));
        double[] v = e.vectorsDouble();
        for (int r = 0; r < 20; r++) {
            int best = 0;
            for (int j = 1; j < 20; j++) if (Math.abs(v[r * 20 + j]) > Math.abs(v[r * 20 + best])) best = j;
            assertTrue(v[r * 20 + best] > 0, "largest entry of vector " + r + " expected positive");
        }
    }

    @Test void resultDoesNotDependOnThreadCount() {
        Matrix a = randomSymmetric(260, 17);
        int before = dev.latent.Latent.threads();
        try {
            dev.latent.Latent.setThreads(1);
            SymmetricEigen one = SymmetricEigen.of(a);
            dev.latent.Latent.setThreads(4);
            SymmetricEigen four = SymmetricEigen.of(a);
            assertArrayEquals(one.values(), four.values(), 0, "identical eigenvalues expected");
            assertArrayEquals(one.vectorsDouble(), four.vectorsDouble(), 0, "identical eigenvectors expected");
            double[] r = residuals(a, four);
            assertTrue(r[0] < 1e-12 * 260 && r[1] < 1e-13 * 260, "valid decomposition expected, got " + r[0] + ", " + r[1]);
        } finally {
            dev.latent.Latent.setThreads(before);
        }
    }

    @Test void emptyMatrixHasNoEigenpairs() {
        assertEquals(0, SymmetricEigen.of(Matrix.zeros(0, 0)).values().length, "no eigenvalues expected");
    }

    @Test void rejectsBadInput() {
        var e1 = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(Matrix.zeros(2, 3)));
        assertEquals("a must be square, got 2 x 3", e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(Matrix.of(2, 2, 1, 2, 3, 4)));
        assertEquals("a must be symmetric, got a[0][1] = 2.0 and a[1][0] = 3.0", e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(Matrix.zeros(3, 3), 4));
        assertEquals("k must be <= 3, got 4", e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class,
                () -> SymmetricEigen.of(Matrix.of(1, 1, Float.NaN)));
        assertTrue(e4.getMessage().startsWith("a has NaN at row 0, column 0"), e4.getMessage());
    }
}
