package dev.latent.io;

import dev.latent.data.Dataset;
import dev.latent.internal.Check;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Turns a DATA argument into a dataset: a registered name or a path.
 * <p>In order: a name known to the registry ({@code digits}, {@code mnist:test}, ...); a {@code .npy}
 * file; a SAT-6 images file {@code X_<part>_sat6.csv} (paired with {@code y_<part>_sat6.csv} beside it);
 * a {@code .csv} or {@code .csv.gz} file; an IDX file, raw or gzip (recognized by its magic number or
 * an {@code idx} in its name), paired with a labels file beside it whose name has {@code labels} for
 * {@code images} and {@code idx1} for {@code idx3}; a folder of IDX files (the training images when
 * there are several sets); a folder holding {@code X_train_sat6.csv}; any other folder is read as a
 * folder of images.
 */
public final class DataSource {
    private DataSource() {}

    /**
     * Loads the dataset that {@code spec} names.
     * @throws IllegalArgumentException when {@code spec} is neither a registered name nor an existing path
     *                                  (the message lists the registered names), or a folder is ambiguous
     * @throws NoSuchFileException      when {@code spec} looks like a path (it has a folder or an
     *                                  extension) and nothing is there, or a paired file is missing
     * @throws IOException              when a file cannot be read as its format, or a registered dataset
     *                                  is not available
     */
    public static Dataset load(String spec, DatasetRegistry registry) throws IOException {
        Check.notNull("spec", spec);
        Check.notNull("registry", registry);
        Check.argument(!spec.isBlank(), "DATA must be a dataset name or a path, got an empty string");
        if (registry.entry(spec).isPresent()) return registry.load(spec);
        Path path = Path.of(spec);
        if (!Files.exists(path)) {
            boolean looksLikePath = spec.contains("/") || spec.contains(java.io.File.separator)
                    || spec.contains(".") || spec.startsWith("~");
            if (looksLikePath) throw new NoSuchFileException(spec, null, "no such file or folder");
            throw new IllegalArgumentException("unknown dataset '" + spec + "' (and no file of that name); "
                    + "registered datasets: " + String.join(", ", registry.names()));
        }
        return Files.isDirectory(path) ? loadFolder(path, registry) : loadFile(path, registry);
    }

    private static Dataset loadFile(Path file, DatasetRegistry registry) throws IOException {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".npy")) return Npy.readDataset(file, stem(name));
        if (Sat6.isImagesName(name)) {
            Path labels = Sat6.labelsFor(file).orElseThrow();
            if (!Files.isRegularFile(labels)) {
                throw new NoSuchFileException(labels.toString(), null,
                        "no such file; the SAT-6 images file " + file + " needs its labels file beside it");
            }
            return Sat6.read(file, labels, registry.sat6Options());
        }
        if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
            return Csv.read(file, CsvOptions.defaults()).withName(stem(name));
        }
        if (isIdxImages(file)) return Idx.read(file, idxLabelsFor(file), stem(name));
        throw new BadFileException(file, "unknown format; a DATA file must be .npy, .csv, .csv.gz, an IDX file "
                + "(raw or .gz) or a SAT-6 X_*_sat6.csv");
    }

    private static Dataset loadFolder(Path dir, DatasetRegistry registry) throws IOException {
        List<Path> idx = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                if (Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).contains("idx")
                        && isIdxImages(p)) {
                    idx.add(p);
                }
            }
        }
        if (!idx.isEmpty()) {
            Path images = idx.size() == 1 ? idx.get(0) : idx.stream()
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).startsWith("train"))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(dir + " holds several IDX image "
                            + "files and none starts with 'train'; name one of them: " + idx));
            return Idx.read(images, idxLabelsFor(images), dir.getFileName().toString());
        }
        Path sat6 = dir.resolve("X_train_sat6.csv");
        if (Files.isRegularFile(sat6)) return loadFile(sat6, registry);
        return ImageFolder.read(dir);
    }

    /** Whether {@code file} is an IDX images or vectors file (magic 0x803 or 0x802), raw or gzip. */
    static boolean isIdxImages(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            byte[] head = raw.readNBytes(4);
            if (head.length < 4) return false;
            int magic;
            if ((head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    magic = new DataInputStream(in).readInt();
                } catch (EOFException | java.util.zip.ZipException e) {
                    return false;
                }
            } else {
                magic = ((head[0] & 0xFF) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
            }
            return magic == 0x00000803 || magic == 0x00000802;
        }
    }

    /**
     * The labels file beside an IDX images file: {@code train-images-idx3-ubyte[.gz]} pairs with
     * {@code train-labels-idx1-ubyte}, raw or {@code .gz}.
     */
    static Optional<Path> idxLabelsFor(Path images) {
        String name = images.getFileName().toString();
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        String labels = base.replace("images", "labels").replace("idx3", "idx1").replace("idx2", "idx1");
        if (labels.equals(base)) return Optional.empty();
        for (String candidate : List.of(labels, labels + ".gz")) {
            Path p = images.resolveSibling(candidate);
            if (Files.isRegularFile(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** The file name without its extension(s): {@code a.csv.gz -> a}, {@code t10k-images-idx3-ubyte -> itself}. */
    private static String stem(String name) {
        String s = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }
}
