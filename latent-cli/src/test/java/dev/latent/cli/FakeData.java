package dev.latent.cli;

import dev.latent.data.Dataset;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Datasets held in memory by a test: names map to datasets; any other name is a missing file. */
record FakeData(Map<String, Dataset> datasets, List<DataAccess.Entry> entries) implements DataAccess {
    /** Access whose every load throws {@code failure}. */
    static DataAccess failing(Exception failure) {
        return new DataAccess() {
            @Override
            public Path cache() {
                return Path.of("/cache/datasets");
            }

            @Override
            public List<Entry> entries(Optional<Path> dataDir) {
                return List.of();
            }

            @Override
            public Dataset load(String spec, Optional<Path> dataDir, Output out) throws IOException {
                if (failure instanceof IOException io) throw io;
                throw (RuntimeException) failure;
            }
        };
    }

    @Override
    public Path cache() {
        return Path.of("/cache/datasets");
    }

    @Override
    public List<Entry> entries(Optional<Path> dataDir) {
        return entries;
    }

    @Override
    public Dataset load(String spec, Optional<Path> dataDir, Output out) throws IOException {
        Dataset d = datasets.get(spec);
        if (d == null) throw new NoSuchFileException(spec);
        return d;
    }
}
