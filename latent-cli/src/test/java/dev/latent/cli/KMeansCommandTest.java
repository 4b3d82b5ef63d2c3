package dev.latent.cli;

import dev.latent.io.Json;
import dev.latent.io.Npy;
import dev.latent.io.NpyArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.latent.data.Matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KMeansCommandTest {
    @Test
    void twoBlobsAreFoundAndTheFilesHaveTheRightShapes(@TempDir Path dir) throws IOException {
        Cli r = Blobs.run("cluster", "kmeans", "two", "--k", "2", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("ARI \\(vs labels\\)\\s+1")), "ARI 1 printed:\n" + r.out());

        NpyArray labels = Npy.read(dir.resolve("labels.npy"));
        assertEquals("<i4", labels.dtype(), "labels are int32");
        assertArrayEquals(new int[] {40}, labels.shape(), "one label per sample");
        int[] l = labels.toInts();
        for (int i = 0; i < 40; i++) assertEquals(l[0] == l[39] ? -1 : l[i / 20 * 39], l[i], "sample " + i + " with its blob");

        NpyArray centers = Npy.read(dir.resolve("centers.npy"));
        assertEquals("<f4", centers.dtype(), "centres are float32");
        assertArrayEquals(new int[] {2, 2}, centers.shape(), "k x d");
        float[] c = centers.toFloats();
        // each centre is the mean of its blob: within 1 of (0, 0) or of (100, 100)
        float[] expected0 = l[0] == 0 ? new float[] {0, 0, 100, 100} : new float[] {100, 100, 0, 0};
        for (int j = 0; j < 4; j++) assertEquals(expected0[j], c[j], 1.0, "centre coordinate " + j);
        assertFalse(Files.exists(dir.resolve("centers.png")), "vectors of 2 values are not drawn");
    }

    @Test
    void jsonParsesAndHoldsTheMetrics() {
        Cli r = Blobs.run("cluster", "kmeans", "two", "--k", "2", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().strip().lines().count(), "one line of JSON");
        Json.JsonObject o = Json.parse(r.out()).asObject();
        assertEquals("cluster kmeans", o.get("command").asString(), "command");
        assertEquals(2, o.get("k").asInt(), "k");
        assertTrue(o.get("converged").asBoolean(), "converged");
        assertTrue(o.get("iterations").asInt() >= 1, "iterations");
        assertTrue(o.get("inertia").asDouble() > 0 && o.get("inertia").asDouble() < 40 * 2, "inertia of jitter within 1");
        Json.JsonObject m = o.get("metrics").asObject();
        assertEquals(1.0, m.get("ari").asDouble(), 1e-12, "ARI");
        assertEquals(1.0, m.get("nmi").asDouble(), 1e-12, "NMI");
        assertEquals(1.0, m.get("purity").asDouble(), 1e-12, "purity");
        assertTrue(m.get("silhouette").asDouble() > 0.95, "far-apart blobs have a silhouette near 1");
        assertTrue(m.get("silhouetteSample").isNull(), "40 samples are not sampled");
        assertTrue(m.get("daviesBouldin").asDouble() < 0.05, "Davies-Bouldin near 0");
        assertTrue(m.get("calinskiHarabasz").asDouble() > 1000, "Calinski-Harabasz large");
        Json.JsonObject t = o.get("timings").asObject();
        assertTrue(t.has("load") && t.has("fit") && t.has("metrics"), "timings per stage: " + t);
        assertEquals(0, o.get("files").asObject().size(), "no --out, no files");
    }

    @Test
    void sameSeedGivesIdenticalLabelBytes(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a"), b = dir.resolve("b");
        for (Path p : List.of(a, b)) {
            Cli r = Blobs.run("cluster", "kmeans", "three", "--k", "4", "--seed", "7", "--init", "random",
                    "--out", p.toString());
            assertEquals(0, r.code(), r.err());
        }
        assertArrayEquals(Files.readAllBytes(a.resolve("labels.npy")), Files.readAllBytes(b.resolve("labels.npy")),
                "labels.npy bytes");
        assertArrayEquals(Files.readAllBytes(a.resolve("centers.npy")), Files.readAllBytes(b.resolve("centers.npy")),
                "centers.npy bytes");
    }

    @Test
    void aRangeOfKOnThreeBlobsChoosesThree(@TempDir Path dir) throws IOException {
        Cli r = Blobs.run("cluster", "kmeans", "three", "--k", "2..6", "--out", dir.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Json.JsonObject o = Json.parse(r.out()).asObject();
        Json.JsonObject choose = o.get("chooseK").asObject();
        assertEquals(3, choose.get("bestSilhouette").asInt(), "best silhouette");
        assertEquals(3, choose.get("elbow").asInt(), "elbow");
        assertEquals(3, choose.get("gap").asInt(), "gap statistic");
        assertEquals(Json.parse(Files.readString(dir.resolve("choose-k.json"))), choose, "choose-k.json holds the same");
        assertEquals(5, choose.get("scores").asArray().size(), "one score per k");
        assertEquals(3, o.get("k").asInt(), "the chosen model is kept");
        assertEquals(1.0, o.get("metrics").asObject().get("ari").asDouble(), 1e-12, "and finds the blobs");
        Json.JsonObject single = Json.parse(Blobs.run("cluster", "kmeans", "three", "--k", "3", "--json").out()).asObject();
        assertEquals(single.get("metrics").asObject().get("silhouette").asDouble(),
                choose.get("scores").asArray().get(1).asObject().get("silhouette").asDouble(), 1e-12,
                "the silhouette listed for k = 3 is that of a fit with --k 3");
        assertEquals(single.get("metrics").asObject().get("silhouette").asDouble(),
                o.get("metrics").asObject().get("silhouette").asDouble(), 1e-12, "and is reported for the chosen model");

        for (String f : new String[] {"choose-k.svg", "choose-k.png", "choose-k-silhouette.svg", "choose-k-gap.png"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f + " is drawn");
        }
        assertTrue(Files.readString(dir.resolve("choose-k.svg")).contains("elbow: k = 3"), "the elbow is marked");
        List<String> csv = Files.readAllLines(dir.resolve("choose-k.csv"));
        assertEquals("k,inertia,silhouette,gap,gap_error", csv.get(0), "header");
        assertEquals(6, csv.size(), "header and k = 2..6");
        double[] inertia = new double[5];
        for (int i = 0; i < 5; i++) {
            String[] cells = csv.get(i + 1).split(",");
            assertEquals(2 + i, Integer.parseInt(cells[0]), "k of row " + i);
            inertia[i] = Double.parseDouble(cells[1]);
        }
        assertTrue(inertia[0] > 10 * inertia[1], "two clusters for three blobs leave a large inertia");
        assertArrayEquals(new int[] {45}, Npy.read(dir.resolve("labels.npy")).shape(), "labels of the chosen model");
        assertArrayEquals(new int[] {3, 2}, Npy.read(dir.resolve("centers.npy")).shape(), "centres of the chosen model");

        Cli text = Blobs.run("cluster", "kmeans", "three", "--k", "2..6");
        assertTrue(text.out().contains("Chosen: k = 3"), text.out());
    }

    @Test
    void withoutOutNothingIsWrittenButResultsArePrinted(@TempDir Path dir) throws IOException {
        Cli r = Blobs.run("cluster", "kmeans", "two", "--k", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("inertia") && r.out().contains("silhouette"), r.out());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    @Test
    void imageDataGetsItsCentresDrawn(@TempDir Path dir) throws IOException {
        Cli r = Blobs.run("cluster", "kmeans", "tiny", "--k", "2", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage img = ImageIO.read(dir.resolve("centers.png").toFile());
        // two 3 x 2 centres side by side with a one-pixel gap
        assertEquals(7, img.getWidth(), "width");
        assertEquals(2, img.getHeight(), "height");
        assertTrue(r.out().contains("scale: unit"), "bytes are scaled to [0, 1] by default:\n" + r.out());
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        String[][] cases = {
                {"--k", "0"}, {"--k", "5..2"}, {"--k", "41"}, {"--k", "0..3"}, {"--k", "2..40"},
                {"--k", "2..3", "--gap-references", "-1"}, {"--k", "2..3", "--gap-reference", "cube"}, {"--k", "ten"},
                {"--k", "2", "--init", "best"}, {"--k", "2", "--max-iter", "0"}, {"--k", "2", "--tol", "-1"},
                {"--k", "2", "--n-init", "0"}, {"--k", "2", "--algorithm", "magic"}};
        for (String[] c : cases) {
            String[] args = new String[c.length + 3];
            args[0] = "cluster";
            args[1] = "kmeans";
            args[2] = "two";
            System.arraycopy(c, 0, args, 3, c.length);
            Cli r = Blobs.run(args);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.errLines().length, String.join(" ", c) + ": one line: " + r.err());
            assertTrue(r.err().startsWith("latent: "), r.err());
            assertEquals("", r.out(), "nothing on stdout for " + String.join(" ", c));
        }
        assertEquals("latent: --k must be <= the number of samples (40), got 41",
                Blobs.run("cluster", "kmeans", "two", "--k", "41").err().strip(), "k above n names both");
        assertEquals("latent: --k range must be LOW..HIGH with LOW <= HIGH, got 5..2",
                Blobs.run("cluster", "kmeans", "two", "--k", "5..2").err().strip(), "empty range");
    }

    @Test
    @Tag("slow")
    void aboveTenThousandSamplesTheSilhouetteIsSampledAndSaysSo() {
        Cli r = Blobs.run("cluster", "kmeans", "large", "--k", "2", "--json");
        assertEquals(0, r.code(), r.err());
        Json.JsonObject m = Json.parse(r.out()).asObject().get("metrics").asObject();
        assertEquals(10_000, m.get("silhouetteSample").asInt(), "sample size reported");
        assertTrue(m.get("silhouette").asDouble() > 0.95, "still near 1 for far-apart blobs");
        assertEquals(1.0, m.get("ari").asDouble(), 1e-12, "ARI");
        Cli text = Blobs.run("cluster", "kmeans", "large", "--k", "2");
        assertTrue(text.out().contains("estimated from 10,000 of 10,002 samples"), text.out());
    }

    @Test
    void aNpyFileGivenByPathIsClusteredThroughTheRealLoader(@TempDir Path dir) throws IOException {
        // rows 0-2 near (0, 0), rows 3-5 near (9, 9)
        Path file = dir.resolve("points.npy");
        Npy.write(file, Matrix.of(6, 2, 0, 0, 0.1f, 0, 0, 0.2f, 9, 9, 9.1f, 9, 9, 8.9f));
        Path out = dir.resolve("out");
        var stdout = new ByteArrayOutputStream();
        var stderr = new ByteArrayOutputStream();
        int code;
        try (var o = new PrintStream(stdout, true, StandardCharsets.UTF_8);
             var e = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
            code = Main.run(o, e, "cluster", "kmeans", file.toString(), "--k", "2", "--out", out.toString(), "--json");
        }
        assertEquals(0, code, stderr.toString(StandardCharsets.UTF_8));
        int[] l = Npy.read(out.resolve("labels.npy")).toInts();
        assertArrayEquals(new int[] {l[0], l[0], l[0], 1 - l[0], 1 - l[0], 1 - l[0]}, l, "the two groups");
        Json.JsonObject o = Json.parse(stdout.toString(StandardCharsets.UTF_8)).asObject();
        assertEquals("none", o.get("scale").asString(), "float data is not rescaled by default");
        // inertia by hand: group 1 mean (0.1/3, 0.2/3), group 2 mean (27.1/3, 26.9/3)
        double inertia = sq(0, 0, 0.1 / 3, 0.2 / 3) + sq(0.1, 0, 0.1 / 3, 0.2 / 3) + sq(0, 0.2, 0.1 / 3, 0.2 / 3)
                + sq(9, 9, 27.1 / 3, 26.9 / 3) + sq(9.1, 9, 27.1 / 3, 26.9 / 3) + sq(9, 8.9, 27.1 / 3, 26.9 / 3);
        assertEquals(inertia, o.get("inertia").asDouble(), 1e-5, "inertia");
        assertTrue(o.get("metrics").asObject().find("ari").isEmpty(), "no labels, no ARI");
    }

    private static double sq(double x, double y, double cx, double cy) {
        return (x - cx) * (x - cx) + (y - cy) * (y - cy);
    }

    @Test
    void anOutputFolderThatIsAFileIsRefusedBeforeFitting(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        Cli r = Blobs.run("cluster", "kmeans", "two", "--k", "2", "--out", file.toString());
        assertEquals(2, r.code(), "exit code");
        assertEquals("latent: " + file + ": not a folder", r.err().strip(), "names the path");
        assertEquals("", r.out(), "no results printed");
    }

    @Test
    void aGroupWithoutItsCommandExitsTwo() {
        Cli r = Blobs.run("cluster");
        assertEquals(2, r.code(), "exit code");
        assertTrue(r.err().contains("hierarchical") && r.err().contains("kmeans"), r.err());
    }

    @Test
    void aRangeFromOneLetsTheGapStatisticFindTheBlobs() {
        Cli r = Blobs.run("cluster", "kmeans", "three", "--k", "1..5", "--json");
        assertEquals(0, r.code(), r.err());
        Json.JsonObject choose = Json.parse(r.out()).asObject().get("chooseK").asObject();
        assertEquals(3, choose.get("gap").asInt(), "gap statistic");
        assertTrue(choose.get("scores").asArray().get(0).asObject().get("silhouette").isNull(), "no silhouette for k = 1");
        assertEquals("feature-box", choose.get("gapReference").asString(), "default reference named");
        Cli none = Blobs.run("cluster", "kmeans", "three", "--k", "2..4", "--gap-references", "0",
                "--gap-reference", "principal-box", "--json");
        Json.JsonObject noGap = Json.parse(none.out()).asObject().get("chooseK").asObject();
        assertTrue(noGap.get("gap").isNull(), "--gap-references 0 skips the gap statistic");
        assertEquals("principal-box", noGap.get("gapReference").asString(), "reference named");
    }

    @Test
    void kIsANumberOrARange() {
        assertEquals(new KMeansCommand.KRange(10, 10), KMeansCommand.parseK("10"), "single");
        assertEquals(new KMeansCommand.KRange(2, 20), KMeansCommand.parseK("2..20"), "range");
        assertEquals(new KMeansCommand.KRange(3, 3), KMeansCommand.parseK("3..3"), "one-value range");
    }
}
