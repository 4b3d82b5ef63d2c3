package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.data.SampleShape;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** How commands reach datasets: the registry of named datasets, and files given by path. */
interface DataAccess {
    /**
     * A dataset the registry knows.
     * @param location where its files are cached, when they are on disk
     * @param available    whether it can be loaded without a download
     * @param downloadable whether a missing file can be downloaded (false when it must be fetched by hand)
     */
    record Entry(String name, String description, long samples, SampleShape shape, String source,
                 boolean available, boolean downloadable, Optional<Path> location) {}

    /** The folder downloads are cached in. */
    Path cache();

    /** The registered datasets, with where each is cached under {@code dataDir} (or the default folder). */
    List<Entry> entries(Optional<Path> dataDir) throws IOException;

    /**
     * Loads {@code spec}: a registered name such as {@code mnist:test}, or a path to a file or folder.
     * Download progress and notes go to {@code out}.
     */
    Dataset load(String spec, Optional<Path> dataDir, Output out) throws IOException;
}
