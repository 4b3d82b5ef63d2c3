package dev.latent.io;

import dev.latent.FitReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.*;

class ModelIOTest {
    @TempDir Path dir;

    /** A model holding one value of every header type and one array of every element type. */
    record Sample(String name, long big, int small, double ratio, double nan, double inf, boolean flag, int[] dims,
                  long[] counts, double[] weights, String[] words, float[] f32, double[] f64, int[] i32, long[] i64,
                  FitReport report) implements SavableModel {
        @Override public String kind() {
            return "sample";
        }

        @Override public void writeTo(ModelWriter out) {
            out.put("name", name).put("big", big).put("small", small).put("ratio", ratio).put("nan", nan)
                    .put("inf", inf).put("flag", flag).put("dims", dims).put("counts", counts)
                    .put("weights", weights).put("words", words)
                    .floats("f32", f32, 2, 3).doubles("f64", f64).ints("i32", i32, 2, 1, 2).longs("i64", i64);
        }

        static Sample read(ModelReader in) {
            return new Sample(in.string("name"), in.longValue("big"), in.integer("small"), in.number("ratio"),
                    in.number("nan"), in.number("inf"), in.bool("flag"), in.ints("dims"), in.longs("counts"),
                    in.doubles("weights"), in.strings("words"), in.floats("f32"), in.doubles("f64"), in.ints("i32"),
                    in.longs("i64"), in.report());
        }

        void assertEqualTo(Sample o) {
            assertEquals(name, o.name, "string");
            assertEquals(big, o.big, "long");
            assertEquals(small, o.small, "int");
            assertEquals(Double.doubleToRawLongBits(ratio), Double.doubleToRawLongBits(o.ratio), "double, every bit");
            assertTrue(Double.isNaN(o.nan), "NaN kept");
            assertEquals(inf, o.inf, "infinity kept");
            assertEquals(flag, o.flag, "boolean");
            assertArrayEquals(dims, o.dims, "int[] header value");
            assertArrayEquals(counts, o.counts, "long[] header value");
            assertArrayEquals(weights, o.weights, 0.0, "double[] header value");
            assertArrayEquals(words, o.words, "String[] header value");
            assertArrayEquals(f32, o.f32, 0f, "float32 array");
            assertArrayEquals(f64, o.f64, 0.0, "float64 array");
            assertArrayEquals(i32, o.i32, "int32 array");
            assertArrayEquals(i64, o.i64, "int64 array");
            assertEquals(report, o.report, "fit report");
        }
    }

