package dev.latent.io;

import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.data.FloatStore;
import dev.latent.data.Matrix;
import dev.latent.data.SampleShape;
import dev.latent.internal.Check;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes NumPy {@code .npy} files.
 * <p>Reading accepts format versions 1.0, 2.0 and 3.0; element types {@code <f4}, {@code <f8},
 * {@code |u1}, {@code <i4} and {@code <i8} and their big-endian ({@code >}) forms; and both C
 * (row-major) and Fortran (column-major) order, the latter rearranged into row-major. Row-major values
 * are read in bulk, 1 MiB at a time; Fortran-order files are memory-mapped and walked element by
 * element. The header, a Python dict literal, is read by a small parser of its own, so nothing in the
 * file is ever evaluated.
 * <p>Writing produces version 1.0 files, little-endian, in C order, with the header padded to a
 * multiple of 64 bytes as NumPy does, so that {@code numpy.load} reads them. A write goes to a
 * temporary file in the same folder that is forced to disk and then renamed over the target, so a
 * failed write never leaves a half-written file.
 * <p>Reference: the NumPy format specification, "A Simple File Format for NumPy Arrays"
 * (numpy.lib.format, NEP 1).
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;

    private Npy() {}

    /** The element types this reader understands. */
    private enum Kind {
        F4(4), F8(8), U1(1), I4(4), I8(8);

        final int bytes;

        Kind(int bytes) {
            this.bytes = bytes;
        }
    }

    /**
     * Reads an array.
     * @throws java.nio.file.NoSuchFileException when the file is missing
     * @throws BadFileException when the file is not a .npy file, is truncated, has a malformed header or an
     *                          unsupported element type (named in the message)
     */
    public static NpyArray read(Path file) throws IOException {
        Check.notNull("file", file);
        InputFiles.requireFile(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
            long fileSize = ch.size();
            if (fileSize < 10) throw new BadFileException(file, "truncated header: expected at least 10 bytes, got " + fileSize);
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, fileSize, arena);
            for (int k = 0; k < MAGIC.length; k++) {
                if (seg.get(ValueLayout.JAVA_BYTE, k) != MAGIC[k]) {
                    throw new BadFileException(file, "not a NumPy .npy file: expected the magic \\x93NUMPY, got "
                            + describeBytes(seg, Math.min(6, fileSize)));
                }
            }
            int major = seg.get(ValueLayout.JAVA_BYTE, 6) & 0xFF;
            int minor = seg.get(ValueLayout.JAVA_BYTE, 7) & 0xFF;
            if (major < 1 || major > 3) {
                throw new BadFileException(file, "unsupported .npy format version " + major + "." + minor
                        + "; supported are 1.0, 2.0 and 3.0");
            }
            long headerStart = major == 1 ? 10 : 12;
            if (fileSize < headerStart) {
                throw new BadFileException(file, "truncated header: expected at least " + headerStart + " bytes, got " + fileSize);
            }
            long headerLength = major == 1
                    ? seg.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 8) & 0xFFFF
                    : seg.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 8) & 0xFFFFFFFFL;
            long dataStart = headerStart + headerLength;
            if (fileSize < dataStart) {
                throw new BadFileException(file, "truncated header: expected " + dataStart + " bytes, got " + fileSize);
            }
            if (headerLength > 1 << 24) throw new BadFileException(file, "header of " + headerLength + " bytes is implausibly long");
            byte[] headerBytes = seg.asSlice(headerStart, headerLength).toArray(ValueLayout.JAVA_BYTE);
            String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Map<String, Object> dict = parseHeader(file, header);

            Object descr = dict.get("descr");
            if (!(descr instanceof String dtype)) {
                throw new BadFileException(file, "unsupported dtype " + HeaderParser.show(descr)
                        + "; supported are <f4, <f8, |u1, <i4, <i8 and their big-endian (>) forms");
            }
            Kind kind = kind(file, dtype);
            ByteOrder order = dtype.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN
                    : dtype.charAt(0) == '<' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.nativeOrder();
            if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
                throw new BadFileException(file, "header has no True/False 'fortran_order': " + header.strip());
            }
            int[] shape = shape(file, dict.get("shape"), header);
            long count = 1;
            for (int s : shape) count *= s;
            if (count > Integer.MAX_VALUE - 8) {
                throw new BadFileException(file, "holds " + count + " elements, more than this reader supports (2^31 - 9)");
            }
            long expected = dataStart + count * kind.bytes;
            if (fileSize < expected) {
                throw new BadFileException(file, "truncated: expected " + expected + " bytes (a " + dataStart
                        + "-byte header and " + count + " values of " + kind.bytes + " bytes), got " + fileSize);
            }
            Object values = fortran && shape.length > 1
                    ? readFortran(seg, dataStart, (int) count, kind, order, shape)
                    : readContiguous(file, ch, dataStart, (int) count, kind, order);
            return new NpyArray(dtype, shape, values);
        }
    }

    /**
     * Reads an array as a dataset: 2-D {@code (n, d)} as n vectors, 3-D {@code (n, h, w)} as n
     * {@code 1 x h x w} images, 4-D {@code (n, c, h, w)} as n {@code c x h x w} images. Unsigned bytes
     * stay bytes (raw 0 to 255, no copy); every other element type becomes float32. No labels.
     * @throws BadFileException when the array has another rank, or for any reason {@link #read} gives
     */
    public static Dataset readDataset(Path file, String name) throws IOException {
        Check.notNull("name", name);
        NpyArray a = read(file);
        int[] s = a.shape();
        SampleShape shape;
        if (s.length < 2 || s.length > 4) {
            throw new BadFileException(file, "holds an array of shape " + shapeText(s) + "; a dataset needs 2 dimensions"
                    + " (samples, features), 3 (samples, height, width) or 4 (samples, channels, height, width)");
        }
        for (int k = 1; k < s.length; k++) {
            if (s[k] < 1) throw new BadFileException(file, "shape " + shapeText(s) + " has an empty sample dimension");
        }
        shape = switch (s.length) {
            case 2 -> SampleShape.vector(s[1]);
            case 3 -> SampleShape.image(1, s[1], s[2]);
            default -> SampleShape.image(s[1], s[2], s[3]);
        };
        int n = s[0];
        if (a.isUint8()) {
            return Dataset.of(name, shape, ByteStore.of(a.sharedBytes(), n, shape.size()), new int[0], List.of());
        }
        Matrix x = Matrix.wrap(n, shape.size(), a.floatsMaybeShared());
        return Dataset.of(name, shape, new FloatStore(x), new int[0], List.of());
    }

    /** Writes a matrix as float32 of shape {@code (rows, cols)}. */
    public static void write(Path file, Matrix x) throws IOException {
        Check.notNull("x", x);
        write(file, x.values(), x.rows(), x.cols());
    }

    /** Writes values as int32 of shape {@code (values.length,)}. */
    public static void write(Path file, int[] values) throws IOException {
        Check.notNull("file", file);
        Check.notNull("values", values);
        byte[] header = header("<i4", new int[] {values.length});
        AtomicWrites.write(file, out -> {
            out.write(header);
            ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (int from = 0; from < values.length; from += chunk.capacity() / 4) {
                int to = Math.min(values.length, from + chunk.capacity() / 4);
                chunk.clear();
                chunk.asIntBuffer().put(values, from, to - from);
                out.write(chunk.array(), 0, (to - from) * 4);
            }
        });
    }

    /**
     * Writes row-major values as float32 of the given shape.
     * @throws IllegalArgumentException when the shape has a negative dimension or its product differs from
     *                                  the number of values
     */
    public static void write(Path file, float[] values, int... shape) throws IOException {
        Check.notNull("file", file);
        Check.notNull("values", values);
        Check.notNull("shape", shape);
        long count = 1;
        for (int s : shape) {
            Check.atLeast("shape dimension", s, 0);
            count *= s;
        }
        Check.argument(count == values.length, "shape " + shapeText(shape) + " needs " + count
                + " values, got " + values.length);
        byte[] header = header("<f4", shape);
        AtomicWrites.write(file, out -> {
            out.write(header);
            writeFloats(out, values);
        });
    }

    private static void writeFloats(OutputStream out, float[] values) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        int per = chunk.capacity() / 4;
        for (int from = 0; from < values.length; from += per) {
            int n = Math.min(per, values.length - from);
            chunk.clear();
            chunk.asFloatBuffer().put(values, from, n);
            out.write(chunk.array(), 0, n * 4);
        }
    }

    /** The magic, version and padded header of a C-order file. */
    static byte[] header(String dtype, int[] shape) {
        String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + shapeText(shape) + ", }";
        int prefix = 10;
        int total = prefix + dict.length() + 1;
        int version = 1;
        int padded = (total + ALIGN - 1) / ALIGN * ALIGN;
        if (padded - prefix > 0xFFFF) {
            version = 2;
            prefix = 12;
            padded = (prefix + dict.length() + 1 + ALIGN - 1) / ALIGN * ALIGN;
        }
        int headerLength = padded - prefix;
        ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) version).put((byte) 0);
        if (version == 1) b.putShort((short) headerLength);
        else b.putInt(headerLength);
        b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        while (b.position() < padded - 1) b.put((byte) ' ');
        b.put((byte) '\n');
        return b.array();
    }

    /** {@code (2, 3)}, {@code (5,)} or {@code ()}, as Python writes a tuple. */
    static String shapeText(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int k = 0; k < shape.length; k++) sb.append(k == 0 ? "" : ", ").append(shape[k]);
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static Kind kind(Path file, String dtype) throws BadFileException {
        String body = dtype.isEmpty() ? "" : dtype.substring(1);
        char order = dtype.isEmpty() ? '?' : dtype.charAt(0);
        Kind kind = switch (body) {
            case "f4" -> Kind.F4;
            case "f8" -> Kind.F8;
            case "u1" -> Kind.U1;
            case "i4" -> Kind.I4;
            case "i8" -> Kind.I8;
            default -> null;
        };
        boolean orderOk = order == '<' || order == '>' || order == '=' || (order == '|' && kind == Kind.U1);
        if (kind == null || !orderOk) {
            throw new BadFileException(file, "unsupported dtype '" + dtype
                    + "'; supported are <f4, <f8, |u1, <i4, <i8 and their big-endian (>) forms");
        }
        return kind;
    }

    private static int[] shape(Path file, Object value, String header) throws BadFileException {
        if (!(value instanceof List<?> list)) throw new BadFileException(file, "header has no 'shape' tuple: " + header.strip());
        int[] shape = new int[list.size()];
        for (int k = 0; k < shape.length; k++) {
            if (!(list.get(k) instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) {
                throw new BadFileException(file, "shape entry " + k + " is not a non-negative int: " + header.strip());
            }
            shape[k] = (int) (long) v;
        }
        return shape;
    }

    /** Reads row-major values with bulk channel reads of 1 MiB, converted by typed buffer views. */
    private static Object readContiguous(Path file, FileChannel ch, long start, int count, Kind kind, ByteOrder order)
            throws IOException {
        Object out = switch (kind) {
            case F4 -> new float[count];
            case F8 -> new double[count];
            case U1 -> new byte[count];
            case I4 -> new int[count];
            case I8 -> new long[count];
        };
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(order);
        int per = buffer.capacity() / kind.bytes;
        long pos = start;
        for (int done = 0; done < count; ) {
            int n = Math.min(per, count - done);
            buffer.clear().limit(n * kind.bytes);
            while (buffer.hasRemaining()) {
                int got = ch.read(buffer, pos + buffer.position());
                if (got < 0) {
                    throw new BadFileException(file, "truncated while reading: expected " + (start + (long) count * kind.bytes)
                            + " bytes, got " + (pos + buffer.position()));
                }
            }
            buffer.flip();
            switch (out) {
                case float[] v -> buffer.asFloatBuffer().get(v, done, n);
                case double[] v -> buffer.asDoubleBuffer().get(v, done, n);
                case byte[] v -> buffer.get(v, done, n);
                case int[] v -> buffer.asIntBuffer().get(v, done, n);
                case long[] v -> buffer.asLongBuffer().get(v, done, n);
                default -> throw new AssertionError(out);
            }
            pos += (long) n * kind.bytes;
            done += n;
        }
        return out;
    }

    /** Reads a column-major array into row-major order, walking the row-major indices with an odometer. */
    private static Object readFortran(MemorySegment seg, long start, int count, Kind kind, ByteOrder order, int[] shape) {
        ColumnMajorWalk walk = new ColumnMajorWalk(shape, start, kind.bytes);
        return switch (kind) {
            case F4 -> {
                var layout = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order);
                float[] v = new float[count];
                for (int i = 0; i < count; i++) v[i] = seg.get(layout, walk.next());
                yield v;
            }
            case F8 -> {
                var layout = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(order);
                double[] v = new double[count];
                for (int i = 0; i < count; i++) v[i] = seg.get(layout, walk.next());
                yield v;
            }
            case U1 -> {
                byte[] v = new byte[count];
                for (int i = 0; i < count; i++) v[i] = seg.get(ValueLayout.JAVA_BYTE, walk.next());
                yield v;
            }
            case I4 -> {
                var layout = ValueLayout.JAVA_INT_UNALIGNED.withOrder(order);
                int[] v = new int[count];
                for (int i = 0; i < count; i++) v[i] = seg.get(layout, walk.next());
                yield v;
            }
            case I8 -> {
                var layout = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order);
                long[] v = new long[count];
                for (int i = 0; i < count; i++) v[i] = seg.get(layout, walk.next());
                yield v;
            }
        };
    }

    /** Gives, element by element in row-major order, the byte offset of that element in a column-major array. */
    private static final class ColumnMajorWalk {
        private final int[] shape;
        private final long[] stride; // column-major strides in bytes
        private final int[] index;
        private long offset;

        ColumnMajorWalk(int[] shape, long start, int itemBytes) {
            this.shape = shape;
            this.stride = new long[shape.length];
            this.index = new int[shape.length];
            long s = itemBytes;
            for (int k = 0; k < shape.length; k++) {
                stride[k] = s;
                s *= shape[k];
            }
            this.offset = start;
        }

        /** The current element's offset; then steps to the next row-major element. */
        long next() {
            long current = offset;
            for (int k = shape.length - 1; k >= 0; k--) {
                offset += stride[k];
                if (++index[k] < shape[k]) return current;
                offset -= stride[k] * shape[k];
                index[k] = 0;
            }
            return current;
        }
    }

    private static String describeBytes(MemorySegment seg, long n) {
        StringBuilder sb = new StringBuilder();
        for (long k = 0; k < n; k++) sb.append(String.format("%02x", seg.get(ValueLayout.JAVA_BYTE, k) & 0xFF));
        return "0x" + sb;
    }

    private static Map<String, Object> parseHeader(Path file, String header) throws BadFileException {
        try {
            HeaderParser p = new HeaderParser(header);
            Object value = p.value();
            p.skipSpace();
            if (!p.atEnd()) throw p.error("unexpected text after the dict");
            if (!(value instanceof Map<?, ?> map)) throw p.error("expected a dict");
            Map<String, Object> out = new LinkedHashMap<>();
            for (var e : map.entrySet()) out.put(String.valueOf(e.getKey()), e.getValue());
            return out;
        } catch (IllegalArgumentException e) {
            throw new BadFileException(file, "malformed header (" + e.getMessage() + "): " + header.strip());
        }
    }

    /**
     * A parser of the Python literals a .npy header holds: dicts, tuples, lists, strings, integers,
     * True, False and None. Tuples and lists become {@link List}s, integers {@link Long}s.
     */
    static final class HeaderParser {
        private final String s;
        private int pos;

        HeaderParser(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at character " + pos);
        }

        Object value() {
            skipSpace();
            if (atEnd()) throw error("unexpected end");
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> dict();
                case '(' -> sequence(')');
                case '[' -> sequence(']');
                case '\'', '"' -> string();
                default -> c == '-' || c == '+' || Character.isDigit(c) ? integer() : word();
            };
        }

        private Map<Object, Object> dict() {
            pos++;
            Map<Object, Object> map = new LinkedHashMap<>();
            while (true) {
                skipSpace();
                if (!atEnd() && s.charAt(pos) == '}') {
                    pos++;
                    return map;
                }
                Object key = value();
                skipSpace();
                expect(':');
                map.put(key, value());
                skipSpace();
                if (!atEnd() && s.charAt(pos) == ',') pos++;
                else if (atEnd() || s.charAt(pos) != '}') throw error("expected ',' or '}'");
            }
        }

        private List<Object> sequence(char close) {
            pos++;
            List<Object> list = new ArrayList<>();
            while (true) {
                skipSpace();
                if (!atEnd() && s.charAt(pos) == close) {
                    pos++;
                    return list;
                }
                list.add(value());
                skipSpace();
                if (!atEnd() && s.charAt(pos) == ',') pos++;
                else if (atEnd() || s.charAt(pos) != close) throw error("expected ',' or '" + close + "'");
            }
        }

        private String string() {
            char quote = s.charAt(pos++);
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (atEnd()) throw error("unterminated string");
                char c = s.charAt(pos++);
                if (c == quote) return sb.toString();
                if (c == '\\') {
                    if (atEnd()) throw error("unterminated string");
                    c = s.charAt(pos++);
                }
                sb.append(c);
            }
        }

        private Long integer() {
            int start = pos;
            if (s.charAt(pos) == '-' || s.charAt(pos) == '+') pos++;
            int digits = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            if (pos == digits) throw error("expected a digit");
            long v;
            try {
                v = Long.parseLong(s, start, pos, 10);
            } catch (NumberFormatException e) {
                throw error("integer out of range");
            }
            if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) pos++; // Python 2 long
            return v;
        }

        private Object word() {
            int start = pos;
            while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) pos++;
            String w = s.substring(start, pos);
            return switch (w) {
                case "True" -> Boolean.TRUE;
                case "False" -> Boolean.FALSE;
                case "None" -> NONE;
                default -> throw error(w.isEmpty() ? "unexpected '" + s.charAt(start) + "'" : "unknown word '" + w + "'");
            };
        }

        private void expect(char c) {
            if (atEnd() || s.charAt(pos) != c) throw error("expected '" + c + "'");
            pos++;
        }

        /** Python's None. */
        static final Object NONE = new Object() {
            @Override
            public String toString() {
                return "None";
            }
        };

        /** A value as Python would print it, for messages. */
        static String show(Object v) {
            if (v == null) return "(missing)";
            if (v instanceof String str) return "'" + str + "'";
            if (v instanceof Boolean b) return b ? "True" : "False";
            if (v instanceof List<?> list) {
                StringBuilder sb = new StringBuilder("[");
                for (int k = 0; k < list.size(); k++) sb.append(k == 0 ? "" : ", ").append(show(list.get(k)));
                return sb.append(']').toString();
            }
            if (v instanceof Map<?, ?> map) {
                StringBuilder sb = new StringBuilder("{");
                int k = 0;
                for (var e : map.entrySet()) sb.append(k++ == 0 ? "" : ", ").append(show(e.getKey())).append(": ").append(show(e.getValue()));
                return sb.append('}').toString();
            }
            return String.valueOf(v);
        }
    }
}
