package dev.latent.cli;

import dev.latent.clustering.hierarchical.Dendrogram;
import dev.latent.clustering.kmeans.KMeansModel;
import dev.latent.data.Matrix;
import dev.latent.io.Json;
import dev.latent.io.ModelIO;
import dev.latent.io.Npy;
import dev.latent.reduction.pca.PcaModel;
import dev.latent.reduction.tsne.TsneModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ModelFilesCliTest {
    @TempDir Path dir;

    @Test
    void kmeansWritesAModelFileThatPredictsItsLabels() throws IOException {
        Cli r = Blobs.run("cluster", "kmeans", "two", "--k", "2", "--seed", "4", "--out", dir.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Path file = dir.resolve("model.latent");
        assertEquals(file.toString(), Json.parse(r.out()).asObject().get("files").asObject().get("model").asString());
        KMeansModel m = KMeansModel.load(file);
        assertEquals(4L, m.params().seed(), "--seed kept");
        int[] labels = Npy.read(dir.resolve("labels.npy")).toInts();
        assertArrayEquals(labels, m.labels(), "the model's labels are the ones written");
        Matrix x = Blobs.two().toMatrix();
        assertArrayEquals(labels, m.predict(x), "the loaded model predicts the training labels");
        Json.JsonObject provenance = ModelIO.header(file).provenance();
        assertEquals("two", provenance.get("dataset").asString());
        assertEquals(Json.array(40, 2), provenance.get("dataShape"));
        assertEquals("latent cluster kmeans", provenance.get("command").asString());
    }

    @Test
    void everyFittingCommandWritesItsKindOfModel() throws IOException {
        assertEquals(0, Blobs.run("cluster", "hierarchical", "two", "--k", "2", "--out", dir.resolve("h").toString()).code());
        assertEquals(39, Dendrogram.load(dir.resolve("h/model.latent")).merges(), "40 points, 39 merges");
        assertEquals(0, Blobs.run("reduce", "pca", "two", "--components", "1", "--out", dir.resolve("p").toString()).code());
        assertEquals(1, PcaModel.load(dir.resolve("p/model.latent")).k());
        Cli t = Blobs.run("reduce", "tsne", "two", "--perplexity", "5", "--max-iter", "300", "--out", dir.resolve("t").toString());
        assertEquals(0, t.code(), t.err());
        assertEquals(40, TsneModel.load(dir.resolve("t/model.latent")).embedding().rows());
    }

    @Test
    void infoDescribesAModelFile() throws IOException {
        assertEquals(0, Blobs.run("cluster", "kmeans", "two", "--k", "2", "--out", dir.toString()).code());
        Path file = dir.resolve("model.latent");
        Cli r = Blobs.run("info", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("kind\\s+kmeans")), r.out());
        assertTrue(r.out().contains("checksum ok"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("arrays\\s+centroids: float32 2 x 2")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+labels: int32 40")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("values\\s+k = 2")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("provenance\\s+library = .*")), r.out());

        Cli j = Blobs.run("info", file.toString(), "--json");
        assertEquals(0, j.code(), j.err());
        Json.JsonObject model = Json.parse(j.out()).asObject().get("model").asObject();
        assertEquals("kmeans", model.get("kind").asString());
        assertEquals(1, model.get("formatVersion").asInt());
        assertEquals(Json.array(2, 2), model.get("arrays").asArray().get(0).asObject().get("shape"));
        assertEquals(Files.size(file), model.get("bytes").asLong());
    }

    @Test
    void infoRefusesADamagedModelFile() throws IOException {
        assertEquals(0, Blobs.run("cluster", "kmeans", "two", "--k", "2", "--out", dir.toString()).code());
        Path file = dir.resolve("model.latent");
        byte[] b = Files.readAllBytes(file);
        b[b.length - 8] ^= 4;   // inside the labels
        Files.write(file, b);
        Cli r = Blobs.run("info", file.toString());
        assertEquals(2, r.code());
        assertEquals("latent: " + file + ": damaged: the checksum does not match the content", r.err().strip());
    }

    @Test
    void aModelFileGivenAsDataIsRefusedClearly() throws IOException {
        assertEquals(0, Blobs.run("cluster", "kmeans", "two", "--k", "2", "--out", dir.toString()).code());
        Path file = dir.resolve("model.latent");
        Cli r = Blobs.run("reduce", "pca", file.toString(), "--components", "1");
        assertEquals(2, r.code());
        assertEquals("latent: " + file + ": a Latent model file (a kmeans model), not DATA; 'latent info " + file
                + "' describes it", r.err().strip());
        assertEquals("", r.out());
    }
}
