package dev.latent.reduction.umap;

import dev.latent.FitReport;
import dev.latent.Transformer;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.internal.Parallel;
import dev.latent.io.ModelIO;
import dev.latent.io.ModelReader;
import dev.latent.io.ModelWriter;
import dev.latent.io.SavableModel;
import dev.latent.neighbors.ExactKnn;
import dev.latent.neighbors.Metric;
import dev.latent.neighbors.NeighborSearch;
import dev.latent.neighbors.Neighbors;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fitted UMAP: the embedding of the rows it was fitted on, and what it needs to place new points.
 * <p>The model keeps a copy of the training data and a neighbour index over it (for the cosine metric, over
 * the rows scaled to unit length), so it takes about twice the memory of the training data.
 * {@link #transform} embeds new rows as umap-learn does: their {@code neighbors} nearest training rows give
 * membership weights (smooth kNN distances with local connectivity {@code localConnectivity - 1}, the
 * bandwidth search over all {@code neighbors} of them), each new point starts at the weighted mean of its
 * neighbours' embeddings (at a neighbour's place when it coincides with it), and only the new points move, for
 * {@link #transformEpochs} epochs at a quarter of the fit's learning rate, against the fixed training embedding.
 * {@link #inverseTransform} is a simpler interpolation than umap-learn's: each embedded point maps to the
 * mean of the training rows of its {@code neighbors} nearest embedded training points, weighted by the
 * embedding's similarity {@code 1 / (1 + a d^(2b))} (to a training row itself when it coincides with its
 * embedding); there is no optimization in data space.
 * <p>{@link #save} and {@link #load} keep it in a model file of kind {@value #KIND}: the hyperparameters, the
 * fitted curve, the embedding and the training rows (the neighbour index is rebuilt on load).
 */
public final class UmapModel implements Transformer, SavableModel {
    /** The kind of model in its model files. */
    public static final String KIND = "umap";

    private static final int CHUNK = 256;

    private final Umap params;
    private final Matrix embedding;
    private final Matrix data;
    private final NeighborSearch search;
    private final double a;
    private final double b;
    private final int epochs;
    private final UmapInit initialization;
    private final String initNote;
    private final int graphEntries;
    private final Map<String, Duration> stages;
    private final FitReport report;

    UmapModel(Umap params, Matrix embedding, Matrix data, NeighborSearch search, double a, double b, int epochs,
              UmapInit initialization, String initNote, int graphEntries, Map<String, Duration> stages, FitReport report) {
        this.params = params;
        this.embedding = embedding;
        this.data = data;
        this.search = search;
        this.a = a;
        this.b = b;
        this.epochs = epochs;
        this.initialization = initialization;
        this.initNote = initNote;
        this.graphEntries = graphEntries;
        this.stages = stages;
        this.report = report;
    }

    /** The hyperparameters that produced this model. */
    public Umap params() {
        return params;
    }

    /** The embedding, one row per training row ({@code n x components}); a copy. */
    public Matrix embedding() {
        return embedding.copy();
    }

    /** The fitted {@code a} of the embedded similarity {@code 1 / (1 + a d^(2b))}. */
    public double a() {
        return a;
    }

    /** The fitted {@code b} of the embedded similarity {@code 1 / (1 + a d^(2b))}. */
    public double b() {
        return b;
    }

    /** The epochs of gradient descent run. */
    public int epochs() {
        return epochs;
    }

    /** The initialization actually used: {@link UmapInit#RANDOM} when the spectral one fell back. */
    public UmapInit initialization() {
        return initialization;
    }

    /** How the initialization went, e.g. {@code "spectral (87 LOBPCG iterations)"} or why it fell back. */
    public String initializationNote() {
        return initNote;
    }

    /** The stored entries of the fuzzy graph (each undirected edge counts twice). */
    public int graphEntries() {
        return graphEntries;
    }

    /**
     * Wall time of each stage of the fit, in order: {@code neighbors} (the search), {@code graph} (fuzzy graph
     * and curve), {@code init} (initial layout) and {@code layout} (the descent, with the loss estimates).
     */
    public Map<String, Duration> stageTimes() {
        return stages;
    }

    /**
     * Epochs run; converged is always true (the schedule runs to its end, where the learning rate reaches 0);
     * the objective is the fuzzy set cross entropy of the graph and the final embedding (its part over
     * non-edges estimated from random pairs), and the history holds it at ten points of the descent.
     */
    @Override
    public FitReport report() {
        return report;
    }

    /**
     * Places new rows in the embedding (see the class comment); the training rows land near, not exactly at,
     * their fitted places.
     * @throws IllegalArgumentException if {@code x} has the wrong number of columns, a non-finite value or
     *                                  (cosine) a row of zeros
     */
    @Override
    public Matrix transform(Matrix x) {
        Check.notNull("x", x);
        Check.columns("x", x, data.cols());
        Check.finite("x", x);
        int m = x.rows(), dims = params.components(), k = params.neighbors();
        if (m == 0) return Matrix.zeros(0, dims);
        if (params.metric() == Metric.COSINE) Umap.checkNoZeroRow("x", x);
        Neighbors nb = search.query(x, k);
        float[] dist = nb.distances();
        float[] rho = new float[m];
        float[] sigma = new float[m];
        FuzzyGraph.smoothKnn(dist, m, k, Math.max(0, params.localConnectivity() - 1), false, rho, sigma);
        float[] w = FuzzyGraph.memberships(dist, m, k, rho, sigma);
        float[] ref = embedding.values();
        float[] y = new float[m * dims];
        int[] idx = nb.indices();
        Parallel.shared().forEachChunk(m, CHUNK, (from, to) -> {
            for (int i = from; i < to; i++) {
                int o = i * k, yo = i * dims;
                int same = -1;
                for (int r = 0; r < k && same < 0; r++) if (dist[o + r] == 0) same = idx[o + r];
                if (same >= 0) {
                    System.arraycopy(ref, same * dims, y, yo, dims);
                    continue;
                }
                double total = 0;
                for (int r = 0; r < k; r++) total += w[o + r];
                for (int c = 0; c < dims; c++) {
                    double s = 0;
                    for (int r = 0; r < k; r++) s += w[o + r] * ref[idx[o + r] * dims + c];
                    y[yo + c] = (float) (total > 0 ? s / total : ref[idx[o] * dims + c]);
                }
            }
        });
        int tEpochs = transformEpochs(m);
        if (tEpochs > 0) {
            int[] rowPtr = new int[m + 1];
            for (int i = 0; i <= m; i++) rowPtr[i] = i * k;
            Layout layout = new Layout(m, rowPtr, idx, w, tEpochs, dims, a, b, params.repulsionStrength(),
                    params.negativeSampleRate(), 1);
            layout.run(y, ref, embedding.rows(), false, 0, tEpochs, tEpochs, params.learningRate() / 4,
                    new SplittableRandom(params.seed()));
        }
        return Matrix.wrap(m, dims, y);
    }

    /**
     * The epochs {@link #transform} runs on {@code m} new rows: under {@link Umap#AUTO_EPOCHS} 100 up to
     * 10,000 rows and 30 above, otherwise a third of {@code epochs}, as umap-learn does.
     */
    public int transformEpochs(int m) {
        return params.epochs() == Umap.AUTO_EPOCHS ? (m <= Umap.SMALL_ROWS ? 100 : 30) : params.epochs() / 3;
    }

    /**
     * Maps embedded points back to data space by interpolating training rows (see the class comment).
     * @throws IllegalArgumentException if {@code points} does not have {@code components} columns or holds a
     *                                  non-finite value
     */
    public Matrix inverseTransform(Matrix points) {
        Check.notNull("points", points);
        Check.columns("points", points, params.components());
        Check.finite("points", points);
        int m = points.rows(), d = data.cols(), n = embedding.rows();
        int k = Math.min(params.neighbors(), n);
        if (m == 0) return Matrix.zeros(0, d);
        Neighbors nb = ExactKnn.search(embedding, points, k);
        float[] x = data.values();
        float[] out = new float[m * d];
        Parallel.shared().forEachChunk(m, CHUNK, (from, to) -> {
            double[] acc = new double[d];
            for (int i = from; i < to; i++) {
                int oo = i * d;
                if (nb.distance(i, 0) == 0) {
                    System.arraycopy(x, nb.index(i, 0) * d, out, oo, d);
                    continue;
                }
                java.util.Arrays.fill(acc, 0);
                double total = 0;
                for (int r = 0; r < k; r++) {
                    double dd = nb.distance(i, r);
                    double wr = 1 / (1 + a * Math.pow(dd * dd, b));
                    total += wr;
                    int xo = nb.index(i, r) * d;
                    for (int j = 0; j < d; j++) acc[j] += wr * x[xo + j];
                }
                for (int j = 0; j < d; j++) out[oo + j] = (float) (acc[j] / total);
            }
        });
        return Matrix.wrap(m, d, out);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Writes the hyperparameters, the fitted {@code a} and {@code b}, what the fit did (epochs run, the
     * initialization used), the embedding ({@code n x components} float32) and the training rows ({@code n x d}
     * float32, needed by {@link #transform} and {@link #inverseTransform}).
     */
    @Override
    public void writeTo(ModelWriter out) {
        out.put("components", params.components()).put("neighbors", params.neighbors())
                .put("minDist", params.minDist()).put("spread", params.spread()).put("metric", params.metric().name())
                .put("epochs", params.epochs()).put("learningRate", params.learningRate())
                .put("negativeSampleRate", params.negativeSampleRate())
                .put("repulsionStrength", params.repulsionStrength())
                .put("localConnectivity", params.localConnectivity()).put("setOpMixRatio", params.setOpMixRatio())
                .put("init", params.init().name()).put("seed", params.seed())
                .put("a", a).put("b", b).put("epochsRun", epochs).put("initialization", initialization.name())
                .put("initializationNote", initNote).put("graphEntries", graphEntries)
                .matrix("embedding", embedding).matrix("data", data);
        out.provenance("dataShape", new int[] {data.rows(), data.cols()});
    }

    /**
     * Loads a model saved by {@link #save}, rebuilding its neighbour index over the training rows.
     * @throws dev.latent.io.BadFileException when the file is not a UMAP model file or is damaged
     * @throws IOException                    when it cannot be read
     */
    public static UmapModel load(Path file) throws IOException {
        return ModelIO.load(file, KIND, UmapModel::read);
    }

    private static UmapModel read(ModelReader in) {
        Umap params = new Umap(in.integer("components"), in.integer("neighbors"), in.number("minDist"),
                in.number("spread"), Metric.valueOf(in.string("metric")), in.integer("epochs"),
                in.number("learningRate"), in.integer("negativeSampleRate"), in.number("repulsionStrength"),
                in.number("localConnectivity"), in.number("setOpMixRatio"), UmapInit.valueOf(in.string("init")),
                in.longValue("seed"));
        Matrix embedding = in.matrix("embedding"), data = in.matrix("data");
        Check.columns("embedding", embedding, params.components());
        Check.argument(embedding.rows() == data.rows(), "embedding and data must have the same rows, got "
                + embedding.rows() + " and " + data.rows());
        Check.finite("data", data);
        return new UmapModel(params, embedding, data, params.search(data), in.number("a"), in.number("b"),
                in.integer("epochsRun"), UmapInit.valueOf(in.string("initialization")), in.string("initializationNote"),
                in.integer("graphEntries"), Map.of(), in.report());   // stage times belong to the fit, not the file
    }
}
