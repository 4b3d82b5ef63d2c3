package dev.latent.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options of commands that fit a model to DATA: how the features are scaled first, and where outputs go. */
final class FitOptions {
    @Option(names = "--scale", paramLabel = "HOW", description = Results.SCALE_HELP)
    Results.Scaling scale;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write the outputs into DIR (created if missing), the fitted model as DIR/model.latent "
                    + "(see latent info) and the results as DIR/results.json (see latent report); without it nothing "
                    + "is written.")
    Path outDir;
}
