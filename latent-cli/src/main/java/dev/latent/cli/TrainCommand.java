package dev.latent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code latent train}: the verbs that train networks. */
@Command(name = "train", description = "Train a network on a dataset: ae (autoencoder), vae (variational autoencoder).",
        subcommands = {AutoencoderCommand.class, VaeCommand.class})
final class TrainCommand extends CommandGroup {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
