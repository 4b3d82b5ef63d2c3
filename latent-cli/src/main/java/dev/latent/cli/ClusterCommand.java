package dev.latent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code latent cluster}: the clustering verbs. */
@Command(name = "cluster", description = "Cluster a dataset: kmeans, hierarchical.",
        subcommands = {KMeansCommand.class, HierarchicalCommand.class})
final class ClusterCommand extends CommandGroup {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
