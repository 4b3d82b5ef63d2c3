package dev.latent.cli;

import dev.latent.io.Json;
import dev.latent.io.Npy;
import dev.latent.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UmapCommandTest {
    @Test
    void threeSeparatedBlobsKeepTheirNeighboursInTheEmbedding(@TempDir Path dir) throws IOException {
        Cli r = Blobs.run("reduce", "umap", "three", "--neighbors", "10", "--epochs", "200", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("10-NN accuracy   1.0000 (leave-one-out)"), r.out());
        NpyArray embedding = Npy.read(dir.resolve("embedding.npy"));
        assertArrayEquals(new int[] {45, 2}, embedding.shape(), "n x components");
        for (float v : embedding.toFloats()) assertTrue(Float.isFinite(v), "finite coordinates");
    }

    @Test
    void jsonReportsTheCurveTheEpochsAndTheStages() {
        Cli r = Blobs.run("reduce", "umap", "three", "--neighbors", "10", "--json");
        assertEquals(0, r.code(), r.err());
        Json.JsonObject o = Json.parse(r.out()).asObject();
        assertEquals(500, o.get("epochs").asInt(), "auto epochs: 500 up to 10,000 samples");
        assertEquals(1.577, o.get("a").asDouble(), 2e-3, "a for min-dist 0.1, spread 1");
        assertEquals(0.895, o.get("b").asDouble(), 2e-3, "b for min-dist 0.1, spread 1");
        assertEquals("random", o.get("init").asString(), "three far blobs give a disconnected graph: " + r.out());
        assertEquals(1.0, o.get("metrics").asObject().get("knnAccuracy").asDouble(), 1e-12, "blobs stay apart");
        for (String stage : new String[] {"load", "scale", "fit", "metrics"}) {
            assertTrue(o.get("timings").asObject().members().containsKey(stage), "timing of " + stage + ": " + r.out());
        }
        for (String stage : new String[] {"neighbors", "graph", "init", "layout"}) {
            assertTrue(o.get("fitStages").asObject().members().containsKey(stage), "fit stage " + stage);
        }
    }

    @Test
    void theSameSeedGivesTheSameEmbeddingBytesWhateverTheThreads(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a"), b = dir.resolve("b");
        String[] threads = {"1", "2"};
        Path[] outs = {a, b};
        for (int t = 0; t < 2; t++) {
            Cli r = Blobs.run("reduce", "umap", "three", "--neighbors", "10", "--epochs", "100", "--seed", "7",
                    "--threads", threads[t], "--out", outs[t].toString());
            assertEquals(0, r.code(), r.err());
        }
        assertArrayEquals(Files.readAllBytes(a.resolve("embedding.npy")), Files.readAllBytes(b.resolve("embedding.npy")),
                "identical bytes");
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        String[][] cases = {{"three", "--neighbors", "45"}, {"three", "--components", "0"},
                {"three", "--metric", "manhattan"}, {"three", "--min-dist", "2"}, {"three", "--epochs", "-1"},
                {"three", "--init", "tsne"}, {"three", "--limit", "2"}};
        for (String[] c : cases) {
            String[] args = new String[c.length + 2];
            args[0] = "reduce";
            args[1] = "umap";
            System.arraycopy(c, 0, args, 2, c.length);
            Cli r = Blobs.run(args);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.errLines().length, String.join(" ", c) + ": one line: " + r.err());
            assertEquals("", r.out(), "nothing on stdout for " + String.join(" ", c));
        }
        assertEquals("latent: --neighbors must be < the number of samples (45), got 45",
                Blobs.run("reduce", "umap", "three", "--neighbors", "45").err().strip(), "neighbors too large");
    }
}
