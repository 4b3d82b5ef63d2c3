package dev.latent.clustering.kmeans;

import dev.latent.FitReport;
import dev.latent.TransformerEstimator;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Hyperparameters of k-means; an immutable value that is also the estimator.
 * <p>K-means places {@code k} centres so as to minimize the inertia, the (weighted) sum of squared
 * Euclidean distances from each row to its nearest centre. It seeds the centres ({@link KMeansInit}),
 * then iterates ({@link KMeansAlgorithm}): assign each row to its nearest centre, move each centre to
 * the mean of its rows. With {@code nInit > 1} it runs from that many seedings and keeps the run of
 * lowest inertia (the first one on ties). A Lloyd iteration costs O(n k d) time and reads the data once
 * (the assignment and the centre sums share one pass); memory is O(n + k d), plus O(n k) for
 * {@link KMeansAlgorithm#ELKAN}.
 * <p>The same record on the same data gives the same model, bit for bit, whatever the thread count:
 * every random draw comes from a {@link SplittableRandom} seeded with {@code seed} (split once per
 * restart), and all sums are combined in a fixed order.
 * <p>Data rules, checked at the top of {@code fit}: at least {@code k} rows and at least {@code k}
 * distinct rows with positive weight (scikit-learn only warns when there are fewer distinct points than
 * clusters and returns duplicate centres; here it is an error, since such a fit cannot give {@code k}
 * clusters), at least one column, finite values.
 * <p>Departures from the papers: the tolerance is on the summed squared movement of the centres,
 * relative to the data's mean column variance, as in scikit-learn; a cluster left empty is re-seeded
 * with the row farthest from its centre.
 * {@snippet :
 * int[] labels = KMeans.of(8).withSeed(42).fit(x).predict(x);
 * }
 * <p>Reference: S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28(2), 1982;
 * D. Arthur and S. Vassilvitskii, "k-means++: The Advantages of Careful Seeding", SODA 2007.
 * @param k         number of clusters, {@code >= 1}; the data must have at least {@code k} distinct rows
 * @param maxIter   most iterations per run, {@code >= 1}, default 300 (for {@link KMeansAlgorithm#MINIBATCH},
 *                  most passes over the data)
 * @param tolerance convergence threshold, {@code >= 0}, default 1e-4: a run stops when the summed squared
 *                  movement of the centres in one iteration is at most {@code tolerance} times the mean
 *                  column variance of the data (or when the labels stop changing); 0 waits for the labels
 * @param init      how the centres are seeded, default {@link KMeansInit#PLUS_PLUS}; given centres must have
 *                  {@code k} rows and the data's column count
 * @param algorithm how to iterate, default {@link KMeansAlgorithm#LLOYD}
 * @param nInit     number of seedings to run, keeping the lowest inertia, {@code >= 1}, default 1
 *                  (ignored for given centres)
 * @param batchSize rows per step of {@link KMeansAlgorithm#MINIBATCH}, {@code >= 1}, default 1024
 * @param seed      seed of every random choice, default 0
 */
public record KMeans(int k, int maxIter, double tolerance, KMeansInit init, KMeansAlgorithm algorithm, int nInit,
                     int batchSize, long seed) implements TransformerEstimator<KMeansModel> {
    private static final System.Logger LOG = System.getLogger(KMeans.class.getName());

    /**
     * @throws IllegalArgumentException if a component is out of range, or given centres do not have k rows
     */
    public KMeans {
        Check.atLeast("k", k, 1);
        Check.atLeast("maxIter", maxIter, 1);
        Check.nonNegative("tolerance", tolerance);
        Check.argument(Double.isFinite(tolerance), "tolerance must be finite, got " + tolerance);
        Check.notNull("init", init);
        Check.notNull("algorithm", algorithm);
        Check.atLeast("nInit", nInit, 1);
        Check.atLeast("batchSize", batchSize, 1);
        if (init instanceof KMeansInit.Given g) {
            Check.argument(g.centroidRows() == k,
                    "init centroids must have k = " + k + " rows, got " + g.centroidRows());
        }
    }

    /** K-means with {@code k} clusters and the defaults: 300 iterations, tolerance 1e-4, k-means++, Lloyd, one run, seed 0. */
    public static KMeans of(int k) {
        return new KMeans(k, 300, 1e-4, KMeansInit.PLUS_PLUS, KMeansAlgorithm.LLOYD, 1, 1024, 0L);
    }

    public KMeans withK(int k) {
        return new KMeans(k, maxIter, tolerance, init, algorithm, nInit, batchSize, seed);
    }

    public KMeans withMaxIter(int maxIter) {
        return new KMeans(k, maxIter, tolerance, init, algorithm, nInit, batchSize, seed);
    }

    public KMeans withTolerance(double tolerance) {
        return new KMeans(k, maxIter, tolerance, init, algorithm, nInit, batchSize, seed);
    }

    public KMeans withInit(KMeansInit init) {
        return new KMeans(k, maxIter, tolerance, init, algorithm, nInit, batchSize, seed);
    }

    public KMeans withAlgorithm(KMeansAlgorithm algorithm) {
        return new KMeans(k, maxIter, tolerance, init, algorithm, nInit, batchSize, seed);
    }

    public KMeans withNInit(int nInit) {
        return new KMeans(k, maxIter, tolerance, init, algorithm, nInit, batchSize, seed);
    }

    public KMeans withBatchSize(int batchSize) {
        return new KMeans(k, maxIter, tolerance, init, algorithm, nInit, batchSize, seed);
    }

    public KMeans withSeed(long seed) {
        return new KMeans(k, maxIter, tolerance, init, algorithm, nInit, batchSize, seed);
    }

    /**
     * Fits k-means to the rows of {@code x}, each of weight 1.
     * @throws IllegalArgumentException if {@code x} is empty, has fewer than {@code k} rows or distinct rows,
     *                                  has a non-finite value (the message names its row and column), or does
     *                                  not match the columns of given centres
     */
    @Override
    public KMeansModel fit(Matrix x) {
        Check.notNull("x", x);
        double[] w = new double[x.rows()];
        java.util.Arrays.fill(w, 1.0);
        return fitWeighted(x, w);
    }

    /**
     * Fits k-means to the rows of {@code x} with a weight per row: the objective is
     * {@code sum_i weights[i] * ||x_i - c(x_i)||^2} and each centre is the weighted mean of its rows.
     * Rows of weight 0 take no part, except that they still get a label.
     * @param weights one finite non-negative weight per row, with a positive sum
     * @throws IllegalArgumentException as {@link #fit(Matrix)}, or if the weights are of the wrong length,
     *                                  negative, non-finite or all zero
     */
    public KMeansModel fit(Matrix x, double[] weights) {
        Check.notNull("x", x);
        Check.notNull("weights", weights);
        Check.argument(weights.length == x.rows(),
                "weights must have one value per row of x (" + x.rows() + "), got " + weights.length);
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException(
                        "weights must be finite and >= 0, got " + weights[i] + " at index " + i);
            }
            total += weights[i];
        }
        Check.argument(x.rows() == 0 || total > 0, "weights must have a positive sum, got " + total);
        return fitWeighted(x, weights.clone());
    }

    private KMeansModel fitWeighted(Matrix x, double[] w) {
        long start = System.nanoTime();
        Check.argument(x.rows() > 0, "x must not be empty, got 0 rows");
        Check.argument(x.cols() > 0, "x must have at least 1 column, got 0");
        Check.rowsAtLeast("x", x, k, "one per cluster");
        Check.finite("x", x);
        int n = x.rows(), d = x.cols();
        if (init instanceof KMeansInit.Given g) {
            Check.argument(g.centroidCols() == d,
                    "init centroids must have " + d + " columns (as x), got " + g.centroidCols());
        }
        float[] values = x.values();
        int distinct = Distinct.count(values, n, d, w, k);
        if (distinct < k) {
            throw new IllegalArgumentException("x must have at least " + k
                    + " distinct rows with positive weight (one per cluster), got " + distinct);
        }
        Problem p = Problem.of(values, n, d, w);
        double scaledTolerance = tolerance * Kernels.meanVariance(values, n, d);
        SplittableRandom master = new SplittableRandom(seed);
        int runs = init instanceof KMeansInit.Given ? 1 : nInit;
        Run best = null;
        for (int r = 0; r < runs; r++) {
            SplittableRandom rng = master.split();
            float[] centres = Seeding.seed(p, k, init, rng, tolerance);
            Run run = algorithm == KMeansAlgorithm.MINIBATCH
                    ? MiniBatch.run(p, centres, k, maxIter, batchSize, scaledTolerance, rng)
                    : Exact.run(p, centres, k, algorithm, maxIter, scaledTolerance);
            if (best == null || run.inertia() < best.inertia()) best = run;
        }
        if (!best.converged()) {
            LOG.log(System.Logger.Level.WARNING, "k-means (k = {0}, {1}) did not converge in {2} iterations",
                    k, algorithm, maxIter);
        }
        FitReport report = FitReport.of(best.iterations(), best.converged(), best.inertia(), best.history(),
                Duration.ofNanos(System.nanoTime() - start));
        return new KMeansModel(this, Matrix.wrap(k, d, best.centres()), best.labels(), report);
    }
}
