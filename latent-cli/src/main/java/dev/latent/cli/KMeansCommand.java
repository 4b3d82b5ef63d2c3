package dev.latent.cli;

import dev.latent.clustering.kmeans.KMeans;
import dev.latent.clustering.kmeans.KMeansAlgorithm;
import dev.latent.clustering.kmeans.KMeansInit;
import dev.latent.clustering.kmeans.KMeansModel;
import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.io.Json;
import dev.latent.io.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code latent cluster kmeans DATA --k K}: fits k-means, reports its quality, and writes the labels and
 * centres; with {@code --k LOW..HIGH} it first chooses k.
 * <p>Choosing k fits every k of the range with the same options and seed, and reports the inertia and the
 * silhouette of each. The chosen k is the one of highest silhouette. The elbow is also reported: the k whose
 * (k, inertia) point lies farthest below the straight line joining the first and last points of the range
 * (a "kneedle"-style knee; the farthest point in perpendicular distance is the one farthest below the line
 * vertically, so it does not depend on the units of either axis).
 */
@Command(name = "kmeans", sortOptions = false,
        description = {"Cluster DATA with k-means and write labels.npy, centers.npy, model.latent and (for images) centers.png.",
                "With --k LOW..HIGH, fit every k in the range, write choose-k.csv (k, inertia, silhouette), "
                        + "report the elbow, and keep the k with the best silhouette.",
                "The elbow is the k whose (k, inertia) point lies farthest from the straight line joining "
                        + "the first and last points of the range.",
                "Above 10,000 samples the silhouette is estimated from 10,000 samples drawn with --seed.",
                "uint8 data (images) is scaled to [0, 1] first unless --scale says otherwise."})
final class KMeansCommand extends LatentCommand {
    @Parameters(index = "0", paramLabel = "DATA",
            description = DataOptions.DATA_HELP)
    String dataSpec;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Option(names = "--k", required = true, paramLabel = "K|LOW..HIGH",
            description = "Number of clusters, or a range such as 2..20 to choose it by silhouette.")
    String k;

    @Option(names = "--init", paramLabel = "METHOD", converter = InitConverter.class,
            description = "Seeding: k-means++ (default), k-means|| (for large data) or random.")
    KMeansInit init;

    @Option(names = "--algorithm", paramLabel = "NAME",
            description = "Iteration: lloyd (default), elkan, hamerly (exact, faster for low dimensions) or minibatch.")
    KMeansAlgorithm algorithm;

    @Option(names = "--n-init", paramLabel = "N", description = "Seedings to run, keeping the lowest inertia (default: 1).")
    Integer nInit;

    @Option(names = "--max-iter", paramLabel = "N", description = "Most iterations per run (default: 300).")
    Integer maxIter;

    @Option(names = {"--tolerance", "--tol"}, paramLabel = "X",
            description = "Stop when the centres' squared movement is at most X times the mean feature variance (default: 1e-4).")
    Double tolerance;

    @Option(names = "--batch-size", paramLabel = "N", description = "Rows per step of minibatch (default: 1024).")
    Integer batchSize;

    @Mixin
    FitOptions fit = new FitOptions();

    /** A range of k: {@code low == high} for a single k. */
    record KRange(int low, int high) {
        boolean single() {
            return low == high;
        }
    }

