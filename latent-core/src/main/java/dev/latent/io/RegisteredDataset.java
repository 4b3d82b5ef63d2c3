package dev.latent.io;

import dev.latent.data.SampleShape;
import dev.latent.internal.Check;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A dataset known by name to the {@link DatasetRegistry}: what it is, where it comes from, and the
 * files that make it up.
 * @param name        the name users type, for example {@code "mnist:test"}
 * @param description one line for listings
 * @param samples     the number of samples
 * @param shape       the shape of one sample
 * @param source      where the data comes from: publisher, page and licence, as one line
 * @param folder      the folder under {@code <home>/datasets/} (and under a data folder) that holds the files;
 *                    datasets that share files share a folder (mnist and mnist:test)
 * @param format      how the files are read
 * @param files       the files, images first then labels; empty for the bundled digits
 * @param classNames  the class names in label order, or empty
 */
public record RegisteredDataset(String name, String description, int samples, SampleShape shape, String source,
                                String folder, Format format, List<DataFile> files, List<String> classNames) {
    public RegisteredDataset {
        Check.notNull("name", name);
        Check.argument(!name.isBlank(), "name must not be blank");
        Check.notNull("description", description);
        Check.atLeast("samples", samples, 1);
        Check.notNull("shape", shape);
        Check.notNull("source", source);
        Check.notNull("folder", folder);
        Check.notNull("format", format);
        files = List.copyOf(files);
        classNames = List.copyOf(classNames);
        Check.argument(format == Format.BUNDLED || files.size() == 2,
                "files must be an images file and a labels file for " + format + ", got " + files.size());
    }

    /** Whether every file can be downloaded (false when some must be fetched by hand, as SAT-6's). */
    public boolean downloadable() {
        return format == Format.BUNDLED || files.stream().allMatch(f -> f.url().isPresent());
    }

    /** How a registered dataset's files are read. */
    public enum Format {
        /** Shipped inside the library; needs no files. */
        BUNDLED,
        /** An IDX images file and an IDX labels file, raw or gzip-compressed. */
        IDX,
        /** A SAT-6 images CSV and its one-hot labels CSV. */
        SAT6
    }

    /**
     * One file of a registered dataset.
     * @param name   the file name once uncompressed, for example {@code "train-images-idx3-ubyte"}
     * @param url    where it can be downloaded, or empty when it must be fetched by hand; a URL ending in
     *               {@code .gz} serves the gzip-compressed file, which is decompressed while downloading
     * @param sha256 the SHA-256 of the uncompressed content (64 lower-case hex digits), or empty when no
     *               sum is known; the same sum verifies a raw file and a {@code .gz} one
     */
    public record DataFile(String name, Optional<URI> url, Optional<String> sha256) {
        public DataFile {
            Check.notNull("name", name);
            Check.notNull("url", url);
            Check.notNull("sha256", sha256);
            sha256 = sha256.map(Download::checkSum);
        }

        /** A file with a download URL and a known content sum. */
        public static DataFile of(String name, String url, String sha256) {
            return new DataFile(name, Optional.of(URI.create(url)), Optional.of(sha256));
        }

        /** A file that must be fetched by hand and has no recorded sum. */
        public static DataFile manual(String name) {
            return new DataFile(name, Optional.empty(), Optional.empty());
        }

        /** Whether the download is gzip-compressed. */
        boolean gzipped() {
            return url.map(u -> u.getPath().endsWith(".gz")).orElse(false);
        }
    }
}
