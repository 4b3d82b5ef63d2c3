package dev.latent.cli;

import picocli.CommandLine.Option;

/**
 * Options every command takes: help, machine-readable output, seed, threads, and how much to say.
 * <p>Mixed into each command with {@code @Mixin}; {@link LatentCommand} applies them before the
 * command runs.
 */
final class CommonOptions {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--json", description = "Print one JSON object with the results and timings on stdout, and nothing else.")
    boolean json;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0",
            description = "Seed for every random choice; the same seed and data give the same result (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for parallel work, at least 1 (default: all cores).")
    Integer threads;

    @Option(names = "--debug", description = "Show the full stack trace when something fails.")
    boolean debug;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no notes on stderr; errors are still shown.")
    boolean quiet;

    /** Whether to print JSON instead of text. */
    public boolean json() {
        return json;
    }

    public long seed() {
        return seed;
    }

    /** The thread count asked for, or all cores. */
    public int threads() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }

    public boolean debug() {
        return debug;
    }

    public boolean quiet() {
        return quiet;
    }
}
