package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.io.Json;
import dev.latent.neural.models.ae.Architecture;
import dev.latent.neural.models.vae.Elbo;
import dev.latent.neural.models.vae.Likelihood;
import dev.latent.neural.models.vae.Vae;
import dev.latent.neural.models.vae.VaeModel;
import dev.latent.neural.tensor.Activation;
import dev.latent.neural.train.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code latent train vae DATA --out DIR}: trains a variational autoencoder and writes the model, the loss and its
 * two terms per epoch and, for images, samples drawn from the prior; reports the ELBO of the training data.
 */
@Command(name = "vae", sortOptions = false,
        description = {"Train a variational autoencoder on DATA and write model.latent, history.csv (loss, "
                + "reconstruction and KL terms per epoch, nats per sample) and (for images) samples.png (100 samples "
                + "decoded from the prior; one row per class for a conditional VAE).",
                "A checkpoint (checkpoint.latent) is written after every epoch; --resume continues from it.",
                "Reports the ELBO of the training data (of 10,000 samples drawn with --seed above that many) with its "
                        + "reconstruction and KL terms, in nats per sample.",
                "uint8 data (images) is scaled to [0, 1] first unless --scale says otherwise; the Bernoulli decoder "
                        + "needs data in [0, 1]."})
final class VaeCommand extends LatentCommand {
    /** Samples drawn for samples.png (per class when conditional). */
    static final int SAMPLES = 100;

    @Parameters(index = "0", paramLabel = "DATA", description = DataOptions.DATA_HELP)
    String dataSpec;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Option(names = "--arch", paramLabel = "NAME", defaultValue = "dense",
            description = "dense (default) or conv (stride-2 convolutions; needs images).")
    Architecture architecture;

    @Option(names = "--latent", paramLabel = "N", defaultValue = "20", description = "Code size (default 20).")
    int latent;

