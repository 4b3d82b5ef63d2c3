package dev.latent.cli;

import dev.latent.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code latent export MODEL --onnx DIR}: writes a trained autoencoder's encoder and decoder as ONNX files. */
@Command(name = "export", sortOptions = false,
        description = {"Export a trained autoencoder to DIR/encoder.onnx (samples to codes) and DIR/decoder.onnx "
                + "(codes to flat samples), standard ONNX (IR 8, opset 17) that ONNX Runtime and other tools run."})
final class ExportCommand extends LatentCommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = ModelArgument.HELP)
    String modelSpec;

    @Option(names = "--onnx", required = true, paramLabel = "DIR", description = "The folder to write the ONNX files into.")
    Path dir;

    @Override
    protected void run(Output out) throws Exception {
        TrainedAutoencoder ae = TrainedAutoencoder.load(modelSpec, out);
        Results.directory(dir);
        Path encoder = dir.resolve("encoder.onnx"), decoder = dir.resolve("decoder.onnx");
        out.time("export", () -> {
            ae.model().exportOnnx(encoder, decoder);
            return null;
        });
        out.result().put("files", Json.object().put("encoder", encoder.toString()).put("decoder", decoder.toString()));
        Table table = new Table(false, false);
        table.add("onnx", encoder + ", " + decoder);
        Results.addTimings(out, table);
        table.print(out.text(), "");
    }
}
