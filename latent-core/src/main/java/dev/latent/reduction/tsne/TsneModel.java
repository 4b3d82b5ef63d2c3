package dev.latent.reduction.tsne;

import dev.latent.FitReport;
import dev.latent.Model;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.io.ModelIO;
import dev.latent.io.ModelReader;
import dev.latent.io.ModelWriter;
import dev.latent.io.SavableModel;
import dev.latent.neighbors.NeighborSearch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fitted t-SNE: the embedding of the rows it was fitted on, the final {@code KL(P || Q)}, a report, and what
 * {@link #transform} needs to place new rows.
 * <p>To place new rows the model keeps a copy of the training rows and the neighbour search over them (the
 * one that gave the fit's affinities), so it holds {@code n x d} floats of training data (plus, for large
 * {@code n}, the approximate index) besides the {@code n x components} embedding.
 * {@link #save} and {@link #load} keep it in a model file of kind {@value #KIND}: the hyperparameters, the
 * embedding, the KL divergence, the fit report and the training rows (the search is rebuilt on load, the same
 * as in the fit). Files of format version 1 hold no training rows: such a model has no {@link #transform}.
 */
public final class TsneModel implements Model, SavableModel {
    /** The kind of model in its model files. */
    public static final String KIND = "tsne";

    private final Tsne params;
    private final Matrix embedding;
    private final Matrix data;
    private final NeighborSearch search;
    private final double klDivergence;
    private final FitReport report;
    private final Map<String, Duration> stageTimes;

    /** {@code data} and {@code search} are both null (a version 1 file) or both set. */
    TsneModel(Tsne params, Matrix embedding, Matrix data, NeighborSearch search, double klDivergence,
              FitReport report, Map<String, Duration> stageTimes) {
        this.stageTimes = Collections.unmodifiableMap(new LinkedHashMap<>(stageTimes));
        this.params = params;
        this.embedding = embedding;
        this.data = data;
        this.search = search;
        this.klDivergence = klDivergence;
        this.report = report;
    }

    /** The hyperparameters that produced this model. */
    public Tsne params() {
        return params;
    }

    /** The embedding, one row per input row ({@code n x components}); a copy. */
    public Matrix embedding() {
        return embedding.copy();
    }

    /**
     * Places new rows into the embedding, which stays fixed, as openTSNE does: each new row gets affinities to
     * its {@code 3 perplexity} nearest training rows (the fit's perplexity and neighbour search, not
     * symmetrized), starts at the affinity-weighted mean of their embedded positions, and is moved by 250 steps
     * of gradient descent on its own KL divergence against all training points (no early exaggeration, learning
     * rate 0.1, momentum 0.8, gradient norm clipped to 0.25; Barnes-Hut repulsion for 2-D maps, exact
     * otherwise). New rows do not affect one another, so a row lands in the same place whichever rows come with
     * it. A training row lands near (not exactly on) its own embedded position.
     * @param x new rows with the training rows' columns
     * @return their positions, {@code x.rows() x components}
     * @throws IllegalArgumentException if {@code x} has another column count or a non-finite value
     * @throws IllegalStateException    if the model was loaded from a version 1 file, which holds no training rows
     */
    public Matrix transform(Matrix x) {
        Check.state(search != null, "this t-SNE model was loaded from a format version 1 file, which holds no "
                + "training rows: refit it to transform new rows");
        Check.notNull("x", x);
        Check.columns("x", x, search.dimension());
        Check.finite("x", x);
        int dims = embedding.cols();
        if (x.rows() == 0) return Matrix.wrap(0, dims, new float[0]);
        float[] e = embedding.values();
        double[] reference = new double[e.length];
        for (int i = 0; i < e.length; i++) reference[i] = e[i];
        return Matrix.wrap(x.rows(), dims, Placement.place(params, search, reference, dims, x));
    }

    /**
     * {@code KL(P || Q)} at the final embedding: exact for the exact method, the Barnes-Hut or FFT estimate
     * (with the approximated normalization {@code Z}) otherwise.
     */
    public double klDivergence() {
        return klDivergence;
    }

    /**
     * Iterations run; converged if the gradient norm fell below {@code 1e-7} before {@code maxIter}; the
     * objective is {@link #klDivergence()} and the history holds the KL divergence every 50 iterations.
     */
    @Override
    public FitReport report() {
        return report;
    }

    /**
     * Wall time of each stage of the fit, in order: {@code neighbors} (building the neighbour search and finding
     * each row's {@code 3 perplexity} neighbours), {@code affinities} (perplexity calibration and
     * symmetrization), {@code init} and {@code iterations} (the optimization, with the final KL divergence).
     * Empty for a model loaded from a file. Unmodifiable.
     */
    public Map<String, Duration> stageTimes() {
        return stageTimes;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Writes the hyperparameters, the KL divergence, the embedding ({@code n x components} float32) and the
     * training rows ({@code n x d} float32).
     */
    @Override
    public void writeTo(ModelWriter out) {
        out.put("components", params.components()).put("perplexity", params.perplexity())
                .put("earlyExaggeration", params.earlyExaggeration())
                .put("exaggerationIterations", params.exaggerationIterations())
                .put("learningRate", params.learningRate()).put("maxIter", params.maxIter())
                .put("method", params.method().name()).put("theta", params.theta())
                .put("degreesOfFreedom", params.degreesOfFreedom())
                .put("init", params.init().name()).put("seed", params.seed())
                .put("klDivergence", klDivergence).matrix("embedding", embedding);
        if (data != null) out.matrix("data", data);
        out.provenance("dataShape", new int[] {embedding.rows()});
    }

    /**
     * Loads a model saved by {@link #save}.
     * @throws dev.latent.io.BadFileException when the file is not a t-SNE model file or is damaged
     * @throws IOException                    when it cannot be read
     */
    public static TsneModel load(Path file) throws IOException {
        return ModelIO.load(file, KIND, TsneModel::read);
    }

    private static TsneModel read(ModelReader in) {
        Tsne params = new Tsne(in.integer("components"), in.number("perplexity"), in.number("earlyExaggeration"),
                in.integer("exaggerationIterations"), in.number("learningRate"), in.integer("maxIter"),
                TsneMethod.valueOf(in.string("method")), in.number("theta"),
                in.has("degreesOfFreedom") ? in.number("degreesOfFreedom") : 1, TsneInit.valueOf(in.string("init")),
                in.longValue("seed"));
        Matrix embedding = in.matrix("embedding");
        Check.columns("embedding", embedding, params.components());
        if (!in.has("data")) {
            return new TsneModel(params, embedding, null, null, in.number("klDivergence"), in.report(), Map.of());
        }
        Matrix data = in.matrix("data");
        Check.argument(data.rows() == embedding.rows(), "data must have " + embedding.rows()
                + " rows (one per embedded point), got " + data.rows());
        return new TsneModel(params, embedding, data, params.neighborSearch(data), in.number("klDivergence"),
                in.report(), Map.of());
    }
}
