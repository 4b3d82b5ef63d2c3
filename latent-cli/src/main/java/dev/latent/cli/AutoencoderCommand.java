package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.io.Json;
import dev.latent.metrics.Reconstruction;
import dev.latent.neural.models.ae.Architecture;
import dev.latent.neural.models.ae.Autoencoder;
import dev.latent.neural.models.ae.AutoencoderModel;
import dev.latent.neural.models.ae.Loss;
import dev.latent.neural.models.ae.Noise;
import dev.latent.neural.models.ae.Sparsity;
import dev.latent.neural.tensor.Activation;
import dev.latent.neural.train.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code latent train ae DATA --out DIR}: trains an autoencoder and writes the model, the losses per epoch and,
 * for images, originals beside their reconstructions; reports the reconstruction error and, with labels, how
 * well the codes keep the classes apart.
 */
@Command(name = "ae", sortOptions = false,
        description = {"Train an autoencoder on DATA and write model.latent, history.csv (loss per epoch), loss.svg/.png, "
                + "codes.npy and (for images) reconstructions.png (originals above their reconstructions).",
                "A checkpoint (checkpoint.latent) is written after every epoch; --resume continues from it.",
                "Reports the reconstruction MSE and PSNR and, with labels, the 10-NN accuracy and the "
                        + "trustworthiness (k = 10) of the codes; above 10,000 samples both use 10,000 samples drawn with --seed.",
                "uint8 data (images) is scaled to [0, 1] first unless --scale says otherwise."})
final class AutoencoderCommand extends LatentCommand {
    /** The checkpoint written into the output folder after every epoch. */
    static final String CHECKPOINT = "checkpoint.latent";

    @Parameters(index = "0", paramLabel = "DATA", description = DataOptions.DATA_HELP)
    String dataSpec;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Option(names = "--arch", paramLabel = "NAME", defaultValue = "dense",
            description = "dense (default) or conv (stride-2 convolutions; needs images).")
    Architecture architecture;

    @Option(names = "--latent", paramLabel = "N", defaultValue = "32", description = "Code size (default 32).")
    int latent;

