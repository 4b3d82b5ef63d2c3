package dev.latent.linalg;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;

/**
 * The thin singular value decomposition {@code A = U diag(s) V^T} of an {@code m x n} matrix, computed in
 * double precision by one-sided Jacobi rotations.
 * <p>With {@code r = min(m, n)}, {@link #u()} is {@code m x r} and {@link #v()} is {@code n x r}, both with
 * orthonormal <em>columns</em>, and the singular values are sorted in descending order. The sign of each
 * pair is fixed so that the entry of largest magnitude of each right singular vector (the first one, if
 * several tie) is positive. When {@code A} is rank deficient, the columns of {@code U} for zero singular
 * values are completed to an orthonormal set (by Gram-Schmidt against the unit vectors), so {@code U^T U = I}
 * always holds.
 * <p>A wide matrix is handled through its transpose. A tall matrix ({@code m > n}) is first factored as
 * {@code A = QR} with Householder reflections ({@code 2mn^2} flops); the Jacobi sweeps then run on the
 * {@code n x n} factor R, and U is formed by applying Q ({@code 4mn^2} flops). Each Jacobi sweep visits
 * every pair of columns, orthogonalizes them with one rotation (about {@code 8n^3} flops per sweep on R),
 * and the method stops after the first sweep in which every pair satisfies
 * {@code |g_p . g_q| <= sqrt(rows) * eps * |g_p| |g_q|}; about 6 to 10 sweeps are usual. Memory is about
 * {@code 2mn + 2n^2} doubles. Jacobi computes small singular values to high relative accuracy, unlike an
 * eigendecomposition of {@code A^T A}, which squares the condition number (that shortcut is not used here).
 * <p>Reference: M. R. Hestenes, "Inversion of matrices by biorthogonalization and related results",
 * J. SIAM 6(1), 1958; J. Demmel and K. Veselic, "Jacobi's method is more accurate than QR", SIAM J. Matrix
 * Anal. Appl. 13(4), 1992; G. H. Golub and C. F. Van Loan, "Matrix Computations", 4th ed., 2013, sections
 * 5.2 (Householder QR) and 8.5 (Jacobi methods).
 */
public final class Svd {
    private static final double EPS = Math.ulp(1.0);
    private static final int MAX_SWEEPS = 80;

    private final int m;
    private final int n;
    private final int r;
    private final double[] values;   // r, descending
    private final double[] u;        // m x r, row-major
    private final double[] v;        // n x r, row-major
    private final int sweeps;

    private Svd(int m, int n, double[] values, double[] u, double[] v, int sweeps) {
        this.m = m;
        this.n = n;
        this.r = values.length;
        this.values = values;
        this.u = u;
        this.v = v;
        this.sweeps = sweeps;
    }

    /**
     * The thin SVD of {@code a}.
     * @throws IllegalArgumentException if {@code a} holds a non-finite value
     */
    public static Svd of(Matrix a) {
        Check.notNull("a", a);
        Check.finite("a", a);
        float[] x = a.values();
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return compute(a.rows(), a.cols(), d);
    }

