package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.io.Json;
import dev.latent.io.Npy;
import dev.latent.metrics.Reconstruction;
import dev.latent.neural.models.ae.AutoencoderModel;
import dev.latent.neural.models.vae.Likelihood;
import dev.latent.neural.models.vae.VaeModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code latent reconstruct MODEL DATA --out DIR}: reconstructs DATA with a trained autoencoder or VAE, reports the
 * error, and writes the reconstructions, each sample's anomaly score and a picture of originals beside their
 * reconstructions; the most anomalous samples are listed.
 */
@Command(name = "reconstruct", sortOptions = false,
        description = {"Reconstruct DATA with a trained autoencoder and write reconstructions.npy, scores.npy (each "
                + "sample's anomaly score: its mean squared reconstruction error) and, for images, reconstructions.png "
                + "(originals above reconstructions) and anomalies.png (the 10 worst reconstructed samples).",
                "A VAE decodes each sample's code mean (probabilities for a Bernoulli decoder, means for a Gaussian one).",
                "DATA is scaled as it was for training (the model file records how)."})
final class ReconstructCommand extends LatentCommand {
    /** Anomalous samples listed. */
    static final int WORST = 10;

    @Parameters(index = "0", paramLabel = "MODEL", description = ModelArgument.HELP)
    String modelSpec;

    @Parameters(index = "1", paramLabel = "DATA", description = DataOptions.DATA_HELP)
    String dataSpec;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Option(names = "--out", paramLabel = "DIR", description = "Write the outputs into DIR (created if missing).")
    Path outDir;

    @Override
    protected void run(Output out) throws Exception {
        boolean vae = ModelArgument.kind(modelSpec, AutoencoderModel.KIND, VaeModel.KIND).equals(VaeModel.KIND);
        Dataset d;
        Matrix x, back;
        boolean unitOutput;
        if (vae) {
            TrainedVae v = TrainedVae.load(modelSpec, out);
            d = loadData(dataSpec, dataOptions, out);
            Matrix samples = v.samples(d, out);
            int[] labels = v.labels(d);
            x = samples;
            back = out.time("reconstruct", () -> v.model().reconstruct(samples, labels));
            unitOutput = v.model().params().likelihood() == Likelihood.BERNOULLI;
        } else {
            TrainedAutoencoder ae = TrainedAutoencoder.load(modelSpec, out);
            d = loadData(dataSpec, dataOptions, out);
            Matrix samples = ae.samples(d, out);
            x = samples;
            back = out.time("reconstruct", () -> ae.model().reconstruct(samples));
            unitOutput = ae.model().sigmoidOutput();
        }
        Path dir = outDir == null ? null : Results.checkFolder(outDir);
        double[] scores = Reconstruction.msePerSample(x, back);
        double mse = Arrays.stream(scores).sum() / scores.length;
        int[] worst = worst(scores, Math.min(WORST, scores.length));

        Json.JsonObject r = out.result();
        r.put("samples", x.rows()).put("mse", mse);
        Json.JsonArray anomalies = Json.array();
        for (int i : worst) anomalies.add(Json.object().put("index", i).put("score", scores[i]));
        r.put("anomalies", anomalies);
        Table table = new Table(false, false);
        table.add("data", String.format(Locale.ROOT, "%s: %,d samples of %s", d.name(), x.rows(), d.shape()));
        table.add("reconstruction", "MSE " + Results.number(mse) + (unitOutput
                ? String.format(Locale.ROOT, ", PSNR %.2f dB", Reconstruction.psnr(x, back, 1)) : ""));
        StringBuilder list = new StringBuilder();
        for (int i : worst) list.append(list.isEmpty() ? "" : ", ").append(i).append(" (").append(Results.number(scores[i])).append(')');
        table.add("most anomalous", list.toString());

        Json.JsonObject files = Json.object();
        if (dir != null) {
            out.time("write", () -> {
                Results.directory(dir);
                Path recon = dir.resolve("reconstructions.npy"), scoreFile = dir.resolve("scores.npy");
                Npy.write(recon, back);
                float[] f = new float[scores.length];
                for (int i = 0; i < f.length; i++) f[i] = (float) scores[i];
                Npy.write(scoreFile, f, f.length);
                files.put("reconstructions", recon.toString()).put("scores", scoreFile.toString());
                Path pairs = dir.resolve("reconstructions.png"), anomalous = dir.resolve("anomalies.png");
                if (Results.drawPairs(x, back, d.shape(), pairs)) files.put("reconstructionsImage", pairs.toString());
                if (Results.drawPairs(x.rows(worst), back.rows(worst), d.shape(), anomalous)) {
                    files.put("anomaliesImage", anomalous.toString());
                }
                return null;
            });
            keepResults(dir.resolve(Results.RESULTS_FILE));
            table.add("files", String.join(", ", files.members().values().stream().map(Json::asString).toList()));
        }
        r.put("files", files);
        Results.addTimings(out, table);
        table.print(out.text(), "");
    }

    /** The indexes of the {@code m} highest scores, highest first (lower index first on ties). */
    static int[] worst(double[] scores, int m) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b));
        int[] out = new int[m];
        for (int i = 0; i < m; i++) out[i] = order[i];
        return out;
    }
}
