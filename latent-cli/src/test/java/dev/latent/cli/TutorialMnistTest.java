package dev.latent.cli;

import dev.latent.io.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code latent tutorial mnist --quick} on the real MNIST files: the figures of merit in results.json meet the
 * floors of the issues (maps: issue 4; autoencoder codes: issue 5) and floors a little below what the quick plan
 * measured for the rest (BENCHMARKS.md, "Tutorial"). The MNIST IDX folder comes from {@code LATENT_MNIST_DIR}
 * (.ci/run sets it); without it the test is skipped.
 */
@Tag("slow")
class TutorialMnistTest {
    @TempDir Path dir;

    @Test
    void quickMnistTutorialMeetsTheQualityFloors() throws Exception {
        String mnist = System.getenv("LATENT_MNIST_DIR");
        assumeTrue(mnist != null && Files.isRegularFile(Path.of(mnist, "train-images-idx3-ubyte")),
                "LATENT_MNIST_DIR names a folder with the MNIST IDX files (see DEVELOPERS.md)");
        Cli r = Cli.run(new RegistryDataAccess(), "tutorial", "mnist", "--quick", "--data-dir", mnist,
                "--out", dir.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Json.JsonObject res = Json.parse(Files.readString(dir.resolve("results.json"))).asObject();
        Json.JsonObject data = res.get("data").asObject();
        assertEquals(60_000, data.get("train").asInt(), "the quick plan trains on all 60,000 training images");

        Json.JsonObject maps = res.get("maps").asObject();
        // issue 4: the 10-NN accuracy of a t-SNE or UMAP map of MNIST is at least 0.95
        atLeast(0.95, maps.get("tsne").asObject().get("knnAccuracy").asDouble(), "t-SNE map 10-NN accuracy");
        atLeast(0.95, maps.get("umap").asObject().get("knnAccuracy").asDouble(), "UMAP map 10-NN accuracy");
        atLeast(0.9, maps.get("tsne").asObject().get("trustworthiness").asDouble(), "t-SNE trustworthiness");
        atLeast(0.9, maps.get("umap").asObject().get("trustworthiness").asDouble(), "UMAP trustworthiness");

        Json.JsonObject clustering = res.get("clustering").asObject();
        // k-means of MNIST pixels with k = 10 scores NMI about 0.5 (issue 3 asks for it to be reported)
        atLeast(0.45, clustering.get("kmeans").asObject().get("nmi").asDouble(), "k-means NMI");
        atLeast(0.55, clustering.get("ward").asObject().get("nmi").asDouble(), "Ward NMI");

        Json.JsonObject knn = res.get("knn").asObject();
        // issue 5: 10-NN accuracy of the 32-value autoencoder codes at least 0.95
        atLeast(0.95, knn.get("autoencoder codes (32)").asArray().get(2).asDouble(), "10-NN on autoencoder codes");
        atLeast(0.94, knn.get("raw pixels").asArray().get(2).asDouble(), "10-NN on raw pixels");
        atLeast(0.94, knn.get("VAE means (20)").asArray().get(2).asDouble(), "10-NN on VAE means");
        double psnr = res.get("autoencoder").asObject().get("testPsnr").asDouble();
        atLeast(15, psnr, "autoencoder test PSNR (dB)");
    }

    private static void atLeast(double floor, double value, String what) {
        assertTrue(value >= floor, what + " should be at least " + floor + ", got " + value);
    }
}
