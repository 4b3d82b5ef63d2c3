package dev.latent.linalg;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.internal.Parallel;

/**
 * The eigendecomposition {@code A = V diag(w) V^T} of a real symmetric matrix, computed in double precision.
 * <p>Eigenvalues are sorted in descending order. Eigenvectors are returned as <em>rows</em>: row {@code r}
 * of {@link #vectors()} is the unit eigenvector of {@link #value(int) value(r)}, so the result has the shape
 * of PCA components. The sign of each eigenvector is fixed so that its entry of largest magnitude (the first
 * one, if several tie) is positive; equal inputs therefore give equal outputs.
 * <p>The matrix is first reduced to tridiagonal form by Householder reflections (about {@code 4n^3/3}
 * flops, reading only the upper triangle after symmetrizing), the reflections are accumulated
 * ({@code 4n^3/3} flops), and the tridiagonal matrix is diagonalized by implicit symmetric QR steps with
 * Wilkinson shifts, each Givens rotation being applied to two contiguous rows of the eigenvector matrix
 * (about {@code 6n^3} flops in all). The accumulation runs in parallel over fixed chunks of rows and each
 * QR step's rotations over fixed chunks of columns, so results do not depend on the thread count; the
 * tridiagonalization is serial. Memory is two {@code n x n} double arrays. A 784 x 784 covariance matrix
 * takes about half a second. Asking for the top {@code k} still computes all {@code n} pairs and
 * keeps {@code k}. Departure from EISPACK: rotations run top-down (QR, deflating at the bottom) rather than
 * bottom-up (QL), and eigenvectors are held as rows so that every inner loop is contiguous.
 * <p>Reference: G. H. Golub and C. F. Van Loan, "Matrix Computations", 4th ed., Johns Hopkins, 2013,
 * Algorithms 8.3.1 (Householder tridiagonalization) and 8.3.2 (implicit symmetric QR step with Wilkinson
 * shift); the EISPACK routines tred2 and tql2 (B. T. Smith et al., "Matrix Eigensystem Routines -- EISPACK
 * Guide", Springer, 1976).
 */
public final class SymmetricEigen {
    private static final double EPS = Math.ulp(1.0);
    private static final int MAX_STEPS_PER_VALUE = 60;
    private static final int ROW_CHUNK = 32;
    private static final int COLUMN_CHUNK = 128;
    private static final long PARALLEL_WORK = 32_768;

    private final int n;
    private final int k;
    private final double[] values;   // k, descending
    private final double[] vectors;  // k x n, row-major, row r = eigenvector r

