package dev.latent.cli;

import dev.latent.io.Json;
import dev.latent.io.Npy;
import dev.latent.io.NpyArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcaCommandTest {
    @Test
    void pointsOnALineHaveAllTheirVarianceInTheFirstComponent(@TempDir Path dir) throws IOException {
        Cli r = Blobs.run("reduce", "pca", "line", "--components", "2", "--out", dir.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Json.JsonObject o = Json.parse(r.out()).asObject();
        Json.JsonArray ratio = o.get("explainedVarianceRatio").asArray();
        assertEquals(1.0, ratio.get(0).asDouble(), 1e-5, "first ratio");
        assertEquals(0.0, ratio.get(1).asDouble(), 1e-5, "second ratio");
        // the points i * (1, 2, 3), i = 0..29: variance along the line 14 * var(0..29) = 14 * 30 * 31 / 12
        assertEquals(14 * 30 * 31 / 12.0, o.get("explainedVariance").asArray().get(0).asDouble(), 1e-2, "variance");
        assertTrue(o.get("metrics").isNull(), "no labels, no label metrics");

        NpyArray embedding = Npy.read(dir.resolve("embedding.npy"));
        assertArrayEquals(new int[] {30, 2}, embedding.shape(), "n x components");
        float[] e = embedding.toFloats();
        double step = Math.sqrt(14); // neighbouring points are |(1, 2, 3)| apart along the line
        for (int i = 1; i < 30; i++) {
            assertEquals(step, Math.abs(e[2 * i] - e[2 * i - 2]), 1e-3, "spacing along the first axis at " + i);
        }
        NpyArray components = Npy.read(dir.resolve("components.npy"));
        assertArrayEquals(new int[] {2, 3}, components.shape(), "components x features");
        float[] c = components.toFloats();
        for (int j = 0; j < 3; j++) assertEquals((j + 1) / step, Math.abs(c[j]), 1e-5, "first axis along (1, 2, 3)");
        assertArrayEquals(new int[] {2}, Npy.read(dir.resolve("explained_variance.npy")).shape(), "variances");
        float[] saved = Npy.read(dir.resolve("explained_variance_ratio.npy")).toFloats();
        assertEquals(1.0, saved[0], 1e-5, "ratio file");
        assertTrue(!Files.exists(dir.resolve("components.png")), "3-value vectors are not drawn");
    }

    @Test
    void labelledBlobsGetPerfectNeighbourAccuracy() {
        Cli r = Blobs.run("reduce", "pca", "two3d", "--components", "2", "--json");
        assertEquals(0, r.code(), r.err());
        Json.JsonObject m = Json.parse(r.out()).asObject().get("metrics").asObject();
        assertEquals(1.0, m.get("knnAccuracy").asDouble(), 1e-12, "10 nearest of each point lie in its blob of 20");
        double t = m.get("trustworthiness").asDouble();
        assertTrue(t > 0.5 && t <= 1.0, "trustworthiness in range: " + t);
        assertEquals(40, m.get("sample").asInt(), "40 samples are not sampled");
        Cli text = Blobs.run("reduce", "pca", "two3d", "--components", "2");
        assertTrue(text.out().contains("10-NN accuracy   1.0000 (leave-one-out)"), text.out());
        assertTrue(text.out().contains("cumulative"), text.out());
    }

    @Test
    void imageDataGetsItsComponentsDrawn(@TempDir Path dir) throws IOException {
        Cli r = Blobs.run("reduce", "pca", "tiny", "--components", "3", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage img = ImageIO.read(dir.resolve("components.png").toFile());
        assertEquals(3 * 3 + 2, img.getWidth(), "three 3-wide components with two gaps");
        assertEquals(2, img.getHeight(), "height");
    }

    @Test
    void whiteningGivesUnitVarianceCoordinates(@TempDir Path dir) throws IOException {
        Cli r = Blobs.run("reduce", "pca", "two3d", "--components", "2", "--whiten", "--solver", "svd",
                "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        float[] e = Npy.read(dir.resolve("embedding.npy")).toFloats();
        for (int c = 0; c < 2; c++) {
            double sum = 0, sq = 0;
            for (int i = 0; i < 40; i++) sum += e[2 * i + c];
            for (int i = 0; i < 40; i++) sq += Math.pow(e[2 * i + c] - sum / 40, 2);
            assertEquals(1.0, sq / 39, 1e-3, "variance of coordinate " + c);
        }
    }

    @Test
    @Tag("slow")
    void aboveTenThousandSamplesTheLabelMetricsAreSampledAndSaySo() {
        Cli r = Blobs.run("reduce", "pca", "large", "--components", "2", "--json");
        assertEquals(0, r.code(), r.err());
        Json.JsonObject m = Json.parse(r.out()).asObject().get("metrics").asObject();
        assertEquals(10_000, m.get("sample").asInt(), "sample size reported");
        assertEquals(1.0, m.get("knnAccuracy").asDouble(), 1e-12, "the blobs stay apart");
        Cli text = Blobs.run("reduce", "pca", "large", "--components", "2");
        assertTrue(text.out().contains("on 10,000 of 10,002 samples drawn with --seed"), text.out());
        assertTrue(text.out().contains("estimated from 10,000 of 10,002 samples"), text.out());
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        String[][] cases = {{"--components", "0"}, {"--components", "4"}, {"--components", "2", "--solver", "qr"}, {}};
        for (String[] c : cases) {
            String[] args = new String[c.length + 3];
            args[0] = "reduce";
            args[1] = "pca";
            args[2] = "line";
            System.arraycopy(c, 0, args, 3, c.length);
            Cli r = Blobs.run(args);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.errLines().length, String.join(" ", c) + ": one line: " + r.err());
            assertEquals("", r.out(), "nothing on stdout for " + String.join(" ", c));
        }
        assertEquals("latent: --components must be <= min(samples, features) = 3, got 4",
                Blobs.run("reduce", "pca", "line", "--components", "4").err().strip(), "too many components");
    }
}
