package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.neural.models.ae.AutoencoderModel;
import dev.latent.neural.models.vae.VaeModel;
import dev.latent.io.Json;
import dev.latent.io.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code latent encode MODEL DATA --out codes.npy}: the codes a trained autoencoder gives the samples of DATA, or the
 * code means and log-variances a trained VAE gives them.
 */
@Command(name = "encode", sortOptions = false,
        description = {"Encode DATA with a trained autoencoder and write the codes (samples x latent, float32) as .npy.",
                "With a VAE, write the code means to --out and their log-variances beside it (codes.npy -> "
                        + "codes.logvar.npy).",
                "The results (for latent report) go beside the codes as .json (codes.npy -> codes.json).",
                "DATA is scaled as it was for training (the model file records how)."})
final class EncodeCommand extends LatentCommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = ModelArgument.HELP)
    String modelSpec;

    @Parameters(index = "1", paramLabel = "DATA", description = DataOptions.DATA_HELP)
    String dataSpec;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .npy file to write the codes to.")
    Path outFile;

    @Override
    protected void run(Output out) throws Exception {
        boolean vae = ModelArgument.kind(modelSpec, AutoencoderModel.KIND, VaeModel.KIND).equals(VaeModel.KIND);
        Json.JsonObject files = Json.object().put("codes", outFile.toString());
        Table table = new Table(false, false);
        Matrix codes;
        if (vae) {
            TrainedVae v = TrainedVae.load(modelSpec, out);
            Dataset d = loadData(dataSpec, dataOptions, out);
            Matrix x = v.samples(d, out);
            int[] labels = v.labels(d);
            VaeModel.Codes c = out.time("encode", () -> v.model().encode(x, labels));
            codes = c.mean();
            Path logVar = GenerateCommand.beside(outFile, ".logvar.npy");
            out.time("write", () -> {
                Npy.write(outFile, c.mean());
                Npy.write(logVar, c.logVariance());
                return null;
            });
            files.put("logVariance", logVar.toString());
            table.add("codes", String.format(Locale.ROOT, "%,d x %d means, written to %s; log-variances to %s",
                    codes.rows(), codes.cols(), outFile, logVar));
        } else {
            TrainedAutoencoder ae = TrainedAutoencoder.load(modelSpec, out);
            Matrix x = ae.samples(loadData(dataSpec, dataOptions, out), out);
            codes = out.time("encode", () -> ae.model().encode(x));
            out.time("write", () -> {
                Npy.write(outFile, codes);
                return null;
            });
            table.add("codes", String.format(Locale.ROOT, "%,d x %d, written to %s", codes.rows(), codes.cols(), outFile));
        }
        out.result().put("samples", codes.rows()).put("latent", codes.cols()).put("files", files);
        keepResults(Results.resultsBeside(outFile));
        Results.addTimings(out, table);
        table.print(out.text(), "");
    }
}
