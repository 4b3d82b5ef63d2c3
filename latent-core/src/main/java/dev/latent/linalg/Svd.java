package dev.latent.linalg;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;

/**
 * The thin singular value decomposition {@code A = U diag(s) V^T} of an {@code m x n} matrix, computed in
 * double precision by one-sided Jacobi rotations.
 * <p>With {@code r = min(m, n)}, {@link #u()} is {@code m x r} and {@link #v()} is {@code n x r}, both with
 * orthonormal <em>columns</em>, and the singular values are sorted in descending order. The sign of each
 * pair is fixed so that the entry of largest magnitude of each right singular vector (the first one, if
 * several tie) is positive. When {@code A} is rank deficient, the singular vectors for exactly zero singular
 * values that the rotations leave undetermined are completed to an orthonormal set (by Gram-Schmidt against
 * the least covered unit vectors), so {@code U^T U = V^T V = I} always holds.
 * <p>A wide matrix is handled through its transpose, so let {@code T} be the tall ({@code m >= n}) one. It is
 * first factored as {@code T P = Q R} by Householder QR with column pivoting ({@code 2mn^2} flops), and the
 * Jacobi sweeps run on the columns of the {@code n x n} matrix {@code R^T}, which is nearer to having
 * orthogonal columns than T (the preconditioning of Drmac and Veselic; it saves a few sweeps, more on graded
 * matrices); U is then formed by applying Q ({@code 4mn^2} flops). Each sweep visits every pair of columns
 * and orthogonalizes them with one rotation (about {@code 8n^3} flops per sweep), and the method stops after
 * the first sweep in which every pair satisfies {@code |g_p . g_q| <= sqrt(n) * eps * |g_p| |g_q|}; 8 to 12
 * sweeps are usual for random matrices, so a 400 x 400 matrix takes about a second and the cost grows as
 * {@code n^3}. Memory is about {@code mn + 3n^2} doubles plus the outputs. Jacobi computes small singular
 * values to high relative accuracy, unlike an eigendecomposition of {@code A^T A}, which squares the
 * condition number (that shortcut is not used here).
 * <p>Reference: M. R. Hestenes, "Inversion of matrices by biorthogonalization and related results",
 * J. SIAM 6(1), 1958; J. Demmel and K. Veselic, "Jacobi's method is more accurate than QR", SIAM J. Matrix
 * Anal. Appl. 13(4), 1992; Z. Drmac and K. Veselic, "New fast and accurate Jacobi SVD algorithm I",
 * SIAM J. Matrix Anal. Appl. 29(4), 2008; G. H. Golub and C. F. Van Loan, "Matrix Computations", 4th ed.,
 * 2013, sections 5.2 and 5.4 (Householder QR, column pivoting) and 8.5 (Jacobi methods).
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
        // Tall T (rows x cols): T P = Q R by pivoted Householder QR; Jacobi on the columns of R^T gives
        // R^T Y = X S, so R = Y S X^T and T = (Q Y) S (P X)^T.
        double[] beta = new double[cols];
        int[] perm = new int[cols];
        double[] rRows = pivotedQr(rows, cols, g, beta, perm);   // row i = row i of R = column i of R^T
        double[] y = identity(cols);
        double[] sigma = new double[cols];
        int sweeps = jacobi(cols, cols, rRows, y);
        double[] x = normalize(cols, cols, rRows, sigma);        // row j = column j of X
        double[] uRows = new double[cols * rows];                 // row j = left singular vector j of T
        for (int j = 0; j < cols; j++) System.arraycopy(y, j * cols, uRows, j * rows, cols);
        applyQ(rows, cols, g, beta, uRows);
        double[] vRows = new double[cols * cols];                 // row j = right singular vector j of T
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < cols; i++) vRows[j * cols + perm[i]] = x[j * cols + i];
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
     * Householder QR with column pivoting of the tall matrix whose columns are the rows of {@code g}
     * ({@code cols} rows of length {@code rows}): {@code T P = Q R}, where column {@code i} of {@code T P} is
     * column {@code perm[i]} of T. Leaves in row j of {@code g}, columns {@code j+1 ..}, the vector {@code v_j}
     * (with {@code v_j[j] = 1}) of {@code H_j = I - beta[j] v_j v_j^T}, and returns R by rows.
     */
    private static double[] pivotedQr(int rows, int cols, double[] g, double[] beta, int[] perm) {
        double[] norm2 = new double[cols];
        double[] exact2 = new double[cols];
        for (int c = 0; c < cols; c++) {
            perm[c] = c;
            norm2[c] = dot(g, c * rows, g, c * rows, rows);
            exact2[c] = norm2[c];
        }
        double[] diag = new double[cols];
        for (int j = 0; j < cols; j++) {
            int p = j;
            for (int c = j + 1; c < cols; c++) if (norm2[c] > norm2[p]) p = c;
            if (p != j) {
                for (int i = 0; i < rows; i++) {
                    double t = g[j * rows + i];
                    g[j * rows + i] = g[p * rows + i];
                    g[p * rows + i] = t;
                }
                double t = norm2[j];
                norm2[j] = norm2[p];
                norm2[p] = t;
                t = exact2[j];
                exact2[j] = exact2[p];
                exact2[p] = t;
                int pi = perm[j];
                perm[j] = perm[p];
                perm[p] = pi;
            }
            int gj = j * rows;
            double scale = 0;
            for (int i = j; i < rows; i++) scale = Math.max(scale, Math.abs(g[gj + i]));
            if (scale == 0) {
                diag[j] = 0;
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
                    diag[j] = x0 * scale;
                    beta[j] = 0;
                } else {
                    double mu = Math.sqrt(x0 * x0 + sigma);
                    double v0 = x0 <= 0 ? x0 - mu : -sigma / (x0 + mu);
                    beta[j] = 2 * v0 * v0 / (sigma + v0 * v0);
                    double inv = 1 / v0;
                    for (int i = j + 1; i < rows; i++) g[gj + i] *= inv;
                    diag[j] = mu * scale;
                }
            }
            g[gj + j] = 1;
            double b = beta[j];
            for (int c = j + 1; c < cols; c++) {
                int gc = c * rows;
                if (b != 0) {
                    double dot = g[gc + j];
                    for (int i = j + 1; i < rows; i++) dot += g[gj + i] * g[gc + i];
                    double t = b * dot;
                    g[gc + j] -= t;
                    for (int i = j + 1; i < rows; i++) g[gc + i] -= t * g[gj + i];
                }
                // The norm of the part below row j, downdated; recomputed once cancellation eats its digits.
                double r = g[gc + j];
                norm2[c] -= r * r;
                if (norm2[c] <= 1e-8 * exact2[c]) {
                    norm2[c] = j + 1 < rows ? dot(g, gc + j + 1, g, gc + j + 1, rows - j - 1) : 0;
                    exact2[c] = norm2[c];
                }
            }
        }
        double[] rRows = new double[cols * cols];
        for (int i = 0; i < cols; i++) {
            rRows[i * cols + i] = diag[i];
            for (int j = i + 1; j < cols; j++) rRows[i * cols + j] = g[j * rows + i];
        }
        return rRows;
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
     * Writes the row norms of {@code g} ({@code cols} rows of length {@code len >= cols}, mutually orthogonal
     * after {@link #jacobi}) to {@code sigma} and returns the rows scaled to unit length; rows of zero norm are
     * replaced by unit vectors orthogonal to all the others.
     * <p>Each replacement starts from the unit vector {@code e_i} least covered by the rows so far, i.e. the one
     * with the smallest {@code c_i = sum_q out_q[i]^2 = |P e_i|^2} (P the projector onto their span), and is
     * orthogonalized against them twice. With {@code f < len} rows in the set the {@code c_i} add up to
     * {@code f}, so the smallest leaves a residual of norm at least {@code sqrt(1 - f / len) >= 1 / sqrt(len)},
     * which two Gram-Schmidt passes make orthogonal to working precision. (Trying {@code e_0, e_1, ..} in turn
     * and keeping the first residual longer than a fixed threshold can run out of unit vectors when the span
     * of the nonzero rows is not aligned with the axes.) When the zero rows come from exactly zero columns
     * the free axes have {@code c_i = 0} and are taken in order, so the result is a set of unit vectors.
     */
    private static double[] normalize(int len, int cols, double[] g, double[] sigma) {
        double[] out = new double[cols * len];
        boolean[] zero = new boolean[cols];
        double[] covered = new double[len];
        int zeros = 0;
        for (int j = 0; j < cols; j++) {
            int gj = j * len;
            double s = Math.sqrt(dot(g, gj, g, gj, len));
            sigma[j] = s;
            if (s == 0) {
                zero[j] = true;
                zeros++;
                continue;
            }
            for (int i = 0; i < len; i++) {
                double x = g[gj + i] / s;
                out[gj + i] = x;
                covered[i] += x * x;
            }
        }
        if (zeros == 0) return out;
        for (int j = 0; j < cols; j++) {
            if (!zero[j]) continue;
            int oj = j * len;
            int axis = 0;
            for (int i = 1; i < len; i++) if (covered[i] < covered[axis]) axis = i;
            out[oj + axis] = 1;
            for (int pass = 0; pass < 2; pass++) {
                for (int q = 0; q < cols; q++) {
                    if (q == j || (zero[q] && q > j)) continue;   // later zero rows are still empty
                    int oq = q * len;
                    double t = dot(out, oj, out, oq, len);
                    for (int i = 0; i < len; i++) out[oj + i] -= t * out[oq + i];
                }
            }
            double norm = Math.sqrt(dot(out, oj, out, oj, len));
            for (int i = 0; i < len; i++) {
                double x = out[oj + i] / norm;
                out[oj + i] = x;
                covered[i] += x * x;
            }
        }
        return out;
    }
}
