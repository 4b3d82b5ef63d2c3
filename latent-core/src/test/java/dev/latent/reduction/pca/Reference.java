package dev.latent.reduction.pca;

import dev.latent.data.Matrix;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Test truth for PCA: a covariance computed naively in double and a cyclic Jacobi eigensolver, plus test data. */
final class Reference {
    private Reference() {}

    /** Eigenvalues (descending) and unit eigenvectors (rows, in the same order) of a symmetric matrix. */
    record Eigen(double[] values, double[][] vectors) {}

    /** Column means in double. */
    static double[] mean(Matrix x) {
        int n = x.rows(), d = x.cols();
        double[] m = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) m[j] += x.get(i, j);
        for (int j = 0; j < d; j++) m[j] /= n;
        return m;
    }

    /** The sample covariance (dividing by n - 1), two passes in double. */
    static double[][] covariance(Matrix x) {
        int n = x.rows(), d = x.cols();
        double[] m = mean(x);
        double[][] c = new double[d][d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) row[j] = x.get(i, j) - m[j];
            for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) c[a][b] += row[a] * row[b];
        }
        for (double[] r : c) for (int b = 0; b < d; b++) r[b] /= n - 1;
        return c;
    }

    /** Cyclic Jacobi rotations until the off-diagonal part vanishes; the matrix is copied. */
    static Eigen eigen(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) a[i] = matrix[i].clone();
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) v[i][i] = 1;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, all = 0;
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    all += a[p][q] * a[p][q];
                    if (p != q) off += a[p][q] * a[p][q];
                }
            }
            if (off <= 1e-30 * all) break;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0) continue;
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++) {       // A J
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {       // J^T (A J)
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {       // V J
                        double vkp = v[k][p], vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int r = 0; r < n; r++) {
            values[r] = a[order[r]][order[r]];
            for (int k = 0; k < n; k++) vectors[r][k] = v[k][order[r]];
        }
        return new Eigen(values, vectors);
    }

    /**
     * {@code n} rows {@code offset + sum_j z_j scales[j] r_j} with standard normal {@code z} and orthonormal
     * random directions {@code r_j} in {@code d} dimensions (so the covariance has eigenvalues {@code scales^2}
     * up to sampling noise, and rank {@code scales.length}).
     */
    static Matrix gaussian(SplittableRandom rng, int n, int d, double[] scales, double offset) {
        double[][] dirs = orthonormal(rng, scales.length, d);
        double[] shift = new double[d];
        for (int j = 0; j < d; j++) shift[j] = offset * (1 + rng.nextDouble());
        float[] v = new float[n * d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(shift, 0, row, 0, d);
            for (int c = 0; c < scales.length; c++) {
                double z = rng.nextGaussian() * scales[c];
                for (int j = 0; j < d; j++) row[j] += z * dirs[c][j];
            }
            for (int j = 0; j < d; j++) v[i * d + j] = (float) row[j];
        }
        return Matrix.wrap(n, d, v);
    }

    /** {@code k} random orthonormal vectors of length {@code d} (Gram-Schmidt twice on Gaussian vectors). */
    static double[][] orthonormal(SplittableRandom rng, int k, int d) {
        double[][] q = new double[k][d];
        for (int r = 0; r < k; r++) {
            for (int j = 0; j < d; j++) q[r][j] = rng.nextGaussian();
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < r; p++) {
                    double dot = dot(q[r], q[p]);
                    for (int j = 0; j < d; j++) q[r][j] -= dot * q[p][j];
                }
            }
            double norm = Math.sqrt(dot(q[r], q[r]));
            for (int j = 0; j < d; j++) q[r][j] /= norm;
        }
        return q;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += a[j] * b[j];
        return s;
    }

    static double[] row(Matrix m, int i) {
        double[] r = new double[m.cols()];
        for (int j = 0; j < r.length; j++) r[j] = m.get(i, j);
        return r;
    }

    /** Geometrically decaying scales {@code first * ratio^j}, {@code count} of them. */
    static double[] geometric(int count, double first, double ratio) {
        double[] s = new double[count];
        for (int j = 0; j < count; j++) s[j] = first * Math.pow(ratio, j);
        return s;
    }
}
