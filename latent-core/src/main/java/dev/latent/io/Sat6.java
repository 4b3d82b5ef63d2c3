package dev.latent.io;

import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.data.SampleShape;
import dev.latent.internal.Check;
import dev.latent.internal.Parallel;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the SAT-6 airborne dataset from its CSV pair, with a binary cache for later loads.
 * <p>The format is that of the DeepSat distribution: {@code X_train_sat6.csv} / {@code X_test_sat6.csv}
 * hold one image per line, 3,136 comma-separated integers 0 to 255 with no header, pixel row by pixel
 * row, pixel column by pixel column, and the four bands red, green, blue, near-infrared of each pixel
 * together (28 x 28 x 4, HWC order). {@code y_train_sat6.csv} / {@code y_test_sat6.csv} hold one
 * one-hot row of six integers per image, in the class order building, barren land, trees, grassland,
 * road, water. The training set has 324,000 images and the test set 81,000.
 * <p>Images are kept as bytes in CHW order ({@code SampleShape.image(4, 28, 28)}): the value at
 * pixel row r, column c, band b lands at channel b, y r, x c. The text (5.6 GB for both sets) is
 * streamed in large blocks cut at line ends, and the blocks are parsed on all cores; the result does
 * not depend on the thread count. After the first parse a binary cache ({@code X_train_sat6.latent},
 * see {@link BinaryCache}) is written beside the CSV, or under the fallback folder when the CSV's folder
 * is not writable, and later loads memory-map it. The cache is rebuilt when either CSV changes size or
 * modification time, or when it is damaged.
 * <p>Reference: S. Basu, S. Ganguly, S. Mukhopadhyay, R. DiBiano, M. Karki and R. Nemani,
 * "DeepSat - A Learning framework for Satellite Imagery", Proc. 23rd SIGSPATIAL, 2015.
 */
public final class Sat6 {
    /** The class names, in the order of the one-hot columns. */
    public static final List<String> CLASS_NAMES =
            List.of("building", "barren land", "trees", "grassland", "road", "water");
    /** The shape of one image: 4 bands (R, G, B, NIR) of 28 x 28 pixels. */
    public static final SampleShape SHAPE = SampleShape.image(4, 28, 28);

    private static final int BANDS = 4, SIDE = 28;
    private static final int VALUES = BANDS * SIDE * SIDE;
    /** The shortest possible image line: 3,136 one-digit values, 3,135 commas and a newline. */
    private static final int MIN_LINE_BYTES = 2 * VALUES;
    /** Position in CHW order of the k-th value of a line (HWC order). */
    private static final int[] CHW = new int[VALUES];

