package dev.latent.io;

import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.data.Storage;
import dev.latent.internal.Parallel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Sat6Test {
    @TempDir
    Path dir;

    /** The value written at image i, pixel row r, pixel column c, band b. */
    static int value(int i, int r, int c, int b) {
        return (i * 31 + r * 7 + c * 3 + b * 64) % 256;
    }

    static int label(int i) {
        return (i * 5 + 2) % 6;
    }

    /** One line in the real format: for each pixel row, each pixel column, the four bands. */
    static String imageLine(int i) {
        StringBuilder s = new StringBuilder(12_000);
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                for (int b = 0; b < 4; b++) {
                    if (s.length() > 0) s.append(',');
                    s.append(value(i, r, c, b));
                }
            }
        }
        return s.toString();
    }

    static String labelLine(int i) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < 6; k++) s.append(k == 0 ? "" : ",").append(k == label(i) ? 1 : 0);
        return s.toString();
    }

    /** Writes {@code X_train_sat6.csv} and {@code y_train_sat6.csv} with n rows into {@code folder}. */
    static Path[] writeFiles(Path folder, int n) throws IOException {
        List<String> x = new ArrayList<>(), y = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            x.add(imageLine(i));
            y.add(labelLine(i));
        }
        Path xf = folder.resolve("X_train_sat6.csv"), yf = folder.resolve("y_train_sat6.csv");
        Files.write(xf, x, StandardCharsets.US_ASCII);
        Files.write(yf, y, StandardCharsets.US_ASCII);
        return new Path[] {xf, yf};
    }

    Sat6.Options options(List<String> notes) {
        return Sat6.Options.defaults().withFallbackCacheDir(dir.resolve("home-cache")).withNotes(notes::add);
    }

    static void assertSameImages(Dataset a, Dataset b) {
        assertEquals(a.size(), b.size(), "sample counts");
        assertArrayEquals(a.toMatrix().values(), b.toMatrix().values(), "pixels");
        assertArrayEquals(a.labels(), b.labels(), "labels");
    }

    @Test
    void placesEachBandValueAtItsChannelRowAndColumn() throws IOException {
        Path[] f = writeFiles(dir, 50);
        Dataset d = Sat6.read(f[0], f[1], options(new ArrayList<>()).withCache(false));
        assertEquals(50, d.size());
        assertEquals(Sat6.SHAPE, d.shape());
        assertEquals(Storage.UINT8, d.storage());
        ByteStore s = (ByteStore) d.store();
        for (int i = 0; i < 50; i++) {
            for (int b = 0; b < 4; b++) {
                for (int r = 0; r < 28; r++) {
                    for (int c = 0; c < 28; c++) {
                        // CHW: channel b, y r, x c at b * 28 * 28 + r * 28 + c
                        assertEquals(value(i, r, c, b), s.raw(i, b * 784 + r * 28 + c),
                                "image " + i + " band " + b + " at (" + r + ", " + c + ")");
                    }
                }
            }
        }
    }

    @Test
    void takesLabelsFromTheOneHotColumnWithClassNamesInOrder() throws IOException {
        Path[] f = writeFiles(dir, 50);
        Dataset d = Sat6.read(f[0], f[1], options(new ArrayList<>()).withCache(false));
        int[] expected = new int[50];
        for (int i = 0; i < 50; i++) expected[i] = label(i);
        assertArrayEquals(expected, d.labels());
        assertEquals(List.of("building", "barren land", "trees", "grassland", "road", "water"), d.classNames());
    }

    @Test
    void smallBlocksAndThreadCountsGiveTheSameDataset() throws IOException {
        Path[] f = writeFiles(dir, 50);
        Sat6.Options base = options(new ArrayList<>()).withCache(false);
        Dataset whole = Sat6.read(f[0], f[1], base);
        int threads = Parallel.shared().threads();
        try {
            for (int t : new int[] {1, 3}) {
                Parallel.setThreads(t);
                // lines are about 11 KB, so 16 KB blocks hold one line each and 40 KB blocks three
                for (int block : new int[] {16_384, 40_000}) {
                    assertSameImages(whole, Sat6.read(f[0], f[1], base.withBlockBytes(block)));
                }
            }
        } finally {
            Parallel.setThreads(threads);
        }
    }

    @Test
    void secondLoadMapsTheCacheAndEqualsTheFirst() throws IOException {
        Path[] f = writeFiles(dir, 50);
        List<String> notes = new ArrayList<>();
        Dataset parsed = Sat6.read(f[0], f[1], options(notes).withCache(false));
        Dataset first = Sat6.read(f[0], f[1], options(notes));
        Path cache = dir.resolve("X_train_sat6.latent");
        assertTrue(Files.isRegularFile(cache), "cache written beside the CSV");
        assertEquals(64 + 50L * 3136 + 4 * 50, Files.size(cache), "header + pixels + int labels");
        Dataset second = Sat6.read(f[0], f[1], options(notes));
        assertSameImages(parsed, first);
        assertSameImages(parsed, second);
        assertTrue(((ByteStore) second.store()).bytes().isMapped(), "second load is memory-mapped");
        assertEquals(List.of(), notes, "no notes on a clean cache");
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "CSV pair and cache, no temporary files left");
        }
    }

    @Test
    void rebuildsTheCacheWhenTheCsvChanges() throws IOException {
        Path[] f = writeFiles(dir, 50);
        List<String> notes = new ArrayList<>();
        Sat6.read(f[0], f[1], options(notes));
        writeFiles(dir, 30);
        Files.setLastModifiedTime(f[0], FileTime.fromMillis(Files.getLastModifiedTime(f[0]).toMillis() + 5000));
        Dataset d = Sat6.read(f[0], f[1], options(notes));
        assertEquals(30, d.size(), "rebuilt from the new CSV");
        assertTrue(notes.stream().anyMatch(n -> n.contains("changed")), "note says the sources changed: " + notes);
        assertEquals(64 + 30L * 3136 + 4 * 30, Files.size(dir.resolve("X_train_sat6.latent")));
    }

    @Test
    @Tag("slow")
    void rebuildsADamagedOrTruncatedCacheWithANote() throws IOException {
        Path[] f = writeFiles(dir, 20);
        Dataset clean = Sat6.read(f[0], f[1], options(new ArrayList<>()).withCache(false));
        Path cache = dir.resolve("X_train_sat6.latent");
        Sat6.read(f[0], f[1], options(new ArrayList<>()));
        try (RandomAccessFile raf = new RandomAccessFile(cache.toFile(), "rw")) {
            raf.write('X'); // magic number
        }
        List<String> notes = new ArrayList<>();
        assertSameImages(clean, Sat6.read(f[0], f[1], options(notes)));
        assertTrue(notes.size() == 1 && notes.get(0).contains("bad magic"), "note about the magic: " + notes);

        try (RandomAccessFile raf = new RandomAccessFile(cache.toFile(), "rw")) {
            raf.setLength(raf.length() - 100);
        }
        notes.clear();
        assertSameImages(clean, Sat6.read(f[0], f[1], options(notes)));
        assertTrue(notes.size() == 1 && notes.get(0).contains("truncated"), "note about truncation: " + notes);

        try (RandomAccessFile raf = new RandomAccessFile(cache.toFile(), "rw")) {
            raf.seek(12);
            raf.write(99); // the sample count, covered by the header checksum
        }
        notes.clear();
        assertSameImages(clean, Sat6.read(f[0], f[1], options(notes)));
        assertTrue(notes.size() == 1 && notes.get(0).contains("checksum"), "note about the checksum: " + notes);
        assertTrue(((ByteStore) Sat6.read(f[0], f[1], options(notes)).store()).bytes().isMapped());

        try (RandomAccessFile raf = new RandomAccessFile(cache.toFile(), "rw")) {
            raf.seek(64 + 20L * 3136); // the first label, outside the checksummed header
            raf.write(6);
        }
        notes.clear();
        assertSameImages(clean, Sat6.read(f[0], f[1], options(notes)));
        assertTrue(notes.size() == 1 && notes.get(0).contains("labels outside 0..5"), "note about labels: " + notes);
    }

    @Test
    void fallsBackToTheHomeCacheWhenTheCsvFolderIsNotWritable() throws IOException {
        Path[] f = writeFiles(dir, 10);
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "a file where a folder would be");
        Path unwritable = blocker.resolve("X_train_sat6.latent");
        List<String> notes = new ArrayList<>();
        Dataset first = Sat6.read(f[0], f[1], options(notes), unwritable);
        assertTrue(notes.size() == 1 && notes.get(0).contains("cannot write a cache beside"), "note: " + notes);
        Path fallback = Sat6.fallbackCache(f[0], dir.resolve("home-cache"));
        assertTrue(Files.isRegularFile(fallback), "cache under the fallback folder");
        notes.clear();
        Dataset second = Sat6.read(f[0], f[1], options(notes), unwritable);
        assertEquals(List.of(), notes);
        assertTrue(((ByteStore) second.store()).bytes().isMapped(), "fallback cache is mapped");
        assertSameImages(first, second);
    }

    @Test
    void acceptsWindowsLineEndsLeadingZerosAndAMissingFinalNewline() throws IOException {
        Path[] f = writeFiles(dir, 3);
        Dataset expected = Sat6.read(f[0], f[1], options(new ArrayList<>()).withCache(false));
        List<String> lines = Files.readAllLines(f[0]);
        String first = lines.get(0);
        int comma = first.indexOf(',');
        // value 1 of image 0 is value(0, 0, 0, 0) = 0: write it as "0000"
        lines.set(0, "0000" + first.substring(comma));
        Files.writeString(f[0], String.join("\r\n", lines), StandardCharsets.US_ASCII);
        for (int block : new int[] {16_384, 1 << 20}) {
            assertSameImages(expected, Sat6.read(f[0], f[1], options(new ArrayList<>()).withCache(false).withBlockBytes(block)));
        }
    }

    @Test
    void pairsTheLabelsFileByName() {
        assertEquals(Path.of("/d/y_test_sat6.csv"), Sat6.labelsFor(Path.of("/d/X_test_sat6.csv")).orElseThrow());
        assertTrue(Sat6.labelsFor(Path.of("/d/train.csv")).isEmpty());
    }

    // ---------------------------------------------------------------- errors

    /** Writes 5 good rows and replaces line {@code line} (1-based) of the images file by {@code text}. */
    Path[] withImageLine(int line, String text) throws IOException {
        Path[] f = writeFiles(dir, 5);
        List<String> lines = new ArrayList<>(Files.readAllLines(f[0]));
        lines.set(line - 1, text);
        Files.write(f[0], lines);
        return f;
    }

    BadFileException readFails(Path[] f, int blockBytes) {
        return assertThrows(BadFileException.class,
                () -> Sat6.read(f[0], f[1], options(new ArrayList<>()).withBlockBytes(blockBytes)));
    }

    @Test
    void rejectsARowWithTheWrongValueCountNamingFileLineAndCount() throws IOException {
        Path[] f = withImageLine(4, imageLine(3) + ",7");
        for (int block : new int[] {16_384, 8 << 20}) {
            BadFileException e = readFails(f, block);
            assertEquals(f[0], e.file());
            assertTrue(e.getMessage().contains("line 4: 3137 values, expected 3136"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("X_train_sat6.latent")), "no cache after a failed parse");
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left");
        }
    }

    @Test
    void rejectsValuesOutsideTheByteRangeAndNonIntegers() throws IOException {
        String line = imageLine(2);
        BadFileException big = readFails(withImageLine(3, "256" + line.substring(line.indexOf(','))), 16_384);
        assertTrue(big.getMessage().contains("line 3, value 1: '256' is outside 0..255"), big.getMessage());
        BadFileException frac = readFails(withImageLine(2, line.substring(0, line.lastIndexOf(',')) + ",1.5"), 16_384);
        assertTrue(frac.getMessage().contains("line 2, value 3136: '1.5' is not an integer"), frac.getMessage());
        BadFileException neg = readFails(withImageLine(5, "-1" + line.substring(line.indexOf(','))), 1 << 20);
        assertTrue(neg.getMessage().contains("line 5, value 1: '-1' is not an integer"), neg.getMessage());
        BadFileException huge = readFails(withImageLine(1, line.substring(0, line.indexOf(',')) + ",12345678901"
                + line.substring(line.indexOf(',', line.indexOf(',') + 1))), 1 << 20);
        assertTrue(huge.getMessage().contains("line 1, value 2: '12345678901' is outside 0..255"), huge.getMessage());
        BadFileException empty = readFails(withImageLine(2, line.replaceFirst(",", ",,")), 1 << 20);
        assertTrue(empty.getMessage().contains("line 2, value 2: '' is not an integer"), empty.getMessage());
    }

    @Test
    void rejectsALabelRowThatIsNotOneHot() throws IOException {
        Path[] f = writeFiles(dir, 5);
        List<String> lines = new ArrayList<>(Files.readAllLines(f[1]));
        lines.set(2, "0,1,0,0,1,0");
        Files.write(f[1], lines);
        BadFileException e = readFails(f, 1 << 20);
        assertEquals(f[1], e.file());
        assertTrue(e.getMessage().contains("line 3: '0,1,0,0,1,0' is not one-hot"), e.getMessage());
        lines.set(2, "0,1,0,0,0");
        Files.write(f[1], lines);
        assertTrue(readFails(f, 1 << 20).getMessage().contains("line 3: 5 values, expected 6"));
    }

    @Test
    void rejectsImageAndLabelFilesOfDifferentLengths() throws IOException {
        Path[] f = writeFiles(dir, 5);
        List<String> labels = new ArrayList<>(Files.readAllLines(f[1]));
        Files.write(f[1], labels.subList(0, 4));
        BadFileException fewer = readFails(f, 16_384);
        assertTrue(fewer.getMessage().contains("holds 5 images but " + f[1] + " holds 4 label rows"),
                fewer.getMessage());
        labels.add(labelLine(5));
        Files.write(f[1], labels);
        BadFileException more = readFails(f, 16_384);
        assertTrue(more.getMessage().contains("holds 5 images but " + f[1] + " holds 6 label rows"), more.getMessage());
    }

    @Test
    void reportsAMissingFile() throws IOException {
        Path[] f = writeFiles(dir, 2);
        Path missing = dir.resolve("X_nothing_sat6.csv");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Sat6.read(missing, f[1]));
        assertTrue(e.getMessage().contains(missing.toString()));
    }
}
