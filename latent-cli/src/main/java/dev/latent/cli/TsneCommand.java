package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.io.Json;
import dev.latent.reduction.pca.Pca;
import dev.latent.reduction.tsne.Tsne;
import dev.latent.reduction.tsne.TsneInit;
import dev.latent.reduction.tsne.TsneMethod;
import dev.latent.reduction.tsne.TsneModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code latent reduce tsne DATA}: embeds DATA with t-SNE (optionally after a PCA to {@code --pca} components),
 * reports the final KL divergence and, for labelled data, the 10-NN accuracy and trustworthiness of the
 * embedding; writes embedding.npy.
 */
@Command(name = "tsne", sortOptions = false,
        description = {"Embed DATA with t-SNE and write embedding.npy, model.latent (the t-SNE model, without the "
                + "--pca step) and scatter.svg/.png (by label, else by density).",
                "Above 50 features DATA is first reduced to 50 PCA components (see --pca).",
                "With labels: the 10-NN accuracy (leave-one-out) and the trustworthiness (k = 10) of the "
                        + "embedding, measured against the scaled DATA (before --pca); above 10,000 samples "
                        + "both use 10,000 samples drawn with --seed.",
                "uint8 data (images) is scaled to [0, 1] first unless --scale says otherwise."})
final class TsneCommand extends LatentCommand {
    /** PCA components kept before t-SNE by default, when DATA has more features than this. */
    static final int DEFAULT_PCA = 50;

    @Parameters(index = "0", paramLabel = "DATA",
            description = DataOptions.DATA_HELP)
    String dataSpec;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Option(names = "--components", paramLabel = "K", defaultValue = "2",
            description = "Embedding dimension (default: ${DEFAULT-VALUE}); Barnes-Hut needs 2.")
    int components;

    @Option(names = "--perplexity", paramLabel = "P", defaultValue = "30",
            description = "Effective number of neighbours, below the number of samples (default: ${DEFAULT-VALUE}).")
    double perplexity;

    @Option(names = "--early-exaggeration", paramLabel = "A", defaultValue = "12",
            description = "Factor on the affinities during the early iterations (default: ${DEFAULT-VALUE}).")
    double earlyExaggeration;

    @Option(names = "--exaggeration-iterations", paramLabel = "N", defaultValue = "250",
            description = "Iterations with early exaggeration (default: ${DEFAULT-VALUE}).")
    int exaggerationIterations;

    @Option(names = "--learning-rate", paramLabel = "RATE", defaultValue = "auto", converter = RateConverter.class,
            description = "auto (default: max(samples / early exaggeration, 50)) or a positive number.")
    double learningRate;

