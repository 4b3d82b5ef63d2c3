package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.io.Json;
import dev.latent.neighbors.Metric;
import dev.latent.reduction.umap.Umap;
import dev.latent.reduction.umap.UmapInit;
import dev.latent.reduction.umap.UmapModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code latent reduce umap DATA}: embeds DATA with UMAP, reports the fuzzy cross entropy and, for labelled data,
 * the 10-NN accuracy and trustworthiness of the embedding; writes embedding.npy.
 */
@Command(name = "umap", sortOptions = false,
        description = {"Embed DATA with UMAP and write embedding.npy, model.latent (the UMAP model, with the training rows "
                + "that transform needs) and scatter.svg/.png (by label, else by density).",
                "The same seed gives the same embedding whatever --threads is.",
                "With labels: the 10-NN accuracy (leave-one-out) and the trustworthiness (k = 10) of the "
                        + "embedding; above 10,000 samples both use 10,000 samples drawn with --seed.",
                "uint8 data (images) is scaled to [0, 1] first unless --scale says otherwise."})
final class UmapCommand extends LatentCommand {
    @Parameters(index = "0", paramLabel = "DATA", description = DataOptions.DATA_HELP)
    String dataSpec;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Option(names = "--components", paramLabel = "K", defaultValue = "2",
            description = "Embedding dimension (default: ${DEFAULT-VALUE}).")
    int components;

    @Option(names = "--neighbors", paramLabel = "K", defaultValue = "15",
            description = "Neighbourhood size, counting the sample itself, from 2 to below the number of samples "
                    + "(default: ${DEFAULT-VALUE}); larger keeps more global structure.")
    int neighbors;

    @Option(names = "--min-dist", paramLabel = "D", defaultValue = "0.1",
            description = "Smallest distance between embedded points, at most --spread (default: ${DEFAULT-VALUE}).")
    double minDist;

    @Option(names = "--spread", paramLabel = "S", defaultValue = "1.0",
            description = "Scale of the embedded points (default: ${DEFAULT-VALUE}).")
    double spread;

    @Option(names = "--metric", paramLabel = "NAME", defaultValue = "euclidean", converter = MetricConverter.class,
            description = "Distance between samples: euclidean (default) or cosine.")
    Metric metric;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "auto", converter = EpochsConverter.class,
            description = "Epochs of gradient descent: auto (default: 500 up to 10,000 samples, else 200) or a "
                    + "number >= 0.")
    int epochs;

    @Option(names = "--init", paramLabel = "HOW", defaultValue = "spectral", converter = InitConverter.class,
            description = "Initial layout: spectral (default; random when the neighbour graph is disconnected), "
                    + "pca or random.")
    UmapInit init;

    @Mixin
    FitOptions fit = new FitOptions();

    @Override
    protected void run(Output out) throws Exception {
        Check.atLeast("--components", components, 1);
        Check.atLeast("--neighbors", neighbors, 2);
        Check.argument(Double.isFinite(minDist) && minDist >= 0, "--min-dist must be >= 0, got " + Results.number(minDist));
        Check.argument(Double.isFinite(spread) && spread > 0, "--spread must be > 0, got " + Results.number(spread));
        Check.argument(minDist <= spread, "--min-dist must be <= --spread (" + Results.number(spread) + "), got "
                + Results.number(minDist));
        Umap params = new Umap(components, neighbors, minDist, spread, metric, epochs, 1.0, 5, 1.0, 1.0, 1.0, init,
                common.seed());
        Dataset d = loadData(dataSpec, dataOptions, out);
        int n = d.size(), features = d.features();
        Check.argument(n >= 3, "DATA must have at least 3 samples for UMAP, got " + n);
        Check.argument(neighbors < n, "--neighbors must be < the number of samples (" + n + "), got " + neighbors);
        Check.argument(init != UmapInit.PCA || features >= components, "--components must be <= the "
                + features + " input features for --init pca, got " + components);
        Path dir = fit.outDir == null ? null : Results.checkFolder(fit.outDir);
        Matrix x = Results.features(d, fit.scale, out);

        UmapModel model = out.time("fit", () -> params.fit(x));
        Matrix embedding = model.embedding();
        String metricName = metric.name().toLowerCase(Locale.ROOT);

        Json.JsonObject r = out.result();
        r.put("samples", n).put("features", features).put("components", components).put("neighbors", neighbors)
                .put("minDist", minDist).put("spread", spread).put("metric", metricName)
                .put("epochs", model.epochs()).put("a", model.a()).put("b", model.b())
                .put("init", model.initialization().name().toLowerCase(Locale.ROOT))
                .put("initNote", model.initializationNote()).put("graphEdges", model.graphEntries() / 2)
                .put("crossEntropy", model.report().objective());
        Json.JsonObject stages = Json.object();
        for (Map.Entry<String, Duration> s : model.stageTimes().entrySet()) {
            stages.put(s.getKey(), s.getValue().toNanos() / 1e9);
        }
        r.put("fitStages", stages);

        Table table = new Table(false, false);
        table.add("data", String.format(Locale.ROOT, "%s: %,d samples of %,d features (scale: %s)",
                d.name(), n, features, r.get("scale").asString()));
        table.add("umap", String.format(Locale.ROOT, "%d components, %d neighbors, min-dist %s, spread %s, %s, "
                        + "%d epochs (a = %.4f, b = %.4f)", components, neighbors, Results.number(minDist),
                Results.number(spread), metricName, model.epochs(), model.a(), model.b()));
        table.add("init", model.initializationNote());
        table.add("cross entropy", String.format(Locale.ROOT, "%.6g (%,d graph edges)",
                model.report().objective(), model.graphEntries() / 2));

        finishEmbedding(out, table, "UMAP", x, embedding, d, model, dataSpec, dir);
    }

    /** Reads {@code euclidean} or {@code cosine}. */
    static final class MetricConverter implements ITypeConverter<Metric> {
        @Override
        public Metric convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "euclidean" -> Metric.EUCLIDEAN;
                case "cosine" -> Metric.COSINE;
                default -> throw new TypeConversionException("expected euclidean or cosine, got '" + value + "'");
            };
        }
    }

    /** Reads {@code spectral}, {@code pca} or {@code random}. */
    static final class InitConverter implements ITypeConverter<UmapInit> {
        @Override
        public UmapInit convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "spectral" -> UmapInit.SPECTRAL;
                case "pca" -> UmapInit.PCA;
                case "random" -> UmapInit.RANDOM;
                default -> throw new TypeConversionException("expected spectral, pca or random, got '" + value + "'");
            };
        }
    }

    /** Reads {@code auto} (as {@link Umap#AUTO_EPOCHS}) or a number. */
    static final class EpochsConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (value.strip().equalsIgnoreCase("auto")) return Umap.AUTO_EPOCHS;
            try {
                int v = Integer.parseInt(value.strip());
                if (v < 0) throw new TypeConversionException("expected auto or a number >= 0, got '" + value + "'");
                return v;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("expected auto or a number >= 0, got '" + value + "'");
            }
        }
    }
}