    static {
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                for (int b = 0; b < BANDS; b++) CHW[(r * SIDE + c) * BANDS + b] = b * SIDE * SIDE + r * SIDE + c;
            }
        }
    }

    /** Reads four bytes of a byte array as a little-endian int. */
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** Weights of the first three digits of a value with 0 to 4 leading digits (4 and 0 take the slow path). */
    private static final int[] WEIGHT0 = {0, 1, 10, 100, 0}, WEIGHT1 = {0, 0, 1, 10, 0}, WEIGHT2 = {0, 0, 0, 1, 0};
    /** Bytes after a block's end that the four-byte reads may touch. */
    private static final int PADDING = 8;

    private Sat6() {}

    /**
     * How SAT-6 files are read.
     * @param cache            whether to use and write the binary cache (default true)
     * @param fallbackCacheDir folder for caches of CSVs whose own folder is not writable
     *                         (default {@code $LATENT_HOME/cache}, see {@link DatasetRegistry#defaultHome()})
     * @param blockBytes       size of the blocks the CSV is read and parsed in, at least 1,024
     *                         (default 8 MiB); a block must hold at least one whole line
     * @param notes            receives one-line notes such as "cache is damaged; rebuilding it"
     *                         (default: the {@code dev.latent.io} system logger at INFO level)
     */
    public record Options(boolean cache, Path fallbackCacheDir, int blockBytes, Consumer<String> notes) {
        public Options {
            Check.notNull("fallbackCacheDir", fallbackCacheDir);
            Check.atLeast("blockBytes", blockBytes, 1024);
            Check.notNull("notes", notes);
        }

        /** Cache on, fallback under {@code $LATENT_HOME/cache}, 8 MiB blocks, notes to the system logger. */
        public static Options defaults() {
            System.Logger log = System.getLogger("dev.latent.io");
            return new Options(true, DatasetRegistry.defaultHome().resolve("cache"), 8 << 20,
                    note -> log.log(System.Logger.Level.INFO, note));
        }

        public Options withCache(boolean newCache) {
            return new Options(newCache, fallbackCacheDir, blockBytes, notes);
        }

        public Options withFallbackCacheDir(Path dir) {
            return new Options(cache, dir, blockBytes, notes);
        }

        public Options withBlockBytes(int bytes) {
            return new Options(cache, fallbackCacheDir, bytes, notes);
        }

        public Options withNotes(Consumer<String> newNotes) {
            return new Options(cache, fallbackCacheDir, blockBytes, newNotes);
        }
    }

    /** Reads an images CSV and its labels CSV with the default options. */
    public static Dataset read(Path images, Path labels) throws IOException {
        return read(images, labels, Options.defaults());
    }

    /**
     * Reads an images CSV ({@code X_*_sat6.csv}) and its labels CSV ({@code y_*_sat6.csv}).
     * @return a labelled dataset of {@code image(4, 28, 28)} bytes (raw values 0 to 255), named after
     *         the images file, with the six class names
     * @throws NoSuchFileException when either file is missing
     * @throws BadFileException    when a line does not hold 3,136 integers 0 to 255, a label row is not
     *                             one-hot, or the files hold different numbers of rows
     */
    public static Dataset read(Path images, Path labels, Options options) throws IOException {
        Check.notNull("images", images);
        return read(images, labels, options, besideCache(images));
    }

    /** {@link #read(Path, Path, Options)} with the preferred cache location given (a seam for tests). */
    static Dataset read(Path images, Path labels, Options options, Path beside) throws IOException {
        Check.notNull("images", images);
        Check.notNull("labels", labels);
        Check.notNull("options", options);
        if (!Files.isRegularFile(images)) throw new NoSuchFileException(images.toString(), null, "no such file");
        if (!Files.isRegularFile(labels)) throw new NoSuchFileException(labels.toString(), null, "no such file");
        String name = baseName(images);
        if (!options.cache()) {
            int[] y = readLabels(labels);
            MemorySegment pixels = Arena.ofAuto().allocate((long) y.length * VALUES);
            parseImages(images, labels, y.length, options.blockBytes(), new SegmentSink(pixels));
            return dataset(name, pixels, y);
        }
        BinaryCache.Stamp xs = BinaryCache.Stamp.of(images), ys = BinaryCache.Stamp.of(labels);
        Path fallback = fallbackCache(images, options.fallbackCacheDir());
        for (Path candidate : List.of(beside, fallback)) {
            Optional<BinaryCache.Contents> c = BinaryCache.open(candidate, xs, ys, SHAPE, options.notes());
            if (c.isPresent()) {
                if (labelsInRange(c.get().labels())) return dataset(name, c.get().pixels(), c.get().labels());
                options.notes().accept(candidate + ": cache holds labels outside 0.." + (CLASS_NAMES.size() - 1)
                        + " (damaged); rebuilding it");
            }
        }
        int[] y = readLabels(labels);
        BinaryCache.Header header = new BinaryCache.Header(y.length, SHAPE, xs, ys);
        Path target = beside;
        BinaryCache.Writer writer;
        try {
            writer = BinaryCache.Writer.create(beside);
        } catch (IOException e) {
            options.notes().accept("cannot write a cache beside " + images + " (" + e.getMessage()
                    + "); using " + fallback);
            target = fallback;
            try {
                writer = BinaryCache.Writer.create(fallback);
            } catch (IOException e2) {
                options.notes().accept("cannot write a cache at " + fallback + " (" + e2.getMessage()
                        + "); reading without a cache");
                MemorySegment pixels = Arena.ofAuto().allocate((long) y.length * VALUES);
                parseImages(images, labels, y.length, options.blockBytes(), new SegmentSink(pixels));
                return dataset(name, pixels, y);
            }
        }
        try (BinaryCache.Writer w = writer) {
            parseImages(images, labels, y.length, options.blockBytes(), (bytes, offset, length) -> w.write(bytes, length));
            w.commit(header, y);
        }
        // Map what was just written, so that the first load and later ones share one code path.
        List<String> problems = new java.util.ArrayList<>();
        Optional<BinaryCache.Contents> c = BinaryCache.open(target, xs, ys, SHAPE, problems::add);
        if (c.isEmpty()) {
            throw new IOException(target + ": the cache just written cannot be read back: " + String.join("; ", problems));
        }
        return dataset(name, c.get().pixels(), c.get().labels());
    }

    /** {@code X_train_sat6.csv -> y_train_sat6.csv} in the same folder, when the name follows that pattern. */
    public static Optional<Path> labelsFor(Path images) {
        String file = images.getFileName().toString();
        if (!isImagesName(file)) return Optional.empty();
        return Optional.of(images.resolveSibling("y" + file.substring(1)));
    }

    /** Whether {@code file} is named like a SAT-6 images file, {@code X_<part>_sat6.csv}. */
    public static boolean isImagesName(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        return lower.startsWith("x_") && lower.endsWith("_sat6.csv") && file.length() > "X__sat6.csv".length();
    }

    private static boolean labelsInRange(int[] labels) {
        for (int label : labels) if (label < 0 || label >= CLASS_NAMES.size()) return false;
        return true;
    }

    private static Dataset dataset(String name, MemorySegment pixels, int[] labels) {
        ByteStore store = new ByteStore(pixels, labels.length, VALUES, 1f, 0f);
        return Dataset.of(name, SHAPE, store, labels, CLASS_NAMES);
    }

    private static String baseName(Path file) {
        String f = file.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    static Path besideCache(Path images) {
        return images.toAbsolutePath().resolveSibling(baseName(images) + ".latent");
    }

    /** A cache path under {@code dir} that is unique to the CSV's folder, so equal names do not collide. */
    static Path fallbackCache(Path images, Path dir) {
        String folder = images.toAbsolutePath().normalize().getParent().toString();
        String tag = String.format(Locale.ROOT, "%08x", folder.hashCode());
        return dir.resolve("sat6").resolve(baseName(images) + "-" + tag + ".latent");
    }

    // ---------------------------------------------------------------- labels

    /** Reads the one-hot label rows; returns the class index of each row. */
    static int[] readLabels(Path file) throws IOException {
        int classes = CLASS_NAMES.size();
        int[] out = new int[1024];
        int n = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            int[] row = new int[classes];
            long line = 0;
            int ch = in.read();
            while (ch >= 0) {
                line++;
                int k = 0;
                StringBuilder text = new StringBuilder(16);
                boolean bad = false;
                while (ch >= 0 && ch != '\n') {
                    if (ch != '\r') text.append((char) ch);
                    ch = in.read();
                }
                ch = in.read(); // past the newline (or -1 again at the end)
                for (String value : text.toString().split(",", -1)) {
                    if (k < classes) {
                        if (value.equals("0")) row[k] = 0;
                        else if (value.equals("1")) row[k] = 1;
                        else bad = true;
                    }
                    k++;
                }
                if (k != classes) {
                    throw new BadFileException(file, "line " + line + ": " + k + " values, expected " + classes
                            + " (one-hot over " + String.join(", ", CLASS_NAMES) + ")");
                }
                int ones = 0, label = -1;
                for (int c = 0; c < classes; c++) {
                    if (row[c] == 1) {
                        ones++;
                        label = c;
                    }
                }
                if (bad || ones != 1) {
                    throw new BadFileException(file, "line " + line + ": '" + text
                            + "' is not one-hot (six values 0 or 1 with exactly one 1)");
                }
                if (n == out.length) out = java.util.Arrays.copyOf(out, n * 2);
                out[n++] = label;
            }
        }
        if (n == 0) throw new BadFileException(file, "holds no label rows");
        return java.util.Arrays.copyOf(out, n);
    }

    // ---------------------------------------------------------------- images

    /** Receives parsed images, in file order, as whole rows of {@code VALUES} bytes. */
    @FunctionalInterface
    private interface Sink {
        void accept(byte[] bytes, long offset, int length) throws IOException;
    }

    private record SegmentSink(MemorySegment target) implements Sink {
        @Override
        public void accept(byte[] bytes, long offset, int length) {
            MemorySegment.copy(bytes, 0, target, ValueLayout.JAVA_BYTE, offset, length);
        }
    }

    /** What parsing one block produced: its rows, or the first error (line relative to the block). */
    private static final class BlockResult {
        byte[] out = new byte[0];
        int rows;
        long errorLine;
        String error;
    }

    /**
     * Streams {@code file} in blocks of {@code blockBytes} cut at line ends, parses each round of
     * blocks in parallel and hands the parsed rows to {@code sink} in file order.
     */
    private static void parseImages(Path file, Path labelsFile, int expected, int blockBytes, Sink sink)
            throws IOException {
        int round = Math.max(2, 2 * Parallel.shared().threads());
        byte[][] blocks = new byte[round][blockBytes + 1 + PADDING]; // a final newline, then padding
        int[] lengths = new int[round];
        BlockResult[] results = new BlockResult[round];
        for (int i = 0; i < round; i++) results[i] = new BlockResult();
        byte[] carry = new byte[blockBytes];
        int carryLength = 0;
        long rows = 0;
        boolean eof = false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (!eof) {
                int used = 0;
                while (used < round && !eof) {
                    byte[] block = blocks[used];
                    System.arraycopy(carry, 0, block, 0, carryLength);
                    int length = carryLength;
                    ByteBuffer buf = ByteBuffer.wrap(block, length, blockBytes - length);
                    while (buf.hasRemaining()) {
                        if (ch.read(buf) < 0) {
                            eof = true;
                            break;
                        }
                    }
                    length = buf.position();
                    int cut;
                    if (eof) {
                        if (length > 0 && block[length - 1] != '\n') block[length++] = '\n';
                        cut = length;
                    } else {
                        cut = length;
                        while (cut > 0 && block[cut - 1] != '\n') cut--;
                        if (cut == 0) {
                            long line = rows + countLines(blocks, lengths, used) + 1;
                            throw new BadFileException(file, "line " + line + " is longer than " + blockBytes
                                    + " bytes; a SAT-6 line holds " + VALUES + " values");
                        }
                    }
                    carryLength = length - cut;
                    System.arraycopy(block, cut, carry, 0, carryLength);
                    lengths[used] = cut;
                    if (cut > 0) used++;
                }
                int blocksInRound = used;
                Parallel.shared().forEachChunkIndex(blocksInRound,
                        i -> parseBlock(blocks[i], lengths[i], results[i]));
                for (int i = 0; i < blocksInRound; i++) {
                    BlockResult r = results[i];
                    if (r.error != null) throw new BadFileException(file, "line " + (rows + r.errorLine) + r.error);
                    long keep = Math.max(0, Math.min(r.rows, expected - rows));
                    if (keep > 0) sink.accept(r.out, rows * VALUES, (int) keep * VALUES);
                    rows += r.rows;
                }
            }
        }
        if (rows != expected) {
            throw new BadFileException(file, "holds " + rows + " images but " + labelsFile + " holds " + expected
                    + " label rows; the two files must have one row per image");
        }
    }

    private static long countLines(byte[][] blocks, int[] lengths, int used) {
        long lines = 0;
        for (int i = 0; i < used; i++) {
            for (int p = 0; p < lengths[i]; p++) if (blocks[i][p] == '\n') lines++;
        }
        return lines;
    }

    /**
     * Parses the lines in {@code buf[0, end)}, each ending with a newline, into {@code result.out} in CHW
     * order. Stops at the first malformed line and records it.
     */
    private static void parseBlock(byte[] buf, int end, BlockResult result) {
        assert end == 0 || buf[end - 1] == '\n';
        int maxRows = end / MIN_LINE_BYTES + 1;
        if (result.out.length < maxRows * VALUES) result.out = new byte[maxRows * VALUES];
        byte[] out = result.out;
        int rows = 0;
        result.error = null;
        int p = 0;
        // Every line ends with '\n', so scanning digits always stops inside the buffer.
        while (p < end) {
            int rowBase = rows * VALUES;
            int k = 0;
            if (buf[p] == '\n' || buf[p] == '\r') {
                fail(result, rows, " is empty, expected " + VALUES + " values");
                return;
            }
            while (true) {
                int start = p;
                // Four bytes at once: find how many digits lead (0 to 4) and combine up to three of them
                // without a branch per digit. A byte is a digit when (byte ^ '0') <= 9; the lowest
                // flagged byte is exact because carries only move toward later bytes.
                int x = (int) INT_LE.get(buf, p) ^ 0x30303030;
                int flags = ((x + 0x76767676) | x) & 0x80808080;
                int digits = Integer.numberOfTrailingZeros(flags) >>> 3;
                int v = (x & 0xFF) * WEIGHT0[digits] + ((x >>> 8) & 0xFF) * WEIGHT1[digits]
                        + ((x >>> 16) & 0xFF) * WEIGHT2[digits];
                if (digits == 0 || digits == 4 || v > 255) {
                    // rare: no digit, or four or more digits (only leading zeros keep it in range), or > 255
                    v = 0;
                    digits = 0;
                    int c;
                    while ((c = buf[p + digits] - '0') >= 0 && c <= 9 && digits < 9) {
                        v = v * 10 + c;
                        digits++;
                    }
                    if (digits == 0 || (c >= 0 && c <= 9) || v > 255) {
                        badValue(result, rows, k, buf, start, end);
                        return;
                    }
                }
                p += digits;
                byte sep = buf[p];
                if (k < VALUES) out[rowBase + CHW[k]] = (byte) v;
                k++;
                p++;
                if (sep == ',') continue;
                if (sep == '\n') break;
                if (sep == '\r' && buf[p] == '\n') {
                    p++;
                    break;
                }
                if (sep == '\r') {
                    fail(result, rows, ": carriage return inside the line");
                    return;
                }
                badValue(result, rows, k - 1, buf, start, end);
                return;
            }
            if (k != VALUES) {
                fail(result, rows, ": " + k + " values, expected " + VALUES + " (28 x 28 pixels x 4 bands)");
                return;
            }
            rows++;
        }
        result.rows = rows;
    }

    private static void fail(BlockResult result, int rows, String error) {
        result.errorLine = rows + 1;
        result.error = error;
        result.rows = rows;
    }

    private static void badValue(BlockResult result, int rows, int k, byte[] buf, int start, int end) {
        String token = token(buf, start, end);
        boolean integer = !token.isEmpty() && token.chars().allMatch(ch -> ch >= '0' && ch <= '9');
        fail(result, rows, ", value " + (k + 1) + ": '" + token + "' is "
                + (integer ? "outside 0..255" : "not an integer in 0..255"));
    }

    /** The text of the value starting at {@code from}, up to the next comma or line end (at most 20 characters). */
    private static String token(byte[] buf, int from, int end) {
        int to = from;
        while (to < end && to - from < 20 && buf[to] != ',' && buf[to] != '\n' && buf[to] != '\r') to++;
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
