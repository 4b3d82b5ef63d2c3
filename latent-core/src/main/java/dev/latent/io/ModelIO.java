package dev.latent.io;

import dev.latent.FitReport;
import dev.latent.Latent;
import dev.latent.internal.Check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * Saves and loads models in Latent's own file format: one file per model holding a magic number, the
 * format version, a JSON header (the kind of model, its hyperparameters and small learned values, its fit
 * report, provenance, and the arrays' names, types and shapes), the arrays themselves (little-endian, each
 * aligned to 64 bytes) and a CRC-32C checksum of everything before it.
 * <p>Files are written atomically ({@link AtomicWrites}): a failure leaves the target as it was and no
 * temporary file behind. Loading checks the magic number, the format version, the file length, the
 * header's own checksum and then the checksum of the whole file before any model is built, so a damaged,
 * truncated or foreign file is refused with a {@link BadFileException} ({@code "<file>: <problem>"}) and
 * never half-read. Nothing is deserialized but JSON and primitive arrays; Java serialization is never used.
 * Arrays stream through a fixed-size buffer, so files may be larger than 2 GB (each array is limited to
 * what a Java array holds). The byte layout is described in DEVELOPERS.md, "Model files".
 * {@snippet :
 * ModelIO.save(model, Path.of("model.latent"));
 * String kind = ModelIO.kind(Path.of("model.latent"));           // "kmeans"
 * KMeansModel back = KMeansModel.load(Path.of("model.latent")); // = ModelIO.load(file, "kmeans", reader)
 * }
 */
public final class ModelIO {
    private ModelIO() {}

    /** The format version this library writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    /** The first 8 bytes of every model file: 0x89, "LATENT", a line feed. */
    static final byte[] MAGIC = {(byte) 0x89, 'L', 'A', 'T', 'E', 'N', 'T', '\n'};
    /** Bytes before the header: magic, version, header length, file length, header checksum, reserved. */
    static final int PREAMBLE = 32;
    /** The alignment of the data section and of every array in it. */
    static final int ALIGN = 64;
    /** The checksum at the end of the file. */
    static final int TRAILER = 4;
    /** The longest header accepted on reading. */
    static final int MAX_HEADER = 1 << 28;
    /** The largest Java array. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int CHUNK = 1 << 20;

    /** The element types of arrays, with their names in the header and sizes in bytes. */
    enum ElementType {
        FLOAT32("float32", 4), FLOAT64("float64", 8), INT32("int32", 4), INT64("int64", 8);

        final String label;
        final int size;

        ElementType(String label, int size) {
            this.label = label;
            this.size = size;
        }

        static ElementType of(String label) {
            for (ElementType t : values()) if (t.label.equals(label)) return t;
            throw new IllegalArgumentException("unknown array type \"" + label + "\"");
        }
    }

    // ---------------------------------------------------------------- saving

    /**
     * Saves {@code model} to {@code file} atomically.
     * @throws IOException when the file cannot be written (its folder missing, the disk full); the message
     *                     names the file, and the target is left as it was
     */
    public static void save(SavableModel model, Path file) throws IOException {
        save(model, file, w -> { });
    }

    /**
     * Saves {@code model} to {@code file} atomically, with provenance the caller adds after the model has
     * written itself, for example {@code w -> w.provenance("dataset", "mnist")}.
     * @throws IOException when the file cannot be written; the message names the file
     */
    public static void save(SavableModel model, Path file, Consumer<ModelWriter> provenance) throws IOException {
        save(model, file, provenance, CHUNK);
    }