    @Override
    protected void run(Output out) throws Exception {
        KRange range = parseK(k);
        KMeans params = params(range.low());
        Dataset d = loadData(dataSpec, dataOptions, out);
        int n = d.size();
        if (range.single()) {
            Check.argument(range.low() <= n, "--k must be <= the number of samples (" + n + "), got " + range.low());
        } else {
            Check.argument(range.high() <= n - 1, "--k range must end at most at n - 1 = " + (n - 1)
                    + " (the silhouette needs a sample outside each cluster), got " + k);
        }
        Matrix x = Results.features(d, fit.scale, out);
        Path dir = fit.outDir == null ? null : Results.checkFolder(fit.outDir);
        Json.JsonObject r = out.result();
        PrintWriter t = out.text();
        Json.JsonObject files = Json.object();

        KMeansModel model;
        double knownSilhouette = Double.NaN;
        if (range.single()) {
            model = out.time("fit", () -> params.fit(x));
        } else {
            Chosen chosen = chooseK(params, range, x, dir, files, out);
            model = chosen.model();
            knownSilhouette = chosen.silhouette();
        }

        int[] labels = model.labels();
        Table table = new Table(false, false);
        table.add("data", String.format(Locale.ROOT, "%s: %,d samples of %,d features (scale: %s)",
                d.name(), n, d.features(), r.get("scale").asString()));
        table.add("k-means", model.k() + " clusters, " + initName(params.init()) + ", "
                + params.algorithm().name().toLowerCase(Locale.ROOT) + ", " + params.nInit() + " run"
                + (params.nInit() == 1 ? "" : "s") + ", seed " + params.seed());
        table.add("inertia", Results.number(model.inertia()));
        table.add("iterations", model.iterations() + (model.converged() ? " (converged)" : " (stopped at --max-iter)"));
        r.put("k", model.k()).put("samples", n).put("features", d.features())
                .put("init", initName(params.init())).put("algorithm", params.algorithm().name().toLowerCase(Locale.ROOT))
                .put("inertia", model.inertia()).put("iterations", model.iterations()).put("converged", model.converged());
        r.put("metrics", Results.clusterMetrics(x, labels, d.hasLabels() ? d.labels() : null, common.seed(),
                knownSilhouette, out, table));

        if (dir != null) {
            out.time("write", () -> {
                Results.directory(dir);
                Path labelsFile = dir.resolve("labels.npy"), centersFile = dir.resolve("centers.npy");
                Npy.write(labelsFile, labels);
                Npy.write(centersFile, model.centroids());
                files.put("labels", labelsFile.toString()).put("centers", centersFile.toString());
                Path png = dir.resolve("centers.png");
                if (Results.drawRows(model.centroids(), d.shape(), png)) files.put("centersImage", png.toString());
                files.put("model", Results.writeModel(dir, model, dataSpec, d, out, name(), common.seed()).toString());
                return null;
            });
            table.add("files", String.join(", ", files.members().values().stream().map(Json::asString).toList()));
        }
        r.put("files", files);
        Results.addTimings(out, table);
        table.print(t, "");
    }

    /** The model chosen from a range of k, with its silhouette. */
    private record Chosen(KMeansModel model, double silhouette) {}

    /** Fits every k of {@code range}, prints and writes the table, and returns the model of best silhouette. */
    private Chosen chooseK(KMeans params, KRange range, Matrix x, Path dir, Json.JsonObject files, Output out)
            throws Exception {
        int count = range.high() - range.low() + 1, n = x.rows();
        int[] ks = new int[count];
        double[] inertia = new double[count], silhouette = new double[count];
        KMeansModel best = null;
        int bestIndex = -1;
        try (ProgressBar bar = out.progress("choosing k", count)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                ks[i] = range.low() + i;
                KMeansModel m = params.withK(ks[i]).fit(x);
                inertia[i] = m.inertia();
                silhouette[i] = Results.silhouette(x, m.labels(), common.seed());
                if (best == null || silhouette[i] > silhouette[bestIndex]) {
                    best = m;
                    bestIndex = i;
                }
                bar.advance(1);
            }
            out.timings().put("choose-k", (System.nanoTime() - t0) / 1e9);
        }
        int elbow = elbow(inertia);

        Json.JsonArray rows = Json.array();
        Table table = new Table(true, true, true, false);
        table.add("k", "inertia", "silhouette", "");
        StringBuilder csv = new StringBuilder("k,inertia,silhouette\n");
        for (int i = 0; i < count; i++) {
            rows.add(Json.object().put("k", ks[i]).put("inertia", inertia[i]).put("silhouette", silhouette[i]));
            String mark = (i == bestIndex ? "best silhouette" : "") + (i == elbow ? (i == bestIndex ? ", " : "") + "elbow" : "");
            table.add(Integer.toString(ks[i]), Results.number(inertia[i]), Results.number(silhouette[i]), mark);
            csv.append(ks[i]).append(',').append(inertia[i]).append(',').append(silhouette[i]).append('\n');
        }
        Json.JsonObject choose = Json.object().put("low", range.low()).put("high", range.high()).put("scores", rows)
                .put("bestSilhouette", ks[bestIndex]);
        if (elbow >= 0) choose.put("elbow", ks[elbow]);
        else choose.putNull("elbow");
        if (n > Results.SAMPLE) choose.put("silhouetteSample", Results.SAMPLE);
        else choose.putNull("silhouetteSample");
        out.result().put("chooseK", choose);

