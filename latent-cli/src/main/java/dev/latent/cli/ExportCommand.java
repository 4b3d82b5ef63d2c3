package dev.latent.cli;

import dev.latent.io.Json;
import dev.latent.neural.models.ae.AutoencoderModel;
import dev.latent.neural.models.vae.VaeModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code latent export MODEL --onnx DIR}: writes a trained autoencoder's or VAE's encoder and decoder as ONNX files. */
@Command(name = "export", sortOptions = false,
        description = {"Export a trained autoencoder to DIR/encoder.onnx (samples to codes) and DIR/decoder.onnx "
                + "(codes to flat samples), standard ONNX (IR 8, opset 17) that ONNX Runtime and other tools run.",
                "A VAE's encoder gives the code means and log-variances side by side (2 x latent values), and its "
                        + "decoder (the generator) probabilities or means; a conditional VAE's networks take the "
                        + "one-hot label appended to their input."})
final class ExportCommand extends LatentCommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = ModelArgument.HELP)
    String modelSpec;

    @Option(names = "--onnx", required = true, paramLabel = "DIR", description = "The folder to write the ONNX files into.")
    Path dir;

    @Override
    protected void run(Output out) throws Exception {
        boolean vae = ModelArgument.kind(modelSpec, AutoencoderModel.KIND, VaeModel.KIND).equals(VaeModel.KIND);
        TrainedAutoencoder ae = vae ? null : TrainedAutoencoder.load(modelSpec, out);
        TrainedVae v = vae ? TrainedVae.load(modelSpec, out) : null;
        Results.directory(dir);
        Path encoder = dir.resolve("encoder.onnx"), decoder = dir.resolve("decoder.onnx");
        out.time("export", () -> {
            if (vae) v.model().exportOnnx(encoder, decoder);
            else ae.model().exportOnnx(encoder, decoder);
            return null;
        });
        out.result().put("files", Json.object().put("encoder", encoder.toString()).put("decoder", decoder.toString()));
        Table table = new Table(false, false);
        table.add("onnx", encoder + ", " + decoder);
        Results.addTimings(out, table);
        table.print(out.text(), "");
    }
}
