package dev.latent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code latent reduce}: the dimension-reduction verbs. */
@Command(name = "reduce", description = "Reduce the dimension of a dataset: pca, tsne, umap.",
        subcommands = {PcaCommand.class, TsneCommand.class, UmapCommand.class})
final class ReduceCommand extends CommandGroup {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
