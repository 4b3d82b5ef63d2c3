package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.io.Json;
import dev.latent.io.Sat6;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * latent tutorial sat6 end to end, on files generated in SAT-6's exact format: rows of 3,136 integers 0-255 (28 x 28
 * pixels, each pixel's red, green, blue and near-infrared values together, pixel row by pixel row) and one-hot rows of
 * six in the class order building, barren land, trees, grassland, road, water.
 */
@Tag("slow")
class Sat6TutorialTest {
    @TempDir Path data;
    @TempDir Path out;

    /**
     * Mean red, green, blue and near-infrared of each class, in SAT-6's class order. Plants reflect near-infrared
     * strongly and absorb red, water absorbs near-infrared, so the NDVI (NIR - R) / (NIR + R) orders them: trees 0.68,
     * grassland 0.31, barren land 0.03, road -0.05, building -0.17, water -0.25.
     */
    static final int[][] MEAN = {
            {170, 165, 160, 120},   // building: bright roofs
            {160, 130, 100, 170},   // barren land: brown soil
            {40, 80, 45, 210},      // trees: dark green canopy
            {95, 140, 75, 180},     // grassland
            {105, 105, 110, 95},    // road: grey asphalt
            {25, 40, 70, 15}};      // water: dark

    /**
     * Writes {@code n} patches of class {@code i % 6} (patch i) as {@code X_<part>_sat6.csv} and {@code y_<part>_sat6.csv}
     * into {@code dir}: each band at its class mean, with texture (roof blocks for buildings, a lane across roads) and
     * seeded noise.
     */
    static void write(Path dir, String part, int n, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        try (BufferedWriter x = Files.newBufferedWriter(dir.resolve("X_" + part + "_sat6.csv"));
             BufferedWriter y = Files.newBufferedWriter(dir.resolve("y_" + part + "_sat6.csv"))) {
            StringBuilder line = new StringBuilder(12_000);
            for (int i = 0; i < n; i++) {
                int c = i % 6;
                int brightness = rng.nextInt(-15, 16);
                line.setLength(0);
                for (int r = 0; r < 28; r++) {
                    for (int col = 0; col < 28; col++) {
                        int texture = switch (c) {
                            case 0 -> ((r / 7 + col / 7) % 2 == 0) ? 25 : -25;
                            case 4 -> r >= 11 && r <= 16 ? -30 : 0;
                            default -> 0;
                        };
                        for (int b = 0; b < 4; b++) {
                            int v = MEAN[c][b] + brightness + texture + rng.nextInt(-15, 16);
                            if (line.length() > 0) line.append(',');
                            line.append(Math.clamp(v, 0, 255));
                        }
                    }
                }
                x.append(line).append('\n');
                for (int k = 0; k < 6; k++) y.append(k == 0 ? "" : ",").append(k == c ? '1' : '0');
                y.append('\n');
            }
        }
    }

    @Test
    void sat6TutorialRunsOnFilesInTheDeepSatFormat() throws Exception {
        write(data, "train", 600, 1);
        write(data, "test", 150, 2);

        // the loader maps the one-hot columns to the class names in order: water is darkest in near-infrared
        Dataset test = new RegistryDataAccess().load("sat6:test", Optional.of(data),
                new Output(new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter()),
                        false, true, false));
        assertEquals(Sat6.CLASS_NAMES, test.classNames(), "class names in SAT-6's order");
        assertEquals(150, test.size(), "test rows");
        double[] nir = meanBand(test, 3);
        for (int c = 0; c < 6; c++) {
            assertEquals(MEAN[c][3], nir[c], 6, "near-infrared of " + Sat6.CLASS_NAMES.get(c));
        }

