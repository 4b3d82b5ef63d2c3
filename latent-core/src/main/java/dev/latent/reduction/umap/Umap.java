package dev.latent.reduction.umap;

import dev.latent.FitReport;
import dev.latent.TransformerEstimator;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.internal.Parallel;
import dev.latent.neighbors.Metric;
import dev.latent.neighbors.NeighborSearch;
import dev.latent.neighbors.NnDescent;
import dev.latent.neighbors.Neighbors;
import dev.latent.reduction.pca.Pca;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Hyperparameters of UMAP (uniform manifold approximation and projection); an immutable value that is also
 * the estimator.
 * <p>UMAP builds a fuzzy graph of the data from each row's {@code neighbors - 1} nearest other rows (the row
 * counts as its own first neighbour, as in umap-learn): smooth kNN distances with a per-row offset and
 * bandwidth, then the fuzzy union of the directed graph and its transpose (see {@code FuzzyGraph}). It lays
 * the graph out in {@code components} dimensions by stochastic gradient descent on the fuzzy cross entropy
 * between the graph and the similarities {@code 1 / (1 + a d^(2b))} of the embedded points, where
 * {@code a, b} are fitted to {@code minDist} and {@code spread}. The start is the graph's spectral layout
 * (by default), the principal components, or uniform noise, rescaled to {@code [0, 10]} per axis; the
 * descent samples each edge in proportion to its weight, with {@code negativeSampleRate} negative samples
 * per positive one and a learning rate decaying linearly from {@code learningRate} to 0, as umap-learn does.
 * <p>Departure from umap-learn: the descent is deterministic. umap-learn's parallel descent moves both ends of
 * each edge from several threads at once, so its result varies with timing; here each fixed chunk of
 * vertices moves only its own vertices and sees the others as they were at the start of the epoch, so the
 * same seed gives the same embedding for any thread count (see {@code Layout}). A disconnected graph gets
 * the random start rather than umap-learn's per-component spectral layout.
 * <p>Neighbours: up to {@link NeighborSearch#EXACT_UP_TO} rows an exact search ({@code O(n^2 d)} flops at GEMM
 * speed), above that nearest-neighbour descent seeded by random-projection trees ({@link NnDescent}, with
 * {@code neighbors} as its graph degree and this seed), as umap-learn does with PyNNDescent.
 * <p>Cost: beyond the neighbour search, the graph and the descent
 * {@code O(n neighbors)} memory, and each epoch {@code O(n neighbors (1 + negativeSampleRate))} time.
 * The fitted model keeps a copy of the training data (and a neighbour index over it), which
 * {@link UmapModel#transform} and {@link UmapModel#inverseTransform} need.
 * {@snippet :
 * Matrix map = Umap.of(2).withSeed(42).fit(x).embedding();
 * }
 * <p>Reference: L. McInnes, J. Healy, J. Melville, "UMAP: Uniform Manifold Approximation and Projection for
 * Dimension Reduction", arXiv:1802.03426, 2018.
 * @param components         dimensions of the embedding, {@code >= 1}, default 2
 * @param neighbors          size of the local neighbourhood, counting the row itself, {@code >= 2} and below
 *                           the number of rows, default 15; larger values favour global structure
 * @param minDist            smallest distance between embedded points, {@code >= 0} and at most
 *                           {@code spread}, default 0.1; smaller values give tighter clusters
 * @param spread             scale of the embedded points, {@code > 0}, default 1
 * @param metric             distance between input rows, default {@link Metric#EUCLIDEAN}; cosine rows must not
 *                           be all zeros
 * @param epochs             epochs of gradient descent, {@code >= 0}, or {@link #AUTO_EPOCHS} (the default):
 *                           500 up to 10,000 rows, else 200
 * @param learningRate       initial step size, {@code > 0}, default 1
 * @param negativeSampleRate negative samples per positive one, {@code >= 0}, default 5
 * @param repulsionStrength  weight of the negative samples ({@code gamma}), {@code >= 0}, default 1
 * @param localConnectivity  neighbours assumed connected at full strength, {@code >= 0}, default 1
 * @param setOpMixRatio      1 for the fuzzy union, 0 for the fuzzy intersection, in {@code [0, 1]}, default 1
 * @param init               the initial embedding, default {@link UmapInit#SPECTRAL}
 * @param seed               seed of every random choice, default 0
 */
public record Umap(int components, int neighbors, double minDist, double spread, Metric metric, int epochs,
                   double learningRate, int negativeSampleRate, double repulsionStrength, double localConnectivity,
                   double setOpMixRatio, UmapInit init, long seed) implements TransformerEstimator<UmapModel> {
    /** The value of {@code epochs} that asks for 500 epochs up to 10,000 rows and 200 above. */
    public static final int AUTO_EPOCHS = -1;
    /** Largest row count that gets 500 epochs under {@link #AUTO_EPOCHS}. */
    public static final int SMALL_ROWS = 10_000;
    static final double SPECTRAL_TOLERANCE = 1e-4;
    static final double INIT_NOISE = 1e-4;
    static final int LOSS_PAIRS = 100_000;
    static final int HISTORY_POINTS = 10;

    /** @throws IllegalArgumentException if a component is out of range */
    public Umap {
        Check.atLeast("components", components, 1);
        Check.atLeast("neighbors", neighbors, 2);
        Check.argument(Double.isFinite(minDist) && minDist >= 0, "minDist must be >= 0 and finite, got " + minDist);
        Check.argument(Double.isFinite(spread) && spread > 0, "spread must be > 0 and finite, got " + spread);
        Check.argument(minDist <= spread, "minDist must be <= spread (" + spread + "), got " + minDist);
        Check.notNull("metric", metric);
        Check.argument(epochs == AUTO_EPOCHS || epochs >= 0,
                "epochs must be >= 0 or AUTO_EPOCHS (-1), got " + epochs);
        Check.argument(Double.isFinite(learningRate) && learningRate > 0,
                "learningRate must be > 0 and finite, got " + learningRate);
        Check.atLeast("negativeSampleRate", negativeSampleRate, 0);
        Check.argument(Double.isFinite(repulsionStrength) && repulsionStrength >= 0,
                "repulsionStrength must be >= 0 and finite, got " + repulsionStrength);
        Check.argument(Double.isFinite(localConnectivity) && localConnectivity >= 0,
                "localConnectivity must be >= 0 and finite, got " + localConnectivity);
        Check.inRange("setOpMixRatio", setOpMixRatio, 0, 1);
        Check.notNull("init", init);
    }

    /** UMAP to {@code components} dimensions with umap-learn's defaults. */
    public static Umap of(int components) {
        return new Umap(components, 15, 0.1, 1.0, Metric.EUCLIDEAN, AUTO_EPOCHS, 1.0, 5, 1.0, 1.0, 1.0,
                UmapInit.SPECTRAL, 0L);
    }

    /** UMAP to 2 dimensions with umap-learn's defaults. */
    public static Umap defaults() {
        return of(2);
    }

    public Umap withNeighbors(int neighbors) {
        return new Umap(components, neighbors, minDist, spread, metric, epochs, learningRate, negativeSampleRate,
                repulsionStrength, localConnectivity, setOpMixRatio, init, seed);
    }

    public Umap withMinDist(double minDist) {
        return new Umap(components, neighbors, minDist, spread, metric, epochs, learningRate, negativeSampleRate,
                repulsionStrength, localConnectivity, setOpMixRatio, init, seed);
    }

    public Umap withSpread(double spread) {
        return new Umap(components, neighbors, minDist, spread, metric, epochs, learningRate, negativeSampleRate,
                repulsionStrength, localConnectivity, setOpMixRatio, init, seed);
    }

    public Umap withMetric(Metric metric) {
        return new Umap(components, neighbors, minDist, spread, metric, epochs, learningRate, negativeSampleRate,
                repulsionStrength, localConnectivity, setOpMixRatio, init, seed);
    }

    public Umap withEpochs(int epochs) {
        return new Umap(components, neighbors, minDist, spread, metric, epochs, learningRate, negativeSampleRate,
                repulsionStrength, localConnectivity, setOpMixRatio, init, seed);
    }

    public Umap withLearningRate(double learningRate) {
        return new Umap(components, neighbors, minDist, spread, metric, epochs, learningRate, negativeSampleRate,
                repulsionStrength, localConnectivity, setOpMixRatio, init, seed);
    }

    public Umap withNegativeSampleRate(int negativeSampleRate) {
        return new Umap(components, neighbors, minDist, spread, metric, epochs, learningRate, negativeSampleRate,
                repulsionStrength, localConnectivity, setOpMixRatio, init, seed);
    }

    public Umap withRepulsionStrength(double repulsionStrength) {
        return new Umap(components, neighbors, minDist, spread, metric, epochs, learningRate, negativeSampleRate,
                repulsionStrength, localConnectivity, setOpMixRatio, init, seed);
    }

    public Umap withLocalConnectivity(double localConnectivity) {
        return new Umap(components, neighbors, minDist, spread, metric, epochs, learningRate, negativeSampleRate,
                repulsionStrength, localConnectivity, setOpMixRatio, init, seed);
    }

    public Umap withSetOpMixRatio(double setOpMixRatio) {
        return new Umap(components, neighbors, minDist, spread, metric, epochs, learningRate, negativeSampleRate,
                repulsionStrength, localConnectivity, setOpMixRatio, init, seed);
    }

    public Umap withInit(UmapInit init) {
        return new Umap(components, neighbors, minDist, spread, metric, epochs, learningRate, negativeSampleRate,
                repulsionStrength, localConnectivity, setOpMixRatio, init, seed);
    }

    public Umap withSeed(long seed) {
        return new Umap(components, neighbors, minDist, spread, metric, epochs, learningRate, negativeSampleRate,
                repulsionStrength, localConnectivity, setOpMixRatio, init, seed);
    }

    /** The epochs run on {@code n} rows: {@code epochs}, or under {@link #AUTO_EPOCHS} 500 up to 10,000 rows, else 200. */
    public int epochsFor(int n) {
        return epochs != AUTO_EPOCHS ? epochs : n <= SMALL_ROWS ? 500 : 200;
    }

    /** The parameters {@code {a, b}} of the embedded similarity {@code 1 / (1 + a d^(2b))} for minDist and spread. */
    public double[] curve() {
        return Curve.fit(minDist, spread);
    }

    /**
     * Embeds the rows of {@code x}.
     * @throws IllegalArgumentException if {@code x} has fewer than 3 rows, a non-finite value, all rows equal,
     *                                  (cosine) a row of zeros, {@code neighbors} not below its row count, or
     *                                  (PCA init) fewer columns than components
     */
    @Override
    public UmapModel fit(Matrix x) {
        long t0 = System.nanoTime();
        Check.notNull("x", x);
        Check.rowsAtLeast("x", x, 3, "UMAP needs neighbours");
        Check.finite("x", x);
        int n = x.rows();
        if (neighbors >= n) {
            throw new IllegalArgumentException("neighbors must be < " + n + " (the rows of x), got " + neighbors);
        }
        checkNotConstant(x);
        if (init == UmapInit.PCA) {
            Check.argument(x.cols() >= components, "x must have at least " + components
                    + " columns for the PCA init (or use UmapInit.SPECTRAL or RANDOM), got " + x.cols());
        }
        if (metric == Metric.COSINE) checkNoZeroRow("x", x);
        Matrix data = x.copy();
        NeighborSearch search = search(data);
        Neighbors nb = search.querySelf(neighbors - 1);
        long t1 = System.nanoTime();
        float[] dist = nb.distances();
        FuzzyGraph graph = FuzzyGraph.of(nb, dist, localConnectivity, setOpMixRatio);
        double[] ab = Curve.fit(minDist, spread);
        long t2 = System.nanoTime();
        double a = ab[0], b = ab[1];

        SplittableRandom random = new SplittableRandom(seed);
        SplittableRandom initRandom = random.split();
        SplittableRandom layoutRandom = random.split();
        SplittableRandom lossRandom = random.split();
        float[] y = new float[n * components];
        String initNote = initialize(x, graph, initRandom, y);
        UmapInit used = initNote.startsWith("random") && init != UmapInit.RANDOM ? UmapInit.RANDOM : init;
        rescale(y, n, components);
        long t3 = System.nanoTime();

        int total = epochsFor(n);
        Layout layout = new Layout(n, graph.rowPtr, graph.cols, graph.weights, total, components, a, b,
                repulsionStrength, negativeSampleRate, 2);
        int every = Math.max(1, Parallel.chunkCount(total, HISTORY_POINTS));
        double[] history = new double[Parallel.chunkCount(total, every)];
        int recorded = 0;
        for (int from = 0; from < total; from += every) {
            int to = Math.min(total, from + every);
            layout.run(y, y, n, true, from, to, total, learningRate, layoutRandom);
            history[recorded++] = crossEntropy(graph, y, components, a, b, lossRandom.split());
        }
        for (float v : y) {
            if (!Float.isFinite(v)) throw new ArithmeticException("UMAP embedding became non-finite by epoch " + total);
        }
        long t4 = System.nanoTime();
        Map<String, Duration> stages = new LinkedHashMap<>();
        stages.put("neighbors", Duration.ofNanos(t1 - t0));
        stages.put("graph", Duration.ofNanos(t2 - t1));
        stages.put("init", Duration.ofNanos(t3 - t2));
        stages.put("layout", Duration.ofNanos(t4 - t3));
        double loss = recorded > 0 ? history[recorded - 1] : crossEntropy(graph, y, components, a, b, lossRandom);
        FitReport report = FitReport.of(total, true, loss, Arrays.copyOf(history, recorded),
                Duration.ofNanos(System.nanoTime() - t0));
        return new UmapModel(this, Matrix.wrap(n, components, y), data, search, a, b, total, used, initNote,
                graph.entries(), Collections.unmodifiableMap(stages), report);
    }

    /** The embedding of {@code x}, as {@code fit(x).embedding()} (not a transform of {@code x} by the fitted model). */
    @Override
    public Matrix fitTransform(Matrix x) {
        return fit(x).embedding();
    }

    /** Fills {@code y} with the initial layout; returns a note on what was done. */
    private String initialize(Matrix x, FuzzyGraph graph, SplittableRandom random, float[] y) {
        int n = x.rows();
        if (init == UmapInit.PCA) {
            Matrix codes = Pca.of(components).withSeed(seed).fit(x).transform(x);
            float[] c = codes.values();
            double[] v = new double[c.length];
            for (int e = 0; e < c.length; e++) v[e] = c[e];
            noisyScale(v, random, y);
            return "pca";
        }
        if (init == UmapInit.SPECTRAL) {
            String why;
            int parts = Spectral.components(graph);
            if (parts > 1) {
                why = "the graph has " + parts + " connected components";
            } else if (n <= components + 1) {
                why = "too few rows for " + components + " eigenvectors";
            } else {
                Spectral.Result r = new Spectral(graph).solve(components, SPECTRAL_TOLERANCE,
                        Math.max(100, 5 * (int) Math.sqrt(n)) * 4, random.nextLong());
                if (r.converged()) {
                    noisyScale(r.layout(), random, y);
                    return "spectral (" + r.iterations() + " LOBPCG iterations)";
                }
                why = "the eigensolver did not converge (residual " + (float) r.residual() + " after "
                        + r.iterations() + " iterations)";
            }
            uniform(random, y);
            return "random (spectral failed: " + why + ")";
        }
        uniform(random, y);
        return "random";
    }

    /** Scales {@code v} so its largest magnitude is 10 and adds Gaussian noise of deviation 1e-4, into {@code out}. */
    private static void noisyScale(double[] v, SplittableRandom random, float[] out) {
        double max = 0;
        for (double e : v) max = Math.max(max, Math.abs(e));
        double scale = max > 0 ? 10 / max : 1;
        for (int e = 0; e < v.length; e++) out[e] = (float) (v[e] * scale + random.nextGaussian() * INIT_NOISE);
    }

    private static void uniform(SplittableRandom random, float[] out) {
        for (int e = 0; e < out.length; e++) out[e] = (float) random.nextDouble(-10, 10);
    }

    /** Rescales each axis of {@code y} to {@code [0, 10]} (an axis without spread is left in place). */
    static void rescale(float[] y, int n, int dims) {
        for (int c = 0; c < dims; c++) {
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                lo = Math.min(lo, y[i * dims + c]);
                hi = Math.max(hi, y[i * dims + c]);
            }
            if (!(hi > lo)) continue;
            double scale = 10.0 / ((double) hi - lo);
            for (int i = 0; i < n; i++) y[i * dims + c] = (float) ((y[i * dims + c] - (double) lo) * scale);
        }
    }

    /**
     * The fuzzy set cross entropy of the graph and the embedding: the sum over stored entries of
     * {@code w log(w / q) + (1 - w) log((1 - w) / (1 - q))} plus the sum over the other ordered pairs of
     * {@code -log(1 - q)}, the latter estimated from {@value #LOSS_PAIRS} random pairs when there are more
     * pairs than that (exact otherwise).
     */
    static double crossEntropy(FuzzyGraph g, float[] y, int dims, double a, double b, SplittableRandom random) {
        int n = g.n;
        double[] parts = Parallel.shared().forChunks(n, 1024, (from, to) -> {
            double s = 0;
            for (int i = from; i < to; i++) {
                for (int e = g.rowPtr[i]; e < g.rowPtr[i + 1]; e++) {
                    double w = g.weights[e];
                    double q = similarity(y, i * dims, g.cols[e] * dims, dims, a, b);
                    q = Math.min(Math.max(q, 1e-12), 1 - 1e-12);
                    if (w > 0) s += w * Math.log(w / q);
                    if (w < 1) s += (1 - w) * Math.log((1 - w) / (1 - q));
                }
            }
            return s;
        });
        double attractive = 0;
        for (double p : parts) attractive += p;
        double others = (double) n * (n - 1) - g.entries();
        if (others <= 0) return attractive;
        double sum = 0;
        if ((double) n * (n - 1) <= LOSS_PAIRS) {
            // few enough pairs to add up exactly
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (j == i || java.util.Arrays.binarySearch(g.cols, g.rowPtr[i], g.rowPtr[i + 1], j) >= 0) continue;
                    sum -= Math.log(Math.max(1 - similarity(y, i * dims, j * dims, dims, a, b), 1e-12));
                }
            }
            return attractive + sum;
        }
        for (int s = 0; s < LOSS_PAIRS; s++) {
            int i = random.nextInt(n), j = random.nextInt(n - 1);
            if (j >= i) j++;
            double q = similarity(y, i * dims, j * dims, dims, a, b);
            sum -= Math.log(Math.max(1 - q, 1e-12));
        }
        return attractive + sum / LOSS_PAIRS * others;
    }

    static double similarity(float[] y, int io, int jo, int dims, double a, double b) {
        double d2 = 0;
        for (int c = 0; c < dims; c++) {
            double diff = y[io + c] - y[jo + c];
            d2 += diff * diff;
        }
        return d2 <= 0 ? 1 : 1 / (1 + a * Math.pow(d2, b));
    }

    /**
     * The neighbour index over the rows of {@code data}: exact up to {@link NeighborSearch#EXACT_UP_TO} rows,
     * nearest-neighbour descent (with graph degree {@code neighbors} and this seed) above.
     */
    NeighborSearch search(Matrix data) {
        return data.rows() <= NeighborSearch.EXACT_UP_TO ? NeighborSearch.exact(data, metric)
                : NnDescent.of(metric).withNeighbors(neighbors).withSeed(seed).fit(data);
    }

    /** Fails if a row of {@code x} is all zeros, which has no cosine distance. */
    static void checkNoZeroRow(String name, Matrix x) {
        int n = x.rows(), d = x.cols();
        float[] v = x.values();
        for (int i = 0; i < n; i++) {
            boolean zero = true;
            for (int j = 0; j < d && zero; j++) zero = v[i * d + j] == 0;
            if (zero) {
                throw new IllegalArgumentException(name + " has a row of zeros at row " + i
                        + ", which has no cosine distance");
            }
        }
    }

    private static void checkNotConstant(Matrix x) {
        float[] v = x.values();
        int d = x.cols();
        for (int e = d; e < v.length; e++) {
            if (v[e] != v[e % d]) return;
        }
        throw new IllegalArgumentException("x must not be constant, got " + x.rows()
                + " equal rows (UMAP needs distinct neighbours)");
    }
}