    static void save(SavableModel model, Path file, Consumer<ModelWriter> provenance, int chunk) throws IOException {
        Check.notNull("model", model);
        Check.notNull("file", file);
        Check.notNull("provenance", provenance);
        String kind = model.kind();
        Check.argument(kind != null && kind.matches("[a-z0-9][a-z0-9-]*"),
                "kind must be lower-case letters, digits and '-', got " + kind);
        FitReport report = Check.notNull("report", model.report());
        ModelWriter w = new ModelWriter();
        model.writeTo(w);
        provenance.accept(w);

        Json.JsonArray arrays = Json.array();
        long end = 0;
        for (ModelWriter.Entry e : w.arrays()) {
            long offset = align(end);
            arrays.add(Json.object().put("name", e.name()).put("type", e.type().label)
                    .put("shape", Json.array(e.shape())).put("offset", offset));
            end = offset + e.bytes();
        }
        Json.JsonObject prov = Json.object().put("library", Latent.version()).put("saved", Instant.now().toString())
                .putAll(w.provenance());
        Json.JsonObject header = Json.object()
                .put("kind", kind)
                .put("formatVersion", FORMAT_VERSION)
                .put("values", w.values())
                .put("report", reportJson(report))
                .put("provenance", prov)
                .put("arrays", arrays);
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
        long dataStart = align(PREAMBLE + (long) headerBytes.length);
        long length = dataStart + end + TRAILER;

        ByteBuffer pre = ByteBuffer.allocate(PREAMBLE).order(ByteOrder.LITTLE_ENDIAN);
        pre.put(MAGIC).putInt(FORMAT_VERSION).putInt(headerBytes.length).putLong(length)
                .putInt(crc(headerBytes)).putInt(0);
        try (AtomicWrites.Pending p = AtomicWrites.Pending.open(file)) {
            Sink out = new Sink(p.channel(), (int) Math.min(chunk, length));
            out.put(pre.array());
            out.put(headerBytes);
            out.zerosTo(dataStart);
            for (int i = 0; i < w.arrays().size(); i++) {
                ModelWriter.Entry e = w.arrays().get(i);
                out.zerosTo(dataStart + arrays.get(i).asObject().get("offset").asLong());
                out.put(e);
            }
            out.finish();
            assert p.channel().size() == length;
            p.commit();
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains(file.toString())) throw e;
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new IOException(file + ": cannot write the model file: " + why, e);
        }
    }

    private static Json.JsonObject reportJson(FitReport r) {
        Json.JsonArray history = Json.array();
        for (double v : r.history()) history.add(ModelWriter.number(v));
        return Json.object().put("iterations", r.iterations()).put("converged", r.converged())
                .put("objective", ModelWriter.number(r.objective())).put("history", history)
                .put("time", r.time().toString()).put("version", r.version());
    }

    /** Writes through a fixed-size little-endian buffer, keeping a running CRC-32C of everything written. */
    private static final class Sink {
        private final FileChannel channel;
        private final ByteBuffer buf;
        private final CRC32C crc = new CRC32C();
        private long position;

        Sink(FileChannel channel, int chunk) {
            this.channel = channel;
            this.buf = ByteBuffer.allocateDirect(chunk).order(ByteOrder.LITTLE_ENDIAN);
        }

        void put(byte[] bytes) throws IOException {
            int from = 0;
            while (from < bytes.length) {
                if (!buf.hasRemaining()) flush();
                int count = Math.min(buf.remaining(), bytes.length - from);
                buf.put(bytes, from, count);
                from += count;
            }
        }

        void zerosTo(long target) throws IOException {
            assert target >= position + buf.position();
            long count = target - position - buf.position();
            while (count > 0) {
                if (!buf.hasRemaining()) flush();
                int c = (int) Math.min(count, buf.remaining());
                for (int i = 0; i < c; i++) buf.put((byte) 0);
                count -= c;
            }
        }

        void put(ModelWriter.Entry e) throws IOException {
            int size = e.type().size, length = e.length(), from = 0;
            while (from < length) {
                if (buf.remaining() < size) flush();
                int count = Math.min(buf.remaining() / size, length - from);
                int at = buf.position();
                switch (e.values()) {
                    case float[] v -> buf.asFloatBuffer().put(v, from, count);
                    case double[] v -> buf.asDoubleBuffer().put(v, from, count);
                    case int[] v -> buf.asIntBuffer().put(v, from, count);
                    case long[] v -> buf.asLongBuffer().put(v, from, count);
                    default -> throw new AssertionError(e.values().getClass());
                }
                buf.position(at + count * size);
                from += count;
            }
        }

        /** Writes what is buffered and then the checksum. */
        void finish() throws IOException {
            flush();
            ByteBuffer tail = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN);
            tail.putInt((int) crc.getValue()).flip();
            while (tail.hasRemaining()) channel.write(tail);
        }

        private void flush() throws IOException {
            buf.flip();
            crc.update(buf.duplicate());
            position += buf.remaining();
            while (buf.hasRemaining()) channel.write(buf);
            buf.clear();
        }
    }

    // ---------------------------------------------------------------- loading

    /**
     * Loads a model of the given kind: checks the whole file, then calls {@code reader} to build the model.
     * @param kind   the kind expected, as the model's {@link SavableModel#kind()}
     * @param reader builds the model from the checked file's values and arrays
     * @throws BadFileException when the file is not a Latent model file, is damaged or truncated, was written
     *                          by a newer format version, holds another kind of model, or lacks a value the
     *                          reader asks for
     * @throws IOException      when the file cannot be read
     */
    public static <M> M load(Path file, String kind, Function<ModelReader, M> reader) throws IOException {
        return load(file, kind, reader, CHUNK);
    }

    static <M> M load(Path file, String kind, Function<ModelReader, M> reader, int chunk) throws IOException {
        Check.notNull("file", file);
        Check.notNull("kind", kind);
        Check.notNull("reader", reader);
        try (FileChannel ch = open(file)) {
            Head head = readHead(file, ch);
            if (!head.header.kind().equals(kind)) {
                throw new BadFileException(file, "holds " + article(head.header.kind()) + " model, expected " + kind);
            }
            Map<String, Object> arrays = readBody(file, ch, head, chunk, true);
            ModelReader in = new ModelReader(file, head.header, arrays);
            try {
                return reader.apply(in);
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof BadFileException b) throw b;
                throw e;
            } catch (IllegalArgumentException e) {
                throw new BadFileException(file, "invalid " + kind + " model: " + e.getMessage());
            }
        }
    }

    /**
     * The kind of model {@code file} holds, reading only the header.
     * @throws BadFileException when the file is not a Latent model file or its header is damaged
     */
    public static String kind(Path file) throws IOException {
        return header(file).kind();
    }

    /**
     * The header of {@code file}: kind, values, report, provenance and array shapes. Reads only the header
     * (whose own checksum is checked), not the arrays.
     * @throws BadFileException when the file is not a Latent model file, is truncated, or its header is damaged
     */
    public static ModelHeader header(Path file) throws IOException {
        Check.notNull("file", file);
        try (FileChannel ch = open(file)) {
            return readHead(file, ch).header;
        }
    }

    /**
     * Reads the whole of {@code file} and checks it as {@link #load} does, without keeping the arrays or
     * building a model; returns its header.
     * @throws BadFileException when the file is not a Latent model file, is damaged, truncated, or of a newer
     *                          format version
     */
    public static ModelHeader check(Path file) throws IOException {
        Check.notNull("file", file);
        try (FileChannel ch = open(file)) {
            Head head = readHead(file, ch);
            readBody(file, ch, head, CHUNK, false);
            return head.header;
        }
    }

    /** Whether {@code file} starts with the model file magic number (it may still be damaged). */
    public static boolean isModelFile(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(MAGIC.length);
            while (b.hasRemaining() && ch.read(b) >= 0) { }
            return !b.hasRemaining() && java.util.Arrays.equals(b.array(), MAGIC);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    /** The checked preamble and header, and the raw bytes read so far (for the whole-file checksum). */
    private record Head(ModelHeader header, byte[] preamble, byte[] headerBytes, long dataStart) {}

    private static Head readHead(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        byte[] pre = new byte[(int) Math.min(PREAMBLE, size)];
        readFully(ch, ByteBuffer.wrap(pre), 0);
        int magic = Math.min(pre.length, MAGIC.length);
        if (!java.util.Arrays.equals(pre, 0, magic, MAGIC, 0, magic) || size == 0) {
            throw new BadFileException(file, "not a Latent model file (" + foreign(pre) + ")");
        }
        if (size < PREAMBLE + TRAILER) {
            throw new BadFileException(file, "truncated: " + size + " bytes, too short for a Latent model file");
        }
        ByteBuffer b = ByteBuffer.wrap(pre).order(ByteOrder.LITTLE_ENDIAN);
        int version = b.getInt(8);
        int headerLength = b.getInt(12);
        long length = b.getLong(16);
        int headerCrc = b.getInt(24);
        if (version > FORMAT_VERSION || version < 0) {
            throw new BadFileException(file, "written in model file format version " + Integer.toUnsignedString(version)
                    + ", newer than this version of Latent reads (up to " + FORMAT_VERSION + "); use a newer Latent");
        }
        if (version == 0) throw new BadFileException(file, "damaged: format version 0 does not exist");
        if (length != size) {
            throw new BadFileException(file, (size < length ? "truncated or damaged: " : "damaged: ") + size
                    + " bytes, but the file says it has " + length);
        }
        if (headerLength < 2 || headerLength > MAX_HEADER || PREAMBLE + (long) headerLength + TRAILER > length) {
            throw new BadFileException(file, "damaged: a header of " + Integer.toUnsignedString(headerLength)
                    + " bytes cannot be in a file of " + length + " bytes");
        }
        byte[] headerBytes = new byte[headerLength];
        readFully(ch, ByteBuffer.wrap(headerBytes), PREAMBLE);
        if (crc(headerBytes) != headerCrc) throw new BadFileException(file, "damaged: the header's checksum does not match");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(headerBytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadFileException(file, "damaged: the header is not UTF-8");
        }
        long dataStart = align(PREAMBLE + (long) headerLength);
        try {
            return new Head(parseHeader(text, version, length, dataStart), pre, headerBytes, dataStart);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new BadFileException(file, "damaged header: " + e.getMessage());
        }
    }

    /** Builds and checks the header; any problem is an IllegalArgumentException naming it. */
    private static ModelHeader parseHeader(String text, int version, long length, long dataStart) {
        Json.JsonObject h = Json.parse(text).asObject();
        String kind = h.get("kind").asString();
        int formatVersion = h.get("formatVersion").asInt();
        Check.argument(formatVersion == version, "format version " + formatVersion
                + " in the header but " + version + " before it");
        Json.JsonObject values = h.get("values").asObject();
        Json.JsonObject r = h.get("report").asObject();
        Json.JsonArray hist = r.get("history").asArray();
        double[] history = new double[hist.size()];
        for (int i = 0; i < history.length; i++) history[i] = headerDouble(hist.get(i));
        FitReport report = new FitReport(r.get("iterations").asInt(), r.get("converged").asBoolean(),
                headerDouble(r.get("objective")), history, Duration.parse(r.get("time").asString()),
                r.get("version").asString());
        Json.JsonObject provenance = h.get("provenance").asObject();
        List<ModelHeader.ArrayInfo> arrays = new ArrayList<>();
        Set<String> names = new HashSet<>(values.members().keySet());
        long end = 0;
        for (Json a : h.get("arrays").asArray().elements()) {
            Json.JsonObject o = a.asObject();
            String name = o.get("name").asString();
            Check.argument(names.add(name), "the name \"" + name + "\" is used twice");
            String type = o.get("type").asString();
            ElementType t = ElementType.of(type);
            Json.JsonArray s = o.get("shape").asArray();
            int[] shape = new int[s.size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = s.get(i).asInt();
                Check.argument(shape[i] >= 0, "array \"" + name + "\" has a negative dimension " + shape[i]);
                count *= shape[i];
                Check.argument(count <= MAX_ELEMENTS, "array \"" + name + "\" has more elements than an array holds");
            }
            long offset = o.get("offset").asLong();
            Check.argument(offset >= end && offset % ALIGN == 0, "array \"" + name + "\" starts at " + offset
                    + ", which is not a multiple of " + ALIGN + " at or after " + end);
            end = offset + count * t.size;
            Check.argument(dataStart + end <= length - TRAILER, "array \"" + name + "\" ends at byte "
                    + (dataStart + end) + ", beyond the data section");
            arrays.add(new ModelHeader.ArrayInfo(name, type, shape, offset));
        }
        Check.argument(dataStart + end == length - TRAILER, (length - TRAILER - dataStart - end)
                + " unexplained bytes after the last array");
        return new ModelHeader(kind, formatVersion, values, report, provenance, arrays, length, h);
    }

    private static double headerDouble(Json v) {
        if (v instanceof Json.JsonString s) {
            return switch (s.value()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("expected a number, got " + s);
            };
        }
        if (v instanceof Json.JsonNumber n) return n.doubleValue();
        throw new IllegalArgumentException("expected a number, got " + v);
    }

    /**
     * Reads every array (keeping them if {@code keep}) and checks the whole-file checksum; nothing is returned
     * from a damaged file.
     */
    private static Map<String, Object> readBody(Path file, FileChannel ch, Head head, int chunk, boolean keep)
            throws IOException {
        long checksumAt = head.header.fileLength() - TRAILER;
        long start = head.preamble.length + head.headerBytes.length;
        Source in = new Source(ch, (int) Math.max(8, Math.min(chunk, checksumAt - start)), start, checksumAt);
        in.crc.update(head.preamble);
        in.crc.update(head.headerBytes);
        List<ModelHeader.ArrayInfo> infos = new ArrayList<>(head.header.arrays());
        infos.sort(Comparator.comparingLong(ModelHeader.ArrayInfo::offset));
        Map<String, Object> arrays = new HashMap<>();
        for (ModelHeader.ArrayInfo a : keep ? infos : List.<ModelHeader.ArrayInfo>of()) {
            in.skipTo(head.dataStart + a.offset());
            arrays.put(a.name(), in.read(ElementType.of(a.type()), (int) a.elements()));
        }
        in.skipTo(checksumAt);
        int expected = (int) in.crc.getValue();
        ByteBuffer tail = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, tail, checksumAt);
        if (tail.getInt(0) != expected) {
            throw new BadFileException(file, "damaged: the checksum does not match the content");
        }
        return arrays;
    }

    /** Reads a file sequentially from a position through a fixed-size buffer, keeping a running CRC-32C. */
    private static final class Source {
        private final FileChannel channel;
        private final ByteBuffer buf;
        private final CRC32C crc = new CRC32C();
        private final long end;  // where reading stops (the checksum)
        private long position;   // of the byte after the buffer's content

        Source(FileChannel channel, int chunk, long position, long end) {
            this.channel = channel;
            this.end = end;
            this.buf = ByteBuffer.allocateDirect(chunk).order(ByteOrder.LITTLE_ENDIAN);
            this.buf.limit(0);
            this.position = position;
        }

        /** Consumes bytes up to the absolute position {@code target}. */
        void skipTo(long target) throws IOException {
            long count = target - (position - buf.remaining());
            assert count >= 0;
            while (count > 0) {
                if (!buf.hasRemaining()) fill(1);
                int c = (int) Math.min(count, buf.remaining());
                buf.position(buf.position() + c);
                count -= c;
            }
        }

        Object read(ElementType type, int length) throws IOException {
            Object out = switch (type) {
                case FLOAT32 -> new float[length];
                case FLOAT64 -> new double[length];
                case INT32 -> new int[length];
                case INT64 -> new long[length];
            };
            int size = type.size, from = 0;
            while (from < length) {
                if (buf.remaining() < size) fill(size);
                int count = Math.min(buf.remaining() / size, length - from);
                int at = buf.position();
                switch (out) {
                    case float[] v -> buf.asFloatBuffer().get(v, from, count);
                    case double[] v -> buf.asDoubleBuffer().get(v, from, count);
                    case int[] v -> buf.asIntBuffer().get(v, from, count);
                    case long[] v -> buf.asLongBuffer().get(v, from, count);
                    default -> throw new AssertionError(out.getClass());
                }
                buf.position(at + count * size);
                from += count;
            }
            return out;
        }

        /** Keeps the unread bytes, reads more, and adds the new bytes to the checksum; at least {@code min} remain. */
        private void fill(int min) throws IOException {
            buf.compact();
            int start = buf.position();
            long available = end - position;
            if (available < min - start) throw new IOException("unexpected end of data at byte " + position);
            if (buf.remaining() > available) buf.limit(start + (int) available);
            while (buf.position() < min) {
                if (channel.read(buf, position + (buf.position() - start)) < 0) {
                    throw new IOException("unexpected end of file");   // the length was checked: the file shrank
                }
            }
            int end = buf.position();
            position += end - start;
            ByteBuffer added = buf.duplicate();
            added.position(start).limit(end);
            crc.update(added);
            buf.flip();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            int r = ch.read(b, p);
            if (r < 0) throw new IOException("unexpected end of file");
            p += r;
        }
    }

    static long align(long n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    static int crc(byte[] bytes) {
        CRC32C c = new CRC32C();
        c.update(bytes);
        return (int) c.getValue();
    }

    static String shapeText(int[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) s.append(i > 0 ? ", " : "").append(shape[i]);
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static String article(String kind) {
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }

    /** What a file that is not a model file seems to be, for the error message. */
    private static String foreign(byte[] start) {
        if (start.length == 0) return "it is empty";
        if (startsWith(start, (byte) 0x93, 'N', 'U', 'M', 'P', 'Y')) return "it is a NumPy .npy file";
        if (startsWith(start, (byte) 0x1f, (byte) 0x8b)) return "it is a gzip file";
        if (startsWith(start, 'P', 'K', 3, 4)) return "it is a zip file";
        if (startsWith(start, (byte) 0xac, (byte) 0xed)) return "it is a Java serialization stream, which is never read";
        if (startsWith(start, (byte) 0x89, 'P', 'N', 'G')) return "it is a PNG image";
        StringBuilder s = new StringBuilder("it starts with bytes");
        for (int i = 0; i < Math.min(8, start.length); i++) s.append(String.format(" %02X", start[i] & 0xff));
        return s.append(", not 89 4C 41 54 45 4E 54 0A").toString();
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (bytes[i] != (byte) prefix[i]) return false;
        return true;
    }
}
