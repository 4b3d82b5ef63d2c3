package dev.latent.cli;

import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.data.FloatStore;
import dev.latent.data.Matrix;
import dev.latent.data.SampleShape;
import dev.latent.io.Json;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    /** Six 1 x 2 x 3 byte images; labels 0, 1, 1, 2, 2, 2. */
    static Dataset tinyImages() {
        byte[] bytes = new byte[6 * 6];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i * 7); // 0, 7, ..., 245: all distinct
        return Dataset.of("tiny", SampleShape.image(1, 2, 3), ByteStore.of(bytes, 6, 6),
                new int[] {0, 1, 1, 2, 2, 2}, List.of("zero", "one", "two"));
    }

    /** Two rows of 2 floats: 1, 2 / 3, -4. */
    static Dataset floats() {
        return Dataset.of("floats", Matrix.of(2, 2, 1, 2, 3, -4));
    }

    /** Three rows with a NaN at row 1, column 0 and an infinity at row 2, column 1. */
    static Dataset withNonFinite() {
        return Dataset.of("bad", Matrix.of(3, 2, 1, 2, Float.NaN, 5, -1, Float.POSITIVE_INFINITY));
    }

    static final FakeData DATA = new FakeData(
            Map.of("tiny", tinyImages(), "floats", floats(), "bad", withNonFinite()),
            List.of(new DataAccess.Entry("digits", "8x8 handwritten digits", 1797, SampleShape.image(1, 8, 8),
                            "UCI", true, true, Optional.empty()),
                    new DataAccess.Entry("mnist", "handwritten digits", 70000, SampleShape.image(1, 28, 28),
                            "https://example.org/mnist", false, true, Optional.empty()),
                    new DataAccess.Entry("sat6", "satellite tiles", 405000, SampleShape.image(4, 28, 28),
                            "https://example.org/sat6", true, false, Optional.of(Path.of("/data/sat6"))),
                    new DataAccess.Entry("sat6:test", "satellite tiles", 81000, SampleShape.image(4, 28, 28),
                            "https://example.org/sat6", false, false, Optional.empty())));

    static Cli run(String... args) {
        return Cli.run(DATA, args);
    }

    @Test
    void helpExitsZeroAndListsTheCommands() {
        Cli r = run("--help");
        assertEquals(0, r.code(), "exit code of --help");
        assertTrue(r.out().contains("datasets") && r.out().contains("info"), "lists the commands:\n" + r.out());
        assertEquals("", r.err(), "nothing on stderr");
    }

    /** Every command below {@code latent} that does work (not a group), as its words: {@code [info]}, {@code [cluster, kmeans]}. */
    static List<List<String>> leafCommands() {
        List<List<String>> out = new java.util.ArrayList<>();
        collect(new CommandLine(new Main(DATA, false)), new java.util.ArrayList<>(), out);
        return out;
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        for (var e : cl.getSubcommands().entrySet()) {
            List<String> p = new java.util.ArrayList<>(path);
            p.add(e.getKey());
            if (e.getValue().getCommand() instanceof LatentCommand) out.add(p);
            collect(e.getValue(), p, out);
        }
    }

    @Test
    void everyCommandHasHelpWithTheSharedOptions() {
        List<List<String>> commands = leafCommands();
        assertTrue(commands.contains(List.of("info")) && commands.contains(List.of("datasets")), "found " + commands);
        assertTrue(commands.containsAll(List.of(List.of("cluster", "kmeans"), List.of("cluster", "hierarchical"),
                List.of("reduce", "pca"), List.of("reduce", "tsne"))), "found " + commands);
        for (List<String> command : commands) {
            List<String> args = new java.util.ArrayList<>(command);
            args.add("--help");
            Cli r = run(args.toArray(String[]::new));
            assertEquals(0, r.code(), command + " --help exit code");
            for (String option : new String[] {"--help", "--json", "--seed", "--threads", "--debug", "--quiet"}) {
                assertTrue(r.out().contains(option), command + " --help mentions " + option + ":\n" + r.out());
            }
            boolean readsData = r.out().contains("DATA");
            if (readsData) {
                for (String option : new String[] {"--data-dir", "--limit"}) {
                    assertTrue(r.out().contains(option), command + " reads DATA, so takes " + option + ":\n" + r.out());
                }
            }
        }
        Cli info = run("info", "--help");
        assertTrue(info.out().contains("--out") && info.out().contains("--allow-nonfinite"), info.out());
    }

    @Test
    void versionExitsZero() {
        Cli r = run("--version");
        assertEquals(0, r.code(), "exit code of --version");
        assertTrue(r.out().startsWith("latent "), "version line: " + r.out());
    }

    @Test
    void unknownOptionExitsTwoWithOneLine() {
        Cli r = run("info", "--bogus", "tiny");
        assertEquals(2, r.code(), "usage error exit code");
        assertEquals(1, r.errLines().length, "one line on stderr: " + r.err());
        assertTrue(r.err().startsWith("latent: ") && r.err().contains("--bogus"), r.err());
        assertTrue(r.err().strip().endsWith("(see 'latent info --help')"), "points to the help: " + r.err());
        assertEquals("", r.out(), "nothing on stdout");
    }

    @Test
    void missingArgumentAndMissingCommandExitTwoWithOneLine() {
        for (String[] args : new String[][] {{"info"}, {}, {"frobnicate"}, {"info", "tiny", "--seed", "x"}}) {
            Cli r = run(args);
            assertEquals(2, r.code(), "exit code for " + List.of(args));
            assertEquals(1, r.errLines().length, "one line for " + List.of(args) + ": " + r.err());
            assertTrue(r.err().startsWith("latent: "), r.err());
        }
    }

    @Test
    void noCommandNamesTheChoices() {
        Cli r = run();
        assertEquals(2, r.code(), "exit code without a command");
        assertEquals("latent: latent needs a command (datasets, info, cluster, reduce, train, encode, reconstruct, export, generate, interpolate, evaluate, tutorial, report); run 'latent --help' for details",
                r.err().strip(), "one line naming the commands");
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        Cli r = run("inf", "tiny");
        assertEquals(2, r.code(), "usage error");
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("did you mean info"), r.err());
    }

    @Test
    void missingFileExitsTwoNamingTheFileWithoutStackTrace() {
        Cli r = run("info", "/no/such/file.npy");
        assertEquals(2, r.code(), "bad input exit code");
        assertEquals("latent: /no/such/file.npy: no such file or folder", r.err().strip(), "one line naming the file");
        assertEquals("", r.out(), "nothing on stdout");
    }

    @Test
    void debugShowsTheStackTrace() {
        Cli r = run("info", "/no/such/file.npy", "--debug");
        assertEquals(2, r.code(), "exit code unchanged by --debug");
        assertTrue(r.err().contains("NoSuchFileException") && r.err().contains("\tat "), "stack trace:\n" + r.err());
        String[] lines = r.errLines();
        assertEquals("latent: /no/such/file.npy: no such file or folder", lines[lines.length - 1], "message last");
    }

    @Test
    void unexpectedErrorsExitOneAndPointToDebug() {
        Cli r = Cli.run(FakeData.failing(new IllegalStateException("boom")), "info", "x");
        assertEquals(1, r.code(), "internal error exit code");
        assertEquals("latent: internal error: java.lang.IllegalStateException: boom (run with --debug for details)",
                r.err().strip(), "one line with the hint");
    }

    @Test
    void badInputExceptionsExitTwo() {
        for (Exception e : new Exception[] {new IllegalArgumentException("k must be >= 1, got 0"),
                new ArithmeticException("loss is NaN at epoch 3"), new IOException("disk on fire")}) {
            Cli r = Cli.run(FakeData.failing(e), "info", "x");
            assertEquals(2, r.code(), "exit code for " + e);
            assertEquals("latent: " + e.getMessage(), r.err().strip(), "message of " + e);
        }
    }

    @Test
    void jsonOutputIsOneObjectWithResultsAndTimings() {
        Cli r = run("info", "tiny", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "nothing on stderr");
        assertEquals(1, r.out().strip().lines().count(), "one line on stdout");
        Json.JsonObject o = Json.parse(r.out()).asObject();
        assertEquals("info", o.get("command").asString(), "command");
        assertEquals(0, o.get("seed").asLong(), "default seed");
        assertEquals(6, o.get("samples").asInt(), "samples");
        assertEquals(Json.array(1, 2, 3), o.get("shape"), "shape");
        assertEquals("uint8", o.get("storage").asString(), "storage");
        assertEquals(36, o.get("bytes").asLong(), "6 samples x 6 bytes");
        assertTrue(o.get("timings").asObject().has("load"), "load timing");
        assertTrue(o.get("seconds").asDouble() >= 0, "total seconds");
    }

    @Test
    void infoReportsShapeLabelCountsAndValueRange() {
        Json.JsonObject o = Json.parse(run("info", "tiny", "--json").out()).asObject();
        Json.JsonArray counts = o.get("labels").asObject().get("counts").asArray();
        assertEquals(3, counts.size(), "three classes");
        int[] expected = {1, 2, 3};
        for (int c = 0; c < 3; c++) {
            assertEquals(expected[c], counts.get(c).asObject().get("count").asInt(), "count of class " + c);
        }
        assertEquals("two", counts.get(2).asObject().get("name").asString(), "class name");
        Json.JsonObject v = o.get("values").asObject();
        // bytes 0, 7, ..., 245 (36 values): min 0, max 245, mean 7 * 17.5 = 122.5
        assertEquals(0.0, v.get("min").asDouble(), "min");
        assertEquals(245.0, v.get("max").asDouble(), "max");
        assertEquals(122.5, v.get("mean").asDouble(), 1e-12, "mean");
        // std of 7 * (0..35) = 7 * sqrt((36^2 - 1) / 12)
        assertEquals(7 * Math.sqrt((36.0 * 36 - 1) / 12), v.get("std").asDouble(), 1e-9, "std");

        Cli text = run("info", "tiny");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("1 x 2 x 3"), "shape in text:\n" + text.out());
        assertTrue(text.out().contains("3 classes"), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("\\s*2\\s+two\\s+3\\s+50\\.0%")), "class 2 row:\n" + text.out());
        assertTrue(text.out().contains("uint8"), text.out());
    }

    @Test
    void infoOnFloatDataComputesTheRangeByHand() {
        // values 1, 2, 3, -4: mean 0.5; squared deviations 0.25 + 2.25 + 6.25 + 20.25 = 29, variance 29 / 4
        Json.JsonObject o = Json.parse(run("info", "floats", "--json").out()).asObject();
        Json.JsonObject v = o.get("values").asObject();
        assertEquals(-4.0, v.get("min").asDouble(), "min");
        assertEquals(3.0, v.get("max").asDouble(), "max");
        assertEquals(0.5, v.get("mean").asDouble(), 1e-12, "mean");
        assertEquals(Math.sqrt(29 / 4.0), v.get("std").asDouble(), 1e-12, "std");
        assertEquals(Json.array(2), o.get("shape"), "a vector shape");
        assertEquals(16, o.get("bytes").asLong(), "4 floats of 4 bytes");
        assertTrue(o.get("labels").isNull(), "no labels");
    }

    @Test
    void nonFiniteDataIsRefusedWithCountAndFirstPosition() {
        Cli r = run("info", "bad");
        assertEquals(2, r.code(), "bad input");
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("latent: bad has NaN at row 1, column 0 (2 non-finite values in all)"), r.err());
        assertTrue(r.err().contains("--allow-nonfinite"), "names the escape: " + r.err());
    }

    @Test
    void allowNonFiniteReportsTheCountAndRangeOfTheRest() {
        Cli r = run("info", "bad", "--allow-nonfinite", "--json");
        assertEquals(0, r.code(), r.err());
        Json.JsonObject v = Json.parse(r.out()).asObject().get("values").asObject();
        assertEquals(2, v.get("nonFinite").asLong(), "NaN and infinity counted");
        assertEquals(-1.0, v.get("min").asDouble(), "min of the finite values 1, 2, 5, -1");
        assertEquals(5.0, v.get("max").asDouble(), "max of the finite values");
        assertEquals(1.75, v.get("mean").asDouble(), 1e-12, "mean of 1, 2, 5, -1");
        Json.JsonObject first = v.get("firstNonFinite").asObject();
        assertEquals(1, first.get("row").asInt(), "row of the NaN");
        assertEquals(0, first.get("column").asInt(), "column of the NaN");
        Cli text = run("info", "bad", "--allow-nonfinite");
        assertTrue(text.out().contains("2 values, the first NaN at row 1, column 0"), text.out());
    }

    @Test
    void limitTakesTheFirstSamples() {
        Json.JsonObject o = Json.parse(run("info", "tiny", "--limit", "3", "--json").out()).asObject();
        assertEquals(3, o.get("samples").asInt(), "three samples");
        Json.JsonArray counts = o.get("labels").asObject().get("counts").asArray();
        assertEquals(1, counts.get(0).asObject().get("count").asInt(), "labels 0, 1, 1: one zero");
        assertEquals(2, counts.get(1).asObject().get("count").asInt(), "two ones");
        assertEquals(0, counts.get(2).asObject().get("count").asInt(), "no twos");
        Cli big = run("info", "tiny", "--limit", "100", "--json");
        assertEquals(6, Json.parse(big.out()).asObject().get("samples").asInt(), "a limit above the size keeps all");
        Cli zero = run("info", "tiny", "--limit", "0");
        assertEquals(2, zero.code(), "limit 0 is bad usage");
        assertEquals("latent: --limit must be >= 1, got 0", zero.err().strip(), "names the option");
    }

    @Test
    void threadsBelowOneIsBadUsage() {
        Cli r = run("info", "tiny", "--threads", "0");
        assertEquals(2, r.code(), "exit code");
        assertEquals("latent: --threads must be >= 1, got 0 (see 'latent info --help')", r.err().strip(), "one line");
        Cli one = run("info", "tiny", "--threads", "1", "--json");
        assertEquals(1, Json.parse(one.out()).asObject().get("threads").asInt(), "threads reported");
    }

    @Test
    void errorsInJsonModeLeaveStdoutEmpty() {
        Cli r = run("info", "missing.csv", "--json");
        assertEquals(2, r.code(), "exit code");
        assertEquals("", r.out(), "no partial JSON");
        assertEquals(1, r.errLines().length, r.err());
    }

    @Test
    void datasetsListsEachEntryWithWhereItIsCached() {
        Cli r = run("datasets");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(7, lines.size(), "a header, four rows, a blank line and where the cache is:\n" + r.out());
        assertTrue(lines.get(6).startsWith("Downloads are cached in /cache/datasets"), lines.get(6));
        assertTrue(lines.get(1).matches("digits\\s+1797\\s+1 x 8 x 8\\s+bundled\\s+UCI"), lines.get(1));
        assertTrue(lines.get(2).contains("no (downloaded on first use)"), lines.get(2));
        assertTrue(lines.get(3).contains("/data/sat6"), lines.get(3));
        assertTrue(lines.get(4).contains("no (fetch by hand)"), "sat6:test cannot be downloaded: " + lines.get(4));

        Json.JsonObject o = Json.parse(run("datasets", "--json").out()).asObject();
        assertEquals("/cache/datasets", o.get("cache").asString(), "cache folder");
        Json.JsonArray list = o.get("datasets").asArray();
        assertEquals(4, list.size(), "four datasets");
        Json.JsonObject sat6 = list.get(2).asObject();
        assertEquals(405000, sat6.get("samples").asInt(), "samples");
        assertEquals(Json.array(4, 28, 28), sat6.get("shape"), "shape");
        assertTrue(sat6.get("cached").asBoolean(), "cached");
        assertEquals("/data/sat6", sat6.get("location").asString(), "location");
        assertFalse(sat6.get("downloadable").asBoolean(), "sat6 is fetched by hand");
        assertTrue(list.get(1).asObject().get("location").isNull(), "mnist has no location");
    }

    @Test
    void outWritesASampleGridOfTheImages(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("figures");
        Cli r = run("info", "tiny", "--out", out.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Path png = out.resolve("samples.png");
        assertEquals(png.toString(), Json.parse(r.out()).asObject().get("files").asObject().get("samples").asString(),
                "the file is reported");
        BufferedImage img = ImageIO.read(png.toFile());
        // six 3 x 2 samples in one row, one-pixel gaps: 6 * 3 + 5 = 23 wide, 2 high
        assertEquals(23, img.getWidth(), "grid width");
        assertEquals(2, img.getHeight(), "grid height");
        assertEquals(42, img.getRaster().getSample(4, 0, 0), "first pixel of sample 1 is byte 6 * 7");
        assertEquals(245, img.getRaster().getSample(22, 1, 0), "last pixel of sample 5 is byte 35 * 7");
        assertEquals(128, img.getRaster().getSample(3, 0, 0), "gap between samples");
    }

    @Test
    void outStretchesLowRangeBytesToTheFullGrayScale(@TempDir Path dir) throws IOException {
        // one 1 x 1 x 3 image of bytes 0, 8, 16 (like the 8 x 8 digits' 0 to 16): drawn 0, 128, 255
        Dataset small = Dataset.of("small", SampleShape.image(1, 1, 3), ByteStore.of(new byte[] {0, 8, 16}, 1, 3),
                new int[0], List.of());
        Cli r = Cli.run(new FakeData(Map.of("small", small), List.of()), "info", "small", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage img = ImageIO.read(dir.resolve("samples.png").toFile());
        assertEquals(0, img.getRaster().getSample(0, 0, 0), "0 is black");
        assertEquals(128, img.getRaster().getSample(1, 0, 0), "8 is mid gray (127.5 rounded)");
        assertEquals(255, img.getRaster().getSample(2, 0, 0), "16 is white");
    }

    @Test
    void outOnVectorDataWritesNothingAndSaysSo(@TempDir Path dir) {
        Cli r = run("info", "floats", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(dir.resolve("samples.png")), "no grid for 2-value vectors");
        assertTrue(r.err().contains("not images"), "a note on stderr: " + r.err());
    }

    @Test
    void outThatIsAFileIsBadInput(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        Cli r = run("info", "tiny", "--out", file.toString());
        assertEquals(2, r.code(), "exit code");
        assertEquals("latent: " + file + ": not a folder", r.err().strip(), "names the path");
    }

    @Test
    void pickChoosesDistinctSortedIndicesReproducibly() {
        int[] a = InfoCommand.pick(1000, 64, 5);
        assertEquals(64, a.length, "count");
        for (int i = 1; i < a.length; i++) assertTrue(a[i - 1] < a[i], "strictly increasing, so distinct");
        assertTrue(a[0] >= 0 && a[63] < 1000, "in range");
        assertTrue(java.util.Arrays.equals(a, InfoCommand.pick(1000, 64, 5)), "same seed, same pick");
        assertFalse(java.util.Arrays.equals(a, InfoCommand.pick(1000, 64, 6)), "another seed, another pick");
        assertTrue(java.util.Arrays.equals(new int[] {0, 1, 2}, InfoCommand.pick(3, 3, 9)), "all when k = n");
    }

    @Test
    void numbersInTextHaveSixSignificantDigitsAndNoTrailingZeros() {
        assertEquals("16", InfoCommand.number(16.0), "an integer");
        assertEquals("0.5", InfoCommand.number(0.5), "trailing zeros dropped");
        assertEquals("4.88416", InfoCommand.number(4.884164579855314), "six significant digits");
        assertEquals("1.5e-07", InfoCommand.number(1.5e-7), "exponent form keeps its exponent");
    }

    @Test
    void quietAndTextModesKeepStderrEmptyOnSuccess() {
        Cli r = run("info", "tiny", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "no progress when stderr is not a terminal");
        assertFalse(r.out().isEmpty(), "text on stdout");
    }
}
