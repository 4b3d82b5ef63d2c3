package dev.latent.linalg;

import dev.latent.data.Matrix;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvdTest {

    static double[] random(int m, int n, long seed) {
        var rng = new SplittableRandom(seed);
        double[] a = new double[m * n];
        for (int i = 0; i < a.length; i++) a[i] = 2 * rng.nextDouble() - 1;
        return a;
    }

    /** Checks U S V^T = A, U^T U = I, V^T V = I and descending non-negative values, to tolerance tol. */
    static void assertValid(int m, int n, double[] a, Svd s, double tol) {
        int r = Math.min(m, n);
        assertEquals(r, s.r(), "r = min(m, n) expected");
        double[] u = s.uDouble(), v = s.vDouble(), w = s.values();
        double scale = 1;
        for (double x : a) scale = Math.max(scale, Math.abs(x));
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int c = 0; c < r; c++) sum += u[i * r + c] * w[c] * v[j * r + c];
                assertEquals(a[i * n + j], sum, tol * scale, "U S V^T must equal A at " + i + "," + j);
            }
        }
        assertOrthonormalColumns(m, r, u, tol, "U");
        assertOrthonormalColumns(n, r, v, tol, "V");
        for (int c = 0; c < r; c++) {
            assertTrue(w[c] >= 0, "non-negative singular values expected");
            if (c > 0) assertTrue(w[c - 1] >= w[c], "descending singular values expected");
        }
    }

    static void assertOrthonormalColumns(int rows, int r, double[] x, double tol, String name) {
        for (int p = 0; p < r; p++) {
            for (int q = 0; q < r; q++) {
                double sum = 0;
                for (int i = 0; i < rows; i++) sum += x[i * r + p] * x[i * r + q];
                assertEquals(p == q ? 1 : 0, sum, tol, name + "^T " + name + " = I expected at " + p + "," + q);
            }
        }
    }

    @Test void decomposesTallSquareAndWideRandomMatrices() {
        int[][] shapes = {{1, 1}, {5, 3}, {3, 5}, {20, 20}, {60, 7}, {7, 60}, {1, 6}, {6, 1}, {100, 40}};
        for (int[] sh : shapes) {
            double[] a = random(sh[0], sh[1], 31L * sh[0] + sh[1]);
            assertValid(sh[0], sh[1], a, Svd.of(sh[0], sh[1], a), 1e-12);
        }
    }

    @Test void singularValuesAreSquareRootsOfGramEigenvalues() {
        // a well-conditioned 30 x 8 matrix: A^T A has eigenvalues s_i^2 (computed independently by SymmetricEigen)
        int m = 30, n = 8;
        double[] a = random(m, n, 77);
        double[] gram = new double[n * n];
        for (int p = 0; p < n; p++) {
            for (int q = 0; q < n; q++) {
                double s = 0;
                for (int i = 0; i < m; i++) s += a[i * n + p] * a[i * n + q];
                gram[p * n + q] = s;
            }
        }
        double[] eig = SymmetricEigen.of(n, gram, n).values();
        double[] sv = Svd.of(m, n, a).values();
        for (int i = 0; i < n; i++) assertEquals(Math.sqrt(eig[i]), sv[i], 1e-12, "s_" + i + " = sqrt(eig) expected");
    }

    @Test void solvesSmallCasesByHand() {
        // [[3,0],[0,-4]]: singular values 4 and 3; v for 4 is e_1 (positive), so u is (0,-1)
        Svd s = Svd.of(Matrix.of(2, 2, 3, 0, 0, -4));
        assertArrayEquals(new double[] {4, 3}, s.values(), 1e-12, "4 and 3 expected");
        assertArrayEquals(new double[] {0, 1, -1, 0}, s.uDouble(), 1e-12, "U = [[0,1],[-1,0]] expected");
        assertArrayEquals(new double[] {0, 1, 1, 0}, s.vDouble(), 1e-12, "V = [[0,1],[1,0]] expected");
        // [[1,1],[1,1],[0,0]] has rank 1: singular values 2 and 0, v = (1,1)/sqrt2
        Svd t = Svd.of(Matrix.of(3, 2, 1, 1, 1, 1, 0, 0));
        assertArrayEquals(new double[] {2, 0}, t.values(), 1e-12, "2 and 0 expected");
        assertEquals(Math.sqrt(0.5), t.vDouble()[0], 1e-12, "v_1 = (1,1)/sqrt2 expected");
        assertEquals(Math.sqrt(0.5), t.vDouble()[2], 1e-12, "v_1 = (1,1)/sqrt2 expected");
    }

    @Test void rankDeficientMatricesStillHaveOrthonormalFactors() {
        // 12 x 6 of rank 2 (outer products), a matrix with zero columns, and the zero matrix
        int m = 12, n = 6;
        double[] x = random(m, 2, 4), y = random(2, n, 5);
        double[] a = new double[m * n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) a[i * n + j] = x[i * 2] * y[j] + x[i * 2 + 1] * y[n + j];
        Svd s = Svd.of(m, n, a);
        assertValid(m, n, a, s, 1e-12);
        for (int c = 2; c < n; c++) assertEquals(0, s.value(c), 1e-12, "zero singular value expected at " + c);
        double[] z = new double[8 * 5];
        for (int i = 0; i < 8; i++) z[i * 5 + 2] = i + 1;  // only column 2 non-zero
        assertValid(8, 5, z, Svd.of(8, 5, z), 1e-12);
        assertValid(4, 9, new double[36], Svd.of(4, 9, new double[36]), 1e-12);
        assertValid(9, 4, new double[36], Svd.of(9, 4, new double[36]), 1e-12);
        // rank 1, 50 x 30: x y^T, singular value |x| |y|
        double[] x1 = random(50, 1, 6), y1 = random(1, 30, 7);
        double[] r1 = new double[50 * 30];
        double nx = 0, ny = 0;
        for (int i = 0; i < 50; i++) nx += x1[i] * x1[i];
        for (int j = 0; j < 30; j++) ny += y1[j] * y1[j];
        for (int i = 0; i < 50; i++) for (int j = 0; j < 30; j++) r1[i * 30 + j] = x1[i] * y1[j];
        Svd one = Svd.of(50, 30, r1);
        assertValid(50, 30, r1, one, 1e-12);
        assertEquals(Math.sqrt(nx * ny), one.value(0), 1e-12, "|x| |y| expected");
        assertEquals(0, one.value(1), 1e-12, "rank 1 expected");
    }

    /** An m x n matrix with random entries in rows [0, rowsUsed) and columns [colsFrom, n), zeros elsewhere. */
    static double[] block(int m, int n, int rowsUsed, int colsFrom, long seed) {
        var rng = new SplittableRandom(seed);
        double[] a = new double[m * n];
        for (int i = 0; i < rowsUsed; i++) for (int j = colsFrom; j < n; j++) a[i * n + j] = 2 * rng.nextDouble() - 1;
        return a;
    }

    static double[] transpose(int m, int n, double[] a) {
        double[] t = new double[n * m];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) t[j * m + i] = a[i * n + j];
        return t;
    }

    @Test void completesNullSpaceVectorsThatAreNotAlignedWithTheAxes() {
        // Only some rows are non-zero, so QR leaves exactly zero rows in R while the null space of A is dense:
        // completing by the first unit vectors whose residual exceeds a fixed length ran out of unit vectors
        // (ArrayIndexOutOfBoundsException). 40 x 30 with 29 non-zero rows has one dense null vector.
        double[] one = block(40, 30, 29, 0, 11);
        Svd s = Svd.of(40, 30, one);
        assertValid(40, 30, one, s, 1e-12);
        assertEquals(0, s.value(29), 0, "one exactly zero singular value expected");
        // 300 x 100 with 40 zero columns and 50 non-zero rows: rank 50, and its transpose (the wide path)
        double[] a = block(300, 100, 50, 40, 12);
        Svd t = Svd.of(300, 100, a);
        assertValid(300, 100, a, t, 1e-12);
        assertTrue(t.value(49) > 0.1, "rank 50 expected");
        for (int c = 50; c < 100; c++) assertEquals(0, t.value(c), 0, "zero singular value expected at " + c);
        double[] at = transpose(300, 100, a);
        Svd w = Svd.of(100, 300, at);
        assertValid(100, 300, at, w, 1e-12);
        assertArrayEquals(t.values(), w.values(), 1e-12, "A and A^T have the same singular values");
    }

    @Test void keepsSmallSingularValuesAccurate() {
        // diag(1, 1e-9, 1e-14) rotated by exact orthogonal (Hadamard/2) factors: Jacobi recovers the tiny values
        double[] h = {1, 1, 1, 1, 1, -1, 1, -1, 1, 1, -1, -1, 1, -1, -1, 1};  // 4 x 4 Hadamard, H H^T = 4 I
        double[] d = {1, 1e-9, 1e-14, 0};
        double[] a = new double[16];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) {
            double sum = 0;
            for (int c = 0; c < 4; c++) sum += h[i * 4 + c] * 0.5 * d[c] * h[j * 4 + c] * 0.5;
            a[i * 4 + j] = sum;
        }
        double[] sv = Svd.of(4, 4, a).values();
        assertEquals(1, sv[0], 1e-15, "1 expected");
        assertEquals(1e-9, sv[1], 1e-9 * 1e-6, "1e-9 expected to 6 digits");
        assertEquals(1e-14, sv[2], 1e-14 * 0.02, "1e-14 expected to 2 digits");
    }

    @Test void decomposesGradedColumnsWithLargestColumnLast() {
        // columns scaled by 1e-6 .. 1e6: pivoting must reorder them and the permutation must be undone in V
        int m = 15, n = 7;
        double[] a = random(m, n, 21);
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) a[i * n + j] *= Math.pow(10, 2 * j - 6);
        Svd s = Svd.of(m, n, a);
        assertValid(m, n, a, s, 1e-12);
        // singular values track the column scales: s_0 ~ 1e6 |a_6|, s_6 ~ 1e-6 |a_0|
        assertTrue(s.value(0) > 1e5 && s.value(n - 1) < 1e-5, "graded singular values expected");
    }

    @Test void signRuleMakesLargestEntryOfEachRightVectorPositive() {
        Svd s = Svd.of(9, 5, random(9, 5, 8));
        double[] v = s.vDouble();
        for (int c = 0; c < 5; c++) {
            int best = 0;
            for (int i = 1; i < 5; i++) if (Math.abs(v[i * 5 + c]) > Math.abs(v[best * 5 + c])) best = i;
            assertTrue(v[best * 5 + c] > 0, "largest entry of v_" + c + " expected positive");
        }
    }

    @Test void floatMatrixInputGivesShapedFactors() {
        Matrix a = Matrix.of(2, 3, 1, 2, 3, 4, 5, 6);
        Svd s = Svd.of(a);
        assertEquals(2, s.u().rows(), "U is m x r");
        assertEquals(2, s.u().cols(), "U is m x r");
        assertEquals(3, s.v().rows(), "V is n x r");
        assertEquals(2, s.v().cols(), "V is n x r");
        // trace(A^T A) = 91 = s1^2 + s2^2
        assertEquals(91, s.value(0) * s.value(0) + s.value(1) * s.value(1), 1e-10, "sum of squares = 91 expected");
    }

    @Test void rejectsNonFiniteInput() {
        var e = assertThrows(IllegalArgumentException.class, () -> Svd.of(Matrix.of(1, 2, 1, Float.POSITIVE_INFINITY)));
        assertTrue(e.getMessage().startsWith("a has infinity at row 0, column 1"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> Svd.of(2, 2, new double[3]));
        assertEquals("a must hold m * n = 4 values, got 3", e2.getMessage());
    }
}
