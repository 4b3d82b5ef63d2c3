package dev.latent.reduction.tsne;

import dev.latent.Estimator;
import dev.latent.FitReport;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.neighbors.Metric;
import dev.latent.neighbors.NeighborSearch;
import dev.latent.neighbors.Neighbors;
import dev.latent.reduction.pca.Pca;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Hyperparameters of t-distributed stochastic neighbour embedding (t-SNE); an immutable value that is also
 * the estimator.
 * <p>t-SNE places the rows in {@code components} dimensions so that a Student-t similarity of the
 * embedded points ({@code Q}) matches Gaussian neighbour affinities of the input ({@code P}, calibrated per
 * row to the given perplexity over its {@code 3 perplexity} nearest neighbours), by gradient descent on
 * {@code KL(P || Q)}. The optimization follows the reference implementation: {@code P} is multiplied by
 * {@code earlyExaggeration} for the first {@code exaggerationIterations} iterations with momentum 0.5,
 * then momentum 0.8; each coordinate has an adaptive gain (plus 0.2 while the gradient opposes the previous
 * step, times 0.8 otherwise, at least 0.01); the embedding is re-centred after each step. The
 * learning rate is in the convention of bhtsne, FIt-SNE and openTSNE, applied to the gradient without its
 * factor 4 (scikit-learn's rates are 4 times larger for the same step); AUTO is
 * {@code max(n / earlyExaggeration, 50)}, as Belkina et al. recommend. The fit stops early when the gradient
 * norm falls below {@code 1e-7} after the exaggeration phase.
 * <p>The {@code 3 perplexity} nearest neighbours are exact up to {@value #EXACT_NEIGHBORS_MAX_ROWS} rows and
 * approximate above (nearest-neighbour descent, seeded with {@code seed}).
 * <p>Cost: the affinities need a k-nearest-neighbour search (exact: {@code O(n^2 d)} flops at GEMM speed) and
 * {@code O(n k)} memory for {@code k = 3 perplexity}. Each iteration then costs {@code O(n k)} for the
 * attractive forces plus, for the repulsive ones, {@code O(n^2 components)} (exact), about {@code O(n log n)}
 * (Barnes-Hut, 2-D) or {@code O(n)} plus an FFT of a grid whose side grows with the extent of the map (FFT
 * interpolation, 2-D; see {@link TsneMethod}), with {@code O(n components)} memory besides the quadtree or the
 * grids. AUTO picks exact up to {@value #EXACT_MAX_ROWS} rows, Barnes-Hut up to {@value #BARNES_HUT_MAX_ROWS}
 * and FFT above (measured on MNIST: BENCHMARKS.md, "t-SNE").
 * <p>The same record on the same data gives the same embedding, bit for bit, whatever the thread count.
 * The fitted model places new rows into the map ({@link TsneModel#transform}), for which it keeps the training
 * rows.
 * {@snippet :
 * Matrix map = Tsne.of(2).fit(x).embedding();
 * }
 * <p>Reference: L. van der Maaten and G. Hinton, "Visualizing Data using t-SNE", JMLR 9, 2008;
 * L. van der Maaten, "Accelerating t-SNE using Tree-Based Algorithms", JMLR 15, 2014; A. C. Belkina et al.,
 * "Automated optimized parameters for T-distributed stochastic neighbor embedding improve visualization and
 * analysis of large datasets", Nature Communications 10, 2019; G. C. Linderman, M. Rachh, J. G. Hoskins,
 * S. Steinerberger and Y. Kluger, "Fast interpolation-based t-SNE for improved visualization of single-cell
 * RNA-seq data", Nature Methods 16, 2019; D. Kobak, G. Linderman, S. Steinerberger, Y. Kluger and P. Berens,
 * "Heavy-tailed kernels reveal a finer cluster structure in t-SNE visualisations", ECML PKDD 2019.
 * @param components             dimensions of the embedding, {@code >= 1}, default 2
 * @param perplexity             effective number of neighbours, {@code > 0} and below the number of rows, default 30
 * @param earlyExaggeration      factor on {@code P} during the first phase, {@code >= 1}, default 12
 * @param exaggerationIterations length of the first phase, {@code >= 0}, default 250
 * @param learningRate           step size, positive, or {@link #AUTO_LEARNING_RATE} (the default)
 * @param maxIter                total iterations, including the first phase, {@code >= 1}, default 750
 * @param method                 gradient computation, default {@link TsneMethod#AUTO}
 * @param theta                  Barnes-Hut accuracy, {@code >= 0} (0 is exact), default 0.5
 * @param degreesOfFreedom       degrees of freedom {@code dof} of the output kernel
 *                               {@code (1 + d^2 / dof)^-dof}, positive, default 1 (the Cauchy kernel of t-SNE);
 *                               below 1 the tails are heavier and clusters split finer (Kobak et al. 2019)
 * @param init                   initial embedding, default {@link TsneInit#PCA}
 * @param seed                   seed of the random initialization, default 0
 */
public record Tsne(int components, double perplexity, double earlyExaggeration, int exaggerationIterations,
                   double learningRate, int maxIter, TsneMethod method, double theta, double degreesOfFreedom,
                   TsneInit init, long seed)
        implements Estimator<TsneModel> {
    /** The value of {@code learningRate} that asks for {@code max(n / earlyExaggeration, 50)}. */
    public static final double AUTO_LEARNING_RATE = -1;
    /** The largest row count for which {@link TsneMethod#AUTO} uses the exact gradient. */
    public static final int EXACT_MAX_ROWS = 1000;
    /**
     * The largest row count whose affinities use the exact neighbour search; nearest-neighbour descent above.
     * t-SNE needs {@code 3 perplexity} (90) neighbours per row, and nearest-neighbour descent's local join grows
     * with the square of that: on MNIST's 70,000 x 50 PCA codes it took more CPU time than the exact search's
     * GEMM ({@code 2 n^2 d} flops), which only loses at a few hundred thousand rows.
     */
    public static final int EXACT_NEIGHBORS_MAX_ROWS = 100_000;
    /** The largest row count for which {@link TsneMethod#AUTO} uses Barnes-Hut (2-D); FFT above. */
    public static final int BARNES_HUT_MAX_ROWS = 10_000;
    private static final int HISTORY_EVERY = 50;
    private static final double MIN_GAIN = 0.01;
    private static final double MIN_GRAD_NORM = 1e-7;
    private static final double INIT_STD = 1e-4;

    /** @throws IllegalArgumentException if a component is out of range */
    public Tsne {
        Check.atLeast("components", components, 1);
        Check.argument(Double.isFinite(perplexity) && perplexity > 0,
                "perplexity must be positive and finite, got " + perplexity);
        Check.argument(Double.isFinite(earlyExaggeration) && earlyExaggeration >= 1,
                "earlyExaggeration must be >= 1 and finite, got " + earlyExaggeration);
        Check.atLeast("exaggerationIterations", exaggerationIterations, 0);
        Check.argument(learningRate == AUTO_LEARNING_RATE || (Double.isFinite(learningRate) && learningRate > 0),
                "learningRate must be positive or AUTO_LEARNING_RATE (-1), got " + learningRate);
        Check.atLeast("maxIter", maxIter, 1);
        Check.notNull("method", method);
        Check.argument(Double.isFinite(theta) && theta >= 0, "theta must be >= 0 and finite, got " + theta);
        Check.argument(Double.isFinite(degreesOfFreedom) && degreesOfFreedom > 0,
                "degreesOfFreedom must be positive and finite, got " + degreesOfFreedom);
        Check.notNull("init", init);
        Check.argument(method != TsneMethod.BARNES_HUT || components == 2,
                "components must be 2 for the Barnes-Hut method, got " + components);
        Check.argument(method != TsneMethod.FFT || components == 2,
                "components must be 2 for the FFT method, got " + components);
    }

    /** t-SNE to {@code components} dimensions with the defaults. */
    public static Tsne of(int components) {
        return new Tsne(components, 30, 12, 250, AUTO_LEARNING_RATE, 750, TsneMethod.AUTO, 0.5, 1, TsneInit.PCA, 0L);
    }

    public Tsne withPerplexity(double perplexity) {
        return new Tsne(components, perplexity, earlyExaggeration, exaggerationIterations, learningRate, maxIter,
                method, theta, degreesOfFreedom, init, seed);
    }

    public Tsne withEarlyExaggeration(double factor, int iterations) {
        return new Tsne(components, perplexity, factor, iterations, learningRate, maxIter, method, theta,
                degreesOfFreedom, init, seed);
    }

    public Tsne withLearningRate(double learningRate) {
        return new Tsne(components, perplexity, earlyExaggeration, exaggerationIterations, learningRate, maxIter,
                method, theta, degreesOfFreedom, init, seed);
    }

    public Tsne withMaxIter(int maxIter) {
        return new Tsne(components, perplexity, earlyExaggeration, exaggerationIterations, learningRate, maxIter,
                method, theta, degreesOfFreedom, init, seed);
    }

    public Tsne withMethod(TsneMethod method) {
        return new Tsne(components, perplexity, earlyExaggeration, exaggerationIterations, learningRate, maxIter,
                method, theta, degreesOfFreedom, init, seed);
    }

    public Tsne withTheta(double theta) {
        return new Tsne(components, perplexity, earlyExaggeration, exaggerationIterations, learningRate, maxIter,
                method, theta, degreesOfFreedom, init, seed);
    }

    public Tsne withDegreesOfFreedom(double degreesOfFreedom) {
        return new Tsne(components, perplexity, earlyExaggeration, exaggerationIterations, learningRate, maxIter,
                method, theta, degreesOfFreedom, init, seed);
    }

    public Tsne withInit(TsneInit init) {
        return new Tsne(components, perplexity, earlyExaggeration, exaggerationIterations, learningRate, maxIter,
                method, theta, degreesOfFreedom, init, seed);
    }

    public Tsne withSeed(long seed) {
        return new Tsne(components, perplexity, earlyExaggeration, exaggerationIterations, learningRate, maxIter,
                method, theta, degreesOfFreedom, init, seed);
    }

    /** The learning rate used on {@code n} rows. */
    public double learningRateFor(int n) {
        return learningRate == AUTO_LEARNING_RATE ? Math.max(n / earlyExaggeration, 50) : learningRate;
    }

    /**
     * The method used on {@code n} rows: AUTO is exact up to {@link #EXACT_MAX_ROWS} rows or off 2-D, Barnes-Hut
     * up to {@link #BARNES_HUT_MAX_ROWS} rows, FFT-accelerated interpolation above.
     */
    public TsneMethod methodFor(int n) {
        if (method != TsneMethod.AUTO) return method;
        if (n <= EXACT_MAX_ROWS || components != 2) return TsneMethod.EXACT;
        return n <= BARNES_HUT_MAX_ROWS ? TsneMethod.BARNES_HUT : TsneMethod.FFT;
    }

    /**
     * Embeds the rows of {@code x}.
     * @throws IllegalArgumentException if {@code x} has fewer than 3 rows, a non-finite value, perplexity not
     *                                  below its row count, or (PCA init) fewer columns than components
     */
    @Override
    public TsneModel fit(Matrix x) {
        long t0 = System.nanoTime();
        Check.notNull("x", x);
        Check.rowsAtLeast("x", x, 3, "t-SNE needs neighbours");
        Check.finite("x", x);
        int n = x.rows();
        Affinities.checkPerplexity(perplexity, n);
        if (init == TsneInit.PCA) {
            Check.argument(x.cols() >= components, "x must have at least " + components
                    + " columns for the PCA init (or use TsneInit.RANDOM), got " + x.cols());
        }
        long tNeighbors = System.nanoTime();
        NeighborSearch search = neighborSearch(x);
        Neighbors nb = search.querySelf(Math.max(1, Affinities.neighbours(n, perplexity)));
        long tAffinities = System.nanoTime();
        Affinities p = Affinities.of(nb, perplexity);
        long tInit = System.nanoTime();
        int dims = components;
        double[] y = initial(x);
        long tIterations = System.nanoTime();
        TsneMethod m = methodFor(n);
        double rate = learningRateFor(n);
        double[] grad = new double[n * dims];
        Workspace ws = new Workspace(m, n, dims);
        double[] update = new double[n * dims];
        double[] gains = new double[n * dims];
        Arrays.fill(gains, 1.0);
        double[] history = new double[maxIter / HISTORY_EVERY];
        int recorded = 0;
        int it = 0;
        boolean converged = false;
        while (it < maxIter) {
            boolean early = it < exaggerationIterations;
            double a = early ? earlyExaggeration : 1;
            double momentum = early ? 0.5 : 0.8;
            boolean record = (it + 1) % HISTORY_EVERY == 0;
            double kl = gradient(m, p, a, y, ws, record, grad);
            double norm2 = 0;
            for (int e = 0; e < grad.length; e++) {
                double g = grad[e] / 4; // the reference implementations' convention
                norm2 += g * g;
                gains[e] = Math.max(MIN_GAIN, g * update[e] < 0 ? gains[e] + 0.2 : gains[e] * 0.8);
                update[e] = momentum * update[e] - rate * gains[e] * g;
                y[e] += update[e];
            }
            recenter(y, n, dims);
            it++;
            if (record) history[recorded++] = kl;
            if (!early && Math.sqrt(norm2) < MIN_GRAD_NORM) {
                converged = true;
                break;
            }
        }
        double kl = gradient(m, p, 1, y, ws, true, grad);
        float[] out = new float[n * dims];
        for (int e = 0; e < out.length; e++) out[e] = (float) y[e];
        long tEnd = System.nanoTime();
        FitReport report = FitReport.of(it, converged, kl, Arrays.copyOf(history, recorded),
                Duration.ofNanos(tEnd - t0));
        Map<String, Duration> stages = new LinkedHashMap<>();
        stages.put("neighbors", Duration.ofNanos(tAffinities - tNeighbors));
        stages.put("affinities", Duration.ofNanos(tInit - tAffinities));
        stages.put("init", Duration.ofNanos(tIterations - tInit));
        stages.put("iterations", Duration.ofNanos(tEnd - tIterations));
        return new TsneModel(this, Matrix.wrap(n, dims, out), x.copy(), search, kl, report, stages);
    }

    /**
     * The neighbour search for the affinities of {@code x}: exact up to {@link #EXACT_NEIGHBORS_MAX_ROWS} rows,
     * nearest-neighbour descent (approximate, seeded with {@code seed}) above.
     */
    NeighborSearch neighborSearch(Matrix x) {
        return x.rows() <= EXACT_NEIGHBORS_MAX_ROWS ? NeighborSearch.exact(x)
                : NeighborSearch.approximate(x, Metric.EUCLIDEAN, seed);
    }

    private double gradient(TsneMethod m, Affinities p, double a, double[] y, Workspace ws, boolean withKl,
                            double[] grad) {
        return switch (m) {
            case BARNES_HUT -> Gradient.barnesHut(p, a, y, theta, degreesOfFreedom, withKl, grad);
            case FFT -> Gradient.fft(p, a, y, degreesOfFreedom, ws.fft, ws.rep, withKl, grad);
            default -> Gradient.exact(p, a, y, components, degreesOfFreedom, withKl, grad);
        };
    }

    /** Buffers kept across iterations. */
    private static final class Workspace {
        final FftRepulsion fft;
        final double[] rep;

        Workspace(TsneMethod m, int n, int dims) {
            fft = m == TsneMethod.FFT ? new FftRepulsion(FftRepulsion.DEFAULT_NODES) : null;
            rep = m == TsneMethod.FFT ? new double[n * dims] : new double[0];
        }
    }

    private double[] initial(Matrix x) {
        int n = x.rows();
        double[] y = new double[n * components];
        if (init == TsneInit.PCA && n >= components) {
            Matrix codes = Pca.of(components).withSeed(seed).fit(x).transform(x);
            float[] c = codes.values();
            double mean = 0;
            for (int i = 0; i < n; i++) mean += c[i * components];
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                double d = c[i * components] - mean;
                var += d * d;
            }
            double std = Math.sqrt(var / n);
            if (std > 0) {
                double scale = INIT_STD / std;
                for (int e = 0; e < y.length; e++) y[e] = c[e] * scale;
                recenter(y, n, components);
                return y;
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int e = 0; e < y.length; e++) y[e] = rnd.nextGaussian() * INIT_STD;
        return y;
    }

    private static void recenter(double[] y, int n, int dims) {
        for (int c = 0; c < dims; c++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += y[i * dims + c];
            s /= n;
            for (int i = 0; i < n; i++) y[i * dims + c] -= s;
        }
    }
}
