package dev.latent.cli;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.io.Json;
import dev.latent.io.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code latent generate MODEL --n 64 --out samples.png}: new samples from a trained VAE, decoded from codes drawn
 * from the prior, or the decodings of a grid over a 2-value code space.
 */
@Command(name = "generate", sortOptions = false,
        description = {"Generate samples with a trained VAE: decode --n codes drawn from the standard-normal prior "
                + "(with --seed), or with --grid N the N x N grid of codes evenly spaced over [-2, 2]^2 (the latent "
                + "manifold; needs a 2-value code).",
                "Writes the samples (decoder probabilities or means, in the scale of the training data) as a PNG grid "
                        + "to --out for image data, and always as .npy beside it (samples.png -> samples.npy), with the results (for latent report) as samples.json."})
final class GenerateCommand extends LatentCommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = ModelArgument.HELP)
    String modelSpec;

    @Option(names = "--n", paramLabel = "N", defaultValue = "64", description = "Samples to draw (default 64).")
    int n;

    @Option(names = "--label", paramLabel = "CLASS",
            description = "The class to generate (an index or a class name); needed by a conditional VAE, refused by others.")
    String label;

    @Option(names = "--grid", paramLabel = "N",
            description = "Instead of random samples, decode an N x N grid over the 2-value code space.")
    Integer grid;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The PNG file to write (the .npy goes beside it).")
    Path outFile;

    @Override
    protected void run(Output out) throws Exception {
        Check.atLeast("--n", n, 1);
        if (grid != null) Check.atLeast("--grid", grid, 2);
        TrainedVae vae = TrainedVae.load(modelSpec, out);
        int c = vae.label(label);
        if (grid != null) {
            Check.argument(vae.model().latent() == 2, "--grid needs a VAE with a 2-value code (--latent 2), this one has "
                    + vae.model().latent());
        }
        Path npy = beside(outFile, ".npy");
        Matrix samples = out.time("generate", () -> grid != null ? vae.model().manifold(grid, c)
                : vae.model().sample(n, c, common.seed()));
        Json.JsonObject files = Json.object();
        boolean drawn = out.time("write", () -> {
            Path parent = outFile.toAbsolutePath().getParent();
            if (parent != null) Results.directory(parent);
            Npy.write(npy, samples);
            files.put("samples", npy.toString());
            boolean ok = grid != null ? Results.drawRows(samples, vae.model().sampleShape(), grid, outFile)
                    : Results.drawRows(samples, vae.model().sampleShape(), outFile);
            if (ok) files.put("image", outFile.toString());
            return ok;
        });
        Json.JsonObject r = out.result();
        r.put("samples", samples.rows()).put("grid", grid == null ? 0 : grid).put("files", files);
        if (c >= 0) r.put("label", c);
        else r.putNull("label");
        keepResults(Results.resultsBeside(outFile));
        Table table = new Table(false, false);
        table.add("samples", String.format(Locale.ROOT, "%,d %s%s", samples.rows(),
                grid != null ? "decodings of a " + grid + " x " + grid + " grid over [-2, 2]^2" : "draws from the prior",
                c >= 0 ? " of class " + c : ""));
        table.add("files", npy + (drawn ? ", " + outFile : " (samples of " + vae.model().sampleShape()
                + " cannot be drawn)"));
        Results.addTimings(out, table);
        table.print(out.text(), "");
    }

    /** {@code file} with its extension replaced by {@code extension} (added when it has none). */
    static Path beside(Path file, String extension) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + extension);
    }
}
