package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.io.Json;
import dev.latent.io.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code latent interpolate MODEL DATA --from I --to J --steps 10 --out strip.png}: the decodings along the path
 * between the codes of two samples of DATA.
 */
@Command(name = "interpolate", sortOptions = false,
        description = {"Interpolate with a trained VAE between samples I and J of DATA: decode --steps codes evenly "
                + "spaced from I's code mean to J's, on a straight line or (--spherical) on the great-circle arc.",
                "Writes the strip as a PNG (one row) to --out for image data, and always as .npy beside it, with the results "
                        + "(for latent report) as .json.",
                "DATA is scaled as it was for training (the model file records how); a conditional VAE decodes "
                        + "with I's label."})
final class InterpolateCommand extends LatentCommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = ModelArgument.HELP)
    String modelSpec;

    @Parameters(index = "1", paramLabel = "DATA", description = DataOptions.DATA_HELP)
    String dataSpec;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Option(names = "--from", required = true, paramLabel = "I", description = "Index of the first sample (from 0).")
    int from;

    @Option(names = "--to", required = true, paramLabel = "J", description = "Index of the last sample (from 0).")
    int to;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10", description = "Decodings along the path, ends included (default 10).")
    int steps;

    @Option(names = "--spherical", description = "Follow the great-circle arc (slerp) instead of the straight line.")
    boolean spherical;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The PNG file to write (the .npy goes beside it).")
    Path outFile;

    @Override
    protected void run(Output out) throws Exception {
        Check.atLeast("--steps", steps, 2);
        TrainedVae vae = TrainedVae.load(modelSpec, out);
        Dataset d = loadData(dataSpec, dataOptions, out);
        Check.argument(from >= 0 && from < d.size(), "--from must be a sample index of DATA, 0 to " + (d.size() - 1)
                + ", got " + from);
        Check.argument(to >= 0 && to < d.size(), "--to must be a sample index of DATA, 0 to " + (d.size() - 1)
                + ", got " + to);
        Matrix x = vae.samples(d, out);
        int[] all = vae.labels(d);
        int[] labels = all.length == 0 ? all : new int[] {all[from], all[to]};
        Matrix strip = out.time("interpolate", () -> vae.model().interpolate(x.rows(new int[] {from, to}), labels,
                steps, spherical));
        Path npy = GenerateCommand.beside(outFile, ".npy");
        Json.JsonObject files = Json.object();
        boolean drawn = out.time("write", () -> {
            Path parent = outFile.toAbsolutePath().getParent();
            if (parent != null) Results.directory(parent);
            Npy.write(npy, strip);
            files.put("samples", npy.toString());
            boolean ok = Results.drawRows(strip, vae.model().sampleShape(), steps, outFile);
            if (ok) files.put("image", outFile.toString());
            return ok;
        });
        out.result().put("from", from).put("to", to).put("steps", steps).put("spherical", spherical).put("files", files);
        keepResults(Results.resultsBeside(outFile));
        Table table = new Table(false, false);
        table.add("path", String.format(Locale.ROOT, "%d decodings from sample %d to sample %d of %s, %s", steps,
                from, to, d.name(), spherical ? "spherical (slerp)" : "linear"));
        table.add("files", npy + (drawn ? ", " + outFile : " (samples of " + vae.model().sampleShape()
                + " cannot be drawn)"));
        Results.addTimings(out, table);
        table.print(out.text(), "");
    }
}