    @Option(names = "--max-iter", paramLabel = "N", defaultValue = "750",
            description = "Maximum number of gradient iterations (default: ${DEFAULT-VALUE}).")
    int maxIter;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = "auto", converter = MethodConverter.class,
            description = "auto (default: exact up to 1,000 samples or when --components is not 2, barnes-hut "
                    + "up to 2,500, else fft), exact, barnes-hut or fft (FFT-accelerated interpolation, 2-D).")
    TsneMethod method;

    @Option(names = "--theta", paramLabel = "T", defaultValue = "0.5",
            description = "Barnes-Hut accuracy: 0 is exact, larger is faster (default: ${DEFAULT-VALUE}).")
    double theta;

    @Option(names = "--degrees-of-freedom", paramLabel = "DOF", defaultValue = "1",
            description = "Degrees of freedom of the output kernel (1 + d^2/DOF)^-DOF; below 1 the tails are "
                    + "heavier and clusters split finer (default: ${DEFAULT-VALUE}).")
    double degreesOfFreedom;

    @Option(names = "--init", paramLabel = "HOW", defaultValue = "pca",
            description = "Initial embedding: pca (default) or random.")
    TsneInit init;

    @Option(names = "--pca", paramLabel = "N",
            description = "Reduce to N PCA components first (default: 50 when DATA has more than 50 features; 0 = off).")
    Integer pca;

    @Mixin
    FitOptions fit = new FitOptions();

    @Override
    protected void run(Output out) throws Exception {
        Check.atLeast("--components", components, 1);
        if (pca != null) Check.atLeast("--pca", pca, 0);
        Tsne params = new Tsne(components, perplexity, earlyExaggeration, exaggerationIterations, learningRate,
                maxIter, method, theta, degreesOfFreedom, init, common.seed());
        Dataset d = loadData(dataSpec, dataOptions, out);
        int n = d.size(), features = d.features();
        Check.argument(n >= 3, "DATA must have at least 3 samples for t-SNE, got " + n);
        Check.argument(perplexity < n, "--perplexity must be < the number of samples (" + n + "), got "
                + Results.number(perplexity));
        int reduceTo = pca != null ? pca : features > DEFAULT_PCA ? Math.min(DEFAULT_PCA, n) : 0;
        Check.argument(reduceTo <= Math.min(n, features), "--pca must be <= min(samples, features) = "
                + Math.min(n, features) + ", got " + reduceTo);
        Path dir = fit.outDir == null ? null : Results.checkFolder(fit.outDir);
        Matrix scaled = Results.features(d, fit.scale, out);
        Matrix x = reduceTo == 0 ? scaled : out.time("pca",
                () -> Pca.of(reduceTo).withSeed(common.seed()).fit(scaled).transform(scaled));
        Check.argument(init != TsneInit.PCA || x.cols() >= components, "--components must be <= the "
                + x.cols() + " input features for --init pca (or use --init random), got " + components);

        TsneModel model = out.time("fit", () -> params.fit(x));
        Matrix embedding = model.embedding();
        String methodName = methodName(params.methodFor(n));
        double rate = params.learningRateFor(n);

        Json.JsonObject r = out.result();
        r.put("samples", n).put("features", features).put("pca", reduceTo).put("components", components)
                .put("perplexity", perplexity).put("method", methodName).put("learningRate", rate)
                .put("init", init.name().toLowerCase(Locale.ROOT)).put("klDivergence", model.klDivergence())
                .put("iterations", model.report().iterations()).put("converged", model.report().converged());

        Table table = new Table(false, false);
        table.add("data", String.format(Locale.ROOT, "%s: %,d samples of %,d features (scale: %s)",
                d.name(), n, features, r.get("scale").asString()));
        if (reduceTo > 0) table.add("pca", reduceTo + " components first");
        table.add("t-sne", String.format(Locale.ROOT, "%d components, perplexity %s, %s method, learning rate %s, "
                + "%s init", components, Results.number(perplexity), methodName, Results.number(rate),
                init.name().toLowerCase(Locale.ROOT)));
        table.add("kl divergence", String.format(Locale.ROOT, "%.4f after %,d iterations%s", model.klDivergence(),
                model.report().iterations(), model.report().converged() ? " (converged)" : ""));

        finishEmbedding(out, table, "t-SNE", scaled, embedding, d, model, dataSpec, dir);
    }

    /** The name the user types for a method. */
    static String methodName(TsneMethod m) {
        return m.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads {@code auto}, {@code exact}, {@code barnes-hut} or {@code fft}. */
    static final class MethodConverter implements ITypeConverter<TsneMethod> {
        @Override
        public TsneMethod convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "auto" -> TsneMethod.AUTO;
                case "exact" -> TsneMethod.EXACT;
                case "barnes-hut", "barnes_hut", "bh" -> TsneMethod.BARNES_HUT;
                case "fft" -> TsneMethod.FFT;
                default -> throw new TypeConversionException("expected auto, exact, barnes-hut or fft, got '" + value
                        + "'");
            };
        }
    }

    /** Reads {@code auto} (as {@link Tsne#AUTO_LEARNING_RATE}) or a number. */
    static final class RateConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            if (value.strip().equalsIgnoreCase("auto")) return Tsne.AUTO_LEARNING_RATE;
            try {
                return Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("expected auto or a positive number, got '" + value + "'");
            }
        }
    }
}
