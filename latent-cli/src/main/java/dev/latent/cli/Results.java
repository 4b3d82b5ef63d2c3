package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.data.FloatStore;
import dev.latent.data.Matrix;
import dev.latent.data.SampleShape;
import dev.latent.data.Storage;
import dev.latent.data.Transforms;
import dev.latent.io.AtomicWrites;
import dev.latent.io.ImageGrid;
import dev.latent.io.Json;
import dev.latent.io.ModelIO;
import dev.latent.io.SavableModel;
import dev.latent.metrics.AdjustedRandIndex;
import dev.latent.metrics.CalinskiHarabasz;
import dev.latent.metrics.DaviesBouldin;
import dev.latent.metrics.KnnAccuracy;
import dev.latent.metrics.MutualInformation;
import dev.latent.metrics.Purity;
import dev.latent.metrics.Silhouette;
import dev.latent.metrics.Trustworthiness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * What the fitting commands share: scaling the data, the output folder, drawing rows as images, and the
 * quality measures of a clustering.
 * <p>Measures that cost O(n^2 d) are estimated from a seeded sample of {@value #SAMPLE} rows when there are
 * more rows than that, and the result says so.
 */
final class Results {
    /** Above this many rows, the quadratic measures (silhouette, k-NN accuracy, trustworthiness) are sampled. */
    static final int SAMPLE = 10_000;

    private Results() {}

    /** How features are scaled before fitting. */
    enum Scaling {
        /** As stored. */
        NONE,
        /** Into [0, 1]: bytes divided by their full scale (255; 16 for the digits), floats mapped from their minimum to their maximum. */
        UNIT,
        /** Each feature to mean 0 and variance 1. */
        STANDARDIZE
    }

    /** Help text of a {@code --scale} option. */
    static final String SCALE_HELP = "How to scale the features first: none, unit ([0, 1]) or standardize "
            + "(mean 0, variance 1 per feature). Default: uint8 data (images) is scaled to [0, 1] (bytes / 255; / 16 for the digits), "
            + "float data is used as it is.";

    /**
     * The features of {@code d} as a matrix, scaled as {@code scaling} says ({@code null}: uint8 data into
     * [0, 1], float data as it is); records the time as stage {@code scale} and the scaling as {@code scale}.
     */
    static Matrix features(Dataset d, Scaling scaling, Output out) throws Exception {
        return out.time("scale", () -> scaled(d, scaling, out).toMatrix());
    }

    /**
     * {@code d} scaled as {@code scaling} says, keeping its sample shape and labels (uint8 data scaled to [0, 1]
     * stays bytes); records the scaling as {@code scale}.
     */
    static Dataset scaled(Dataset d, Scaling scaling, Output out) {
        Scaling s = scaling != null ? scaling : d.storage() == Storage.UINT8 ? Scaling.UNIT : Scaling.NONE;
        out.result().put("scale", s.name().toLowerCase(Locale.ROOT));
        return switch (s) {
            case NONE -> d;
            case UNIT -> Transforms.scaleToUnit(d);
            case STANDARDIZE -> Transforms.standardize(d);
        };
    }

    /**
     * Returns {@code dir} after checking that it is not a file, without creating it: commands check their
     * output folder before the work and create it only to write, so a failed run leaves no empty folder.
     */
    static Path checkFolder(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new NotDirectoryException(dir.toString());
        return dir;
    }

    /** Creates the folder {@code dir} if needed; refuses a path that is a file. */
    static Path directory(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new NotDirectoryException(dir.toString());
        return Files.createDirectories(dir);
    }

    /**
     * Writes the rows of {@code rows} (each a sample of {@code shape}) as one PNG grid, 10 to a row, or does
     * nothing and returns false when samples of that shape cannot be drawn.
     */
    static boolean drawRows(Matrix rows, SampleShape shape, Path png) throws IOException {
        return drawRows(rows, shape, 10, png);
    }

    /** As {@link #drawRows(Matrix, SampleShape, Path)}, {@code columns} to a row. */
    static boolean drawRows(Matrix rows, SampleShape shape, int columns, Path png) throws IOException {
        if (!InfoCommand.drawable(shape)) return false;
        Dataset images = Dataset.of("rows", shape, new FloatStore(rows), new int[0], List.of());
        int[] all = new int[rows.rows()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        ImageGrid.write(images, all, Math.min(columns, all.length), png);
        return true;
    }

    /**
     * Writes the first (at most) 10 rows of {@code original} above the same rows of {@code reconstructed} as one
     * PNG grid, or does nothing and returns false when samples of that shape cannot be drawn.
     */
    static boolean drawPairs(Matrix original, Matrix reconstructed, SampleShape shape, Path png) throws IOException {
        int m = Math.min(10, original.rows()), d = original.cols();
        Matrix pairs = Matrix.zeros(2 * m, d);
        System.arraycopy(original.values(), 0, pairs.values(), 0, m * d);
        System.arraycopy(reconstructed.values(), 0, pairs.values(), m * d, m * d);
        return drawRows(pairs, shape, png);
    }

    /**
     * Writes {@code text} as UTF-8 to {@code file} atomically: into a temporary file in the same folder,
     * then renamed over the target, so a failed write never leaves a half-written file.
     */
    static void writeText(Path file, String text) throws IOException {
        AtomicWrites.write(file, stream -> stream.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The name of the file holding a run's results (what {@code --json} prints) in a command's output folder. */
    static final String RESULTS_FILE = "results.json";

    /**
     * Where a command that writes one output file keeps its results: beside it, with {@code .json} for its
     * extension ({@code samples.png -> samples.json}), or {@code .results.json} when the file is itself {@code .json}.
     */
    static Path resultsBeside(Path file) {
        Path json = GenerateCommand.beside(file, ".json");
        return json.equals(file) ? GenerateCommand.beside(file, ".results.json") : json;
    }

    /** The name of the model file the fitting commands write into their output folder. */
    static final String MODEL_FILE = "model.latent";

    /**
     * Writes {@code model} to {@code dir/model.latent} atomically, with the provenance a command knows: the
     * DATA argument, the data's shape, the command, the scaling and the seed. Returns the file.
     */
    static Path writeModel(Path dir, SavableModel model, String spec, Dataset d, Output out, String command,
                           long seed) throws IOException {
        Path file = dir.resolve(MODEL_FILE);
        int[] shape = d.shape().isImage()
                ? new int[] {d.size(), d.shape().channels(), d.shape().height(), d.shape().width()}
                : new int[] {d.size(), d.features()};
        ModelIO.save(model, file, w -> w.provenance("dataset", spec).provenance("dataShape", shape)
                .provenance("command", "latent " + command).provenance("seed", seed)
                .provenance("scale", out.result().find("scale").map(Json::asString).orElse("none")));
        return file;
    }

    /** The number of distinct values in {@code labels}. */
    static int distinct(int[] labels) {
        return (int) java.util.Arrays.stream(labels).distinct().count();
    }

    /**
     * The internal measures of the clustering {@code labels} of {@code x} (silhouette, sampled above
     * {@value #SAMPLE} rows with {@code seed}; Davies-Bouldin; Calinski-Harabasz) and, when {@code truth} is
     * not null, the external ones (ARI, NMI, purity). Internal measures are null when the clustering has
     * fewer than 2 or more than {@code n - 1} clusters, where they are not defined. Adds a text row per
     * measure to {@code table}; records the time as stage {@code metrics}.
     */
    static Json.JsonObject clusterMetrics(Matrix x, int[] labels, int[] truth, long seed, Output out, Table table)
            throws Exception {
        return clusterMetrics(x, labels, truth, seed, Double.NaN, out, table);
    }

    /**
     * As {@link #clusterMetrics(Matrix, int[], int[], long, Output, Table)}, with the silhouette already known
     * (computed the same way, with the same seed) unless {@code silhouette} is NaN.
     */
    static Json.JsonObject clusterMetrics(Matrix x, int[] labels, int[] truth, long seed, double silhouette,
                                          Output out, Table table) throws Exception {
        return out.time("metrics", () -> {
            Json.JsonObject m = Json.object();
            int n = x.rows(), clusters = distinct(labels);
            if (clusters >= 2 && clusters <= n - 1) {
                boolean sampled = n > SAMPLE;
                double s = !Double.isNaN(silhouette) ? silhouette : silhouette(x, labels, seed);
                m.put("silhouette", s);
                if (sampled) m.put("silhouetteSample", SAMPLE);
                else m.putNull("silhouetteSample");
                m.put("daviesBouldin", DaviesBouldin.score(x, labels));
                m.put("calinskiHarabasz", CalinskiHarabasz.score(x, labels));
                table.add("silhouette", number(s) + (sampled ? String.format(Locale.ROOT,
                        " (estimated from %,d of %,d samples drawn with --seed)", SAMPLE, n) : ""));
                table.add("Davies-Bouldin", number(m.get("daviesBouldin").asDouble()) + " (lower is better)");
                table.add("Calinski-Harabasz", number(m.get("calinskiHarabasz").asDouble()) + " (higher is better)");
            } else {
                for (String name : new String[] {"silhouette", "silhouetteSample", "daviesBouldin", "calinskiHarabasz"}) {
                    m.putNull(name);
                }
                table.add("silhouette", "not defined for " + clusters + " cluster" + (clusters == 1 ? "" : "s")
                        + " of " + n + " samples");
            }
            if (truth != null) {
                m.put("ari", AdjustedRandIndex.score(truth, labels));
                m.put("nmi", MutualInformation.normalized(truth, labels));
                m.put("purity", Purity.score(truth, labels));
                table.add("ARI (vs labels)", number(m.get("ari").asDouble()));
                table.add("NMI (vs labels)", number(m.get("nmi").asDouble()));
                table.add("purity (vs labels)", number(m.get("purity").asDouble()));
            }
            return m;
        });
    }

    /** Neighbours of the k-NN accuracy and of the trustworthiness of an embedding. */
    static final int NEIGHBORS = 10;

    /**
     * The 10-NN leave-one-out accuracy (on at most {@value Results#SAMPLE} rows chosen with the seed) and the
     * trustworthiness with 10 neighbours (sampled above {@value Results#SAMPLE} rows); null when there are too
     * few rows for 10 neighbours.
     * Shared by the dimension-reduction commands.
     */
    static Json.JsonObject embeddingMetrics(Matrix x, Matrix embedding, int[] labels, long seed, Table table) {
        int n = x.rows();
        Json.JsonObject m = Json.object();
        boolean sampled = n > SAMPLE;
        if (n > NEIGHBORS) {
            double accuracy;
            if (sampled) {
                int[] rows = InfoCommand.pick(n, SAMPLE, seed);
                int[] sub = new int[rows.length];
                for (int i = 0; i < rows.length; i++) sub[i] = labels[rows[i]];
                accuracy = KnnAccuracy.leaveOneOut(embedding.rows(rows), sub, NEIGHBORS);
            } else {
                accuracy = KnnAccuracy.leaveOneOut(embedding, labels, NEIGHBORS);
            }
            m.put("knnAccuracy", accuracy);
            table.add("10-NN accuracy", String.format(Locale.ROOT, "%.4f (leave-one-out%s)", accuracy, sampled
                    ? String.format(Locale.ROOT, ", on %,d of %,d samples drawn with --seed", SAMPLE, n) : ""));
        } else {
            m.putNull("knnAccuracy");
            table.add("10-NN accuracy", "needs more than " + NEIGHBORS + " samples");
        }
        if (n > 2 * NEIGHBORS) {
            double trust = sampled ? Trustworthiness.sampled(x, embedding, NEIGHBORS, SAMPLE, seed)
                    : Trustworthiness.score(x, embedding, NEIGHBORS);
            m.put("trustworthiness", trust);
            table.add("trustworthiness", String.format(Locale.ROOT, "%.4f (k = 10%s)", trust, sampled
                    ? String.format(Locale.ROOT, ", estimated from %,d of %,d samples drawn with --seed", SAMPLE, n) : ""));
        } else {
            m.putNull("trustworthiness");
            table.add("trustworthiness", "needs more than " + 2 * NEIGHBORS + " samples");
        }
        m.put("sample", sampled ? SAMPLE : n);
        return m;
    }

    /** The silhouette of the clustering, estimated from {@value #SAMPLE} rows drawn with {@code seed} above that many. */
    static double silhouette(Matrix x, int[] labels, long seed) {
        return x.rows() > SAMPLE ? Silhouette.sampled(x, labels, SAMPLE, seed) : Silhouette.score(x, labels);
    }

    /** A value in at most 6 significant digits, without trailing zeros. */
    static String number(double v) {
        return InfoCommand.number(v);
    }

    /** The stage timings, one per row of {@code table}, as {@code "time <stage>"}. */
    static void addTimings(Output out, Table table) {
        for (var e : out.timings().members().entrySet()) {
            table.add("time " + e.getKey(), Output.duration(e.getValue().asDouble()));
        }
    }
}
