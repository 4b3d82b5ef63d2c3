package dev.latent.reduction.tsne;

import dev.latent.FitReport;
import dev.latent.Model;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.io.ModelIO;
import dev.latent.io.ModelReader;
import dev.latent.io.ModelWriter;
import dev.latent.io.SavableModel;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A fitted t-SNE: the embedding of the rows it was fitted on, the final {@code KL(P || Q)} and a report.
 * <p>There is no transform of new points: t-SNE embeds only the rows it was fitted on.
 * {@link #save} and {@link #load} keep it in a model file of kind {@value #KIND}: the hyperparameters, the
 * embedding, the KL divergence and the fit report.
 */
public final class TsneModel implements Model, SavableModel {
    /** The kind of model in its model files. */
    public static final String KIND = "tsne";

    private final Tsne params;
    private final Matrix embedding;
    private final double klDivergence;
    private final FitReport report;

    TsneModel(Tsne params, Matrix embedding, double klDivergence, FitReport report) {
        this.params = params;
        this.embedding = embedding;
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
     * {@code KL(P || Q)} at the final embedding: exact for the exact method, the Barnes-Hut estimate
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

    @Override
    public String kind() {
        return KIND;
    }

    /** Writes the hyperparameters, the KL divergence and the embedding ({@code n x components} float32). */
    @Override
    public void writeTo(ModelWriter out) {
        out.put("components", params.components()).put("perplexity", params.perplexity())
                .put("earlyExaggeration", params.earlyExaggeration())
                .put("exaggerationIterations", params.exaggerationIterations())
                .put("learningRate", params.learningRate()).put("maxIter", params.maxIter())
                .put("method", params.method().name()).put("theta", params.theta())
                .put("init", params.init().name()).put("seed", params.seed())
                .put("klDivergence", klDivergence).matrix("embedding", embedding);
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
                TsneMethod.valueOf(in.string("method")), in.number("theta"), TsneInit.valueOf(in.string("init")),
                in.longValue("seed"));
        Matrix embedding = in.matrix("embedding");
        Check.columns("embedding", embedding, params.components());
        return new TsneModel(params, embedding, in.number("klDivergence"), in.report());
    }
}