        Cli r = Cli.run(new RegistryDataAccess(), "tutorial", "sat6", "--quick", "--data-dir", data.toString(),
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Path html = out.resolve("report.html");
        assertTrue(r.out().contains("report: " + html), r.out());

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(html.toFile());
        List<String> headings = texts(doc.getElementsByTagName("h2"));
        assertEquals(List.of("The data", "PCA", "t-SNE and UMAP", "Clustering", "Autoencoder", "Variational autoencoder",
                "What unsupervised features buy", "Figures of merit"), headings, "every section, in order");
        Element first = (Element) doc.getElementsByTagName("section").item(0);
        List<String> captions = texts(first.getElementsByTagName("figcaption"));
        for (String c : List.of("True colour.", "False colour.", "NDVI.")) {
            assertTrue(captions.contains(c), "the data section shows " + c + ": " + captions);
        }

        BufferedImage falseColour = null;
        for (String name : List.of("true-colour", "false-colour", "ndvi", "samples")) {
            BufferedImage img = ImageIO.read(out.resolve("figures").resolve(name + ".png").toFile());
            assertNotNull(img, name + ".png decodes");
            assertTrue(img.getWidth() > 100 && img.getHeight() > 50, name + ".png has a size: " + img.getWidth());
            if (name.equals("false-colour")) falseColour = img;
        }
        // near-infrared shown as red: the tree patches (NIR 210, red 40, green 80) glow red
        assertTrue(redPixels(falseColour) > 500, "vegetation shows red in false colour: " + redPixels(falseColour));

        Json.JsonObject res = Json.parse(Files.readString(out.resolve("results.json"))).asObject();
        assertEquals(Sat6.CLASS_NAMES, res.get("classNames").asArray().elements().stream().map(Json::asString).toList(),
                "results.json names the classes in SAT-6's order");
        Json.JsonObject d = res.get("data").asObject();
        assertEquals(600, d.get("train").asInt(), "all 600 generated training patches");
        assertEquals(150, d.get("test").asInt(), "all 150 generated test patches");
        assertEquals("4 x 28 x 28", d.get("shape").asString(), "four bands of 28 x 28");
        // floors for classes this distinct in colour (measured: both maps 1.0, k-means NMI 0.90, Ward NMI 1.0,
        // 10-NN on raw values 1.0, autoencoder 14.8 dB after the quick plan's 3 epochs)
        Json.JsonObject maps = res.get("maps").asObject();
        double tsne = maps.get("tsne").asObject().get("knnAccuracy").asDouble();
        double umap = maps.get("umap").asObject().get("knnAccuracy").asDouble();
        Json.JsonObject clustering = res.get("clustering").asObject();
        double kmeans = clustering.get("kmeans").asObject().get("nmi").asDouble();
        double ward = clustering.get("ward").asObject().get("nmi").asDouble();
        double raw = res.get("knn").asObject().get("raw pixels").asArray().get(2).asDouble();
        double psnr = res.get("autoencoder").asObject().get("testPsnr").asDouble();
        assertTrue(tsne >= 0.95, "t-SNE keeps the classes apart: 10-NN accuracy " + tsne);
        assertTrue(umap >= 0.95, "UMAP keeps the classes apart: 10-NN accuracy " + umap);
        assertTrue(kmeans >= 0.75, "k-means finds the classes: NMI " + kmeans);
        assertTrue(ward >= 0.8, "Ward finds the classes: NMI " + ward);
        assertTrue(raw >= 0.95, "10-NN with all labels on raw values: " + raw);
        assertTrue(psnr > 12, "the autoencoder reconstructs: " + psnr + " dB");

        assumeTrue(ReportBrowser.available(), "the report is opened in Debian's chromium and chromium-driver "
                + "(apt-get install chromium chromium-driver; .ci/run installs them)");
        ReportBrowser.Page page = ReportBrowser.open(html, Path.of("target", "sat6-report-screenshot.png"));
        assertEquals(headings, page.headings(), "Chromium shows every section");
        assertEquals(List.of(), page.broken(), "every image decodes in the browser");
        assertEquals(List.of(), page.errors(), "no browser error");
    }

    /** The mean of band {@code band} (0 to 255) of the samples of each class. */
    private static double[] meanBand(Dataset d, int band) {
        Matrix x = d.toMatrix();
        double[] sum = new double[6];
        int[] count = new int[6];
        int plane = 28 * 28;
        for (int i = 0; i < d.size(); i++) {
            int c = d.labels()[i];
            for (int p = 0; p < plane; p++) sum[c] += x.get(i, band * plane + p);
            count[c] += plane;
        }
        for (int c = 0; c < 6; c++) sum[c] /= count[c];
        return sum;
    }

    private static int redPixels(BufferedImage img) {
        int n = 0;
        for (int yy = 0; yy < img.getHeight(); yy++) {
            for (int xx = 0; xx < img.getWidth(); xx++) {
                int rgb = img.getRGB(xx, yy), red = rgb >> 16 & 255, green = rgb >> 8 & 255, blue = rgb & 255;
                if (red > 150 && green < 110 && blue < 130) n++;
            }
        }
        return n;
    }

    private static List<String> texts(NodeList nodes) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) texts.add(nodes.item(i).getTextContent());
        return texts;
    }
}