    private SymmetricEigen(int n, int k, double[] values, double[] vectors) {
        this.n = n;
        this.k = k;
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * All eigenpairs of the symmetric matrix {@code a}.
     * @throws IllegalArgumentException if {@code a} is not square, holds a non-finite value, or is not
     *                                  symmetric to within a relative 1e-4 of its largest entry
     */
    public static SymmetricEigen of(Matrix a) {
        Check.notNull("a", a);
        return of(a, a.rows());
    }

    /**
     * The {@code k} eigenpairs of {@code a} with the largest eigenvalues.
     * @throws IllegalArgumentException if {@code a} is not square, not symmetric or not finite, or if
     *                                  {@code k} is not in {@code [0, n]}
     */
    public static SymmetricEigen of(Matrix a, int k) {
        Check.notNull("a", a);
        Check.argument(a.rows() == a.cols(), "a must be square, got " + a.rows() + " x " + a.cols());
        Check.finite("a", a);
        int n = a.rows();
        Check.atLeast("k", k, 0);
        Check.atMost("k", k, n);
        float[] v = a.values();
        double[] full = new double[n * n];
        double maxAbs = 0;
        for (float x : v) maxAbs = Math.max(maxAbs, Math.abs(x));
        double tol = 1e-4 * maxAbs;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double aij = v[i * n + j], aji = v[j * n + i];
                if (Math.abs(aij - aji) > tol) {
                    throw new IllegalArgumentException("a must be symmetric, got a[" + i + "][" + j + "] = " + aij
                            + " and a[" + j + "][" + i + "] = " + aji);
                }
                double s = 0.5 * (aij + aji);
                full[i * n + j] = s;
                full[j * n + i] = s;
            }
        }
        return decompose(n, full, k);
    }

    /**
     * The {@code k} eigenpairs with the largest eigenvalues of the symmetric {@code n x n} matrix held
     * row-major in {@code a}; only its upper triangle is read and {@code a} is not modified.
     * @throws IllegalArgumentException if {@code a} does not hold {@code n * n} finite values or {@code k}
     *                                  is not in {@code [0, n]}
     */
    public static SymmetricEigen of(int n, double[] a, int k) {
        Check.atLeast("n", n, 0);
        Check.notNull("a", a);
        Check.argument(a.length == (long) n * n, "a must hold n * n = " + ((long) n * n) + " values, got " + a.length);
        Check.atLeast("k", k, 0);
        Check.atMost("k", k, n);
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException("a has " + a[i] + " at row " + (i / n) + ", column " + (i % n));
            }
        }
        return decompose(n, a.clone(), k);
    }

    /** The matrix order {@code n}. */
    public int n() {
        return n;
    }

    /** The number of eigenpairs kept. */
    public int k() {
        return k;
    }

    /** The kept eigenvalues, largest first (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** The {@code r}-th largest eigenvalue. */
    public double value(int r) {
        Check.index("r", r, k);
        return values[r];
    }

    /** The eigenvectors as a {@code k x n} float matrix; row {@code r} belongs to {@code value(r)}. */
    public Matrix vectors() {
        float[] out = new float[vectors.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) vectors[i];
        return Matrix.wrap(k, n, out);
    }

    /** The eigenvectors in double precision, {@code k x n} row-major (a copy); row {@code r} belongs to {@code value(r)}. */
    public double[] vectorsDouble() {
        return vectors.clone();
    }

    /** Decomposes the symmetric matrix in {@code a} (overwritten) and keeps the top {@code k} pairs. */
    private static SymmetricEigen decompose(int n, double[] a, int k) {
        double[] diag = new double[n];
        double[] off = new double[Math.max(n - 1, 0)];
        double[] beta = new double[Math.max(n - 2, 0)];
        tridiagonalize(n, a, diag, off, beta);
        double[] z = accumulate(n, a, beta);
        diagonalize(n, diag, off, z);
        // Order by eigenvalue, descending; ties keep the lower original position first.
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (p, q) -> {
            int c = Double.compare(diag[q], diag[p]);
            return c != 0 ? c : Integer.compare(p, q);
        });
        double[] values = new double[k];
        double[] vectors = new double[k * n];
        for (int r = 0; r < k; r++) {
            int src = order[r];
            values[r] = diag[src];
            System.arraycopy(z, src * n, vectors, r * n, n);
            fixSign(vectors, r * n, n);
        }
        return new SymmetricEigen(n, k, values, vectors);
    }

    /** Flips {@code v[off .. off + n)} so that its entry of largest magnitude (first on ties) is positive. */
    static void fixSign(double[] v, int off, int n) {
        int best = off;
        for (int j = off + 1; j < off + n; j++) if (Math.abs(v[j]) > Math.abs(v[best])) best = j;
        if (n > 0 && v[best] < 0) for (int j = off; j < off + n; j++) v[j] = -v[j];
    }

    /**
     * Reduces the symmetric matrix in {@code a} to tridiagonal form {@code T = Q^T A Q}, reading and
     * updating only the upper triangle. On return {@code diag} and {@code off} hold T; row {@code j} of
     * {@code a} holds, in columns {@code j+1 ..}, the Householder vector {@code v_j} (with {@code v_j[j+1] = 1})
     * of the reflection {@code H_j = I - beta[j] v_j v_j^T}, and {@code Q = H_0 H_1 ... H_{n-3}}.
     */
    private static void tridiagonalize(int n, double[] a, double[] diag, double[] off, double[] beta) {
        double[] p = new double[n];
        for (int j = 0; j < n - 2; j++) {
            int row = j * n;
            int lo = j + 1;
            // Householder vector of x = a[j][j+1 .. n), scaled by its largest magnitude to avoid overflow.
            double scale = 0;
            for (int i = lo; i < n; i++) scale = Math.max(scale, Math.abs(a[row + i]));
            diag[j] = a[row + j];
            if (scale == 0) {
                off[j] = 0;
                beta[j] = 0;
                a[row + lo] = 1;
                continue;
            }
            double x0 = a[row + lo] / scale;
            double sigma = 0;
            for (int i = lo + 1; i < n; i++) {
                double xi = a[row + i] / scale;
                a[row + i] = xi;
                sigma += xi * xi;
            }
            if (sigma == 0) {
                // Already in tridiagonal form in this column: H = I.
                off[j] = x0 * scale;
                beta[j] = 0;
                a[row + lo] = 1;
                continue;
            }
            double mu = Math.sqrt(x0 * x0 + sigma);
            double v0 = x0 <= 0 ? x0 - mu : -sigma / (x0 + mu);
            double b = 2 * v0 * v0 / (sigma + v0 * v0);
            double inv = 1 / v0;
            a[row + lo] = 1;
            for (int i = lo + 1; i < n; i++) a[row + i] *= inv;
            beta[j] = b;
            off[j] = mu * scale;                   // H x = mu e_1 (times the scale)
            // p = b * A22 v, with A22 = a[lo.., lo..] held in its upper triangle.
            java.util.Arrays.fill(p, lo, n, 0);
            for (int r = lo; r < n; r++) {
                int rr = r * n;
                double vr = a[row + r];
                double sum = a[rr + r] * vr;
                for (int c = r + 1; c < n; c++) {
                    double arc = a[rr + c];
                    sum += arc * a[row + c];
                    p[c] += arc * vr;
                }
                p[r] += sum;
            }
            double pv = 0;
            for (int r = lo; r < n; r++) {
                p[r] *= b;
                pv += p[r] * a[row + r];
            }
            // w = p - (b p.v / 2) v, stored in p; then A22 -= v w^T + w v^T (upper triangle).
            double half = 0.5 * b * pv;
            for (int r = lo; r < n; r++) p[r] -= half * a[row + r];
            for (int r = lo; r < n; r++) {
                int rr = r * n;
                double vr = a[row + r], wr = p[r];
                for (int c = r; c < n; c++) a[rr + c] -= vr * p[c] + wr * a[row + c];
            }
        }
        if (n >= 2) {
            diag[n - 2] = a[(n - 2) * n + n - 2];
            off[n - 2] = a[(n - 2) * n + n - 1];
        }
        if (n >= 1) diag[n - 1] = a[n * n - 1];
    }

    /**
     * Forms {@code Q^T = H_{n-3} ... H_1 H_0} from the reflections left in {@code a} by
     * {@link #tridiagonalize}, as {@code X := X H_j} for {@code j} from {@code n-3} down to 0.
     */
    private static double[] accumulate(int n, double[] a, double[] beta) {
        double[] x = new double[n * n];
        for (int i = 0; i < n; i++) x[i * n + i] = 1;
        // Each row of X is transformed independently, so rows run in fixed chunks in parallel.
        Parallel.shared().forEachChunk(n, ROW_CHUNK, (from, to) -> {
            for (int j = Math.min(n - 3, to - 2); j >= 0; j--) {
                double b = beta[j];
                if (b == 0) continue;
                int vRow = j * n;
                int lo = j + 1;
                for (int i = Math.max(from, lo); i < to; i++) {
                    int xr = i * n;
                    double dot = 0;
                    for (int c = lo; c < n; c++) dot += x[xr + c] * a[vRow + c];
                    double t = b * dot;
                    if (t == 0) continue;
                    for (int c = lo; c < n; c++) x[xr + c] -= t * a[vRow + c];
                }
            }
        });
        return x;
    }

    /**
     * Diagonalizes the symmetric tridiagonal matrix ({@code diag}, {@code off}) by implicit QR steps with
     * Wilkinson shifts, applying each rotation to the rows of {@code z}. On return {@code diag} holds the
     * eigenvalues (unsorted) and row {@code i} of {@code z} the eigenvector of {@code diag[i]}.
     */
    private static void diagonalize(int n, double[] diag, double[] off, double[] z) {
        double[] cos = new double[Math.max(n - 1, 0)];
        double[] sin = new double[Math.max(n - 1, 0)];
        int steps = 0;
        int maxSteps = MAX_STEPS_PER_VALUE * Math.max(n, 1);
        int m = n - 1;
        while (m > 0) {
            if (negligible(off[m - 1], diag[m - 1], diag[m])) {
                off[m - 1] = 0;
                m--;
                continue;
            }
            int l = m - 1;
            while (l > 0 && !negligible(off[l - 1], diag[l - 1], diag[l])) l--;
            if (l > 0) off[l - 1] = 0;
            if (++steps > maxSteps) {
                throw new ArithmeticException("symmetric eigendecomposition did not converge after "
                        + maxSteps + " QR steps");
            }
            qrStep(diag, off, l, m, cos, sin);
            applyRotations(n, z, l, m, cos, sin);
        }
    }

    private static boolean negligible(double b, double d0, double d1) {
        double ab = Math.abs(b);
        return ab <= EPS * (Math.abs(d0) + Math.abs(d1)) || ab < Double.MIN_NORMAL;
    }

    /**
     * One implicit symmetric QR step with Wilkinson shift on the unreduced block {@code [l, m]}; the rotation
     * in the plane {@code (j, j + 1)} is left in {@code cos[j]}, {@code sin[j]}.
     */
    private static void qrStep(double[] diag, double[] off, int l, int m, double[] cos, double[] sin) {
        double d = 0.5 * (diag[m - 1] - diag[m]);
        double bm = off[m - 1];
        double denom = d + (d >= 0 ? 1 : -1) * Math.hypot(d, bm);
        double mu = diag[m] - bm * (bm / denom);
        double x = diag[l] - mu;
        double y = off[l];
        for (int j = l; j < m; j++) {
            double r = Math.hypot(x, y);
            double c = x / r, s = y / r;
            if (r == 0) {
                c = 1;
                s = 0;
            }
            if (j > l) off[j - 1] = r;
            double aj = diag[j], aj1 = diag[j + 1], bj = off[j];
            double cc = c * c, ss = s * s, cs = c * s;
            diag[j] = cc * aj + 2 * cs * bj + ss * aj1;
            diag[j + 1] = ss * aj - 2 * cs * bj + cc * aj1;
            off[j] = cs * (aj1 - aj) + (cc - ss) * bj;
            if (j < m - 1) {
                y = s * off[j + 1];
                off[j + 1] *= c;
                x = off[j];
            }
            cos[j] = c;
            sin[j] = s;
        }
    }

    /**
     * Applies the rotations {@code j = l .. m-1}, in order, to rows {@code j} and {@code j + 1} of {@code z}:
     * they become {@code c z_j + s z_{j+1}} and {@code c z_{j+1} - s z_j}. Columns are independent, so they
     * run in fixed chunks in parallel when the step is large enough to pay for it.
     */
    private static void applyRotations(int n, double[] z, int l, int m, double[] cos, double[] sin) {
        if ((long) (m - l) * n < PARALLEL_WORK) {
            rotateColumns(n, z, l, m, cos, sin, 0, n);
        } else {
            Parallel.shared().forEachChunk(n, COLUMN_CHUNK, (from, to) -> rotateColumns(n, z, l, m, cos, sin, from, to));
        }
    }

    private static void rotateColumns(int n, double[] z, int l, int m, double[] cos, double[] sin, int from, int to) {
        for (int j = l; j < m; j++) {
            double c = cos[j], s = sin[j];
            int p = j * n, q = p + n;
            for (int i = from; i < to; i++) {
                double zp = z[p + i], zq = z[q + i];
                z[p + i] = c * zp + s * zq;
                z[q + i] = c * zq - s * zp;
            }
        }
    }
}
