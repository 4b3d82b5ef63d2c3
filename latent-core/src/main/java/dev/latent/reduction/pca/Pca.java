package dev.latent.reduction.pca;

import dev.latent.TransformerEstimator;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.linalg.Gemm;
import dev.latent.linalg.SymmetricEigen;

import java.util.SplittableRandom;

/**
 * Hyperparameters of principal component analysis; an immutable value that is also the estimator.
 * <p>PCA centres the rows and finds the {@code k} orthonormal directions of largest variance (the top right
 * singular vectors of the centred data). Three solvers ({@link PcaSolver}):
 * <ul>
 * <li>{@link PcaSolver#COVARIANCE}: the {@code d x d} scatter matrix {@code Xc^T Xc} (the blocks on and above
 *     its diagonal), by float GEMM over blocks of 4096 rows summed in double; a two-pass computation (means
 *     first, then products of centred rows), so no large mean is ever subtracted from a large sum. Then a
 *     symmetric eigendecomposition in double. O(n d^2 + d^3) time, O(d^2) memory.</li>
 * <li>{@link PcaSolver#SVD}: the thin SVD of the centred data in double (one-sided Jacobi after a Householder
 *     QR, on one thread). O(n d min(n, d)) time and several {@code n x d} double arrays: the most accurate,
 *     and by far the slowest on large data (minutes for MNIST).</li>
 * <li>{@link PcaSolver#RANDOMIZED}: Halko, Martinsson and Tropp's range finder with
 *     {@code l = k + oversampling} Gaussian test vectors and {@code powerIterations} passes of
 *     {@code Xc^T}, {@code Xc}, re-orthonormalizing between passes (via the eigenvectors of the small
 *     Gram matrix, which tolerates a rank-deficient basis), then the SVD of the {@code l x d} projection.
 *     O(n d l (2q + 2)) time for {@code q} power iterations.</li>
 * </ul>
 * {@link PcaSolver#AUTO} uses the rule of {@link #solverFor(int, int)}. Every solver first makes one centred
 * float copy of the data ({@code n x d}). All solvers give the components the
 * same sign (largest entry positive). When the data's rank is below {@code k}, the directions of zero
 * variance are completed to an orthonormal set from the standard basis.
 * <p>The same record on the same data gives the same model, bit for bit, whatever the thread count: the
 * random test vectors come from a {@link SplittableRandom} seeded with {@code seed}, and all sums run in a
 * fixed order. Departures from scikit-learn: the randomized solver re-orthonormalizes every pass (scikit-learn
 * uses LU between passes and QR at the end); a whitened coordinate of a zero-variance component is 0, not NaN;
 * explained-variance ratios of constant data are 0, not NaN.
 * {@snippet :
 * PcaModel pca = Pca.of(50).fit(x);
 * Matrix codes = pca.transform(x);
 * }
 * <p>Reference: N. Halko, P.-G. Martinsson and J. A. Tropp, "Finding structure with randomness:
 * Probabilistic algorithms for constructing approximate matrix decompositions", SIAM Review 53(2), 2011
 * (Algorithms 4.3 and 4.4, and 5.1); I. T. Jolliffe, "Principal Component Analysis", 2nd ed., Springer, 2002.
 * @param components      number of components {@code k}, {@code >= 1}; at most {@code min(n, d)} of the data
 * @param solver          how to compute them, default {@link PcaSolver#AUTO}
 * @param whiten          whether {@code transform} scales each coordinate to unit variance, default false
 * @param oversampling    extra random test vectors of the randomized solver, {@code >= 0}, default 10
 * @param powerIterations power iterations of the randomized solver, {@code >= 0}, or {@link #AUTO_POWER_ITERATIONS}
 *                        (the default) for scikit-learn's rule: 7 when {@code k < min(n, d) / 10}, else 4. More
 *                        makes it more accurate when the spectrum decays slowly; each costs two passes over the data
 * @param seed            seed of the randomized solver's test vectors, default 0 (other solvers use no randomness)
 */
