package dev.latent.cli;

import dev.latent.data.Dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Datasets through the dataset registry (dev.latent.io.DatasetRegistry), which is not merged yet. */
final class RegistryDataAccess implements DataAccess {
    @Override
    public List<Entry> entries(Optional<Path> dataDir) throws IOException {
        throw new IOException("the dataset registry is not part of this build yet");
    }

    @Override
    public Dataset load(String spec, Optional<Path> dataDir) throws IOException {
        throw new IOException("the dataset registry is not part of this build yet");
    }
}