    @Option(names = "--hidden", paramLabel = "LIST", split = ",",
            description = "dense: hidden widths from the input side (default 400); conv: channels of the "
                    + "convolutions (default 32,64).")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "Hidden activation: relu (default), leaky_relu, elu, gelu, tanh, sigmoid, softplus.")
    Activation activation;

    @Option(names = "--likelihood", paramLabel = "NAME", defaultValue = "bernoulli",
            description = "The decoder's distribution: bernoulli (default; data in [0, 1]), gaussian (fixed "
                    + "--output-std) or gaussian_learned (one learned variance per value).")
    Likelihood likelihood;

    @Option(names = "--output-std", paramLabel = "STD", defaultValue = "1",
            description = "Standard deviation of the gaussian decoder (default 1).")
    double outputStd;

    @Option(names = "--beta", paramLabel = "WEIGHT", defaultValue = "1", description = "Weight of the KL term (default 1).")
    double beta;

    @Option(names = "--warmup", paramLabel = "EPOCHS", defaultValue = "0",
            description = "Epochs over which the KL weight rises linearly to --beta (default 0: none).")
    int warmup;

    @Option(names = "--conditional", description = "Feed the labels to both networks (dense only), so that "
            + "'latent generate --label' can draw a chosen class.")
    boolean conditional;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Passes over the data (default 10).")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128", description = "Samples per step (default 128).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3", description = "Adam's learning rate (default 1e-3).")
    double learningRate;

    @Option(names = "--resume", description = "Continue from DIR/" + AutoencoderCommand.CHECKPOINT + " (the same options and DATA).")
    boolean resume;

    @Mixin
    FitOptions fit = new FitOptions();

    @Override
    protected void run(Output out) throws Exception {
        Check.argument(!resume || fit.outDir != null, "--resume needs --out DIR, the folder holding "
                + AutoencoderCommand.CHECKPOINT);
        List<Integer> widths = hidden != null ? hidden
                : architecture == Architecture.CONV ? List.of(32, 64) : List.of(400);
        Vae params = new Vae(architecture, latent, widths, activation, likelihood, outputStd, beta, warmup,
                conditional, epochs, batchSize, learningRate, common.seed());
        Dataset raw = loadData(dataSpec, dataOptions, out);
        Dataset d = Results.scaled(raw, fit.scale, out);
        Path dir = fit.outDir == null ? null : Results.checkFolder(fit.outDir);
        Optional<Path> checkpoint = Optional.ofNullable(dir).map(p -> p.resolve(AutoencoderCommand.CHECKPOINT));
        if (resume && !Files.exists(checkpoint.orElseThrow())) {
            throw new NoSuchFileException(checkpoint.get().toString(), null, "no checkpoint to resume from");
        }
        if (dir != null) Results.directory(dir);

        long steps = (long) epochs * ((d.size() + batchSize - 1) / batchSize);
        VaeModel model;
        try (ProgressBar bar = out.progress("training", steps)) {
            Progress progress = batch -> bar.advance(1);
            model = out.time("fit", () -> params.fit(d, checkpoint, resume, progress));
        }
        int n = d.size();
        boolean sampled = n > Results.SAMPLE;
        int[] rows = sampled ? InfoCommand.pick(n, Results.SAMPLE, common.seed()) : null;
        Elbo elbo = out.time("elbo", () -> {
            Matrix x = d.toMatrix();
            int[] labels = model.conditional() ? d.labels() : new int[0];
            if (!sampled) return model.elbo(x, labels, common.seed());
            int[] sub = new int[model.conditional() ? rows.length : 0];
            for (int i = 0; i < sub.length; i++) sub[i] = labels[rows[i]];
            return model.elbo(x.rows(rows), sub, common.seed());
        });
        double[] losses = model.history().trainLoss();
        double[] rec = model.reconstructionHistory(), kl = model.klHistory();

        Json.JsonObject r = out.result();
        r.put("samples", n).put("features", d.features()).put("architecture", name(architecture))
                .put("latent", latent).put("likelihood", name(likelihood)).put("epochs", model.history().epochs())
                .put("trainLoss", array(losses)).put("reconstruction", array(rec)).put("kl", array(kl))
                .put("elbo", EvaluateCommand.json(elbo).put("sample", sampled ? Results.SAMPLE : n));
        Table table = new Table(false, false);
        table.add("data", String.format(Locale.ROOT, "%s: %,d samples of %s (scale: %s)", d.name(), n,
                d.shape(), r.get("scale").asString()));
        table.add("VAE", name(architecture) + ", hidden " + widths + ", code " + latent + ", " + name(likelihood)
                + " decoder" + (beta != 1 ? ", beta " + Results.number(beta) : "")
                + (warmup > 0 ? ", KL warm-up " + warmup + " epochs" : "") + (conditional ? ", conditional" : ""));
        table.add("training", String.format(Locale.ROOT, "%d epochs, loss %s -> %s", model.history().epochs(),
                Results.number(losses[0]), Results.number(losses[losses.length - 1])));
        EvaluateCommand.addElbo(elbo, table, sampled ? String.format(Locale.ROOT,
                " (on %,d of %,d samples drawn with --seed)", Results.SAMPLE, n) : "");

        Json.JsonObject files = Json.object();
        if (dir != null) {
            out.time("write", () -> {
                files.put("model", Results.writeModel(dir, model, dataSpec, d, out, name(), common.seed()).toString());
                Path history = dir.resolve("history.csv");
                StringBuilder csv = new StringBuilder("epoch,loss,reconstruction,kl\n");
                for (int e = 0; e < losses.length; e++) {
                    csv.append(e + 1).append(',').append(losses[e]).append(',')
                            .append(e < rec.length ? Double.toString(rec[e]) : "").append(',')
                            .append(e < kl.length ? Double.toString(kl[e]) : "").append('\n');
                }
                Results.writeText(history, csv.toString());
                files.put("history", history.toString()).put("checkpoint", checkpoint.get().toString());
                Path png = dir.resolve("samples.png");
                if (Results.drawRows(priorSamples(model, common.seed()), d.shape(), png)) files.put("samples", png.toString());
                return null;
            });
            keepResults(dir.resolve(Results.RESULTS_FILE));
            table.add("files", String.join(", ", files.members().values().stream().map(Json::asString).toList()));
        }
        r.put("files", files);
        Results.addTimings(out, table);
        table.print(out.text(), "");
    }

    /** {@value #SAMPLES} samples from the prior; for a conditional model 10 of each of the first 10 classes. */
    static Matrix priorSamples(VaeModel model, long seed) {
        if (!model.conditional()) return model.sample(SAMPLES, -1, seed);
        int classes = Math.min(10, model.classes()), d = model.sampleShape().size();
        Matrix all = Matrix.zeros(classes * 10, d);
        for (int c = 0; c < classes; c++) {
            Matrix s = model.sample(10, c, seed + c);
            System.arraycopy(s.values(), 0, all.values(), c * 10 * d, 10 * d);
        }
        return all;
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static Json.JsonArray array(double[] values) {
        Json.JsonArray a = Json.array();
        for (double v : values) a.add(v);
        return a;
    }
}
