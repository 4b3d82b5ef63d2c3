package dev.latent.report;

import dev.latent.data.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {
    private static Report sample() {
        Matrix xy = Matrix.of(4, 2, 0, 0, 1, 1, 2, 0, 3, 1);
        Figure vector = ScatterPlot.defaults().withTitle("vector").byLabel(xy, new int[] {0, 1, 0, 1}, List.of("even", "odd"));
        Figure raster = ScatterPlot.defaults().withTitle("raster").withRasterAbove(0).byDensity(xy);
        Figure line = LinePlot.defaults().draw(Series.of("loss", new double[] {3, 2, 1.5}));
        return Report.of("Digits <unsupervised> & \"friends\"")
                .withIntro("What the data shows, in pictures & numbers.")
                .withSection(Section.of("Maps").text("Points <b>not bold</b>.").figure(vector, "By label")
                        .figure(raster, "By density"))
                .withSection(Section.of("Training").figureAsPng(line, "Loss per epoch").image(line.png(), "The same, as bytes")
                        .table(Table.of("Scores", "method", "NMI", "time").row("k-means", 0.4971234567, "1.2 s").row("ward", 0.52, "3 ms")));
    }

    @Test
    void htmlParsesAndHasEverySectionAndFigure() {
        Document doc = Xml.parse(sample().html());
        assertEquals("html", doc.getDocumentElement().getTagName(), "root element");
        assertEquals("Digits <unsupervised> & \"friends\"", doc.getElementsByTagName("h1").item(0).getTextContent(), "escaped title");
        assertEquals(2, doc.getElementsByTagName("section").getLength(), "two sections");
        assertEquals(2, doc.getElementsByTagName("svg").getLength(), "two inline SVG figures");
        assertEquals(2, doc.getElementsByTagName("img").getLength(), "two PNG images");
        assertEquals(4, doc.getElementsByTagName("figcaption").getLength(), "every figure captioned");
        assertEquals(0, doc.getElementsByTagName("b").getLength(), "text markup is escaped, not interpreted");
        assertEquals(0, doc.getElementsByTagName("script").getLength(), "no script");
        NodeList cells = doc.getElementsByTagName("td");
        assertEquals("0.497123", cells.item(1).getTextContent(), "numbers in 6 significant digits");
        assertEquals("num", ((Element) cells.item(1)).getAttribute("class"), "numbers aligned right");
        assertEquals("", ((Element) cells.item(0)).getAttribute("class"), "text aligned left");
    }

    @Test
    void everyEmbeddedImageDecodesAndNothingIsFetched() {
        String html = sample().html();
        assertFalse(html.contains("http://") || html.contains("https://"), "no network reference");
        assertFalse(html.contains(" src=\"/") || html.contains("href=\"/"), "no file reference");
        Document doc = Xml.parse(html);
        int decoded = 0;
        for (String tag : new String[] {"img", "image"}) {
            NodeList list = doc.getElementsByTagName(tag);
            for (int i = 0; i < list.getLength(); i++) {
                Element e = (Element) list.item(i);
                String uri = e.hasAttribute("src") ? e.getAttribute("src") : e.getAttribute("href");
                assertTrue(uri.startsWith("data:image/png;base64,"), tag + " is a PNG data URI");
                Pixels.decode(Base64.getDecoder().decode(uri.substring("data:image/png;base64,".length())));
                decoded++;
            }
        }
        assertEquals(3, decoded, "two PNG figures and the density raster");
    }

    @Test
    void outputIsDeterministicAndWrittenAtomically(@TempDir Path dir) throws IOException {
        Path file = sample().write(dir.resolve("report.html"));
        assertEquals(sample().html(), Files.readString(file, StandardCharsets.UTF_8), "the file holds the same HTML as a second run");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void svgFilesAreEmbeddedAsDataUris() {
        Figure f = LinePlot.defaults().draw(Series.of("x", new double[] {1, 2}));
        String html = Report.of("r").withSection(Section.of("s").svg(f.svg(), "from a file")).html();
        Element img = (Element) Xml.parse(html).getElementsByTagName("img").item(0);
        String uri = img.getAttribute("src");
        assertTrue(uri.startsWith("data:image/svg+xml;base64,"), "an SVG data URI");
        String back = new String(Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1)), StandardCharsets.UTF_8);
        assertEquals(f.svg(), back, "the document unchanged");
        assertFalse(html.contains("http://"), "its namespace is inside the base64 text");
        assertThrows(IllegalArgumentException.class, () -> Section.of("s").svg("<html/>", ""));
    }

    @Test
    void rejectsBadParts() {
        assertThrows(IllegalArgumentException.class, () -> Report.of(" "));
        assertThrows(IllegalArgumentException.class, () -> Section.of(""));
        var png = assertThrows(IllegalArgumentException.class, () -> Section.of("s").image(new byte[] {1, 2, 3}, ""));
        assertEquals("png must be PNG bytes (starting with the PNG signature), got 3 other bytes", png.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Table.of("t", "a", "b").row("only one"));
    }

    @Test
    void controlCharactersCannotBreakTheMarkup() {
        String html = Report.of("bell \u0007 and NUL \u0000").withSection(Section.of("s").text("lone \uD800 surrogate")).html();
        Xml.parse(html);
    }
}
