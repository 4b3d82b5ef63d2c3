package dev.latent.io;

import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.data.FloatStore;
import dev.latent.data.Matrix;
import dev.latent.data.SampleShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class NpyTest {
    @TempDir Path dir;

    /** A .npy file built byte by byte: magic, version, header length (2 bytes in 1.0, 4 after), header, data. */
    static byte[] npy(int major, String dict, byte[] data) {
        byte[] text = (dict + "\n").getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer b = ByteBuffer.allocate(8 + lengthBytes + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) b.putShort((short) text.length);
        else b.putInt(text.length);
        return b.put(text).put(data).array();
    }

    static String dict(String descr, boolean fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
    }

    static byte[] floats(ByteOrder order, float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(order);
        for (float x : v) b.putFloat(x);
        return b.array();
    }

    static byte[] doubles(ByteOrder order, double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(order);
        for (double x : v) b.putDouble(x);
        return b.array();
    }

    static byte[] ints(ByteOrder order, int... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(order);
        for (int x : v) b.putInt(x);
        return b.array();
    }

    static byte[] longs(ByteOrder order, long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(order);
        for (long x : v) b.putLong(x);
        return b.array();
    }

    private NpyArray readBytes(byte[] content) throws IOException {
        return Npy.read(Files.write(dir.resolve("a.npy"), content));
    }

    @Test void readsLittleEndianFloat32InCOrder() throws IOException {
        NpyArray a = readBytes(npy(1, dict("<f4", false, "(2, 3)"), floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6.5f)));
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertEquals("<f4", a.dtype());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6.5f}, a.toFloats());
        assertEquals(Matrix.of(2, 3, 1, 2, 3, 4, 5, 6.5f), a.toMatrix(), "2-D array as a matrix");
    }

    @Test void readsBigEndianFloat32() throws IOException {
        NpyArray a = readBytes(npy(1, dict(">f4", false, "(3,)"), floats(ByteOrder.BIG_ENDIAN, -1.5f, 0, 7)));
        assertArrayEquals(new float[] {-1.5f, 0, 7}, a.toFloats());
        assertEquals(Matrix.of(3, 1, -1.5f, 0, 7), a.toMatrix(), "1-D array as one column");
    }

    @Test void readsFloat64BothByteOrdersExactly() throws IOException {
        double[] v = {0.1, -1e300, Math.PI, 4};
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            String descr = order == ByteOrder.LITTLE_ENDIAN ? "<f8" : ">f8";
            NpyArray a = readBytes(npy(1, dict(descr, false, "(2, 2)"), doubles(order, v)));
            assertArrayEquals(v, a.toDoubles(), descr + " keeps double precision");
            assertEquals((float) Math.PI, a.toFloats()[2], descr + " rounds to float32");
        }
    }

    @Test void readsUnsignedBytes() throws IOException {
        NpyArray a = readBytes(npy(1, dict("|u1", false, "(2, 2)"), new byte[] {0, 1, (byte) 128, (byte) 255}));
        assertTrue(a.isUint8());
        assertArrayEquals(new int[] {0, 1, 128, 255}, a.toInts(), "bytes are unsigned");
        assertArrayEquals(new float[] {0, 1, 128, 255}, a.toFloats());
    }

    @Test void readsInt32AndInt64BothByteOrders() throws IOException {
        int[] v = {-3, 0, 2_000_000_000, 7};
        assertArrayEquals(v, readBytes(npy(1, dict("<i4", false, "(4,)"), ints(ByteOrder.LITTLE_ENDIAN, v))).toInts());
        assertArrayEquals(v, readBytes(npy(1, dict(">i4", false, "(4,)"), ints(ByteOrder.BIG_ENDIAN, v))).toInts());
        long[] w = {-3, 0, 2_000_000_000, 7};
        assertArrayEquals(v, readBytes(npy(1, dict("<i8", false, "(2, 2)"), longs(ByteOrder.LITTLE_ENDIAN, w))).toInts());
        assertArrayEquals(v, readBytes(npy(1, dict(">i8", false, "(2, 2)"), longs(ByteOrder.BIG_ENDIAN, w))).toInts());
    }

    @Test void int64BeyondIntRangeIsNotSilentlyTruncated() throws IOException {
        NpyArray a = readBytes(npy(1, dict("<i8", false, "(2,)"), longs(ByteOrder.LITTLE_ENDIAN, 1, 1L << 40)));
        IllegalStateException e = assertThrows(IllegalStateException.class, a::toInts);
        assertTrue(e.getMessage().contains("1099511627776"), e.getMessage());
        assertEquals(0x1p40f, a.toFloats()[1], "still readable as float");
    }

    @Test void rearrangesFortranOrderTwoDimensionalIntoRowMajor() throws IOException {
        // the 2 x 3 matrix [[1, 2, 3], [4, 5, 6]] stored column by column: 1 4 2 5 3 6
        for (String descr : List.of("<f4", "<f8", "|u1", "<i4", ">i8")) {
            byte[] data = switch (descr) {
                case "<f4" -> floats(ByteOrder.LITTLE_ENDIAN, 1, 4, 2, 5, 3, 6);
                case "<f8" -> doubles(ByteOrder.LITTLE_ENDIAN, 1, 4, 2, 5, 3, 6);
                case "|u1" -> new byte[] {1, 4, 2, 5, 3, 6};
                case "<i4" -> ints(ByteOrder.LITTLE_ENDIAN, 1, 4, 2, 5, 3, 6);
                default -> longs(ByteOrder.BIG_ENDIAN, 1, 4, 2, 5, 3, 6);
            };
            NpyArray a = readBytes(npy(1, dict(descr, true, "(2, 3)"), data));
            assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, a.toInts(), descr + " in Fortran order");
            assertArrayEquals(new int[] {2, 3}, a.shape(), "shape as written");
        }
    }

    @Test void rearrangesFortranOrderThreeDimensional() throws IOException {
        // element (i, j, k) of a 2 x 3 x 4 array is 100 i + 10 j + k; Fortran order varies i fastest, then j, then k
        int[] f = new int[24];
        int p = 0;
        for (int k = 0; k < 4; k++) for (int j = 0; j < 3; j++) for (int i = 0; i < 2; i++) f[p++] = 100 * i + 10 * j + k;
        int[] c = readBytes(npy(1, dict("<i4", true, "(2, 3, 4)"), ints(ByteOrder.LITTLE_ENDIAN, f))).toInts();
        p = 0;
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) {
            assertEquals(100 * i + 10 * j + k, c[p++], "element (" + i + ", " + j + ", " + k + ")");
        }
    }

    @Test void readsFormatVersionsTwoAndThree() throws IOException {
        byte[] data = floats(ByteOrder.LITTLE_ENDIAN, 1, 2);
        assertArrayEquals(new float[] {1, 2}, readBytes(npy(2, dict("<f4", false, "(1, 2)"), data)).toFloats(), "2.0");
        assertArrayEquals(new float[] {1, 2}, readBytes(npy(3, dict("<f4", false, "(1, 2)"), data)).toFloats(), "3.0");
    }

    @Test void acceptsHeaderWithoutTrailingCommaInAnyKeyOrder() throws IOException {
        String d = "{\"shape\":(2,),\"fortran_order\":False,\"descr\":\"<i4\"}";
        assertArrayEquals(new int[] {5, 6}, readBytes(npy(1, d, ints(ByteOrder.LITTLE_ENDIAN, 5, 6))).toInts());
    }

    @Test void readsScalarAndEmptyArrays() throws IOException {
        NpyArray scalar = readBytes(npy(1, dict("<f8", false, "()"), doubles(ByteOrder.LITTLE_ENDIAN, 2.5)));
        assertEquals(0, scalar.rank());
        assertArrayEquals(new double[] {2.5}, scalar.toDoubles(), "a scalar has one element");
        NpyArray empty = readBytes(npy(1, dict("<f4", false, "(0, 3)"), new byte[0]));
        assertEquals(0, empty.size());
        assertEquals(3, empty.toMatrix().cols(), "an empty matrix keeps its column count");
    }

    @Test void writesMatrixThatReadsBackExactly() throws IOException {
        Matrix m = Matrix.of(2, 3, 1.5f, -2, 0, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN);
        Path file = dir.resolve("m.npy");
        Npy.write(file, m);
        NpyArray a = Npy.read(file);
        assertEquals("<f4", a.dtype());
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertEquals(m, a.toMatrix(), "bit-exact round trip, NaN included");
    }

    @Test void writesAHeaderNumpyAccepts() throws IOException {
        Path file = dir.resolve("h.npy");
        Npy.write(file, Matrix.of(2, 3, 1, 2, 3, 4, 5, 6));
        byte[] b = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(b, 8), "magic and version 1.0");
        int headerLength = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLength) % 64, "data starts on a 64-byte boundary");
        String header = new String(b, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header.strip());
        assertEquals('\n', header.charAt(header.length() - 1), "header ends with a newline");
        assertEquals(10 + headerLength + 24, b.length, "six float32 values follow");
        assertEquals(6f, ByteBuffer.wrap(b, b.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat(), "little-endian");
    }

    @Test void writesIntsAsOneDimensionalInt32() throws IOException {
        int[] v = new int[40_000];   // longer than one write chunk
        for (int i = 0; i < v.length; i++) v[i] = i * 7 - 100_000;
        Path file = dir.resolve("labels.npy");
        Npy.write(file, v);
        NpyArray a = Npy.read(file);
        assertEquals("<i4", a.dtype());
        assertArrayEquals(new int[] {40_000}, a.shape());
        assertArrayEquals(v, a.toInts());
    }

    @Test void writesFloatsWithAnyShape() throws IOException {
        float[] v = {1, 2, 3, 4, 5, 6, 7, 8};
        Path file = dir.resolve("cube.npy");
        Npy.write(file, v, 2, 2, 2);
        NpyArray a = Npy.read(file);
        assertArrayEquals(new int[] {2, 2, 2}, a.shape());
        assertArrayEquals(v, a.toFloats());
        assertThrows(IllegalArgumentException.class, () -> Npy.write(file, v, 3, 3), "9 values needed, 8 given");
    }

    @Test void writeReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("x.npy");
        Files.writeString(file, "old content");
        Npy.write(file, new int[] {1, 2});
        assertArrayEquals(new int[] {1, 2}, Npy.read(file).toInts());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "only the target is left");
        }
    }

    @Test void writeIntoAMissingFolderFailsNamingIt() {
        Path file = dir.resolve("no-such-folder").resolve("x.npy");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Npy.write(file, new int[] {1}));
        assertTrue(e.getMessage().contains("no-such-folder"), e.getMessage());
    }

    @Test void readsDatasetsOfEachRank() throws IOException {
        Path vectors = Files.write(dir.resolve("v.npy"), npy(1, dict("<f4", false, "(2, 3)"),
                floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6)));
        Dataset v = Npy.readDataset(vectors, "v");
        assertEquals(SampleShape.vector(3), v.shape());
        assertInstanceOf(FloatStore.class, v.store());
        assertArrayEquals(new float[] {4, 5, 6}, v.sample(1));

        Path gray = Files.write(dir.resolve("g.npy"), npy(1, dict("|u1", false, "(2, 2, 3)"), new byte[12]));
        Dataset g = Npy.readDataset(gray, "g");
        assertEquals(SampleShape.image(1, 2, 3), g.shape(), "(n, h, w) is one-channel images");
        assertInstanceOf(ByteStore.class, g.store(), "bytes stay bytes");

        Path color = Files.write(dir.resolve("c.npy"), npy(1, dict("<f8", false, "(1, 3, 1, 2)"),
                doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6)));
        Dataset c = Npy.readDataset(color, "c");
        assertEquals(SampleShape.image(3, 1, 2), c.shape(), "(n, c, h, w)");
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, c.sample(0));
    }

    @Test void datasetOfOneDimensionalArrayIsRefused() throws IOException {
        Path file = Files.write(dir.resolve("labels.npy"), npy(1, dict("<i4", false, "(2,)"), ints(ByteOrder.LITTLE_ENDIAN, 1, 2)));
        BadFileException e = assertThrows(BadFileException.class, () -> Npy.readDataset(file, "x"));
        assertTrue(e.getMessage().contains("(2,)"), e.getMessage());
    }

    @Test void missingFileIsNamed() {
        Path file = dir.resolve("missing.npy");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test void truncatedDataReportsExpectedAndActualBytes() throws IOException {
        byte[] full = npy(1, dict("<f4", false, "(2, 3)"), floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6));
        int dataStart = full.length - 24;
        Path file = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(full, full.length - 3));
        BadFileException e = assertThrows(BadFileException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + (dataStart + 24) + " bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("got " + (full.length - 3)), e.getMessage());
    }

    @Test void truncatedHeaderIsReported() throws IOException {
        byte[] full = npy(1, dict("<f4", false, "(2, 3)"), new byte[0]);
        Path file = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(full, 20));
        BadFileException e = assertThrows(BadFileException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains("truncated header") && e.getMessage().contains("got 20"), e.getMessage());
    }

    @Test void unsupportedDtypeIsNamed() throws IOException {
        Path file = Files.write(dir.resolve("c.npy"), npy(1, dict("<c16", false, "(1,)"), new byte[16]));
        BadFileException e = assertThrows(BadFileException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains("unsupported dtype '<c16'"), e.getMessage());
    }

    @Test void structuredDtypeIsNamedAsUnsupported() throws IOException {
        String d = "{'descr': [('x', '<f4'), ('y', '<i4')], 'fortran_order': False, 'shape': (1,), }";
        Path file = Files.write(dir.resolve("s.npy"), npy(1, d, new byte[8]));
        BadFileException e = assertThrows(BadFileException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains("unsupported dtype [['x', '<f4'], ['y', '<i4']]"), e.getMessage());
    }

    @Test void fileWithoutNpyMagicIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("text.npy"), "a,b,c\n1,2,3\n");
        BadFileException e = assertThrows(BadFileException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains("not a NumPy .npy file"), e.getMessage());
    }

    @Test void malformedHeaderIsRefusedWithItsText() throws IOException {
        Path file = Files.write(dir.resolve("bad.npy"), npy(1, "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (1,)}",
                new byte[4]));
        BadFileException e = assertThrows(BadFileException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains("malformed header") && e.getMessage().contains("Maybe"), e.getMessage());
    }

    @Test void unknownFormatVersionIsRefused() throws IOException {
        byte[] b = npy(1, dict("<f4", false, "(1,)"), new byte[4]);
        b[6] = 9;
        Path file = Files.write(dir.resolve("v9.npy"), b);
        BadFileException e = assertThrows(BadFileException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().contains("version 9.0"), e.getMessage());
    }
}
