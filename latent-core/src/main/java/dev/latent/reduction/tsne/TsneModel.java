package dev.latent.reduction.tsne;

import dev.latent.FitReport;
import dev.latent.Model;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.neighbors.NeighborSearch;

/**
 * A fitted t-SNE: the embedding of the rows it was fitted on, the final {@code KL(P || Q)}, a report, and what
 * {@link #transform} needs to place new rows.
 * <p>To place new rows the model keeps the training rows and the neighbour search over them (the one that gave
 * the fit's affinities), so it holds {@code n x d} floats of training data besides the {@code n x components}
 * embedding.
 */
public final class TsneModel implements Model {
    private final Tsne params;
    private final Matrix embedding;
    private final NeighborSearch search;
    private final double klDivergence;
    private final FitReport report;

    TsneModel(Tsne params, Matrix embedding, NeighborSearch search, double klDivergence, FitReport report) {
        this.params = params;
        this.embedding = embedding;
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
     * its {@code 3 perplexity} nearest training rows (the fit's perplexity, not symmetrized), starts at the
     * affinity-weighted mean of their embedded positions, and is moved by 250 steps of gradient descent on its
     * own KL divergence against all training points (no early exaggeration, learning rate 0.1, momentum 0.8;
     * Barnes-Hut repulsion for 2-D maps, exact otherwise). New rows do not affect one another, so a row lands
     * in the same place whichever rows come with it. A training row lands near (not exactly on) its own
     * embedded position.
     * @param x new rows with the training rows' columns
     * @return their positions, {@code x.rows() x components}
     * @throws IllegalArgumentException if {@code x} has another column count or a non-finite value
     */
    public Matrix transform(Matrix x) {
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
}
