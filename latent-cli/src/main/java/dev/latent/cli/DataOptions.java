package dev.latent.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** Options of commands that read a dataset: where downloaded datasets are kept, and how many samples to use. */
final class DataOptions {
    /** The help of every command's DATA parameter. */
    static final String DATA_HELP =
            "A registered dataset name (see 'latent datasets'), or a .npy, .csv, IDX or image-folder path.";

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "A folder of dataset files you already have, searched before the download cache "
                    + "(which 'latent datasets' shows).")
    Path dataDir;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N samples.")
    Integer limit;

    /** The data folder given with {@code --data-dir}, if any. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    /** The sample limit given with {@code --limit}, if any. */
    public Optional<Integer> limit() {
        return Optional.ofNullable(limit);
    }
}