    @Option(names = "--hidden", paramLabel = "LIST", split = ",",
            description = "dense: hidden widths from the input side (default 512,256); conv: channels of the "
                    + "convolutions (default 32,64).")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "Hidden activation: relu (default), leaky_relu, elu, gelu, tanh, sigmoid, softplus.")
    Activation activation;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = "mse",
            description = "mse (default) or bce (binary cross-entropy; data in [0, 1]).")
    Loss loss;

    @Option(names = "--noise", paramLabel = "KIND:LEVEL", converter = NoiseConverter.class,
            description = "Denoising: gaussian:STD or masking:FRACTION (default: none).")
    Noise noise = Noise.NONE;

    @Option(names = "--sparsity", paramLabel = "KIND:WEIGHT[:TARGET]", converter = SparsityConverter.class,
            description = "Sparse codes: l1:WEIGHT or kl:WEIGHT:TARGET (default: none).")
    Sparsity sparsity = Sparsity.NONE;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Passes over the data (default 10).")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128", description = "Samples per step (default 128).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3", description = "Adam's learning rate (default 1e-3).")
    double learningRate;

    @Option(names = "--validation", paramLabel = "FRACTION", defaultValue = "0",
            description = "Share of samples held out to measure the loss each epoch (default 0).")
    double validation;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "0",
            description = "Stop after N epochs without a lower held-out loss and keep the best epoch (default 0: never).")
    int patience;

    @Option(names = "--resume", description = "Continue from DIR/" + CHECKPOINT + " (the same options and DATA).")
    boolean resume;

    @Mixin
    FitOptions fit = new FitOptions();

    @Override
    protected void run(Output out) throws Exception {
        Check.argument(!resume || fit.outDir != null, "--resume needs --out DIR, the folder holding " + CHECKPOINT);
        List<Integer> widths = hidden != null ? hidden
                : architecture == Architecture.CONV ? List.of(32, 64) : List.of(512, 256);
        Autoencoder params = new Autoencoder(architecture, latent, widths, activation, loss, noise, sparsity, epochs,
                batchSize, learningRate, validation, patience, common.seed());
        Dataset raw = loadData(dataSpec, dataOptions, out);
        Dataset d = Results.scaled(raw, fit.scale, out);
        Path dir = fit.outDir == null ? null : Results.checkFolder(fit.outDir);
        Optional<Path> checkpoint = Optional.ofNullable(dir).map(p -> p.resolve(CHECKPOINT));
        if (resume && !Files.exists(checkpoint.orElseThrow())) {
            throw new NoSuchFileException(checkpoint.get().toString(), null, "no checkpoint to resume from");
        }
        if (dir != null) Results.directory(dir);

        int trainCount = d.size() - (int) Math.round(d.size() * validation);
        long steps = (long) epochs * ((trainCount + batchSize - 1) / batchSize);
        AutoencoderModel model;
        try (ProgressBar bar = out.progress("training", steps)) {
            Progress progress = batch -> bar.advance(1);
            model = out.time("fit", () -> params.fit(d, checkpoint, resume, progress));
        }
        Matrix x = out.time("scale", d::toMatrix);
        Matrix codes = out.time("encode", () -> model.encode(x));
        Matrix back = out.time("reconstruct", () -> model.decode(codes));
        double mse = Reconstruction.mse(x, back);
        double[] losses = model.history().trainLoss(), held = model.history().validationLoss();

        Json.JsonObject r = out.result();
        r.put("samples", d.size()).put("features", d.features()).put("architecture", name(architecture))
                .put("latent", latent).put("epochs", model.history().epochs())
                .put("stoppedEarly", model.history().stoppedEarly()).put("trainLoss", array(losses))
                .put("validationLoss", array(held)).put("mse", mse);
        Table table = new Table(false, false);
        table.add("data", String.format(Locale.ROOT, "%s: %,d samples of %s (scale: %s)", d.name(), d.size(),
                d.shape(), r.get("scale").asString()));
        table.add("autoencoder", name(architecture) + ", hidden " + widths + ", code " + latent + ", " + name(loss)
                + " loss" + (noise.kind() == Noise.Kind.NONE ? "" : ", " + name(noise.kind()) + " noise " + noise.level())
                + (sparsity.kind() == Sparsity.Kind.NONE ? "" : ", " + name(sparsity.kind()) + " sparsity"));
        table.add("training", String.format(Locale.ROOT, "%d epochs, loss %s -> %s%s", model.history().epochs(),
                Results.number(losses[0]), Results.number(losses[losses.length - 1]),
                model.history().stoppedEarly() ? " (stopped early)" : ""));
        table.add("reconstruction", String.format(Locale.ROOT, "MSE %s%s", Results.number(mse),
                model.sigmoidOutput() ? String.format(Locale.ROOT, ", PSNR %.2f dB", Reconstruction.psnr(x, back, 1))
                        : ""));
        if (d.hasLabels()) {
            r.put("metrics", out.time("metrics", () -> Results.embeddingMetrics(x, codes, d.labels(), common.seed(), table)));
        } else {
            r.putNull("metrics");
        }

        Json.JsonObject files = Json.object();
        if (dir != null) {
            out.time("write", () -> {
                files.put("model", Results.writeModel(dir, model, dataSpec, d, out, name(), common.seed()).toString());
                Path codesFile = dir.resolve("codes.npy"), history = dir.resolve("history.csv");
                dev.latent.io.Npy.write(codesFile, codes);
                StringBuilder csv = new StringBuilder("epoch,train_loss,validation_loss\n");
                for (int e = 0; e < losses.length; e++) {
                    csv.append(e + 1).append(',').append(losses[e]).append(',')
                            .append(Double.isNaN(held[e]) ? "" : Double.toString(held[e])).append('\n');
                }
                Results.writeText(history, csv.toString());
                files.put("codes", codesFile.toString()).put("history", history.toString())
                        .put("checkpoint", checkpoint.get().toString());
                Path png = dir.resolve("reconstructions.png");
                if (Results.drawPairs(x, back, d.shape(), png)) files.put("reconstructions", png.toString());
                Figures.losses(dir, losses, held, files);
                return null;
            });
            keepResults(dir.resolve(Results.RESULTS_FILE));
            table.add("files", String.join(", ", files.members().values().stream().map(Json::asString).toList()));
        }
        r.put("files", files);
        Results.addTimings(out, table);
        table.print(out.text(), "");
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static Json.JsonArray array(double[] values) {
        Json.JsonArray a = Json.array();
        for (double v : values) a.add(v);
        return a;
    }

    /** {@code gaussian:0.1} or {@code masking:0.3}. */
    static final class NoiseConverter implements ITypeConverter<Noise> {
        @Override
        public Noise convert(String value) {
            String[] parts = value.strip().toLowerCase(Locale.ROOT).split(":");
            if (parts.length != 2) throw new TypeConversionException("expected gaussian:STD or masking:FRACTION, got '" + value + "'");
            double level = number(parts[1], value);
            try {
                return switch (parts[0]) {
                    case "gaussian" -> Noise.gaussian(level);
                    case "masking" -> Noise.masking(level);
                    default -> throw new TypeConversionException("expected gaussian:STD or masking:FRACTION, got '" + value + "'");
                };
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code l1:0.001} or {@code kl:0.01:0.05}. */
    static final class SparsityConverter implements ITypeConverter<Sparsity> {
        @Override
        public Sparsity convert(String value) {
            String[] parts = value.strip().toLowerCase(Locale.ROOT).split(":");
            try {
                if (parts.length == 2 && parts[0].equals("l1")) return Sparsity.l1(number(parts[1], value));
                if (parts.length == 3 && parts[0].equals("kl")) {
                    return Sparsity.kl(number(parts[1], value), number(parts[2], value));
                }
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            throw new TypeConversionException("expected l1:WEIGHT or kl:WEIGHT:TARGET, got '" + value + "'");
        }
    }

    private static double number(String text, String whole) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("expected a number after ':', got '" + whole + "'");
        }
    }
}
