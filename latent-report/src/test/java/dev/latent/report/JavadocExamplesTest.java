package dev.latent.report;

import dev.latent.data.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code {@snippet}} examples of this module's Javadoc, run as written. */
class JavadocExamplesTest {
    private static final Matrix EMBEDDING = Matrix.of(4, 2, 0, 0, 1, 0, 5, 5, 6, 5);
    private static final int[] LABELS = {0, 0, 1, 1};

    @Test
    void scatterPlotExampleWritesSvgAndPng(@TempDir Path dir) throws IOException {
        Matrix embedding = EMBEDDING;
        int[] labels = LABELS;
        List<String> classNames = List.of("zero", "one");
        Figure f = ScatterPlot.defaults().withTitle("t-SNE of MNIST").byLabel(embedding, labels, classNames);
        f.write(dir, "scatter");   // scatter.svg and scatter.png
        assertTrue(Files.size(dir.resolve("scatter.svg")) > 0 && Files.size(dir.resolve("scatter.png")) > 0, "both files");
    }

    @Test
    void linePlotExampleMarksTheChosenK() {
        double[] ks = {8, 9, 10, 11, 12}, inertia = {50, 45, 40, 39, 38.5};
        Figure f = LinePlot.defaults().withTitle("Choosing k").withAxisLabels("k", "inertia").withMark(10, "k = 10")
                .draw(new Series("inertia", ks, inertia));
        assertTrue(f.svg().contains(">k = 10</text>"), "the mark's label");
    }

    @Test
    void tableExampleHasTwoRows() {
        Table t = Table.of("Clustering quality", "method", "NMI", "ARI").row("k-means", 0.497, 0.366).row("Ward", 0.52, 0.39);
        assertEquals(List.of("Ward", "0.52", "0.39"), t.rows().get(1), "second row");
    }

    @Test
    void sectionAndReportExamplesMakeAPage(@TempDir Path dir) throws IOException {
        double[] ratios = {0.097, 0.071, 0.062};
        Section pca = Section.of("PCA")
                .text("The first two components explain 17% of the variance.")
                .figure(LinePlot.defaults().draw(Series.of("ratio", ratios)), "Explained variance per component")
                .table(Table.of("", "component", "ratio").row(1, 0.097));
        Figure scatter = ScatterPlot.defaults().plain(EMBEDDING);
        Report.of("MNIST, unsupervised")
                .withIntro("70,000 handwritten digits, without their labels.")
                .withSection(Section.of("t-SNE").text("Digits form separate islands.").figure(scatter, "t-SNE map"))
                .withSection(pca)
                .write(dir.resolve("report.html"));
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<h2>t-SNE</h2>") && html.contains("<h2>PCA</h2>"), "both sections");
        Xml.parse(html);
    }
}
