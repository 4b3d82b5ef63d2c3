package dev.latent.io;

import com.sun.net.httpserver.HttpServer;
import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.data.SampleShape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DatasetRegistryTest {
    @TempDir
    Path dir;
    HttpServer server;
    final Map<String, byte[]> served = new HashMap<>();
    final List<String> requests = new ArrayList<>();

    // three 2 x 2 images with values 1..12, labels 2, 0, 1
    static final byte[] IMAGES = IdxTest.idx(0x803, new int[] {3, 2, 2}, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    static final byte[] LABELS = IdxTest.idx(0x801, new int[] {3}, new byte[] {2, 0, 1});

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @BeforeEach
    void start() throws IOException {
        served.put("/tiny/images.gz", IdxTest.gzip(IMAGES));
        served.put("/tiny/labels.gz", IdxTest.gzip(LABELS));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            synchronized (requests) {
                requests.add(path);
            }
            byte[] body = served.get(path);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(body);
                }
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    RegisteredDataset tiny(String imagesSum, String labelsSum) {
        return new RegisteredDataset("tiny", "three 2 x 2 test images", 3, SampleShape.image(1, 2, 2), "a test",
                "tiny", RegisteredDataset.Format.IDX, List.of(
                RegisteredDataset.DataFile.of("tiny-images-idx3-ubyte", url("/tiny/images.gz"), imagesSum),
                RegisteredDataset.DataFile.of("tiny-labels-idx1-ubyte", url("/tiny/labels.gz"), labelsSum)),
                List.of("a", "b", "c"));
    }

    DatasetRegistry registry(List<String> notes, RegisteredDataset... entries) {
        return DatasetRegistry.at(dir.resolve("home")).withEntries(List.of(entries)).withNotes(notes::add);
    }

    static void assertTiny(Dataset d) {
        assertEquals("tiny", d.name());
        assertEquals(SampleShape.image(1, 2, 2), d.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, d.toMatrix().values());
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
        assertEquals(List.of("a", "b", "c"), d.classNames());
    }

    @Test
    void listsTheBuiltInDatasetsWithShapesAndVerifiedSources() {
        DatasetRegistry r = DatasetRegistry.at(dir);
        assertEquals(List.of("digits", "mnist", "mnist:test", "fashion-mnist", "fashion-mnist:test", "sat6", "sat6:test"),
                r.names());
        assertEquals(60_000, r.entry("mnist").orElseThrow().samples());
        assertEquals(10_000, r.entry("fashion-mnist:test").orElseThrow().samples());
        assertEquals(324_000, r.entry("sat6").orElseThrow().samples());
        assertEquals(81_000, r.entry("sat6:test").orElseThrow().samples());
        assertEquals(SampleShape.image(4, 28, 28), r.entry("sat6").orElseThrow().shape());
        assertEquals(SampleShape.image(1, 28, 28), r.entry("mnist:test").orElseThrow().shape());
        for (RegisteredDataset e : r.entries()) {
            for (RegisteredDataset.DataFile f : e.files()) {
                assertEquals(f.url().isPresent(), f.sha256().isPresent(), e.name() + ": every download has a sum");
            }
        }
        assertTrue(r.entry("mnist").orElseThrow().files().get(0).url().orElseThrow().toString()
                .startsWith("https://storage.googleapis.com/cvdf-datasets/mnist/"));
        assertTrue(r.isAvailable("digits"), "digits is bundled");
        assertFalse(r.isAvailable("mnist"), "nothing cached in an empty home");
    }

    @Test
    void loadsTheBundledDigits() throws IOException {
        Dataset d = DatasetRegistry.at(dir).withDownloads(false).load("digits");
        assertEquals(1797, d.size());
        assertEquals(SampleShape.image(1, 8, 8), d.shape());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.classNames());
        int[] counts = new int[10];
        for (int label : d.labels()) counts[label]++;
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, counts);
        // the first line of digits.csv.gz: 64 pixels, then the label 0
        float[] first = {0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0,
                0, 8, 8, 0, 0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13,
                10, 0, 0, 0};
        assertArrayEquals(first, d.sample(0));
        assertEquals(0, d.labels()[0]);
        int max = 0;
        ByteStore s = (ByteStore) d.store();
        for (int i = 0; i < d.size(); i++) for (int j = 0; j < 64; j++) max = Math.max(max, s.raw(i, j));
        assertEquals(16, max, "pixels range over 0..16");
    }

    @Test
    void downloadsVerifiesAndThenLoadsFromTheCache() throws Exception {
        List<String> notes = new ArrayList<>();
        DatasetRegistry r = registry(notes, tiny(sha256(IMAGES), sha256(LABELS)));
        assertFalse(r.isAvailable("tiny"));
        assertTiny(r.load("tiny"));
        Path cached = dir.resolve("home/datasets/tiny/tiny-images-idx3-ubyte");
        assertArrayEquals(IMAGES, Files.readAllBytes(cached), "stored decompressed");
        assertTrue(r.isAvailable("tiny"));
        assertEquals(Optional.of(cached), r.location("tiny"));
        assertEquals(2, requests.size());
        assertTiny(r.withDownloads(false).load("tiny"));
        assertEquals(2, requests.size(), "second load reads the cache");
    }

    @Test
    void refusesADownloadWhoseSumDiffers() throws Exception {
        String wrong = "ab".repeat(32);
        DatasetRegistry r = registry(new ArrayList<>(), tiny(wrong, sha256(LABELS)));
        IOException e = assertThrows(IOException.class, () -> r.load("tiny"));
        assertTrue(e.getMessage().contains("expected " + wrong + ", got " + sha256(IMAGES)), e.getMessage());
        assertTrue(e.getMessage().contains("tiny-images-idx3-ubyte"), e.getMessage());
        Path folder = dir.resolve("home/datasets/tiny");
        try (var files = Files.list(folder)) {
            assertEquals(List.of(), files.toList(), "nothing kept");
        }
        assertFalse(r.isAvailable("tiny"));
    }

    @Test
    void usesFilesInTheDataFolderRawOrGzippedWithoutDownloading() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("tiny"));
        Files.write(data.resolve("tiny").resolve("tiny-images-idx3-ubyte.gz"), IdxTest.gzip(IMAGES));
        Files.write(data.resolve("tiny-labels-idx1-ubyte"), LABELS);
        DatasetRegistry r = registry(new ArrayList<>(), tiny(sha256(IMAGES), sha256(LABELS))).withDataDir(data);
        assertTrue(r.isAvailable("tiny"));
        assertEquals(Optional.of(data.resolve("tiny").resolve("tiny-images-idx3-ubyte.gz")), r.location("tiny"));
        assertTiny(r.withDownloads(false).load("tiny"));
        assertEquals(List.of(), requests, "no download");
    }

    @Test
    void skipsADataFolderFileOfAnotherDatasetAndDownloadsInstead() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        byte[] other = IdxTest.idx(0x803, new int[] {3, 2, 2}, new byte[12]);
        Files.write(data.resolve("tiny-images-idx3-ubyte"), other);
        List<String> notes = new ArrayList<>();
        DatasetRegistry r = registry(notes, tiny(sha256(IMAGES), sha256(LABELS))).withDataDir(data);
        IOException offline = assertThrows(IOException.class, () -> r.withDownloads(false).load("tiny"));
        assertTrue(offline.getMessage().contains("rejected") && offline.getMessage().contains("expected " + sha256(IMAGES)),
                offline.getMessage());
        assertTiny(r.load("tiny"));
        assertArrayEquals(other, Files.readAllBytes(data.resolve("tiny-images-idx3-ubyte")), "the user's file is untouched");
        assertTrue(notes.stream().anyMatch(n -> n.contains("not using it")), notes.toString());
    }

    @Test
    void offlineMessageListsTheFilesAndWhereToPutThem() throws Exception {
        DatasetRegistry r = registry(new ArrayList<>(), tiny(sha256(IMAGES), sha256(LABELS))).withDownloads(false);
        IOException e = assertThrows(IOException.class, () -> r.load("tiny"));
        String m = e.getMessage();
        assertTrue(m.contains("dataset tiny is not available (downloads are off)"), m);
        assertTrue(m.contains(dir.resolve("home/datasets/tiny").toString()), m);
        assertTrue(m.contains("tiny-images-idx3-ubyte[.gz] from " + url("/tiny/images.gz")), m);
        assertTrue(m.contains("tiny-labels-idx1-ubyte[.gz]"), m);
        assertTrue(m.contains("--data-dir"), m);
    }

    @Test
    void failedDownloadSaysWhatToPlaceWhere() throws Exception {
        served.remove("/tiny/labels.gz");
        DatasetRegistry r = registry(new ArrayList<>(), tiny(sha256(IMAGES), sha256(LABELS)));
        IOException e = assertThrows(IOException.class, () -> r.load("tiny"));
        assertTrue(e.getMessage().contains("downloading tiny-labels-idx1-ubyte failed") && e.getMessage().contains("HTTP 404")
                && e.getMessage().contains("Place these files in"), e.getMessage());
    }

    // ---------------------------------------------------------------- remembered verifications

    final List<Path> hashed = new ArrayList<>();

    /** A registry over the tiny entry reading {@code data}, offline, that records which files it hashes. */
    DatasetRegistry counting(Path data, List<String> notes) throws Exception {
        return registry(notes, tiny(sha256(IMAGES), sha256(LABELS))).withDataDir(data).withDownloads(false)
                .withHasher(file -> {
                    hashed.add(file);
                    return DatasetRegistry.contentSha256(file);
                });
    }

    Path tinyDataFolder() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.write(data.resolve("tiny-images-idx3-ubyte"), IMAGES);
        Files.write(data.resolve("tiny-labels-idx1-ubyte"), LABELS);
        return data;
    }

    @Test
    void aSecondLoadDoesNotHashFilesThatAlreadyPassed() throws Exception {
        Path data = tinyDataFolder();
        assertTiny(counting(data, new ArrayList<>()).load("tiny"));
        assertEquals(List.of(data.resolve("tiny-images-idx3-ubyte"), data.resolve("tiny-labels-idx1-ubyte")), hashed);
        Path store = dir.resolve("home/verified.tsv");
        assertTrue(Files.isRegularFile(store));
        assertTrue(Files.readString(store).contains(data.resolve("tiny-images-idx3-ubyte").toAbsolutePath().toString()));
        hashed.clear();
        assertTiny(counting(data, new ArrayList<>()).load("tiny"));   // a new registry, as in a new process
        assertEquals(List.of(), hashed, "stamps matched: nothing hashed");
    }

    @Test
    void aNewModificationTimeOrSizeMeansHashingAgain() throws Exception {
        Path data = tinyDataFolder();
        Path images = data.resolve("tiny-images-idx3-ubyte"), labels = data.resolve("tiny-labels-idx1-ubyte");
        counting(data, new ArrayList<>()).load("tiny");
        hashed.clear();
        FileTime imagesTime = Files.getLastModifiedTime(images);
        Files.setLastModifiedTime(images, FileTime.fromMillis(imagesTime.toMillis() - 60_000));
        assertTiny(counting(data, new ArrayList<>()).load("tiny"));
        assertEquals(List.of(images), hashed, "only the touched file");
        hashed.clear();
        // the same content, gzip-compressed: another size, the old modification time
        FileTime labelsTime = Files.getLastModifiedTime(labels);
        Files.write(labels, IdxTest.gzip(LABELS));
        Files.setLastModifiedTime(labels, labelsTime);
        assertTiny(counting(data, new ArrayList<>()).load("tiny"));
        assertEquals(List.of(labels), hashed, "only the resized file");
        hashed.clear();
        counting(data, new ArrayList<>()).load("tiny");
        assertEquals(List.of(), hashed, "both remembered again");
    }

    @Test
    void aDamagedFileWithAFreshModificationTimeIsRefused() throws Exception {
        Path data = tinyDataFolder();
        Path images = data.resolve("tiny-images-idx3-ubyte");
        counting(data, new ArrayList<>()).load("tiny");
        byte[] damaged = IMAGES.clone();
        damaged[damaged.length - 1] ^= 1;   // same size, one bit changed
        Files.write(images, damaged);
        Files.setLastModifiedTime(images, FileTime.fromMillis(Files.getLastModifiedTime(images).toMillis() + 5_000));
        hashed.clear();
        IOException e = assertThrows(IOException.class, () -> counting(data, new ArrayList<>()).load("tiny"));
        assertTrue(e.getMessage().contains("rejected") && e.getMessage().contains("expected " + sha256(IMAGES)),
                e.getMessage());
        assertEquals(List.of(images), hashed);
        hashed.clear();
        assertThrows(IOException.class, () -> counting(data, new ArrayList<>()).load("tiny"));
        assertEquals(List.of(images), hashed, "a file that failed is never remembered");
    }

    @Test
    void aRememberedFileIsHashedWhenAnotherSumIsExpected() throws Exception {
        Path data = tinyDataFolder();
        counting(data, new ArrayList<>()).load("tiny");
        hashed.clear();
        String other = "cd".repeat(32);
        DatasetRegistry r = registry(new ArrayList<>(), tiny(other, sha256(LABELS))).withDataDir(data)
                .withDownloads(false).withHasher(file -> {
                    hashed.add(file);
                    return DatasetRegistry.contentSha256(file);
                });
        IOException e = assertThrows(IOException.class, () -> r.load("tiny"));
        assertTrue(e.getMessage().contains("expected " + other + ")"), e.getMessage());
        assertEquals(List.of(data.resolve("tiny-images-idx3-ubyte")), hashed);
    }

    @Test
    void aDamagedStampStoreIsIgnoredAndRebuilt() throws Exception {
        Path data = tinyDataFolder();
        counting(data, new ArrayList<>()).load("tiny");
        Path store = dir.resolve("home/verified.tsv");
        String good = Files.readString(store);
        List<String> damages = List.of("", "garbage\n", good.substring(0, good.length() / 2),
                good.replace("\t", " "), good.replaceFirst("\t[0-9]+\t", "\tlots\t"),
                good.replace("\t/", "\trelative/"));
        for (String damage : damages) {
            Files.writeString(store, damage);
            hashed.clear();
            List<String> notes = new ArrayList<>();
            assertTiny(counting(data, notes).load("tiny"));
            assertEquals(2, hashed.size(), "damaged store " + damage.length() + " chars: both files hashed");
            assertTrue(notes.stream().anyMatch(n -> n.contains("damaged")), notes.toString());
            hashed.clear();
            counting(data, new ArrayList<>()).load("tiny");
            assertEquals(List.of(), hashed, "rebuilt");
        }
        Files.write(store, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 10});   // not UTF-8
        hashed.clear();
        assertTiny(counting(data, new ArrayList<>()).load("tiny"));
        assertEquals(2, hashed.size());
        assertTrue(Files.readString(store).startsWith(DatasetRegistry.VerifiedFiles.HEADER + "\n"));
    }

    @Test
    void anUnwritableHomeOnlyCostsHashingAgain() throws Exception {
        Path data = tinyDataFolder();
        Files.writeString(dir.resolve("home"), "a file where the home folder should be");
        List<String> notes = new ArrayList<>();
        assertTiny(counting(data, notes).load("tiny"));
        assertTrue(notes.stream().anyMatch(n -> n.contains("cannot remember")), notes.toString());
        hashed.clear();
        assertTiny(counting(data, new ArrayList<>()).load("tiny"));
        assertEquals(2, hashed.size());
    }

    @Test
    void aDownloadedFileIsRememberedWithoutHashingItAgain() throws Exception {
        DatasetRegistry r = registry(new ArrayList<>(), tiny(sha256(IMAGES), sha256(LABELS))).withHasher(file -> {
            hashed.add(file);
            return DatasetRegistry.contentSha256(file);
        });
        assertTiny(r.load("tiny"));
        assertEquals(2, requests.size());
        assertTiny(r.withDownloads(false).load("tiny"));
        assertEquals(List.of(), hashed, "the download was verified as it streamed");
        Path cached = dir.resolve("home/datasets/tiny/tiny-images-idx3-ubyte");
        Files.setLastModifiedTime(cached, FileTime.fromMillis(0));
        assertTiny(r.withDownloads(false).load("tiny"));
        assertEquals(List.of(cached), hashed);
    }

    @Test
    @Tag("slow")
    void sat6MustBeFetchedByHandAndLoadsFromTheDataFolder() throws IOException {
        DatasetRegistry r = DatasetRegistry.at(dir.resolve("home")).withNotes(n -> {});
        IOException e = assertThrows(IOException.class, () -> r.load("sat6:test"));
        assertTrue(e.getMessage().contains("downloaded by hand from https://www.kaggle.com/datasets/crawford/deepsat-sat6"),
                e.getMessage());
        assertTrue(e.getMessage().contains("X_test_sat6.csv, y_test_sat6.csv"), e.getMessage());
        Path data = Files.createDirectories(dir.resolve("data"));
        Path[] f = Sat6Test.writeFiles(data, 4);
        Files.move(f[0], data.resolve("X_test_sat6.csv"));
        Files.move(f[1], data.resolve("y_test_sat6.csv"));
        Dataset d = r.withDataDir(data).load("sat6:test");
        assertEquals("sat6:test", d.name());
        assertEquals(4, d.size());
        assertEquals(Sat6.CLASS_NAMES, d.classNames());
        assertEquals(Sat6Test.value(3, 5, 6, 2), ((ByteStore) d.store()).raw(3, 2 * 784 + 5 * 28 + 6));
    }

    @Test
    void unknownNameListsTheRegisteredNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetRegistry.at(dir).load("minst"));
        assertEquals("unknown dataset 'minst'; registered datasets: digits, mnist, mnist:test, fashion-mnist, "
                + "fashion-mnist:test, sat6, sat6:test", e.getMessage());
    }

    // ---------------------------------------------------------------- the real files, where this machine has them

    /** The original MNIST IDX files (raw), from {@code LATENT_MNIST_DIR} (see DEVELOPERS.md). */
    static final Path MNIST_RAW = dirFromEnv("LATENT_MNIST_DIR", "/work/data/package/data");
    /** The original Fashion-MNIST .gz files, from {@code LATENT_FASHION_MNIST_DIR}. */
    static final Path FASHION_GZ = dirFromEnv("LATENT_FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist");

    static Path dirFromEnv(String variable, String fallback) {
        String value = System.getenv(variable);
        return Path.of(value == null || value.isBlank() ? fallback : value);
    }

    @Test
    void recordedSumsMatchTheOriginalTestFiles() throws IOException {
        assumeTrue(Files.isDirectory(MNIST_RAW) && Files.isDirectory(FASHION_GZ), "original files not on this machine");
        Dataset mnist = DatasetRegistry.at(dir).withDownloads(false).withDataDir(MNIST_RAW).load("mnist:test");
        assertEquals(10_000, mnist.size());
        assertEquals(SampleShape.image(1, 28, 28), mnist.shape());
        Dataset fashion = DatasetRegistry.at(dir).withDownloads(false).withDataDir(FASHION_GZ).load("fashion-mnist:test");
        assertEquals(10_000, fashion.size());
        assertEquals("Ankle boot", fashion.classNames().get(9));
        // the MNIST files in a data folder are not Fashion-MNIST: their sums differ
        IOException e = assertThrows(IOException.class,
                () -> DatasetRegistry.at(dir).withDownloads(false).withDataDir(MNIST_RAW).withNotes(n -> {})
                        .load("fashion-mnist:test"));
        assertTrue(e.getMessage().contains("rejected"), e.getMessage());
    }

    @Test
    @Tag("slow")
    void recordedSumsMatchTheOriginalTrainingFiles() throws IOException {
        assumeTrue(Files.isDirectory(MNIST_RAW) && Files.isDirectory(FASHION_GZ), "original files not on this machine");
        assertEquals(60_000, DatasetRegistry.at(dir).withDownloads(false).withDataDir(MNIST_RAW).load("mnist").size());
        assertEquals(60_000, DatasetRegistry.at(dir).withDownloads(false).withDataDir(FASHION_GZ).load("fashion-mnist").size());
    }
}
