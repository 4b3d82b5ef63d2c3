package dev.latent.cli;

import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.data.SampleShape;
import dev.latent.io.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiguresTest {
    /** Parses {@code svg} as XML, failing when it is not well-formed, and returns its text. */
    private static String svg(Path svg) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName(), svg + " is an SVG document");
        return Files.readString(svg);
    }

    private static void png(Path png) throws IOException {
        assertNotNull(ImageIO.read(png.toFile()), png + " is a PNG image");
    }

    @Test
    void pcaDrawsVarianceScatterByLabelAndComponentImages(@TempDir Path dir) throws Exception {
        Cli r = Blobs.run("reduce", "pca", "tiny", "--components", "3", "--out", dir.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        for (String name : new String[] {"explained-variance", "scatter", "component-images"}) {
            svg(dir.resolve(name + ".svg"));
            png(dir.resolve(name + ".png"));
        }
        String scatter = svg(dir.resolve("scatter.svg"));
        assertTrue(scatter.contains(">zero</text>") && scatter.contains(">two</text>"), "legend of the class names");
        Json.JsonObject files = Json.parse(r.out()).asObject().get("files").asObject();
        assertEquals(dir.resolve("scatter.png").toString(), files.get("scatterPng").asString(), "files lists the PNG");
        assertEquals(dir.resolve("explained-variance.svg").toString(), files.get("explainedVarianceSvg").asString(),
                "files lists the SVG");
    }

    @Test
    void unlabelledDataIsDrawnByDensityAndVectorsGetNoComponentImages(@TempDir Path dir) throws Exception {
        Cli r = Blobs.run("reduce", "pca", "line", "--components", "2", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(svg(dir.resolve("scatter.svg")).contains(">density</text>"), "coloured by density");
        assertFalse(Files.exists(dir.resolve("component-images.svg")), "3-value vectors are not images");
    }

    @Test
    void hierarchicalDrawsTheDendrogramWithItsCut(@TempDir Path dir) throws Exception {
        Cli r = Blobs.run("cluster", "hierarchical", "three", "--linkage", "average", "--k", "3", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(svg(dir.resolve("dendrogram.svg")).contains("cut at "), "the cut is drawn");
        png(dir.resolve("dendrogram.png"));
    }

    @Test
    @Tag("slow")
    void tsneDrawsItsScatter(@TempDir Path dir) throws Exception {
        Cli r = Blobs.run("reduce", "tsne", "two", "--perplexity", "5", "--max-iter", "300", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(svg(dir.resolve("scatter.svg")).contains(">t-SNE 1</text>"), "axes named after the method");
        png(dir.resolve("scatter.png"));
    }

    @Test
    void umapDrawsItsScatter(@TempDir Path dir) throws Exception {
        Cli r = Blobs.run("reduce", "umap", "three", "--neighbors", "10", "--epochs", "50", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(svg(dir.resolve("scatter.svg")).contains(">UMAP 1</text>"), "axes named after the method");
    }

    @Test
    void autoencoderTrainingDrawsItsLosses(@TempDir Path dir) throws Exception {
        Cli r = Blobs.run("train", "ae", "two", "--hidden", "8", "--latent", "2", "--batch", "8", "--epochs", "3",
                "--validation", "0.25", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(svg(dir.resolve("loss.svg")).contains(">validation</text>"), "training and validation losses");
        Path plain = dir.resolve("plain");
        Cli noValidation = Blobs.run("train", "ae", "two", "--hidden", "8", "--latent", "2", "--batch", "8", "--epochs", "3",
                "--out", plain.toString());
        assertEquals(0, noValidation.code(), noValidation.err());
        assertFalse(svg(plain.resolve("loss.svg")).contains(">validation</text>"), "no validation part, no such line");
    }

    @Test
    void choosingKDrawsInertiaAndSilhouetteWithTheChosenK(@TempDir Path dir) throws Exception {
        Cli r = Blobs.run("cluster", "kmeans", "three", "--k", "2..5", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(svg(dir.resolve("choose-k-silhouette.svg")).contains(">k = 3</text>"), "three blobs: k = 3 is marked");
        svg(dir.resolve("choose-k-inertia.svg"));
    }

    @Test
    void helpersForOtherCommandsWriteTheirFigures(@TempDir Path dir) throws Exception {
        Json.JsonObject files = Json.object();
        Figures.losses(dir, new double[] {3, 2, 1}, new double[] {3.5, 2.5, 2}, files);
        Figures.contingency(dir, new int[] {0, 0, 1}, new int[] {1, 1, 0}, List.of("a", "b"), files);
        Figures.classBalance(dir, MainTest.tinyImages(), files);
        Figures.samples(dir, MainTest.tinyImages(), new int[] {0, 1, 2}, files);
        for (String name : new String[] {"loss", "contingency", "class-balance", "samples"}) {
            svg(dir.resolve(name + ".svg"));
            png(dir.resolve(name + ".png"));
            assertEquals(dir.resolve(name + ".png").toString(), files.get(Figures.key(name) + "Png").asString(), name + " listed");
        }
        assertTrue(svg(dir.resolve("loss.svg")).contains(">validation</text>"), "both losses named");
        assertTrue(svg(dir.resolve("samples.svg")).contains(">one</text>"), "samples captioned by class name");
    }

    @Test
    void fourBandImagesGetFalseColourAndNdvi(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[2 * 4 * 3 * 3];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i * 5);
        Dataset sat = Dataset.of("sat", SampleShape.image(4, 3, 3), ByteStore.of(bytes, 2, 36), new int[0], List.of());
        Json.JsonObject files = Json.object();
        Figures.bands(dir, sat, new int[] {0, 1}, files);
        svg(dir.resolve("false-colour.svg"));
        assertTrue(svg(dir.resolve("ndvi.svg")).contains(">NDVI</text>"), "the colour bar is named");
        Figures.bands(dir.resolve("gray"), MainTest.tinyImages(), new int[] {0}, files);
        assertFalse(Files.exists(dir.resolve("gray")), "one-band images get neither");
    }

    @Test
    void keysAreCamelCase() {
        assertEquals("explainedVariance", Figures.key("explained-variance"));
        assertEquals("chooseKInertia", Figures.key("choose-k-inertia"));
    }
}
