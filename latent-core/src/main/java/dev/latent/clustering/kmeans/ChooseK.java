package dev.latent.clustering.kmeans;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.internal.Parallel;
import dev.latent.linalg.Gemm;
import dev.latent.linalg.SymmetricEigen;
import dev.latent.metrics.Silhouette;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Chooses the number of clusters of k-means: fits every k of a range and scores each by three criteria.
 * <ul>
 * <li><b>Elbow</b>: the knee of the inertia curve, found by the Kneedle method ({@link #knee}).</li>
 * <li><b>Silhouette</b>: the k of highest mean silhouette ({@link Silhouette#sampled}, estimated from
 *     {@code silhouetteSample} rows scored against all rows when there are more rows than that;
 *     undefined for k = 1 and k = n).</li>
 * <li><b>Gap statistic</b>: {@code gap(k) = mean_b log W*_kb - log W_k}, where {@code W_k} is the inertia
 *     of the data (the pooled within-cluster sum of squares) and {@code W*_kb} that of the {@code b}-th of
 *     {@code references} datasets drawn from a null distribution without clusters ({@link GapReference});
 *     {@code s_k = sd_k * sqrt(1 + 1/B)}, with {@code sd_k} the (population) standard deviation of the
 *     {@code log W*_kb}. The choice is the smallest k of the range with
 *     {@code gap(k) >= gap(k + 1) - s_(k+1)}; if there is none, the largest k (as R's {@code cluster::maxSE}
 *     does). Only a range that starts at 1 can conclude that the data has no clusters.</li>
 * </ul>
 * <p>Cost: one k-means fit per k for the data and {@code references} more per k for the gap statistic,
 * plus one silhouette estimate per k (O(m n d) for a sample of m rows). Memory: the data, one reference
 * dataset at a time (n x d floats), and the fitted models (their labels and centres), kept so the caller
 * can use the one it chooses.
 * <p>Deterministic: the data's fits use {@code kmeans} as given (its seed included), the silhouette samples
 * are drawn with {@code seed}, and reference dataset {@code b} is drawn, and fitted, from the {@code b}-th
 * split of a {@link SplittableRandom} seeded with {@code seed}, in fixed row chunks; so the result is the
 * same whatever the thread count.
 * {@snippet :
 * ChooseKResult r = ChooseK.of(1, 10).withSeed(7).fit(x);
 * int k = r.gapChoice().orElse(r.low());
 * KMeansModel model = r.model(k);
 * }
 * <p>Reference: R. Tibshirani, G. Walther and T. Hastie, "Estimating the number of clusters in a data set
 * via the gap statistic", J. R. Statist. Soc. B 63(2), 2001; V. Satopää, J. Albrecht, D. Irwin and
 * B. Raghavan, "Finding a 'Kneedle' in a Haystack: Detecting Knee Points in System Behavior", ICDCS
 * workshops, 2011; P. J. Rousseeuw, "Silhouettes: a graphical aid to the interpretation and validation of
 * cluster analysis", J. Comput. Appl. Math. 20, 1987.
 * @param low              smallest k to fit, {@code >= 1}
 * @param high             largest k to fit, {@code >= low}; the data needs at least {@code high} distinct rows
 * @param kmeans           the k-means options for every fit (its {@code k} is replaced), default
 *                         {@link KMeans#of(int)}
 * @param silhouetteSample rows whose silhouette is computed per k, {@code >= 0}, default 10,000; all rows
 *                         when there are fewer, none (no silhouette) when 0
 * @param references       reference datasets B of the gap statistic, {@code >= 0}, default 10; 0 skips the
 *                         gap statistic
 * @param reference        the null distribution of the reference datasets, default {@link GapReference#FEATURE_BOX}
 * @param sensitivity      the Kneedle sensitivity S, finite and {@code >= 0}, default 1: how far (in units of
 *                         the mean step of the normalized k) the difference curve must fall after a local
 *                         maximum for that maximum to be the knee; larger is more conservative
 * @param seed             seed of the silhouette samples and of the reference datasets, default 0
 */
public record ChooseK(int low, int high, KMeans kmeans, int silhouetteSample, int references,
                      GapReference reference, double sensitivity, long seed) {
    /** Rows per chunk when drawing a reference dataset (each chunk has its own split of the generator). */
    private static final int REFERENCE_CHUNK = 4096;

    /**
     * @throws IllegalArgumentException if a component is out of range
     */
    public ChooseK {
        Check.atLeast("low", low, 1);
        Check.argument(high >= low, "high must be >= low (" + low + "), got " + high);
        Check.notNull("kmeans", kmeans);
        Check.atLeast("silhouetteSample", silhouetteSample, 0);
        Check.atLeast("references", references, 0);
        Check.notNull("reference", reference);
        Check.nonNegative("sensitivity", sensitivity);
        Check.argument(Double.isFinite(sensitivity), "sensitivity must be finite, got " + sensitivity);
    }

    /** Every k from {@code low} to {@code high} with the defaults (see the components). */
    public static ChooseK of(int low, int high) {
        return new ChooseK(low, high, KMeans.of(Math.max(1, low)), 10_000, 10, GapReference.FEATURE_BOX, 1.0, 0L);
    }

    public ChooseK withKMeans(KMeans kmeans) {
        return new ChooseK(low, high, kmeans, silhouetteSample, references, reference, sensitivity, seed);
    }

    public ChooseK withSilhouetteSample(int silhouetteSample) {
        return new ChooseK(low, high, kmeans, silhouetteSample, references, reference, sensitivity, seed);
    }

    public ChooseK withReferences(int references) {
        return new ChooseK(low, high, kmeans, silhouetteSample, references, reference, sensitivity, seed);
    }

    public ChooseK withReference(GapReference reference) {
        return new ChooseK(low, high, kmeans, silhouetteSample, references, reference, sensitivity, seed);
    }

    public ChooseK withSensitivity(double sensitivity) {
        return new ChooseK(low, high, kmeans, silhouetteSample, references, reference, sensitivity, seed);
    }

    public ChooseK withSeed(long seed) {
        return new ChooseK(low, high, kmeans, silhouetteSample, references, reference, sensitivity, seed);
    }

    /** The number of k-means fits {@link #fit} makes: {@code (high - low + 1) * (1 + references)}. */
    public long fits() {
        return (long) (high - low + 1) * (1 + references);
    }

    /**
     * Fits every k of the range to {@code x} and scores it.
     * @throws IllegalArgumentException if {@code x} is empty, has a non-finite value (the message names its row
     *                                  and column), or has fewer than {@code high} rows or distinct rows
     */
    public ChooseKResult fit(Matrix x) {
        return fit(x, done -> {});
    }

    /**
     * As {@link #fit(Matrix)}, calling {@code progress} with the number of k-means fits done so far after
     * each one (out of {@link #fits()}).
     * @throws IllegalArgumentException as {@link #fit(Matrix)}
     */
    public ChooseKResult fit(Matrix x, IntConsumer progress) {
        Check.notNull("x", x);
        Check.notNull("progress", progress);
        Check.argument(x.rows() > 0, "x must not be empty, got 0 rows");
        Check.argument(x.cols() > 0, "x must have at least 1 column, got 0");
        Check.rowsAtLeast("x", x, high, "one per cluster of the largest k");
        Check.finite("x", x);
        int n = x.rows(), count = high - low + 1;
        int[] ks = new int[count];
        double[] inertia = new double[count], silhouette = new double[count];
        double[] gap = new double[count], gapError = new double[count];
        KMeansModel[] models = new KMeansModel[count];
        int done = 0;
        for (int i = 0; i < count; i++) {
            ks[i] = low + i;
            models[i] = kmeans.withK(ks[i]).fit(x);
            inertia[i] = models[i].inertia();
            silhouette[i] = silhouetteSample > 0 && ks[i] >= 2 && ks[i] <= n - 1
                    ? Silhouette.sampled(x, models[i].labels(), silhouetteSample, seed)
                    : Double.NaN;
            progress.accept(++done);
        }
        java.util.Arrays.fill(gap, Double.NaN);
        java.util.Arrays.fill(gapError, Double.NaN);
        if (references > 0) {
            double[][] logRef = new double[count][references];
            Sampler sampler = new Sampler(x, reference);
            SplittableRandom master = new SplittableRandom(seed);
            for (int b = 0; b < references; b++) {
                SplittableRandom rng = master.split();
                Matrix ref = sampler.draw(rng);
                KMeans refFit = kmeans.withSeed(rng.nextLong());
                for (int i = 0; i < count; i++) {
                    logRef[i][b] = Math.log(refFit.withK(ks[i]).fit(ref).inertia());
                    progress.accept(++done);
                }
            }
            for (int i = 0; i < count; i++) {
                double mean = 0;
                for (double v : logRef[i]) mean += v;
                mean /= references;
                double ss = 0;
                for (double v : logRef[i]) ss += (v - mean) * (v - mean);
                gap[i] = mean - Math.log(inertia[i]);
                gapError[i] = Math.sqrt(ss / references) * Math.sqrt(1 + 1.0 / references);
            }
        }
        int knee = knee(ks, inertia, sensitivity);
        int best = -1;
        for (int i = 0; i < count; i++) {
            if (!Double.isNaN(silhouette[i]) && (best < 0 || silhouette[i] > silhouette[best])) best = i;
        }
        int gapChoice = references > 0 ? gapChoice(gap, gapError) : -1;
        return new ChooseKResult(this, ks, inertia, silhouette, gap, gapError, models,
                knee < 0 ? -1 : ks[knee], best < 0 ? -1 : ks[best], gapChoice < 0 ? -1 : ks[gapChoice]);
    }

    /**
     * The index of Tibshirani's choice: the smallest {@code i} with {@code gap[i] >= gap[i+1] - error[i+1]},
     * or the last index when there is none.
     */
    static int gapChoice(double[] gap, double[] error) {
        for (int i = 0; i + 1 < gap.length; i++) {
            if (gap[i] >= gap[i + 1] - error[i + 1]) return i;
        }
        return gap.length - 1;
    }

    /**
     * The index of the knee of a decreasing, convex curve {@code y} over increasing {@code x} by the Kneedle
     * method, or -1 when it finds none (fewer than 3 points, a flat curve, or no bend sharp enough for the
     * sensitivity).
     * <p>Both axes are scaled to [0, 1], and the curve is flipped to an increasing, concave one
     * ({@code y' = 1 - y}); the difference curve {@code D = y' - x} then has a local maximum at each
     * candidate knee. A local maximum at {@code i} becomes the knee when a later difference value falls below
     * {@code D[i] - sensitivity * mean(x[j+1] - x[j])} (scaled x) before the next local maximum; a local
     * maximum whose curve rises again first is dropped, and the first knee found is returned (the paper's
     * offline mode). Unlike the paper, the curve is not smoothed first: the inertia over a range of k is short
     * and already smooth.
     * @param x the positions, strictly increasing
     * @param y the values, one per position
     */
    public static int knee(int[] x, double[] y, double sensitivity) {
        Check.notNull("x", x);
        Check.notNull("y", y);
        Check.argument(x.length == y.length, "x and y must have the same length, got " + x.length + " and " + y.length);
        Check.nonNegative("sensitivity", sensitivity);
        int m = x.length;
        if (m < 3) return -1;
        double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            yMin = Math.min(yMin, v);
            yMax = Math.max(yMax, v);
        }
        double xSpan = x[m - 1] - x[0], ySpan = yMax - yMin;
        if (!(ySpan > 0) || !(xSpan > 0)) return -1;
        double[] diff = new double[m];
        for (int i = 0; i < m; i++) {
            double xs = (x[i] - x[0]) / xSpan, ys = (y[i] - yMin) / ySpan;
            diff[i] = (1 - ys) - xs;
        }
        double threshold = sensitivity / (m - 1); // sensitivity * the mean step of the scaled x
        int candidate = -1;
        double limit = Double.NaN;
        for (int i = 1; i < m; i++) {
            if (i < m - 1 && diff[i] > diff[i - 1] && diff[i] >= diff[i + 1]) { // a local maximum
                candidate = i;
                limit = diff[i] - threshold;
                continue;
            }
            if (candidate >= 0 && diff[i] < limit) return candidate;
        }
        return -1;
    }

    /** Draws reference datasets of the shape of the data, uniform over its feature box or principal box. */
    private static final class Sampler {
        private final int n, d;
        private final GapReference reference;
        private final float[] lo, hi;     // the box, in feature or principal coordinates
        private final float[] rotation;   // d x d, row r = principal axis r (PRINCIPAL_BOX only)
        private final float[] mean;       // d (PRINCIPAL_BOX only)

        Sampler(Matrix x, GapReference reference) {
            this.n = x.rows();
            this.d = x.cols();
            this.reference = reference;
            float[] v = x.values();
            if (reference == GapReference.FEATURE_BOX) {
                this.rotation = null;
                this.mean = null;
                this.lo = new float[d];
                this.hi = new float[d];
                ranges(v, lo, hi);
                return;
            }
            this.mean = columnMeans(v);
            float[] cov = new float[d * d];
            float[] block = new float[Math.min(n, REFERENCE_CHUNK) * d];
            for (int i0 = 0; i0 < n; i0 += REFERENCE_CHUNK) {
                int rows = Math.min(REFERENCE_CHUNK, n - i0);
                centre(v, i0, rows, block);
                Gemm.gemm(true, false, d, d, rows, 1f, block, 0, d, block, 0, d, 1f, cov, 0, d);
            }
            double[] c = new double[d * d];
            for (int e = 0; e < c.length; e++) c[e] = cov[e];
            double[] axes = SymmetricEigen.of(d, c, d).vectorsDouble();
            this.rotation = new float[d * d];
            for (int e = 0; e < axes.length; e++) rotation[e] = (float) axes[e];
            this.lo = new float[d];
            this.hi = new float[d];
            java.util.Arrays.fill(lo, Float.POSITIVE_INFINITY);
            java.util.Arrays.fill(hi, Float.NEGATIVE_INFINITY);
            float[] projected = new float[block.length];
            for (int i0 = 0; i0 < n; i0 += REFERENCE_CHUNK) {
                int rows = Math.min(REFERENCE_CHUNK, n - i0);
                centre(v, i0, rows, block);
                Gemm.gemm(false, true, rows, d, d, 1f, block, 0, d, rotation, 0, d, 0f, projected, 0, d);
                for (int r = 0; r < rows; r++) {
                    int row = r * d;
                    for (int j = 0; j < d; j++) {
                        lo[j] = Math.min(lo[j], projected[row + j]);
                        hi[j] = Math.max(hi[j], projected[row + j]);
                    }
                }
            }
        }

        private void ranges(float[] v, float[] min, float[] max) {
            java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
            java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                int row = i * d;
                for (int j = 0; j < d; j++) {
                    min[j] = Math.min(min[j], v[row + j]);
                    max[j] = Math.max(max[j], v[row + j]);
                }
            }
        }

        private float[] columnMeans(float[] v) {
            double[] sum = new double[d];
            for (int i = 0; i < n; i++) {
                int row = i * d;
                for (int j = 0; j < d; j++) sum[j] += v[row + j];
            }
            float[] out = new float[d];
            for (int j = 0; j < d; j++) out[j] = (float) (sum[j] / n);
            return out;
        }

        /** Writes rows {@code [i0, i0 + rows)} of {@code v} minus the column means to {@code out}. */
        private void centre(float[] v, int i0, int rows, float[] out) {
            for (int r = 0; r < rows; r++) {
                int src = (i0 + r) * d, dst = r * d;
                for (int j = 0; j < d; j++) out[dst + j] = v[src + j] - mean[j];
            }
        }

        /** A new reference dataset; chunk {@code q} of rows draws from the {@code q}-th split of {@code rng}. */
        Matrix draw(SplittableRandom rng) {
            int chunks = Parallel.chunkCount(n, REFERENCE_CHUNK);
            SplittableRandom[] streams = new SplittableRandom[chunks];
            for (int q = 0; q < chunks; q++) streams[q] = rng.split();
            float[] out = new float[n * d];
            Parallel.shared().forEachChunk(n, REFERENCE_CHUNK, (from, to) -> {
                SplittableRandom r = streams[from / REFERENCE_CHUNK];
                int rows = to - from;
                float[] box = reference == GapReference.FEATURE_BOX ? out : new float[rows * d];
                int base = reference == GapReference.FEATURE_BOX ? from * d : 0;
                for (int q = 0; q < rows; q++) {
                    int row = base + q * d;
                    for (int j = 0; j < d; j++) box[row + j] = (float) (lo[j] + r.nextDouble() * ((double) hi[j] - lo[j]));
                }
                if (reference == GapReference.PRINCIPAL_BOX) {
                    Gemm.gemm(false, false, rows, d, d, 1f, box, 0, d, rotation, 0, d, 0f, out, from * d, d);
                    for (int q = 0; q < rows; q++) {
                        int row = (from + q) * d;
                        for (int j = 0; j < d; j++) out[row + j] += mean[j];
                    }
                }
            });
            return Matrix.wrap(n, d, out);
        }
    }
}
