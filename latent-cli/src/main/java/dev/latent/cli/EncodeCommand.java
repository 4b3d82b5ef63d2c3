package dev.latent.cli;

import dev.latent.data.Matrix;
import dev.latent.io.Json;
import dev.latent.io.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;

/** {@code latent encode MODEL DATA --out codes.npy}: the codes a trained autoencoder gives the samples of DATA. */
@Command(name = "encode", sortOptions = false,
        description = {"Encode DATA with a trained autoencoder and write the codes (samples x latent, float32) as .npy.",
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
        TrainedAutoencoder ae = TrainedAutoencoder.load(modelSpec, out);
        Matrix x = ae.samples(loadData(dataSpec, dataOptions, out), out);
        Matrix codes = out.time("encode", () -> ae.model().encode(x));
        out.time("write", () -> {
            Npy.write(outFile, codes);
            return null;
        });
        out.result().put("samples", x.rows()).put("latent", codes.cols()).put("files", Json.object().put("codes", outFile.toString()));
        Table table = new Table(false, false);
        table.add("codes", String.format(Locale.ROOT, "%,d x %d, written to %s", codes.rows(), codes.cols(), outFile));
        Results.addTimings(out, table);
        table.print(out.text(), "");
    }
}