    /**
     * The thin SVD of the {@code m x n} matrix held row-major in {@code a}, which is not modified.
     * @throws IllegalArgumentException if {@code a} does not hold {@code m * n} finite values
     */
    public static Svd of(int m, int n, double[] a) {
        Check.atLeast("m", m, 0);
        Check.atLeast("n", n, 0);
        Check.notNull("a", a);
        Check.argument(a.length == (long) m * n, "a must hold m * n = " + ((long) m * n) + " values, got " + a.length);
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException("a has " + a[i] + " at row " + (i / n) + ", column " + (i % n));
            }
        }
        return compute(m, n, a);
    }

    /** Rows of the decomposed matrix. */
    public int m() {
        return m;
    }

    /** Columns of the decomposed matrix. */
    public int n() {
        return n;
    }

    /** The number of singular triplets, {@code min(m, n)}. */
    public int r() {
        return r;
    }

    /** The Jacobi sweeps that were run (at most 80; the last one made no rotation unless the cap was hit). */
    public int sweeps() {
        return sweeps;
    }

    /** The singular values, largest first (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** The {@code i}-th largest singular value. */
    public double value(int i) {
        Check.index("i", i, r);
        return values[i];
    }

    /** The left singular vectors as the columns of an {@code m x r} float matrix. */
    public Matrix u() {
        return toMatrix(m, r, u);
    }

    /** The right singular vectors as the columns of an {@code n x r} float matrix. */
    public Matrix v() {
        return toMatrix(n, r, v);
    }

    /** The left singular vectors in double precision, {@code m x r} row-major (a copy). */
    public double[] uDouble() {
        return u.clone();
    }

    /** The right singular vectors in double precision, {@code n x r} row-major (a copy). */
    public double[] vDouble() {
        return v.clone();
    }

    private static Matrix toMatrix(int rows, int cols, double[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) x[i];
        return Matrix.wrap(rows, cols, out);
    }

    /** Computes the SVD of the row-major {@code m x n} matrix {@code a} (not modified). */
    private static Svd compute(int m, int n, double[] a) {
        boolean wide = m < n;
        int rows = wide ? n : m;      // the tall orientation: rows x cols with rows >= cols
        int cols = wide ? m : n;
        // g[j] = column j of the tall matrix, i.e. row j of its transpose.
        double[] g = new double[cols * rows];
        if (wide) {
            System.arraycopy(a, 0, g, 0, a.length);       // columns of A^T are the rows of A
        } else {
            for (int i = 0; i < m; i++) {
                int row = i * n;
                for (int j = 0; j < n; j++) g[j * m + i] = a[row + j];
            }
        }
        double[] uRows;   // cols x rows: row j = left singular vector j of the tall matrix
        double[] vRows;   // cols x cols: row j = right singular vector j
        double[] sigma = new double[cols];
        int sweeps;
        if (rows > cols) {
            double[] beta = new double[cols];
            double[] rCols = householderQr(rows, cols, g, beta);   // cols x cols, row j = column j of R
            vRows = identity(cols);
            sweeps = jacobi(cols, cols, rCols, vRows);
            double[] small = normalize(cols, cols, rCols, sigma);
            uRows = new double[cols * rows];
            for (int j = 0; j < cols; j++) System.arraycopy(small, j * cols, uRows, j * rows, cols);
            applyQ(rows, cols, g, beta, uRows);
        } else {
            vRows = identity(cols);
            sweeps = jacobi(rows, cols, g, vRows);
            uRows = normalize(rows, cols, g, sigma);
        }
        // Sort by singular value, descending; ties keep the lower column first.
        Integer[] order = new Integer[cols];
        for (int j = 0; j < cols; j++) order[j] = j;
        java.util.Arrays.sort(order, (p, q) -> {
            int c = Double.compare(sigma[q], sigma[p]);
            return c != 0 ? c : Integer.compare(p, q);
        });
        // Map back: tall = A gives U = uRows^T, V = vRows^T; tall = A^T gives U = vRows^T, V = uRows^T.
        double[] leftRows = wide ? vRows : uRows;
        double[] rightRows = wide ? uRows : vRows;
        int mLen = m, nLen = n;
        double[] values = new double[cols];
        double[] u = new double[m * cols];
        double[] v = new double[n * cols];
        for (int c = 0; c < cols; c++) {
            int src = order[c];
            values[c] = sigma[src];
            int lo = src * mLen, ro = src * nLen;
            int best = ro;
            for (int j = ro + 1; j < ro + nLen; j++) if (Math.abs(rightRows[j]) > Math.abs(rightRows[best])) best = j;
            double sign = nLen > 0 && rightRows[best] < 0 ? -1 : 1;
            for (int i = 0; i < mLen; i++) u[i * cols + c] = sign * leftRows[lo + i];
            for (int i = 0; i < nLen; i++) v[i * cols + c] = sign * rightRows[ro + i];
        }
        return new Svd(m, n, values, u, v, sweeps);
    }

    private static double[] identity(int n) {
        double[] x = new double[n * n];
        for (int i = 0; i < n; i++) x[i * n + i] = 1;
        return x;
    }

    /**
     * Householder QR of the tall matrix whose columns are the rows of {@code g} ({@code cols} rows of length
     * {@code rows}). Leaves in row j of {@code g}, columns {@code j+1 ..}, the vector {@code v_j} (with
     * {@code v_j[j] = 1}) of {@code H_j = I - beta[j] v_j v_j^T}, and returns R by columns.
     */
    private static double[] householderQr(int rows, int cols, double[] g, double[] beta) {
        double[] rCols = new double[cols * cols];
        for (int j = 0; j < cols; j++) {
            int gj = j * rows;
            double scale = 0;
            for (int i = j; i < rows; i++) scale = Math.max(scale, Math.abs(g[gj + i]));
            double diag;
            if (scale == 0) {
                diag = 0;
                beta[j] = 0;
            } else {
                double x0 = g[gj + j] / scale;
                double sigma = 0;
                for (int i = j + 1; i < rows; i++) {
                    double xi = g[gj + i] / scale;
                    g[gj + i] = xi;
                    sigma += xi * xi;
                }
                if (sigma == 0) {
                    diag = x0 * scale;
                    beta[j] = 0;
                } else {
                    double mu = Math.sqrt(x0 * x0 + sigma);
                    double v0 = x0 <= 0 ? x0 - mu : -sigma / (x0 + mu);
                    beta[j] = 2 * v0 * v0 / (sigma + v0 * v0);
                    double inv = 1 / v0;
                    for (int i = j + 1; i < rows; i++) g[gj + i] *= inv;
                    diag = mu * scale;
                }
            }
            g[gj + j] = 1;
            double b = beta[j];
            if (b != 0) {
                for (int c = j + 1; c < cols; c++) {
                    int gc = c * rows;
                    double dot = g[gc + j];
                    for (int i = j + 1; i < rows; i++) dot += g[gj + i] * g[gc + i];
                    double t = b * dot;
                    g[gc + j] -= t;
                    for (int i = j + 1; i < rows; i++) g[gc + i] -= t * g[gj + i];
                }
            }
            // Column j of R: entries above the diagonal were finished by earlier reflections.
            System.arraycopy(g, gj, rCols, j * cols, j);
            rCols[j * cols + j] = diag;
        }
        return rCols;
    }

    /** Replaces each row u (length {@code cols}, zero-padded to {@code rows}) of {@code uRows} by {@code Q u}. */
    private static void applyQ(int rows, int cols, double[] g, double[] beta, double[] uRows) {
        for (int c = 0; c < cols; c++) {
            int uc = c * rows;
            for (int j = cols - 1; j >= 0; j--) {
                double b = beta[j];
                if (b == 0) continue;
                int gj = j * rows;
                double dot = uRows[uc + j];
                for (int i = j + 1; i < rows; i++) dot += g[gj + i] * uRows[uc + i];
                double t = b * dot;
                uRows[uc + j] -= t;
                for (int i = j + 1; i < rows; i++) uRows[uc + i] -= t * g[gj + i];
            }
        }
    }

    /**
     * Cyclic one-sided Jacobi on the {@code cols} rows (length {@code len}) of {@code g}, applying the same
     * rotations to the rows of {@code vRows}; returns the number of sweeps run.
     */
    private static int jacobi(int len, int cols, double[] g, double[] vRows) {
        double tol = Math.sqrt(Math.max(len, 1)) * EPS;
        double[] norm2 = new double[cols];
        for (int sweep = 1; sweep <= MAX_SWEEPS; sweep++) {
            for (int j = 0; j < cols; j++) norm2[j] = dot(g, j * len, g, j * len, len);
            int rotations = 0;
            for (int p = 0; p < cols - 1; p++) {
                int gp = p * len;
                for (int q = p + 1; q < cols; q++) {
                    int gq = q * len;
                    double alpha = norm2[p], beta = norm2[q];
                    double gamma = dot(g, gp, g, gq, len);
                    if (!(Math.abs(gamma) > tol * Math.sqrt(alpha) * Math.sqrt(beta))) continue;
                    rotations++;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.hypot(1, zeta));
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = c * t;
                    double np = 0, nq = 0;
                    for (int i = 0; i < len; i++) {
                        double xp = g[gp + i], xq = g[gq + i];
                        double yp = c * xp - s * xq, yq = s * xp + c * xq;
                        g[gp + i] = yp;
                        g[gq + i] = yq;
                        np += yp * yp;
                        nq += yq * yq;
                    }
                    norm2[p] = np;
                    norm2[q] = nq;
                    int vp = p * cols, vq = q * cols;
                    for (int i = 0; i < cols; i++) {
                        double xp = vRows[vp + i], xq = vRows[vq + i];
                        vRows[vp + i] = c * xp - s * xq;
                        vRows[vq + i] = s * xp + c * xq;
                    }
                }
            }
            if (rotations == 0) return sweep;
        }
        return MAX_SWEEPS;
    }

    private static double dot(double[] x, int xo, double[] y, int yo, int len) {
        double s0 = 0, s1 = 0;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            s0 += x[xo + i] * y[yo + i];
            s1 += x[xo + i + 1] * y[yo + i + 1];
        }
        if (i < len) s0 += x[xo + i] * y[yo + i];
        return s0 + s1;
    }

    /**
     * Writes the row norms of {@code g} to {@code sigma} and returns the rows scaled to unit length; rows of
     * zero norm are replaced by unit vectors orthogonal to all the others.
     */
    private static double[] normalize(int len, int cols, double[] g, double[] sigma) {
        double[] out = new double[cols * len];
        boolean[] zero = new boolean[cols];
        for (int j = 0; j < cols; j++) {
            int gj = j * len;
            double s = Math.sqrt(dot(g, gj, g, gj, len));
            sigma[j] = s;
            if (s == 0) {
                zero[j] = true;
                continue;
            }
            for (int i = 0; i < len; i++) out[gj + i] = g[gj + i] / s;
        }
        int basis = 0;
        for (int j = 0; j < cols; j++) {
            if (!zero[j]) continue;
            int oj = j * len;
            while (true) {
                assert basis < len : "no unit vector left to complete the basis";
                java.util.Arrays.fill(out, oj, oj + len, 0);
                out[oj + basis++] = 1;
                for (int pass = 0; pass < 2; pass++) {
                    for (int q = 0; q < cols; q++) {
                        if (q == j || (zero[q] && q > j)) continue;
                        int oq = q * len;
                        double t = dot(out, oj, out, oq, len);
                        for (int i = 0; i < len; i++) out[oj + i] -= t * out[oq + i];
                    }
                }
                double norm = Math.sqrt(dot(out, oj, out, oj, len));
                if (norm > 0.5) {
                    for (int i = 0; i < len; i++) out[oj + i] /= norm;
                    break;
                }
            }
        }
        return out;
    }
}
