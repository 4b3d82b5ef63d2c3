package dev.latent.cli;

import dev.latent.io.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * latent report: single commands run on the bundled digits write their results, and the report built from them has a
 * section per result with its figures and numbers, a final table, and opens in a browser; bad inputs get one line and
 * leave nothing written.
 */
@Tag("slow")
class ReportCommandTest {
    @TempDir static Path runs;
    @TempDir Path dir;

    static Path kmeans, pca, ae, infoJson;

    /** Three single commands on 500 digits, and the --json of 'latent info' saved to a file. */
    @BeforeAll
    static void runSingleCommands() throws Exception {
        kmeans = runs.resolve("kmeans");
        pca = runs.resolve("pca");
        ae = runs.resolve("ae");
        infoJson = runs.resolve("info.json");
        ok("cluster", "kmeans", "digits", "--limit", "500", "--k", "10", "--out", kmeans.toString());
        ok("reduce", "pca", "digits", "--limit", "500", "--components", "5", "--out", pca.toString());
        ok("train", "ae", "digits", "--limit", "500", "--latent", "4", "--hidden", "32", "--epochs", "3",
                "--out", ae.toString());
        Files.writeString(infoJson, ok("info", "digits", "--json").out());
    }

    private static Cli ok(String... args) {
        Cli r = Cli.run(new RegistryDataAccess(), args);
        assertEquals(0, r.code(), List.of(args) + ": " + r.err());
        return r;
    }

    private static Cli run(String... args) {
        return Cli.run(new RegistryDataAccess(), args);
    }

    private static Json.JsonObject results(Path folder) throws Exception {
        return Json.parse(Files.readString(folder.resolve("results.json"))).asObject();
    }

    @Test
    void eachCommandFolderHoldsItsResults() throws Exception {
        Json.JsonObject k = results(kmeans);
        assertEquals("cluster kmeans", k.get("command").asString(), "the command is named");
        assertEquals("digits", k.get("data").asString(), "the dataset is named");
        assertEquals(500, k.get("samples").asInt(), "--limit 500");
        double nmi = k.get("metrics").asObject().get("nmi").asDouble();
        assertTrue(nmi > 0.5 && nmi <= 1, "NMI of k-means on digits: " + nmi);
        assertTrue(k.get("timings").asObject().get("fit").asDouble() > 0, "the fit is timed");
        assertTrue(k.get("seconds").asDouble() >= k.get("timings").asObject().get("fit").asDouble(), "total time");
        assertEquals("reduce pca", results(pca).get("command").asString(), "pca");
        assertEquals(5, results(pca).get("explainedVarianceRatio").asArray().size(), "one ratio per component");
        assertEquals("train ae", results(ae).get("command").asString(), "ae");
        assertEquals(3, results(ae).get("trainLoss").asArray().size(), "one loss per epoch");
    }

