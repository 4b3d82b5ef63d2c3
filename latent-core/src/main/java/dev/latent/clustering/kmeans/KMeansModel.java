package dev.latent.clustering.kmeans;

import dev.latent.linalg.Distances;
import dev.latent.ClusterModel;
import dev.latent.FitReport;
import dev.latent.Transformer;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.internal.Parallel;
import dev.latent.io.ModelIO;
import dev.latent.io.ModelReader;
import dev.latent.io.ModelWriter;
import dev.latent.io.SavableModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A fitted k-means model: the centres, the labels of the training rows, and the inertia.
 * <p>Holds no reference to the training data. {@link #predict} gives each new row its nearest centre
 * (with the same kernel that labelled the training rows, so {@code predict(x)} on the training data gives
 * {@link #labels()}); {@link #transform} gives the Euclidean distance from each row to every centre.
 * Arrays are copied on the way in and on the way out. {@link #save} and {@link #load} keep it in a model file
 * of kind {@value #KIND}, with its hyperparameters, centres, training labels and fit report.
 */
public final class KMeansModel implements ClusterModel, Transformer, SavableModel {
    /** The kind of model in its model files. */
    public static final String KIND = "kmeans";

    private final KMeans params;
    private final Matrix centroids;
    private final int[] labels;
    private final FitReport report;

    KMeansModel(KMeans params, Matrix centroids, int[] labels, FitReport report) {
        this.params = params;
        this.centroids = centroids.copy();
        this.labels = labels.clone();
        this.report = report;
    }

    /** The hyperparameters that produced this model. */
    public KMeans params() {
        return params;
    }

    /** The centres, one per row ({@code k x d}); a copy. */
    public Matrix centroids() {
        return centroids.copy();
    }

    /** The number of clusters. */
    public int k() {
        return centroids.rows();
    }

    /** The cluster of each training row; a copy. */
    public int[] labels() {
        return labels.clone();
    }

    /** The weighted sum of squared distances from each training row to its centre (the final objective). */
    public double inertia() {
        return report.objective();
    }

    /** The iterations the kept run took. */
    public int iterations() {
        return report.iterations();
    }

    /** Whether the kept run met the tolerance (or its labels stopped changing) before {@code maxIter}. */
    public boolean converged() {
        return report.converged();
    }

    /**
     * {@inheritDoc}
     * <p>The history holds, for the exact algorithms, the inertia of each assignment step against the
     * centres of that iteration; for {@link KMeansAlgorithm#MINIBATCH}, the smoothed batch inertia per
     * unit weight after each step.
     */
    @Override
    public FitReport report() {
        return report;
    }

    /**
     * The nearest centre of each row of {@code x} (the lower index on ties).
     * @throws IllegalArgumentException if {@code x} does not have {@code d} columns or has a non-finite value
     */
    @Override
    public int[] predict(Matrix x) {
        check(x);
        int n = x.rows(), d = x.cols();
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        int[] out = new int[n];
        Kernels.assign(x.values(), Kernels.squaredNorms(x.values(), n, d), n, d, w,
                centroids.values(), k(), out, new float[n]);
        return out;
    }

    /**
     * The Euclidean distance from each row of {@code x} to each centre, as an {@code n x k} matrix
     * (computed directly, in double, then rounded to float).
     * @throws IllegalArgumentException if {@code x} does not have {@code d} columns or has a non-finite value
     */
    @Override
    public Matrix transform(Matrix x) {
        check(x);
        int n = x.rows(), d = x.cols(), k = k();
        float[] v = x.values(), c = centroids.values();
        float[] out = new float[n * k];
        Parallel.shared().forEachChunk(n, Kernels.CHUNK, (from, to) -> {
            for (int i = from; i < to; i++) {
                int row = i * d, base = i * k;
                for (int j = 0; j < k; j++) out[base + j] = (float) Math.sqrt(Distances.squared(v, row, c, j * d, d));
            }
        });
        return Matrix.wrap(n, k, out);
    }

    /**
     * The inertia of {@code x} under this model: the sum of squared distances from each row to its
     * nearest centre.
     * @throws IllegalArgumentException if {@code x} does not have {@code d} columns or has a non-finite value
     */
    public double inertia(Matrix x) {
        int[] nearest = predict(x);
        double[] w = new double[x.rows()];
        Arrays.fill(w, 1.0);
        return Kernels.inertia(x.values(), x.rows(), x.cols(), w, centroids.values(), nearest);
    }

    private void check(Matrix x) {
        Check.notNull("x", x);
        Check.columns("x", x, centroids.cols());
        Check.finite("x", x);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Writes the hyperparameters, the centres ({@code k x d} float32) and the training labels (int32). */
    @Override
    public void writeTo(ModelWriter out) {
        out.put("k", params.k()).put("maxIter", params.maxIter()).put("tolerance", params.tolerance())
                .put("algorithm", params.algorithm().name()).put("nInit", params.nInit())
                .put("batchSize", params.batchSize()).put("seed", params.seed());
        switch (params.init()) {
            case KMeansInit.PlusPlus p -> out.put("init", "plusPlus").put("init.localTrials", p.localTrials());
            case KMeansInit.PlusPlusParallel p -> out.put("init", "parallel").put("init.rounds", p.rounds())
                    .put("init.oversampling", p.oversampling());
            case KMeansInit.Random r -> out.put("init", "random");
            case KMeansInit.Given g -> out.put("init", "given").matrix("init.centroids", g.centroids());
        }
        out.matrix("centroids", centroids).ints("labels", labels);
        out.provenance("dataShape", new int[] {labels.length, centroids.cols()});
    }

    /**
     * Loads a model saved by {@link #save}.
     * @throws dev.latent.io.BadFileException when the file is not a k-means model file or is damaged
     * @throws IOException                    when it cannot be read
     */
    public static KMeansModel load(Path file) throws IOException {
        return ModelIO.load(file, KIND, KMeansModel::read);
    }

    private static KMeansModel read(ModelReader in) {
        KMeansInit init = switch (in.string("init")) {
            case "plusPlus" -> KMeansInit.plusPlus(in.integer("init.localTrials"));
            case "parallel" -> KMeansInit.parallel(in.integer("init.rounds"), in.number("init.oversampling"));
            case "random" -> KMeansInit.RANDOM;
            case "given" -> KMeansInit.given(in.matrix("init.centroids"));
            default -> throw new IllegalArgumentException("unknown init \"" + in.string("init") + "\"");
        };
        KMeans params = new KMeans(in.integer("k"), in.integer("maxIter"), in.number("tolerance"), init,
                KMeansAlgorithm.valueOf(in.string("algorithm")), in.integer("nInit"), in.integer("batchSize"),
                in.longValue("seed"));
        Matrix centroids = in.matrix("centroids");
        int[] labels = in.ints("labels");
        Check.argument(centroids.rows() == params.k(), "centroids must have k = " + params.k() + " rows, got "
                + centroids.rows());
        for (int label : labels) {
            if (label < 0 || label >= params.k()) {
                throw new IllegalArgumentException("labels must be in [0, " + params.k() + "), got " + label);
            }
        }
        return new KMeansModel(params, centroids, labels, in.report());
    }

    @Override
    public String toString() {
        return "KMeansModel[k=" + k() + ", d=" + centroids.cols() + ", inertia=" + inertia()
                + ", iterations=" + iterations() + ", converged=" + converged() + "]";
    }
}
