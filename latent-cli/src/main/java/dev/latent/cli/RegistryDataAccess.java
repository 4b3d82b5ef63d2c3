package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.io.DataSource;
import dev.latent.io.DatasetRegistry;
import dev.latent.io.Download;
import dev.latent.io.RegisteredDataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Datasets through the library: {@link DataSource} resolves DATA (a registered name or a path) and
 * the {@link DatasetRegistry} lists and fetches named datasets, with download progress and notes on stderr.
 */
final class RegistryDataAccess implements DataAccess {
    private static DatasetRegistry registry(Optional<Path> dataDir) {
        DatasetRegistry r = DatasetRegistry.defaults();
        return dataDir.isPresent() ? r.withDataDir(dataDir.get()) : r;
    }

    @Override
    public Path cache() {
        return DatasetRegistry.defaults().home().resolve("datasets");
    }

    @Override
    public List<Entry> entries(Optional<Path> dataDir) {
        DatasetRegistry r = registry(dataDir);
        List<Entry> out = new ArrayList<>();
        for (RegisteredDataset e : r.entries()) {
            out.add(new Entry(e.name(), e.description(), e.samples(), e.shape(), e.source(),
                    r.isAvailable(e.name()), e.downloadable(), r.location(e.name())));
        }
        return out;
    }

    @Override
    public Dataset load(String spec, Optional<Path> dataDir, Output out) throws IOException {
        try (DownloadBar bar = new DownloadBar(out)) {
            return DataSource.load(spec, registry(dataDir).withProgress(bar).withNotes(out::note));
        }
    }

    /** Shows each download as a byte progress bar; a count that drops back means the next file began. */
    static final class DownloadBar implements Download.Progress, AutoCloseable {
        private final Output out;
        private ProgressBar bar;
        private long last = -1, total = -2;

        DownloadBar(Output out) {
            this.out = out;
        }

        @Override
        public synchronized void update(long bytes, long total) {
            if (bar == null || bytes < last || total != this.total) {
                if (bar != null) bar.close();
                bar = out.bytesProgress("downloading", total);
                this.total = total;
            }
            last = bytes;
            bar.set(bytes);
        }

        @Override
        public synchronized void close() {
            if (bar != null) bar.close();
        }
    }
}