public record Pca(int components, PcaSolver solver, boolean whiten, int oversampling, int powerIterations, long seed)
        implements TransformerEstimator<PcaModel> {
    /** The value of {@code powerIterations} that asks for scikit-learn's rule (see {@link #powerIterationsFor}). */
    public static final int AUTO_POWER_ITERATIONS = -1;

    /** @throws IllegalArgumentException if a component is out of range */
    public Pca {
        Check.atLeast("components", components, 1);
        Check.notNull("solver", solver);
        Check.atLeast("oversampling", oversampling, 0);
        Check.atLeast("powerIterations", powerIterations, AUTO_POWER_ITERATIONS);
    }

    /**
     * PCA to {@code components} dimensions with the defaults: AUTO solver, no whitening, oversampling 10,
     * power iterations by scikit-learn's rule, seed 0.
     */
    public static Pca of(int components) {
        return new Pca(components, PcaSolver.AUTO, false, 10, AUTO_POWER_ITERATIONS, 0L);
    }

    /**
     * The power iterations the randomized solver runs on {@code n x d} data: {@code powerIterations}, or for
     * {@link #AUTO_POWER_ITERATIONS} 7 when {@code components < min(n, d) / 10} and 4 otherwise (as scikit-learn's
     * {@code n_iter='auto'}).
     */
    public int powerIterationsFor(int n, int d) {
        if (powerIterations != AUTO_POWER_ITERATIONS) return powerIterations;
        return components < 0.1 * Math.min(n, d) ? 7 : 4;
    }

    public Pca withComponents(int components) {
        return new Pca(components, solver, whiten, oversampling, powerIterations, seed);
    }

    public Pca withSolver(PcaSolver solver) {
        return new Pca(components, solver, whiten, oversampling, powerIterations, seed);
    }

    public Pca withWhiten(boolean whiten) {
        return new Pca(components, solver, whiten, oversampling, powerIterations, seed);
    }

    public Pca withOversampling(int oversampling) {
        return new Pca(components, solver, whiten, oversampling, powerIterations, seed);
    }

    public Pca withPowerIterations(int powerIterations) {
        return new Pca(components, solver, whiten, oversampling, powerIterations, seed);
    }

    public Pca withSeed(long seed) {
        return new Pca(components, solver, whiten, oversampling, powerIterations, seed);
    }

    /**
     * The solver this record uses on {@code n x d} data: its own, unless it is AUTO, which compares cost
     * estimates in units of one float multiply-add done by GEMM. The covariance solver costs
     * {@code n d^2 / 2} (the upper half of the scatter matrix) plus {@code 75 d^3} (the eigendecomposition, which
     * runs in double on one thread at about 1/75 of GEMM's rate); the randomized solver costs
     * {@code 2 n d l (2q + 2)} with {@code l = k + oversampling} and {@code q} power iterations (the factor 2
     * covers its orthonormalizations and thin products, which run below GEMM's peak). Both constants were
     * measured on MNIST, 70,000 x 784 to 50 components, where the covariance solver took 1.5 s of CPU and the
     * randomized one 2.6 s (BENCHMARKS.md). AUTO picks {@link PcaSolver#COVARIANCE} when it is the cheaper,
     * {@link PcaSolver#RANDOMIZED} when that is cheaper and {@code l < min(n, d)}, and otherwise
     * {@link PcaSolver#COVARIANCE} for tall data ({@code n >= d}) and {@link PcaSolver#SVD} for wide data, whose
     * Jacobi SVD then works on an {@code n x n} problem.
     */
    public PcaSolver solverFor(int n, int d) {
        if (solver != PcaSolver.AUTO) return solver;
        int rank = Math.min(n, d);
        int l = (int) Math.min((long) components + oversampling, rank);
        double covariance = (double) n * d * d / 2 + 75.0 * d * d * d;
        double randomized = 2.0 * n * d * l * (2.0 * powerIterationsFor(n, d) + 2);
        if (covariance <= randomized) return PcaSolver.COVARIANCE;
        if (l < rank) return PcaSolver.RANDOMIZED;
        return n >= d ? PcaSolver.COVARIANCE : PcaSolver.SVD;
    }

    /**
     * Fits the components to the rows of {@code x}.
     * @throws IllegalArgumentException if {@code x} has fewer than 2 rows, fewer than {@code components} rows or
     *                                  columns, or a non-finite value (the message names its row and column)
     */
    @Override
    public PcaModel fit(Matrix x) {
        long started = System.nanoTime();
        Check.notNull("x", x);
        Check.rowsAtLeast("x", x, 2, "a variance needs two");
        int n = x.rows(), d = x.cols();
        int rank = Math.min(n, d);
        Check.argument(components <= rank, "components must be <= min(rows, columns) = " + rank + " for " + n + " x "
                + d + " data, got " + components);
        Check.finite("x", x);
        double[] mean = Kernels.means(x.values(), n, d);
        float[] centred = new float[n * d];
        double[] squares = Kernels.center(x.values(), n, d, mean, centred);
        double total = 0;
        for (double s : squares) total += s;
        int k = components;
        double[] comp = new double[k * d];
        double[] singular = new double[k];
        int iterations = switch (solverFor(n, d)) {
            case COVARIANCE -> covariance(centred, n, d, k, comp, singular);
            case SVD -> svd(centred, n, d, k, comp, singular);
            case RANDOMIZED -> randomized(centred, n, d, k, comp, singular);
            case AUTO -> throw new AssertionError("AUTO is resolved by solverFor");
        };
        return PcaModel.of(comp, singular, mean, total, n, k, d, whiten, started, iterations);
    }

    private static int covariance(float[] centred, int n, int d, int k, double[] comp, double[] singular) {
        double[] scatter = Kernels.scatter(centred, d, n);
        SymmetricEigen eigen = SymmetricEigen.of(d, scatter, k);
        System.arraycopy(eigen.vectorsDouble(), 0, comp, 0, k * d);
        double[] w = eigen.values();
        for (int c = 0; c < k; c++) singular[c] = Math.sqrt(Math.max(0, w[c]));
        return 0;
    }

    private static int svd(float[] centred, int n, int d, int k, double[] comp, double[] singular) {
        double[] a = new double[centred.length];
        for (int i = 0; i < a.length; i++) a[i] = centred[i];
        return Kernels.rightSingular(n, d, a, k, comp, singular);
    }

    private int randomized(float[] centred, int n, int d, int k, double[] comp, double[] singular) {
        int l = Math.min(k + oversampling, Math.min(n, d));
        SplittableRandom rng = new SplittableRandom(seed);
        float[] omega = new float[d * l];
        for (int i = 0; i < omega.length; i++) omega[i] = (float) rng.nextGaussian();
        float[] y = new float[n * l];
        Gemm.gemm(false, false, n, l, d, 1f, centred, 0, d, omega, 0, l, 0f, y, 0, l);
        Kernels.Basis q = Kernels.orthonormalize(y, n, l);
        int iterations = powerIterationsFor(n, d);
        for (int it = 0; it < iterations && q.cols() > 0; it++) {
            Kernels.Basis z = Kernels.orthonormalize(toFloat(Kernels.cross(centred, d, q.q(), q.cols(), n)), d, q.cols());
            float[] next = new float[n * z.cols()];
            if (z.cols() > 0) {
                Gemm.gemm(false, false, n, z.cols(), d, 1f, centred, 0, d, z.q(), 0, z.cols(), 0f, next, 0, z.cols());
            }
            q = Kernels.orthonormalize(next, n, z.cols());
        }
        q = Kernels.orthonormalize(q.q(), n, q.cols());   // the second pass: orthonormal to rounding level
        int lq = q.cols();
        if (lq == 0) {
            Kernels.completeBasis(comp, 0, k, d);
            return iterations;
        }
        double[] b = Kernels.cross(q.q(), lq, centred, d, n);   // lq x d = Q^T Xc
        Kernels.rightSingular(lq, d, b, k, comp, singular);
        return iterations;
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
        return out;
    }
}