        PrintWriter t = out.text();
        t.println("Choosing k: every k from " + range.low() + " to " + range.high()
                + (n > Results.SAMPLE ? String.format(Locale.ROOT, " (silhouette estimated from %,d samples)", Results.SAMPLE) : ""));
        table.print(t, "  ");
        t.println("Chosen: k = " + ks[bestIndex] + " (best silhouette); elbow: "
                + (elbow >= 0 ? "k = " + ks[elbow] : "needs at least 3 values of k")
                + " (the point farthest below the line from the first to the last (k, inertia))");
        t.println();
        if (dir != null) {
            Path file = Results.directory(dir).resolve("choose-k.csv");
            Results.writeText(file, csv.toString());
            files.put("chooseK", file.toString());
            Figures.chooseK(dir, ks, inertia, silhouette, ks[bestIndex], files);
        }
        return new Chosen(best, silhouette[bestIndex]);
    }

    /**
     * The index of the elbow of a decreasing curve {@code y[0..m)} at equally spaced x: the point farthest
     * below the chord from the first to the last point (the first such on ties), or -1 for fewer than 3
     * points or when no point lies below the chord.
     */
    static int elbow(double[] y) {
        int m = y.length;
        if (m < 3) return -1;
        int best = -1;
        double bestGap = 0;
        for (int i = 1; i < m - 1; i++) {
            double chord = y[0] + (y[m - 1] - y[0]) * i / (m - 1);
            double gap = chord - y[i];
            if (gap > bestGap) {
                bestGap = gap;
                best = i;
            }
        }
        return best;
    }

    /** The k-means record the options describe, with {@code k} clusters. */
    private KMeans params(int k) {
        KMeans p = KMeans.of(k).withSeed(common.seed());
        if (init != null) p = p.withInit(init);
        if (algorithm != null) p = p.withAlgorithm(algorithm);
        if (nInit != null) {
            Check.atLeast("--n-init", nInit, 1);
            p = p.withNInit(nInit);
        }
        if (maxIter != null) {
            Check.atLeast("--max-iter", maxIter, 1);
            p = p.withMaxIter(maxIter);
        }
        if (tolerance != null) {
            Check.argument(tolerance >= 0 && Double.isFinite(tolerance), "--tolerance must be >= 0, got " + tolerance);
            p = p.withTolerance(tolerance);
        }
        if (batchSize != null) {
            Check.atLeast("--batch-size", batchSize, 1);
            p = p.withBatchSize(batchSize);
        }
        return p;
    }

    /** {@code 10} or {@code 2..20}; refuses k below 1 (2 for a range) and empty ranges. */
    static KRange parseK(String text) {
        String s = text.strip();
        int dots = s.indexOf("..");
        try {
            if (dots < 0) {
                int k = Integer.parseInt(s);
                Check.atLeast("--k", k, 1);
                return new KRange(k, k);
            }
            int low = Integer.parseInt(s.substring(0, dots).strip()), high = Integer.parseInt(s.substring(dots + 2).strip());
            Check.argument(low >= 2, "--k range must start at 2 or more (the silhouette needs two clusters), got " + text);
            Check.argument(low <= high, "--k range must be LOW..HIGH with LOW <= HIGH, got " + text);
            return new KRange(low, high);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--k must be a whole number or a range LOW..HIGH such as 2..20, got " + text, e);
        }
    }

    /** The name the user types for a seeding. */
    static String initName(KMeansInit init) {
        return switch (init) {
            case KMeansInit.PlusPlus _ -> "k-means++";
            case KMeansInit.PlusPlusParallel _ -> "k-means||";
            case KMeansInit.Random _ -> "random";
            case KMeansInit.Given _ -> "given";
        };
    }

    /** Reads {@code k-means++}, {@code k-means||} or {@code random}. */
    static final class InitConverter implements ITypeConverter<KMeansInit> {
        @Override
        public KMeansInit convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "k-means++", "kmeans++", "plus-plus" -> KMeansInit.PLUS_PLUS;
                case "k-means||", "kmeans||", "parallel" -> KMeansInit.PARALLEL;
                case "random" -> KMeansInit.RANDOM;
                default -> throw new TypeConversionException("expected k-means++, k-means|| or random, got '" + value + "'");
            };
        }
    }
}
