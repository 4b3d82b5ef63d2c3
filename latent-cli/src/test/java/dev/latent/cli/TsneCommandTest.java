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

class TsneCommandTest {
    @Test
    void threeSeparatedBlobsKeepTheirNeighboursInTheEmbedding(@TempDir Path dir) throws IOException {
        Cli r = Blobs.run("reduce", "tsne", "three", "--perplexity", "10", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("10-NN accuracy   1.0000 (leave-one-out)"), r.out());
        assertTrue(r.out().contains("exact method"), "45 samples use the exact gradient: " + r.out());
        NpyArray embedding = Npy.read(dir.resolve("embedding.npy"));
        assertArrayEquals(new int[] {45, 2}, embedding.shape(), "n x components");
        for (float v : embedding.toFloats()) assertTrue(Float.isFinite(v), "finite coordinates");
    }

    @Test
    void jsonReportsTheDivergenceTheMethodAndTheLearningRate() {
        Cli r = Blobs.run("reduce", "tsne", "three", "--perplexity", "10", "--max-iter", "300", "--json");
        assertEquals(0, r.code(), r.err());
        Json.JsonObject o = Json.parse(r.out()).asObject();
        double kl = o.get("klDivergence").asDouble();
        assertTrue(kl >= 0 && Double.isFinite(kl), "a KL divergence is finite and non-negative: " + kl);
        assertEquals("exact", o.get("method").asString(), "method");
        assertEquals(50.0, o.get("learningRate").asDouble(), 1e-12, "auto rate max(45 / 12, 50)");
        assertTrue(o.get("iterations").asInt() <= 300, "at most --max-iter iterations");
        assertEquals(0, o.get("pca").asInt(), "2 features are not reduced first");
        assertEquals(1.0, o.get("metrics").asObject().get("knnAccuracy").asDouble(), 1e-12, "blobs stay apart");
        for (String stage : new String[] {"load", "scale", "fit", "metrics"}) {
            assertTrue(o.get("timings").asObject().members().containsKey(stage), "timing of " + stage + ": " + r.out());
        }
    }

    @Test
    void fftMethodAndHeavierTailsAreAccepted() {
        Cli r = Blobs.run("reduce", "tsne", "three", "--perplexity", "10", "--max-iter", "300", "--method", "fft",
                "--degrees-of-freedom", "0.5", "--json");
        assertEquals(0, r.code(), r.err());
        Json.JsonObject o = Json.parse(r.out()).asObject();
        assertEquals("fft", o.get("method").asString(), "method");
        assertEquals(1.0, o.get("metrics").asObject().get("knnAccuracy").asDouble(), 1e-12, "blobs stay apart");
    }

    @Test
    void theSameSeedGivesTheSameEmbeddingBytes(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a"), b = dir.resolve("b");
        for (Path p : new Path[] {a, b}) {
            Cli r = Blobs.run("reduce", "tsne", "three", "--perplexity", "10", "--max-iter", "300", "--init", "random",
                    "--seed", "7", "--out", p.toString());
            assertEquals(0, r.code(), r.err());
        }
        assertArrayEquals(Files.readAllBytes(a.resolve("embedding.npy")), Files.readAllBytes(b.resolve("embedding.npy")),
                "identical bytes");
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        String[][] cases = {{"three", "--perplexity", "45"}, {"three", "--components", "0"},
                {"three", "--method", "fast"}, {"three", "--pca", "3"}, {"three", "--limit", "2", "--perplexity", "1"}};
        for (String[] c : cases) {
            String[] args = new String[c.length + 2];
            args[0] = "reduce";
            args[1] = "tsne";
            System.arraycopy(c, 0, args, 2, c.length);
            Cli r = Blobs.run(args);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.errLines().length, String.join(" ", c) + ": one line: " + r.err());
            assertEquals("", r.out(), "nothing on stdout for " + String.join(" ", c));
        }
        assertEquals("latent: --perplexity must be < the number of samples (45), got 45",
                Blobs.run("reduce", "tsne", "three", "--perplexity", "45").err().strip(), "perplexity too large");
    }
}
