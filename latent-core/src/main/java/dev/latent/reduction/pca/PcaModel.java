package dev.latent.reduction.pca;

import dev.latent.FitReport;
import dev.latent.Transformer;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.io.ModelIO;
import dev.latent.io.ModelReader;
import dev.latent.io.ModelWriter;
import dev.latent.io.SavableModel;
import dev.latent.linalg.Gemm;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A fitted PCA: the principal axes, the mean, and the variance along each axis.
 * <p>{@link #transform} centres rows and projects them on the components ({@code n x k} out), dividing each
 * coordinate by the square root of its explained variance when the model whitens; {@link #inverseTransform}
 * maps coordinates back to data space, undoing the whitening. The components are the rows of a
 * {@code k x d} matrix, orthonormal, ordered by decreasing variance, each with its entry of largest
 * magnitude positive (the first one on ties), so equal fits give equal signs. For image data each row of
 * {@link #components()} is an image of the sample shape (an "eigen-image").
 * <p>Variances use the unbiased estimate (dividing by {@code n - 1}), as scikit-learn does. When the data
 * has no variance at all (constant rows), every explained variance and every ratio is 0.
 * Holds no reference to the training data. Arrays are copied on the way in and on the way out.
 * {@link #save} and {@link #load} keep it in a model file of kind {@value #KIND} (the same for {@link Pca} and
 * {@link IncrementalPca}).
 */
public final class PcaModel implements Transformer, SavableModel {
    /** The kind of model in its model files. */
    public static final String KIND = "pca";

    private final float[] components;   // k x d
    private final int k;
    private final int d;
    private final float[] mean;
    private final double[] explainedVariance;
    private final double[] explainedVarianceRatio;
    private final double[] singularValues;
    private final double noiseVariance;
    private final double totalVariance;
    private final long samples;
    private final boolean whiten;
    private final FitReport report;

    private PcaModel(float[] components, int k, int d, float[] mean, double[] explainedVariance,
                     double[] explainedVarianceRatio, double[] singularValues, double noiseVariance,
                     double totalVariance, long samples, boolean whiten, FitReport report) {
        this.components = components;
        this.k = k;
        this.d = d;
        this.mean = mean;
        this.explainedVariance = explainedVariance;
        this.explainedVarianceRatio = explainedVarianceRatio;
        this.singularValues = singularValues;
        this.noiseVariance = noiseVariance;
        this.totalVariance = totalVariance;
        this.samples = samples;
        this.whiten = whiten;
        this.report = report;
    }

    /**
     * Builds a model from orthonormal component rows and singular values of the centred data.
     * @param components     {@code k x d} row-major, in double (rounded to float here)
     * @param singular       the {@code k} singular values of the centred data, descending
     * @param mean           the column means
     * @param squares        the total sum of squared deviations from the mean, over all columns
     * @param n              the number of rows fitted
     * @param started        {@link System#nanoTime()} at the start of the fit
     * @param iterations     what the report counts as iterations (power iterations, Jacobi sweeps, batches)
     */
    static PcaModel of(double[] components, double[] singular, double[] mean, double squares, long n, int k, int d,
                       boolean whiten, long started, int iterations) {
        float[] comp = new float[k * d];
        for (int i = 0; i < comp.length; i++) comp[i] = (float) components[i];
        float[] mu = new float[d];
        for (int j = 0; j < d; j++) mu[j] = (float) mean[j];
        double dof = n - 1;
        double total = squares / dof;
        double[] variance = new double[k];
        double[] ratio = new double[k];
        double explained = 0;
        for (int c = 0; c < k; c++) {
            variance[c] = singular[c] * singular[c] / dof;
            ratio[c] = total > 0 ? variance[c] / total : 0;
            explained += variance[c];
        }
        long rank = Math.min(n, d);
        double residual = Math.max(0, total - explained);
        double noise = k < rank ? residual / (rank - k) : 0;
        FitReport report = FitReport.of(iterations, true, residual, new double[0],
                java.time.Duration.ofNanos(System.nanoTime() - started));
        return new PcaModel(comp, k, d, mu, variance, ratio, singular.clone(), noise, total, n, whiten, report);
    }

    /** The number of components {@code k}. */
    public int k() {
        return k;
    }

    /** The number of columns {@code d} of the data. */
    public int features() {
        return d;
    }

    /** The components as the rows of a {@code k x d} matrix (orthonormal, by decreasing variance); a copy. */
    public Matrix components() {
        return Matrix.of(k, d, components);
    }

    /** Component {@code c} as {@code d} values (for image data, an image of the sample shape); a copy. */
    public float[] component(int c) {
        Check.index("c", c, k);
        return java.util.Arrays.copyOfRange(components, c * d, (c + 1) * d);
    }

    /** The column means of the training data; a copy. */
    public float[] mean() {
        return mean.clone();
    }

    /** The variance of the training data along each component (dividing by {@code n - 1}); a copy. */
    public double[] explainedVariance() {
        return explainedVariance.clone();
    }

    /** Each component's share of the total variance, in [0, 1]; all 0 when the total is 0; a copy. */
    public double[] explainedVarianceRatio() {
        return explainedVarianceRatio.clone();
    }

    /** The singular values of the centred training data for the kept components; a copy. */
    public double[] singularValues() {
        return singularValues.clone();
    }

    /**
     * The mean variance along the directions not kept, {@code (total - explained) / (min(n, d) - k)}, as in
     * probabilistic PCA (Tipping and Bishop 1999); 0 when {@code k = min(n, d)}.
     */
    public double noiseVariance() {
        return noiseVariance;
    }

    /** The total variance of the training data: the sum of its column variances. */
    public double totalVariance() {
        return totalVariance;
    }

    /** The number of rows the model was fitted to. */
    public long samples() {
        return samples;
    }

    /** Whether {@link #transform} scales each coordinate to unit variance. */
    public boolean whiten() {
        return whiten;
    }

    /**
     * {@inheritDoc}
     * <p>The objective is the variance left out, {@code totalVariance() - sum(explainedVariance())}. The
     * iterations are the power iterations (randomized solver), the Jacobi sweeps (SVD solver), the batches
     * (incremental PCA) or 0 (covariance solver).
     */
    @Override
    public FitReport report() {
        return report;
    }

    /**
     * Projects the centred rows of {@code x} on the components ({@code n x k}); with whitening, each
     * coordinate is divided by the square root of its explained variance (a component of zero variance
     * gives coordinate 0).
     * @throws IllegalArgumentException if {@code x} does not have {@code d} columns or has a non-finite value
     */
    @Override
    public Matrix transform(Matrix x) {
        Check.notNull("x", x);
        Check.columns("x", x, d);
        Check.finite("x", x);
        int n = x.rows();
        float[] centred = new float[n * d];
        Kernels.subtract(x.values(), n, d, mean, centred);
        float[] out = new float[n * k];
        Gemm.gemm(false, true, n, k, d, 1f, centred, 0, d, components, 0, d, 0f, out, 0, k);
        if (whiten) {
            float[] scale = new float[k];
            for (int c = 0; c < k; c++) {
                scale[c] = explainedVariance[c] > 0 ? (float) (1 / Math.sqrt(explainedVariance[c])) : 0f;
            }
            scaleColumns(out, n, scale);
        }
        return Matrix.wrap(n, k, out);
    }

    /**
     * Maps {@code n x k} coordinates back to data space: {@code y C + mean}, after multiplying each coordinate
     * by the square root of its explained variance when the model whitens. With {@code k = d} it undoes
     * {@link #transform} up to rounding.
     * @throws IllegalArgumentException if {@code y} does not have {@code k} columns or has a non-finite value
     */
    public Matrix inverseTransform(Matrix y) {
        Check.notNull("y", y);
        Check.columns("y", y, k);
        Check.finite("y", y);
        int n = y.rows();
        float[] coords = y.values();
        if (whiten) {
            coords = coords.clone();
            float[] scale = new float[k];
            for (int c = 0; c < k; c++) scale[c] = (float) Math.sqrt(explainedVariance[c]);
            scaleColumns(coords, n, scale);
        }
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) System.arraycopy(mean, 0, out, i * d, d);
        Gemm.gemm(false, false, n, d, k, 1f, coords, 0, k, components, 0, d, 1f, out, 0, d);
        return Matrix.wrap(n, d, out);
    }

    private void scaleColumns(float[] v, int n, float[] scale) {
        for (int i = 0; i < n; i++) {
            int row = i * k;
            for (int c = 0; c < k; c++) v[row + c] *= scale[c];
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Writes the sizes, the whitening flag and the variances, the components ({@code k x d} float32), the mean
     * (float32) and the per-component variances and singular values (float64).
     */
    @Override
    public void writeTo(ModelWriter out) {
        out.put("components", k).put("features", d).put("samples", samples).put("whiten", whiten)
                .put("noiseVariance", noiseVariance).put("totalVariance", totalVariance)
                .floats("axes", components, k, d).floats("mean", mean)
                .doubles("explainedVariance", explainedVariance)
                .doubles("explainedVarianceRatio", explainedVarianceRatio)
                .doubles("singularValues", singularValues);
        out.provenance("dataShape", new int[] {(int) Math.min(samples, Integer.MAX_VALUE), d});
    }

    /**
     * Loads a model saved by {@link #save}.
     * @throws dev.latent.io.BadFileException when the file is not a PCA model file or is damaged
     * @throws IOException                    when it cannot be read
     */
    public static PcaModel load(Path file) throws IOException {
        return ModelIO.load(file, KIND, PcaModel::read);
    }

    private static PcaModel read(ModelReader in) {
        int k = in.integer("components"), d = in.integer("features");
        float[] axes = in.floats("axes"), mean = in.floats("mean");
        double[] variance = in.doubles("explainedVariance"), ratio = in.doubles("explainedVarianceRatio");
        double[] singular = in.doubles("singularValues");
        Check.atLeast("components", k, 1);
        Check.atLeast("features", d, 1);
        Check.argument(java.util.Arrays.equals(in.shape("axes"), new int[] {k, d}),
                "axes must have shape (" + k + ", " + d + ")");
        Check.argument(mean.length == d, "mean must have " + d + " values, got " + mean.length);
        Check.argument(variance.length == k && ratio.length == k && singular.length == k,
                "the variances and singular values must have " + k + " values each");
        return new PcaModel(axes, k, d, mean, variance, ratio, singular, in.number("noiseVariance"),
                in.number("totalVariance"), in.longValue("samples"), in.bool("whiten"), in.report());
    }

    @Override
    public String toString() {
        return "PcaModel[k=" + k + ", d=" + d + ", samples=" + samples + ", whiten=" + whiten + "]";
    }
}
