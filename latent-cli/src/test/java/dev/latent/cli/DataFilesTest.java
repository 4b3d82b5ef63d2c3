package dev.latent.cli;

import dev.latent.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code latent info} on small files written byte by byte here, through the real DATA resolution. */
class DataFilesTest {
    @TempDir
    Path dir;

    /** Runs the public entry point, which uses the library's registry and DataSource. */
    static Cli latent(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code;
        try (var o = new PrintStream(out, true, StandardCharsets.UTF_8);
             var e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(o, e, args);
        }
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A version 1.0 .npy file of little-endian float32 values in C order. */
    static Path npy(Path file, int rows, int cols, float... values) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        for (float v : values) b.putFloat(v);
        return Files.write(file, b.array());
    }

    /** An IDX images file of {@code n} images of {@code h x w} bytes and its labels file beside it. */
    static Path idx(Path folder, int n, int h, int w, byte[] pixels, byte[] labels) throws IOException {
        ByteBuffer images = ByteBuffer.allocate(16 + pixels.length); // big-endian, as IDX is
        images.putInt(0x00000803).putInt(n).putInt(h).putInt(w).put(pixels);
        ByteBuffer l = ByteBuffer.allocate(8 + labels.length);
        l.putInt(0x00000801).putInt(n).put(labels);
        Files.write(folder.resolve("train-labels-idx1-ubyte"), l.array());
        return Files.write(folder.resolve("train-images-idx3-ubyte"), images.array());
    }

    @Test
    void infoOnANpyFile() throws IOException {
        // 3 x 2 values 1..6: min 1, max 6, mean 3.5
        Path file = npy(dir.resolve("x.npy"), 3, 2, 1, 2, 3, 4, 5, 6);
        Cli r = latent("info", file.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Json.JsonObject o = Json.parse(r.out()).asObject();
        assertEquals(3, o.get("samples").asInt(), "rows");
        assertEquals(Json.array(2), o.get("shape"), "columns");
        assertEquals("float32", o.get("storage").asString(), "storage");
        Json.JsonObject v = o.get("values").asObject();
        assertEquals(1.0, v.get("min").asDouble(), "min");
        assertEquals(6.0, v.get("max").asDouble(), "max");
        assertEquals(3.5, v.get("mean").asDouble(), 1e-12, "mean");
    }

    @Test
    void infoOnAnIdxFileCountsItsLabels() throws IOException {
        byte[] pixels = new byte[4 * 2 * 3];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) (10 * i);
        Path images = idx(dir, 4, 2, 3, pixels, new byte[] {7, 3, 7, 7});
        Cli r = latent("info", images.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Json.JsonObject o = Json.parse(r.out()).asObject();
        assertEquals(4, o.get("samples").asInt(), "images");
        assertEquals(Json.array(1, 2, 3), o.get("shape"), "one channel, 2 x 3");
        assertEquals("uint8", o.get("storage").asString(), "bytes kept as bytes");
        Json.JsonArray counts = o.get("labels").asObject().get("counts").asArray();
        assertEquals(3, counts.get(7).asObject().get("count").asInt(), "three 7s");
        assertEquals(1, counts.get(3).asObject().get("count").asInt(), "one 3");
        assertEquals(0, counts.get(0).asObject().get("count").asInt(), "no 0s");
        assertEquals(230.0, o.get("values").asObject().get("max").asDouble(), "largest byte 10 * 23");

        Cli text = latent("info", images.toString(), "--limit", "2");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("1 x 2 x 3"), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("\\s*7\\s+1\\s+50\\.0%")), "one 7 in the first two:\n" + text.out());
    }

    @Test
    void infoOnACsvFile() throws IOException {
        Path file = Files.writeString(dir.resolve("points.csv"), "a,b,c\n1,2,3\n4,5,6\n");
        Cli r = latent("info", file.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Json.JsonObject o = Json.parse(r.out()).asObject();
        assertEquals(2, o.get("samples").asInt(), "data rows");
        assertEquals(Json.array(3), o.get("shape"), "columns");
        assertEquals(3.5, o.get("values").asObject().get("mean").asDouble(), 1e-12, "mean of 1..6");
    }

    @Test
    void aMissingFileIsNamedInOneLine() {
        Path missing = dir.resolve("nope.npy");
        Cli r = latent("info", missing.toString());
        assertEquals(2, r.code(), "bad input");
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("latent: " + missing), "names the file: " + r.err());
        assertTrue(!r.err().contains("Exception"), "no stack trace: " + r.err());
    }

    @Test
    void aMalformedFileIsNamedInOneLine() throws IOException {
        Path bad = Files.write(dir.resolve("bad.npy"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        Cli r = latent("info", bad.toString());
        assertEquals(2, r.code(), "bad input");
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("latent: " + bad + ": "), "names the file: " + r.err());
    }

    @Test
    void nanInAFileIsRefused() throws IOException {
        Path file = npy(dir.resolve("nan.npy"), 2, 2, 1, 2, 3, Float.NaN);
        Cli r = latent("info", file.toString());
        assertEquals(2, r.code(), "refused");
        assertTrue(r.err().startsWith("latent: " + file + " has NaN at row 1, column 1 (1 non-finite value in all)"),
                "names the file, the place and the count: " + r.err());
    }

    @Test
    void anUnknownNameListsTheRegisteredOnes() {
        Cli r = latent("info", "mnistt");
        assertEquals(2, r.code(), "bad input");
        assertTrue(r.err().contains("unknown dataset 'mnistt'") && r.err().contains("mnist"), r.err());
    }

    @Test
    void datasetsListsTheBundledDigits() {
        Cli r = latent("datasets", "--json");
        assertEquals(0, r.code(), r.err());
        Json.JsonArray list = Json.parse(r.out()).asObject().get("datasets").asArray();
        Json.JsonObject digits = list.elements().stream().map(Json::asObject)
                .filter(e -> e.get("name").asString().equals("digits")).findFirst().orElseThrow();
        assertTrue(digits.get("cached").asBoolean(), "digits ship with the library");
        assertEquals(Json.array(1, 8, 8), digits.get("shape"), "8 x 8 images");
    }
}