    @Test
    void aFailedRunWritesNoResults() {
        Path out = dir.resolve("failed");
        Cli r = run("cluster", "kmeans", "digits", "--limit", "50", "--k", "51", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertFalse(Files.exists(out), "no folder and no results.json for a run that failed");
    }

    @Test
    void theReportHasASectionPerResultWithItsFiguresAndNumbers() throws Exception {
        Path html = dir.resolve("sub").resolve("report.html");
        Cli r = run("report", infoJson.toString(), kmeans.toString(), pca.toString(), ae.toString(),
                "--out", html.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Json.JsonObject o = Json.parse(r.out()).asObject();
        assertEquals(5, o.get("sections").asInt(), "four results and the final table");

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(html.toFile());
        List<String> headings = texts(doc.getElementsByTagName("h2"));
        assertEquals(List.of("The data: digits", "k-means of digits", "PCA of digits", "Autoencoder trained on digits",
                "Figures of merit"), headings, "a section per result, in the order given, then the table");
        NodeList sections = doc.getElementsByTagName("section");
        // figures: info (the class balance, drawn from its counts; without --out it drew no sample grid), k-means
        // (centres), PCA (variance curve, scatter, component images), autoencoder (reconstructions, loss curve)
        int[] figures = {1, 1, 3, 2, 0};
        for (int s = 0; s < sections.getLength(); s++) {
            Element section = (Element) sections.item(s);
            assertEquals(figures[s], section.getElementsByTagName("figure").getLength(), "figures of " + headings.get(s));
            if (s < 4) {
                assertTrue(section.getElementsByTagName("p").item(0).getTextContent().length() > 100,
                        "sentences on what " + headings.get(s) + " shows");
                assertEquals(1, section.getElementsByTagName("table").getLength(), "a table of " + headings.get(s));
            }
        }
        assertEquals(7, o.get("figures").asInt(), "figures counted");
        NodeList images = doc.getElementsByTagName("img");
        for (int i = 0; i < images.getLength(); i++) {
            String src = ((Element) images.item(i)).getAttribute("src");
            assertTrue(src.startsWith("data:image/"), "inline, not a link: " + src.substring(0, Math.min(40, src.length())));
            byte[] bytes = Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1));
            if (src.startsWith("data:image/png")) {
                assertNotNull(ImageIO.read(new ByteArrayInputStream(bytes)), "image " + i + " decodes");
            } else {
                assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("<svg"), "image " + i + " is an SVG");
            }
        }
        String text = Files.readString(html);
        assertFalse(text.contains("http://") || text.contains("https://") || text.contains("<script"),
                "self-contained, no script");

        // the final table holds each result's numbers as its results.json has them, and every run time
        Element last = (Element) sections.item(4);
        List<List<String>> rows = rows(last);
        String nmi = Results.number(results(kmeans).get("metrics").asObject().get("nmi").asDouble());
        assertTrue(rows.contains(List.of("k-means of digits", "NMI (vs labels)", nmi)), "k-means NMI " + nmi + " in " + rows);
        String trust = Results.number(results(pca).get("metrics").asObject().get("trustworthiness").asDouble());
        assertTrue(rows.contains(List.of("PCA of digits", "trustworthiness", trust)), "PCA trustworthiness " + trust);
        for (String h : headings.subList(0, 4)) {
            assertTrue(rows.stream().anyMatch(row -> row.get(0).equals(h) && row.get(1).equals("time in all")),
                    "run time of " + h);
        }