    static Sample sample() {
        FitReport report = new FitReport(7, false, 0.125, new double[] {3, 1.5, Double.NaN, Double.POSITIVE_INFINITY},
                Duration.ofSeconds(3, 141_592_653), "1.2.3");
        return new Sample("naïve \"quoted\" ✓ \u2028 line", Long.MIN_VALUE, -42, 0.1 + 0.2, Double.NaN,
                Double.NEGATIVE_INFINITY, true, new int[] {1, -2, Integer.MAX_VALUE}, new long[] {Long.MAX_VALUE, 0},
                new double[] {-0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN}, new String[] {"a", "", "ü"},
                new float[] {1f, -2.5f, Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE, -0f},
                new double[] {Math.PI, -Math.E, Double.NEGATIVE_INFINITY},
                new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}, new long[] {Long.MIN_VALUE, 1L << 40},
                report);
    }

    private Path saved(Sample s) throws IOException {
        Path file = dir.resolve("sample.latent");
        ModelIO.save(s, file);
        return file;
    }

    private static BadFileException refused(Path file) {
        BadFileException e = assertThrows(BadFileException.class, () -> ModelIO.load(file, "sample", Sample::read));
        assertTrue(e.getMessage().startsWith(file + ": "), "message should start with the file, got: " + e.getMessage());
        return e;
    }

    @Test void roundTripKeepsEveryHeaderTypeAndArrayTypeBitForBit() throws IOException {
        Sample s = sample();
        Path file = saved(s);
        s.assertEqualTo(ModelIO.load(file, "sample", Sample::read));
        // float NaN payloads and negative zero survive too
        float[] back = ModelIO.load(file, "sample", in -> in.floats("f32"));
        for (int i = 0; i < back.length; i++) {
            assertEquals(Float.floatToRawIntBits(s.f32()[i]), Float.floatToRawIntBits(back[i]), "float bits at " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 24, 64, 200})
    void arraysSpanningManySmallBuffersRoundTrip(int chunk) throws IOException {
        // buffers far smaller than the arrays exercise every buffer-boundary and offset computation
        var rng = new java.util.SplittableRandom(chunk);
        float[] f = new float[1001];
        double[] d = new double[333];
        int[] i32 = new int[517];
        long[] i64 = new long[77];
        for (int i = 0; i < f.length; i++) f[i] = (float) rng.nextGaussian();
        for (int i = 0; i < d.length; i++) d[i] = rng.nextGaussian();
        for (int i = 0; i < i32.length; i++) i32[i] = rng.nextInt();
        for (int i = 0; i < i64.length; i++) i64[i] = rng.nextLong();
        SavableModel m = model("big", out -> out.put("padding", "x".repeat(chunk * 3 + 1))
                .floats("f", f).doubles("d", d).ints("i", i32).longs("l", i64));
        Path small = dir.resolve("small.latent"), normal = dir.resolve("normal.latent");
        ModelIO.save(m, small, w -> { }, chunk);
        ModelIO.save(m, normal);
        for (Path file : List.of(small, normal)) {
            for (int readChunk : new int[] {chunk, 1 << 20}) {
                Object[] back = ModelIO.load(file, "big",
                        in -> new Object[] {in.floats("f"), in.doubles("d"), in.ints("i"), in.longs("l")}, readChunk);
                assertArrayEquals(f, (float[]) back[0], 0f, "floats via " + chunk + "/" + readChunk);
                assertArrayEquals(d, (double[]) back[1], 0.0, "doubles via " + chunk + "/" + readChunk);
                assertArrayEquals(i32, (int[]) back[2], "ints via " + chunk + "/" + readChunk);
                assertArrayEquals(i64, (long[]) back[3], "longs via " + chunk + "/" + readChunk);
            }
        }
        assertEquals(Files.size(normal), Files.size(small), "the buffer size does not change the file");
    }

    @Test void fileFollowsTheDocumentedByteLayout() throws IOException {
        Path file = saved(sample());
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertArrayEquals(new byte[] {(byte) 0x89, 'L', 'A', 'T', 'E', 'N', 'T', '\n'}, Arrays.copyOf(bytes, 8), "magic");
        assertEquals(1, b.getInt(8), "format version");
        int h = b.getInt(12);
        assertEquals(bytes.length, b.getLong(16), "file length");
        CRC32C headerCrc = new CRC32C();
        headerCrc.update(bytes, 32, h);
        assertEquals((int) headerCrc.getValue(), b.getInt(24), "CRC-32C of the header");
        CRC32C all = new CRC32C();
        all.update(bytes, 0, bytes.length - 4);
        assertEquals((int) all.getValue(), b.getInt(bytes.length - 4), "CRC-32C of everything before the trailer");
        Json.JsonObject header = Json.parse(new String(bytes, 32, h, StandardCharsets.UTF_8)).asObject();
        assertEquals("sample", header.get("kind").asString());
        long dataStart = (32 + h + 63) / 64 * 64;
        for (Json a : header.get("arrays").asArray().elements()) {
            long offset = a.asObject().get("offset").asLong();
            assertEquals(0, (dataStart + offset) % 64, "arrays start on 64-byte boundaries");
            if (a.asObject().get("name").asString().equals("i64")) {
                // int64 little-endian: Long.MIN_VALUE is 00 .. 00 80
                assertEquals(Long.MIN_VALUE, b.getLong((int) (dataStart + offset)), "first int64 element");
                assertEquals((byte) 0x80, bytes[(int) (dataStart + offset + 7)], "little-endian: high byte last");
            }
            if (a.asObject().get("name").asString().equals("f32")) {
                assertEquals(-2.5f, b.getFloat((int) (dataStart + offset + 4)), "second float32 element");
            }
        }
    }

    @Test void flippedByteAnywhereIsRefused() throws IOException {
        Path file = dir.resolve("small.latent");
        ModelIO.save(model("sample", out -> out.put("k", 3).floats("c", new float[] {1, 2, 3, 4, 5, 6}, 3, 2)
                .longs("n", new long[] {5})), file);
        byte[] good = Files.readAllBytes(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (int i = 0; i < good.length; i++) {
                ch.write(ByteBuffer.wrap(new byte[] {(byte) (good[i] ^ (1 << (i % 8)))}), i);   // flip one bit in place
                final int at = i;
                BadFileException e = assertThrows(BadFileException.class, () -> ModelIO.load(file, "sample",
                        in -> in.floats("c")), "a flip at byte " + at + " of " + good.length + " must be refused");
                assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
                ch.write(ByteBuffer.wrap(good, i, 1), i);
            }
        }
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, ModelIO.load(file, "sample", in -> in.floats("c")), 0f,
                "the restored file loads");
    }

    @Test void flippedArrayByteNamesTheChecksum() throws IOException {
        Path file = saved(sample());
        byte[] b = Files.readAllBytes(file);
        b[b.length - 10] ^= 1;   // inside the last array
        Files.write(file, b);
        assertEquals(file + ": damaged: the checksum does not match the content", refused(file).getMessage());
        assertEquals(file + ": damaged: the checksum does not match the content",
                assertThrows(BadFileException.class, () -> ModelIO.check(file)).getMessage(), "check reads it all");
        assertEquals("sample", ModelIO.kind(file), "the header alone is intact");
    }

    @Test void truncatedFilesAreRefused() throws IOException {
        Path file = saved(sample());
        byte[] good = Files.readAllBytes(file);
        for (int length : new int[] {0, 1, 7, 8, 20, 31, 32, 35, 100, good.length / 2, good.length - 5,
                good.length - 4, good.length - 1}) {
            Files.write(file, Arrays.copyOf(good, length));
            String message = refused(file).getMessage();
            if (length >= 36) {
                assertTrue(message.contains("truncated"), "message for " + length + " bytes: " + message);
                assertTrue(message.contains(length + " bytes"), "message names the length: " + message);
            }
            assertThrows(BadFileException.class, () -> ModelIO.kind(file), "header of " + length + " bytes");
        }
    }

    @Test void trailingBytesAreRefused() throws IOException {
        Path file = saved(sample());
        Files.write(file, new byte[] {0}, StandardOpenOption.APPEND);
        assertTrue(refused(file).getMessage().contains("damaged"), "an appended byte is damage");
    }

    @Test void anotherKindIsRefusedNamingBoth() throws IOException {
        Path file = saved(sample());
        var e = assertThrows(BadFileException.class, () -> ModelIO.load(file, "pca", in -> "never read"));
        assertEquals(file + ": holds a sample model, expected pca", e.getMessage());
        ModelIO.save(model("autoencoder", out -> { }), file);
        e = assertThrows(BadFileException.class, () -> ModelIO.load(file, "kmeans", in -> "never read"));
        assertEquals(file + ": holds an autoencoder model, expected kmeans", e.getMessage());
    }

    @Test void numpyFileIsRefusedAsForeign() throws IOException {
        Path file = dir.resolve("x.npy");
        Npy.write(file, new float[] {1, 2, 3}, 3);
        assertEquals(file + ": not a Latent model file (it is a NumPy .npy file)", refused(file).getMessage());
        assertFalse(ModelIO.isModelFile(file));
        Path text = Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n");
        assertTrue(refused(text).getMessage().contains("not a Latent model file (it starts with bytes 61 2C 62"),
                refused(text).getMessage());
    }

    @Test void newerFormatVersionIsRefusedSayingSo() throws IOException {
        Path file = saved(sample());
        byte[] b = Files.readAllBytes(file);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 2);
        Files.write(file, b);
        String message = refused(file).getMessage();
        assertTrue(message.contains("format version 2") && message.contains("newer"), message);
        assertThrows(BadFileException.class, () -> ModelIO.kind(file));
        assertTrue(ModelIO.isModelFile(file), "still recognized as a model file");
    }

    @Test void missingOrMistypedValuesNameTheKey() throws IOException {
        Path file = saved(sample());
        assertEquals(file + ": missing header value \"k\"",
                assertThrows(BadFileException.class, () -> ModelIO.load(file, "sample", in -> in.integer("k"))).getMessage());
        assertEquals(file + ": header value \"name\" must be an integer, got \"naïve \\\"quoted\\\" ✓ \\u2028 line\"",
                assertThrows(BadFileException.class, () -> ModelIO.load(file, "sample", in -> in.integer("name"))).getMessage());
        assertEquals(file + ": header value \"small\" must be a string, got -42",
                assertThrows(BadFileException.class, () -> ModelIO.load(file, "sample", in -> in.string("small"))).getMessage());
        assertEquals(file + ": header value \"big\" must be a 32-bit integer, got " + Long.MIN_VALUE,
                assertThrows(BadFileException.class, () -> ModelIO.load(file, "sample", in -> in.integer("big"))).getMessage());
        assertEquals(file + ": array \"i32\" holds int32, expected float32",
                assertThrows(BadFileException.class, () -> ModelIO.load(file, "sample", in -> in.floats("i32"))).getMessage());
        assertEquals(file + ": missing array \"w\"",
                assertThrows(BadFileException.class, () -> ModelIO.load(file, "sample", in -> in.floats("w"))).getMessage());
        assertEquals(file + ": \"f64\" is an array, expected a header value",
                assertThrows(BadFileException.class, () -> ModelIO.load(file, "sample", in -> in.number("f64"))).getMessage());
    }

    @Test void readerRejectingTheValuesGivesABadFile() throws IOException {
        Path file = saved(sample());
        var e = assertThrows(BadFileException.class, () -> ModelIO.load(file, "sample", in -> {
            throw new IllegalArgumentException("k must be >= 1, got 0");
        }));
        assertEquals(file + ": invalid sample model: k must be >= 1, got 0", e.getMessage());
    }

    @Test void headerGivesKindShapesReportAndProvenanceWithoutTheArrays() throws IOException {
        Path file = dir.resolve("m.latent");
        Sample s = sample();
        ModelIO.save(s, file, w -> w.provenance("dataset", "digits").provenance("dataShape", new int[] {1797, 64}));
        ModelHeader h = ModelIO.header(file);
        assertEquals("sample", h.kind());
        assertEquals(ModelIO.FORMAT_VERSION, h.formatVersion());
        assertEquals(s.report(), h.report());
        assertEquals("digits", h.provenance().get("dataset").asString());
        assertEquals(Json.array(1797, 64), h.provenance().get("dataShape"));
        assertTrue(h.provenance().has("library") && h.provenance().has("saved"), "library version and time saved");
        assertEquals(-42, h.values().get("small").asInt());
        assertEquals(List.of("f32", "f64", "i32", "i64"), h.arrays().stream().map(ModelHeader.ArrayInfo::name).toList());
        assertArrayEquals(new int[] {2, 1, 2}, h.arrays().get(2).shape());
        assertEquals("float64", h.arrays().get(1).type());
        assertEquals(Files.size(file), h.fileLength());
        assertEquals("sample", ModelIO.kind(file));
        assertTrue(ModelIO.isModelFile(file));
        assertEquals(h.toJson(), ModelIO.check(file).toJson(), "check gives the same header");
    }

    @Test void writerRejectsReusedNamesAndWrongShapes() {
        ModelWriter w = new ModelWriter();
        w.put("a", 1);
        assertThrows(IllegalArgumentException.class, () -> w.floats("a", new float[1]), "name shared with a value");
        var e = assertThrows(IllegalArgumentException.class, () -> w.floats("b", new float[6], 2, 2));
        assertEquals("shape (2, 2) of b holds 4 elements, but the array has 6", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.ints("c", new int[0], -1, 0));
    }

    @Test void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = saved(sample());
        byte[] before = Files.readAllBytes(file);
        // an interrupt closes the channel on the first write: a failure in the middle of writing
        Thread.currentThread().interrupt();
        try {
            IOException e = assertThrows(IOException.class, () -> ModelIO.save(model("sample",
                    out -> out.floats("x", new float[1 << 20])), file));
            assertTrue(e.getMessage().startsWith(file + ": "), "names the file: " + e.getMessage());
        } finally {
            Thread.interrupted();
        }
        assertArrayEquals(before, Files.readAllBytes(file), "the old file is intact");
        // a model failing to write itself leaves nothing either
        Path fresh = dir.resolve("fresh.latent");
        assertThrows(IllegalStateException.class, () -> ModelIO.save(model("x", out -> {
            throw new IllegalStateException("broken");
        }), fresh));
        // a rename that fails (the target is a non-empty folder) happens after the whole content was written
        Path folder = Files.createDirectory(dir.resolve("folder.latent"));
        Files.writeString(folder.resolve("keep"), "keep");
        assertThrows(IOException.class, () -> ModelIO.save(sample(), folder));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("folder.latent", "sample.latent"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file and no half-written target");
        }
        assertEquals("keep", Files.readString(folder.resolve("keep")));
    }

    @Test void readerGettersThrowUncheckedInsideTheReaderOnly() throws IOException {
        Path file = saved(sample());
        // inside a reader, a missing value is an UncheckedIOException wrapping the BadFileException
        var e = assertThrows(BadFileException.class, () -> ModelIO.load(file, "sample", in -> {
            try {
                return in.string("missing");
            } catch (UncheckedIOException u) {
                assertInstanceOf(BadFileException.class, u.getCause());
                throw u;
            }
        }));
        assertTrue(e.getMessage().endsWith("missing header value \"missing\""), e.getMessage());
    }

    /** A model of the given kind that writes what {@code body} says. */
    static SavableModel model(String kind, Consumer<ModelWriter> body) {
        FitReport r = FitReport.of(1, true, 0, new double[0], Duration.ZERO);
        return new SavableModel() {
            @Override public String kind() {
                return kind;
            }

            @Override public void writeTo(ModelWriter out) {
                body.accept(out);
            }

            @Override public FitReport report() {
                return r;
            }
        };
    }

    /**
     * Reads and checksums 2 GiB, which takes 15-20 s on a loaded machine: runs only when the environment variable
     * LATENT_BIG_FILE_TESTS is {@code 1}.
     */
    @Tag("slow")
    @Test void arrayBeyondTwoGigabytesIsFoundAndChecked() throws IOException {
        Assumptions.assumeTrue("1".equals(System.getenv("LATENT_BIG_FILE_TESTS")), "LATENT_BIG_FILE_TESTS not set");
        // A file of more than 2^31 bytes, built by hand as a sparse file: an int64 array of one element, 42, at
        // offset 2^31 + 64 of the data section, after 2 GiB of zero padding (which costs no disk). Loading must
        // seek, read and checksum past 2^31 (the writer's arithmetic is the same and is exercised with small
        // buffers in arraysSpanningManySmallBuffersRoundTrip).
        long offset = (1L << 31) + 64;
        String header = "{\"kind\":\"sample\",\"formatVersion\":1,\"values\":{},\"report\":{\"iterations\":0,"
                + "\"converged\":true,\"objective\":0.0,\"history\":[],\"time\":\"PT0S\",\"version\":\"dev\"},"
                + "\"provenance\":{},\"arrays\":[{\"name\":\"answer\",\"type\":\"int64\",\"shape\":[1],\"offset\":"
                + offset + "}]}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        long dataStart = (32 + h.length + 63) / 64 * 64;
        long length = dataStart + offset + 8 + 4;
        ByteBuffer pre = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C headerCrc = new CRC32C();
        headerCrc.update(h);
        pre.put(new byte[] {(byte) 0x89, 'L', 'A', 'T', 'E', 'N', 'T', '\n'}).putInt(1).putInt(h.length).putLong(length)
                .putInt((int) headerCrc.getValue()).putInt(0).flip();
        ByteBuffer answer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 42);
        // the checksum of everything before it: preamble, header, zeros up to the answer, the answer
        CRC32C all = new CRC32C();
        all.update(pre.duplicate());
        all.update(h);
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 22);
        for (long left = dataStart + offset - 32 - h.length; left > 0; left -= zeros.limit()) {
            zeros.clear().limit((int) Math.min(left, zeros.capacity()));
            all.update(zeros);
        }
        all.update(answer.duplicate());
        Path file = dir.resolve("big.latent");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            ch.write(pre, 0);
            ch.write(ByteBuffer.wrap(h), 32);
            ch.write(answer, dataStart + offset);
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) all.getValue()), length - 4);
        }
        assertTrue(Files.size(file) > (1L << 31), "more than 2^31 bytes");
        assertEquals(offset, ModelIO.header(file).arrays().get(0).offset(), "a 64-bit offset");
        assertArrayEquals(new long[] {42}, ModelIO.load(file, "sample", in -> in.longs("answer")), "read past 2^31");
    }
}
