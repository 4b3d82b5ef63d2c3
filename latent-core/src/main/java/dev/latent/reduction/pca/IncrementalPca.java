package dev.latent.reduction.pca;

import dev.latent.TransformerEstimator;
import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;

/**
 * Principal component analysis fitted batch by batch, for data that does not fit in memory; gives a
 * {@link PcaModel} like {@link Pca}.
 * <p>Only one batch is materialized at a time. The running state is the row count, the column means and
 * sums of squared deviations (merged per batch by Chan, Golub and LeVeque's pairwise update, in double), and
 * the current {@code k} components with their singular values. Each batch is centred on its own mean and
 * stacked under the current components scaled by their singular values, with one more row for the shift of
 * the mean, {@code sqrt(m b / (m + b)) (mean_old - mean_batch)}; the top {@code k} right singular vectors of
 * that {@code (k + b + 1) x d} matrix (thin SVD in double) are the new components. Each batch costs
 * O((k + b) d min(k + b, d)) time and O((k + b) d) memory. The result equals batch PCA exactly when
 * nothing is truncated ({@code k = d}) or the centred data has rank at most {@code k}; otherwise it is an
 * approximation that improves with {@code k}.
 * <p>Batches are rows {@code [0, b), [b, 2b), ...}; a last batch with fewer than {@code components} rows is
 * merged into the one before it (as scikit-learn's {@code gen_batches} with {@code min_batch_size} does), so
 * every batch has at least {@code components} rows. No randomness: the same data and batch size give the
 * same model whatever the thread count. The noise variance is computed as by {@link Pca}, from the total
 * variance, rather than from the discarded singular values of the last batch.
 * {@snippet :
 * PcaModel pca = IncrementalPca.of(50).withBatchSize(4096).fit(dataset);
 * }
 * <p>Reference: D. A. Ross, J. Lim, R.-S. Lin and M.-H. Yang, "Incremental Learning for Robust Visual
 * Tracking", IJCV 77, 2008 (the sequential Karhunen-Loeve update with mean correction); T. F. Chan,
 * G. H. Golub and R. J. LeVeque, "Updating Formulae and a Pairwise Algorithm for Computing Sample
 * Variances", Stanford report STAN-CS-79-773, 1979.
 * @param components number of components {@code k}, {@code >= 1}; at most the number of columns, and at most
 *                   the rows of the first batch
 * @param batchSize  rows per batch, {@code >= 1}, default 1024; must be at least {@code components} (a batch
 *                   must hold at least {@code k} rows); larger batches cost more memory and fewer SVDs
 * @param whiten     whether {@code transform} scales each coordinate to unit variance, default false
 */
public record IncrementalPca(int components, int batchSize, boolean whiten) implements TransformerEstimator<PcaModel> {
    /** @throws IllegalArgumentException if a component is out of range or {@code batchSize < components} */
    public IncrementalPca {
        Check.atLeast("components", components, 1);
        Check.atLeast("batchSize", batchSize, components);
    }

    /** Incremental PCA to {@code components} dimensions, batches of {@code max(1024, components)} rows, no whitening. */
    public static IncrementalPca of(int components) {
        return new IncrementalPca(components, Math.max(1024, components), false);
    }

    public IncrementalPca withBatchSize(int batchSize) {
        return new IncrementalPca(components, batchSize, whiten);
    }

    public IncrementalPca withWhiten(boolean whiten) {
        return new IncrementalPca(components, batchSize, whiten);
    }

    /** The rows {@code [from, to)} of some source, as a new matrix. */
    @FunctionalInterface
    private interface Batches {
        Matrix rows(int from, int to);
    }

    /**
     * Fits to the rows of {@code x}, batch by batch.
     * @throws IllegalArgumentException if {@code x} has fewer than 2 rows, fewer than {@code components}
     *                                  columns or rows, or a non-finite value (the message names its row and column)
     */
    @Override
    public PcaModel fit(Matrix x) {
        Check.notNull("x", x);
        return run("x", x.rows(), x.cols(), x::rows);
    }

    /**
     * Fits to the samples of {@code data}, materializing one batch at a time with {@link Dataset#batch(int, int)}.
     * @throws IllegalArgumentException as {@link #fit(Matrix)}; a non-finite value is reported as
     *                                  {@code data has NaN at row i, column j}
     */
    public PcaModel fit(Dataset data) {
        Check.notNull("data", data);
        return run("data", data.size(), data.features(), data::batch);
    }

    private PcaModel run(String name, int n, int d, Batches source) {
        long started = System.nanoTime();
        Check.argument(n >= 2, name + " must have at least 2 rows (a variance needs two), got " + n);
        int k = components;
        Check.argument(k <= Math.min(n, d), "components must be <= min(rows, columns) = " + Math.min(n, d) + " for "
                + n + " x " + d + " data, got " + k);
        double[] mean = new double[d];
        double[] squares = new double[d];
        double[] comp = new double[k * d];
        double[] singular = new double[k];
        long seen = 0;
        int batches = 0;
        for (int from = 0; from < n; ) {
            int to = (int) Math.min(n, (long) from + batchSize);
            if (n - to < k) to = n;   // fold a short tail into this batch
            Matrix batch = source.rows(from, to);
            checkFinite(name, batch, from);
            int b = to - from;
            float[] v = batch.values();
            double[] batchMean = Kernels.means(v, b, d);
            float[] centred = new float[b * d];
            double[] batchSquares = Kernels.center(v, b, d, batchMean, centred);
            long total = seen + b;
            int rows = seen == 0 ? b : k + b + 1;
            double[] stacked = new double[rows * d];
            int at = 0;
            if (seen > 0) {
                for (int c = 0; c < k; c++) {
                    for (int j = 0; j < d; j++) stacked[c * d + j] = singular[c] * comp[c * d + j];
                }
                at = k * d;
            }
            for (int i = 0; i < b * d; i++) stacked[at + i] = centred[i];
            double weight = (double) seen * b / total;
            if (seen > 0) {
                int last = (rows - 1) * d;
                double scale = Math.sqrt(weight);
                for (int j = 0; j < d; j++) stacked[last + j] = scale * (mean[j] - batchMean[j]);
            }
            for (int j = 0; j < d; j++) {
                double delta = batchMean[j] - mean[j];
                squares[j] += batchSquares[j] + delta * delta * weight;
                mean[j] += delta * b / total;
            }
            Kernels.rightSingular(rows, d, stacked, k, comp, singular);
            seen = total;
            batches++;
            from = to;
        }
        double sum = 0;
        for (double s : squares) sum += s;
        return PcaModel.of(comp, singular, mean, sum, n, k, d, whiten, started, batches);
    }

    private static void checkFinite(String name, Matrix batch, int offset) {
        float[] v = batch.values();
        int d = batch.cols();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                String what = Float.isNaN(v[i]) ? "NaN" : "infinity";
                throw new IllegalArgumentException(name + " has " + what + " at row " + (offset + i / d)
                        + ", column " + (i % d));
            }
        }
    }
}