        assumeTrue(ReportBrowser.available(), "the report is opened in Debian's chromium and chromium-driver "
                + "(apt-get install chromium chromium-driver; .ci/run installs them)");
        ReportBrowser.Page page = ReportBrowser.open(html, Path.of("target", "latent-report-screenshot.png"));
        assertEquals(5, page.sections(), "Chromium shows five sections: " + page.headings());
        assertEquals(headings, page.headings(), "the same headings in the browser");
        assertTrue(page.images() + page.svgs() >= 7, "every figure is shown: " + page.images() + " images, "
                + page.svgs() + " svg");
        assertEquals(List.of(), page.broken(), "every image decodes in the browser");
        assertEquals(List.of(), page.errors(), "no browser error");
    }

    @Test
    void everyKindOfResultGetsItsOwnSection() throws Exception {
        String[] data = {"digits", "--limit", "200"};
        Path ward = dir.resolve("ward"), tsne = dir.resolve("tsne"), umap = dir.resolve("umap"), vae = dir.resolve("vae"),
                recon = dir.resolve("recon");
        ok(join(new String[] {"cluster", "hierarchical"}, data, "--k", "10", "--out", ward.toString()));
        ok(join(new String[] {"reduce", "tsne"}, data, "--max-iter", "300", "--out", tsne.toString()));
        ok(join(new String[] {"reduce", "umap"}, data, "--epochs", "50", "--out", umap.toString()));
        ok(join(new String[] {"train", "vae"}, data, "--latent", "2", "--hidden", "32", "--epochs", "2",
                "--out", vae.toString()));
        ok("generate", vae.toString(), "--grid", "5", "--out", dir.resolve("grid.png").toString());
        ok(join(new String[] {"interpolate", vae.toString()}, data, "--from", "0", "--to", "1",
                "--out", dir.resolve("strip.png").toString()));
        Files.writeString(dir.resolve("evaluate.json"),
                ok(join(new String[] {"evaluate", vae.toString()}, data, "--iw", "5", "--json")).out());
        ok(join(new String[] {"reconstruct", ae.toString()}, data, "--out", recon.toString()));
        ok(join(new String[] {"encode", ae.toString()}, data, "--out", dir.resolve("codes.npy").toString()));

        Path html = dir.resolve("all.html");
        Cli r = run("report", ward.toString(), tsne.toString(), umap.toString(), vae.toString(),
                dir.resolve("grid.json").toString(), dir.resolve("strip.json").toString(),
                dir.resolve("evaluate.json").toString(), recon.toString(), dir.resolve("codes.json").toString(),
                "--out", html.toString());
        assertEquals(0, r.code(), r.err());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(html.toFile());
        assertEquals(List.of("Ward linkage of digits", "t-SNE of digits", "UMAP of digits", "VAE trained on digits",
                "Samples from a VAE", "Interpolation with a VAE", "VAE evaluated on digits", "Reconstructions of digits",
                "Codes of digits", "Figures of merit"), texts(doc.getElementsByTagName("h2")), "a section per kind");
        // dendrogram; t-SNE map; UMAP map; VAE samples and its loss curve, drawn from the numbers; the grid; the
        // strip; none for evaluate; reconstructions and anomalies; none for encode
        int[] figures = {1, 1, 1, 2, 1, 1, 0, 2, 0, 0};
        NodeList sections = doc.getElementsByTagName("section");
        for (int s = 0; s < figures.length; s++) {
            Element section = (Element) sections.item(s);
            assertEquals(figures[s], section.getElementsByTagName("figure").getLength(), "figures of section " + (s + 1));
            assertTrue(section.getElementsByTagName("p").item(0).getTextContent().length() > 60,
                    "sentences in section " + (s + 1));
        }
        String elbo = Results.number(Json.parse(Files.readString(dir.resolve("evaluate.json"))).asObject()
                .get("elbo").asObject().get("elbo").asDouble());
        assertTrue(rows((Element) sections.item(9)).contains(List.of("VAE evaluated on digits", "ELBO (nats)", elbo)),
                "the ELBO from evaluate's --json: " + elbo);
    }

    private static String[] join(String[] head, String[] middle, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(middle));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    @Test
    void aMovedFolderStillShowsItsFigures() throws Exception {
        Path moved = Files.createDirectories(dir.resolve("moved"));
        Files.copy(kmeans.resolve("centers.png"), moved.resolve("centers.png"));
        Json.JsonObject res = results(kmeans);
        res.put("files", Json.object().put("centersImage", "/no/longer/here/centers.png"));
        Files.writeString(moved.resolve("results.json"), res.toString());
        Path html = dir.resolve("moved.html");
        Cli r = run("report", moved.toString(), "--out", html.toString());
        assertEquals(0, r.code(), r.err());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(html.toFile());
        Element section = (Element) doc.getElementsByTagName("section").item(0);
        assertEquals(1, section.getElementsByTagName("figure").getLength(), "the centres, found beside results.json");
    }

    @Test
    void aMissingFolderGetsOneLineAndNothingIsWritten() {
        Path html = dir.resolve("report.html");
        Path missing = dir.resolve("no-such-run");
        Cli r = run("report", kmeans.toString(), missing.toString(), "--out", html.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("latent: " + missing + ": no such file or folder"), List.of(r.errLines()), "one line");
        assertFalse(Files.exists(html), "no report");
    }

    @Test
    void aFolderThatIsNotALatentResultIsRefused() throws Exception {
        Path other = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(other.resolve("notes.txt"), "hello");
        Path html = dir.resolve("report.html");
        Cli r = run("report", other.toString(), "--out", html.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("latent: " + other + ": not a folder of Latent results"), r.err());
        assertFalse(Files.exists(html), "no report");
    }

    @Test
    void filesThatAreNotResultsAreRefusedNamingThem() throws Exception {
        Path html = dir.resolve("report.html");
        Path json = Files.writeString(dir.resolve("other.json"), "{\"name\": \"not ours\"}");
        Path binary = Files.write(dir.resolve("data.bin"), new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) 0xff, 0});
        Path array = Files.writeString(dir.resolve("array.json"), "[1, 2, 3]");
        Path tutorial = Files.createDirectories(dir.resolve("tutorial"));
        Files.writeString(tutorial.resolve("results.json"), "{\"data\": {\"train\": 10}}");
        Files.writeString(tutorial.resolve("report.html"), "<html></html>");
        Path tutorialJson = Files.writeString(dir.resolve("tutorial.json"),
                "{\"command\": \"tutorial\", \"files\": {\"report\": \"/runs/t/report.html\"}}");
        String[][] cases = {
                {json.toString(), json + ": not the results of a Latent command (no \"command\" member)"},
                {binary.toString(), binary + ": not the results of a Latent command (not UTF-8 text)"},
                {array.toString(), array + ": not the results of a Latent command (not a JSON object)"},
                {tutorial.toString(), tutorial.resolve("results.json") + ": the results of 'latent tutorial', which "
                        + "wrote its report already: " + tutorial.resolve("report.html")},
                {tutorialJson.toString(), tutorialJson + ": the results of 'latent tutorial', which wrote its report "
                        + "already: /runs/t/report.html"}};
        for (String[] c : cases) {
            Cli r = run("report", kmeans.toString(), c[0], "--out", html.toString());
            assertEquals(2, r.code(), r.err());
            assertEquals(List.of("latent: " + c[1]), List.of(r.errLines()), "one line for " + c[0]);
            assertFalse(Files.exists(html), "no report for " + c[0]);
        }
    }

    @Test
    void anOutputThatIsAFolderIsRefused() throws Exception {
        Cli r = run("report", kmeans.toString(), "--out", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("latent: --out must be the HTML file to write, got the folder " + dir + " (for example --out "
                + dir.resolve("report.html") + ")", r.err().strip(), "one line");
    }

    @Test
    void aFailedReportLeavesAnEarlierOneAsItWas() throws Exception {
        Path html = Files.writeString(dir.resolve("report.html"), "the earlier report");
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        // results that name a figure whose file is damaged
        Json.JsonObject res = results(kmeans);
        Path png = Files.writeString(broken.resolve("centers.png"), "not a picture");
        res.put("files", Json.object().put("centersImage", png.toString()));
        Files.writeString(broken.resolve("results.json"), res.toString());
        Cli r = run("report", kmeans.toString(), broken.toString(), "--out", html.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("latent: " + png + ": not a PNG image (named by " + broken.resolve("results.json") + ")"),
                List.of(r.errLines()), "one line naming the damaged figure");
        assertEquals("the earlier report", Files.readString(html), "the earlier report is untouched");
    }

    @Test
    void theSameResultTwiceAndAnOutputOverAnInputAreRefused() {
        Path html = dir.resolve("report.html");
        Cli twice = run("report", kmeans.toString(), kmeans.resolve("results.json").toString(), "--out", html.toString());
        assertEquals(2, twice.code(), twice.err());
        assertEquals("latent: " + kmeans.resolve("results.json") + " is given twice", twice.err().strip(), "one line");
        Cli over = run("report", kmeans.toString(), "--out", kmeans.resolve("results.json").toString());
        assertEquals(2, over.code(), over.err());
        assertTrue(over.err().contains("would overwrite the results it reads"), over.err());
        assertFalse(Files.exists(html), "no report");
    }

    private static List<String> texts(NodeList nodes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) out.add(nodes.item(i).getTextContent());
        return out;
    }

    private static List<List<String>> rows(Element section) {
        List<List<String>> out = new ArrayList<>();
        NodeList trs = section.getElementsByTagName("tr");
        for (int i = 0; i < trs.getLength(); i++) {
            List<String> cells = texts(((Element) trs.item(i)).getElementsByTagName("td"));
            if (!cells.isEmpty()) out.add(cells);
        }
        return out;
    }
}
