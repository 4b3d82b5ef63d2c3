package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.io.Json;
import dev.latent.io.Npy;
import dev.latent.reduction.pca.Pca;
import dev.latent.reduction.pca.PcaModel;
import dev.latent.reduction.pca.PcaSolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code latent reduce pca DATA --components K}: fits PCA, reports the variance it explains and, for labelled
 * data, how well the embedding keeps the classes and neighbourhoods apart; writes the embedding, the
 * components and the explained variances.
 * <p>With labels, the 10-NN accuracy (leave-one-out) is computed on a seeded subsample of at most
 * {@value Results#SAMPLE} rows, and the trustworthiness (k = 10) is estimated from {@value Results#SAMPLE}
 * query rows ranked against all rows; both are exact for smaller data.
 */
@Command(name = "pca", sortOptions = false,
        description = {"Reduce DATA with principal component analysis and write embedding.npy, components.npy, "
                + "explained_variance.npy, explained_variance_ratio.npy, explained-variance.svg/.png, scatter.svg/.png, "
                + "model.latent and (for images) components.png and component-images.svg/.png.",
                "With labels: the 10-NN accuracy (leave-one-out) and the trustworthiness (k = 10) of the "
                        + "embedding; above 10,000 samples both use 10,000 samples drawn with --seed.",
                "uint8 data (images) is scaled to [0, 1] first unless --scale says otherwise."})
final class PcaCommand extends LatentCommand {
    /** Explained-variance ratios printed one by one. */
    static final int SHOWN = 10;

    @Parameters(index = "0", paramLabel = "DATA",
            description = DataOptions.DATA_HELP)
    String dataSpec;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Option(names = "--components", required = true, paramLabel = "K",
            description = "Number of components, at most min(samples, features).")
    int components;

    @Option(names = "--solver", paramLabel = "NAME", defaultValue = "auto",
            description = "auto (default: covariance up to 2000 features, else randomized or svd), covariance, svd or randomized.")
    PcaSolver solver;

    @Option(names = "--whiten", description = "Scale each embedding coordinate to unit variance.")
    boolean whiten;

    @Mixin
    FitOptions fit = new FitOptions();

    @Override
    protected void run(Output out) throws Exception {
        Check.atLeast("--components", components, 1);
        Dataset d = loadData(dataSpec, dataOptions, out);
        int n = d.size(), features = d.features();
        Check.argument(n >= 2, "DATA must have at least 2 samples for PCA, got " + n);
        Check.argument(components <= Math.min(n, features), "--components must be <= min(samples, features) = "
                + Math.min(n, features) + ", got " + components);
        Matrix x = Results.features(d, fit.scale, out);
        Path dir = fit.outDir == null ? null : Results.checkFolder(fit.outDir);
        Pca params = Pca.of(components).withSolver(solver).withWhiten(whiten).withSeed(common.seed());

        PcaModel model = out.time("fit", () -> params.fit(x));
        Matrix embedding = out.time("transform", () -> model.transform(x));
        double[] ratio = model.explainedVarianceRatio(), variance = model.explainedVariance();
        double cumulative = 0;
        for (double v : ratio) cumulative += v;

        Json.JsonObject r = out.result();
        String solverName = params.solverFor(n, features).name().toLowerCase(Locale.ROOT);
        r.put("samples", n).put("features", features).put("components", components).put("solver", solverName)
                .put("whiten", whiten).put("explainedVarianceRatio", array(ratio))
                .put("explainedVariance", array(variance)).put("cumulativeRatio", cumulative)
                .put("totalVariance", model.totalVariance());

        Table table = new Table(false, false);
        table.add("data", String.format(Locale.ROOT, "%s: %,d samples of %,d features (scale: %s)",
                d.name(), n, features, r.get("scale").asString()));
        table.add("pca", components + " component" + (components == 1 ? "" : "s") + ", " + solverName + " solver"
                + (whiten ? ", whitened" : ""));
        StringBuilder first = new StringBuilder();
        for (int c = 0; c < Math.min(SHOWN, ratio.length); c++) {
            first.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", ratio[c]));
        }
        if (ratio.length > SHOWN) first.append(", ...");
        table.add("variance ratio", first.toString());
        table.add("cumulative", String.format(Locale.ROOT, "%.4f of the total variance %s", cumulative,
                Results.number(model.totalVariance())));

        if (d.hasLabels()) {
            r.put("metrics", out.time("metrics", () -> Results.embeddingMetrics(x, embedding, d.labels(), common.seed(), table)));
        } else {
            r.putNull("metrics");
        }

        Json.JsonObject files = Json.object();
        if (dir != null) {
            out.time("write", () -> {
                Results.directory(dir);
                Path emb = dir.resolve("embedding.npy"), comp = dir.resolve("components.npy"),
                        ev = dir.resolve("explained_variance.npy"), evr = dir.resolve("explained_variance_ratio.npy");
                Npy.write(emb, embedding);
                Npy.write(comp, model.components());
                Npy.write(ev, floats(variance), variance.length);
                Npy.write(evr, floats(ratio), ratio.length);
                files.put("embedding", emb.toString()).put("components", comp.toString())
                        .put("explainedVariance", ev.toString()).put("explainedVarianceRatio", evr.toString());
                Path png = dir.resolve("components.png");
                if (Results.drawRows(model.components(), d.shape(), png)) files.put("componentsImage", png.toString());
                files.put("model", Results.writeModel(dir, model, dataSpec, d, out, name(), common.seed()).toString());
                Figures.pca(dir, ratio, model.components(), embedding, d, files);
                return null;
            });
            keepResults(dir.resolve(Results.RESULTS_FILE));
            table.add("files", String.join(", ", files.members().values().stream().map(Json::asString).toList()));
        }
        r.put("files", files);
        Results.addTimings(out, table);
        table.print(out.text(), "");
    }

    private static Json.JsonArray array(double[] values) {
        Json.JsonArray a = Json.array();
        for (double v : values) a.add(v);
        return a;
    }

    private static float[] floats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return f;
    }
}
