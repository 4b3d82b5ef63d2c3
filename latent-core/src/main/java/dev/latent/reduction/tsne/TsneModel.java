package dev.latent.reduction.tsne;

import dev.latent.FitReport;
import dev.latent.Model;
import dev.latent.data.Matrix;

/**
 * A fitted t-SNE: the embedding of the rows it was fitted on, the final {@code KL(P || Q)} and a report.
 * <p>There is no transform of new points: t-SNE embeds only the rows it was fitted on.
 */
public final class TsneModel implements Model {
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
}
