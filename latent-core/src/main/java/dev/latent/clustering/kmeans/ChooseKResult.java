package dev.latent.clustering.kmeans;

import dev.latent.internal.Check;

import java.util.OptionalInt;

/**
 * The scores of every k of a {@link ChooseK} range and the choice of each criterion, with the fitted models.
 * <p>Arrays are indexed by position in the range ({@code k = low() + i}) and copied on the way out. A score that
 * was not computed (the silhouette for k = 1 or k = n or when switched off, the gap statistic without
 * reference datasets) is NaN.
 */
public final class ChooseKResult {
    private final ChooseK params;
    private final int[] ks;
    private final double[] inertia, silhouette, gap, gapError;
    private final KMeansModel[] models;
    private final int knee, bestSilhouette, gapChoice;

    ChooseKResult(ChooseK params, int[] ks, double[] inertia, double[] silhouette, double[] gap, double[] gapError,
                  KMeansModel[] models, int knee, int bestSilhouette, int gapChoice) {
        this.params = params;
        this.ks = ks.clone();
        this.inertia = inertia.clone();
        this.silhouette = silhouette.clone();
        this.gap = gap.clone();
        this.gapError = gapError.clone();
        this.models = models.clone();
        this.knee = knee;
        this.bestSilhouette = bestSilhouette;
        this.gapChoice = gapChoice;
    }

    /** The options that produced this result. */
    public ChooseK params() {
        return params;
    }

    /** The smallest k of the range. */
    public int low() {
        return ks[0];
    }

    /** The largest k of the range. */
    public int high() {
        return ks[ks.length - 1];
    }

    /** Every k of the range, ascending; a copy. */
    public int[] ks() {
        return ks.clone();
    }

    /** The inertia of the data's fit for each k; a copy. */
    public double[] inertia() {
        return inertia.clone();
    }

    /** The (possibly sampled) mean silhouette for each k, NaN where not computed; a copy. */
    public double[] silhouette() {
        return silhouette.clone();
    }

    /** The gap statistic for each k, NaN without reference datasets; a copy. */
    public double[] gap() {
        return gap.clone();
    }

    /** The gap statistic's standard error {@code s_k} for each k, NaN without reference datasets; a copy. */
    public double[] gapError() {
        return gapError.clone();
    }

    /** The k at the knee of the inertia curve (Kneedle), if it has one. */
    public OptionalInt knee() {
        return knee < 0 ? OptionalInt.empty() : OptionalInt.of(knee);
    }

    /** The k of highest silhouette (the smallest such k on ties), if any silhouette was computed. */
    public OptionalInt bestSilhouette() {
        return bestSilhouette < 0 ? OptionalInt.empty() : OptionalInt.of(bestSilhouette);
    }

    /** The k chosen by the gap statistic, if it was computed. */
    public OptionalInt gapChoice() {
        return gapChoice < 0 ? OptionalInt.empty() : OptionalInt.of(gapChoice);
    }

    /**
     * The model fitted to the data with {@code k} clusters.
     * @throws IllegalArgumentException if {@code k} is outside the range
     */
    public KMeansModel model(int k) {
        Check.argument(k >= low() && k <= high(), "k must be in " + low() + ".." + high() + ", got " + k);
        return models[k - low()];
    }

    @Override
    public String toString() {
        return "ChooseKResult[k=" + low() + ".." + high() + ", knee=" + knee() + ", silhouette=" + bestSilhouette()
                + ", gap=" + gapChoice() + "]";
    }
}
