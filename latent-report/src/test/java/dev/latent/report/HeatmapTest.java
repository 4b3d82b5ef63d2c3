package dev.latent.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeatmapTest {
    @Test
    void contingencyCellsAreColouredByTheirCounts() {
        // cluster 0 holds two of label 1; cluster 1 holds two of label 0 and one of label 1: [[0, 2], [2, 1]]
        Figure f = Heatmap.defaults().contingency(new int[] {0, 0, 1, 1, 1}, new int[] {1, 1, 0, 0, 1}, List.of());
        int[] colors = f.marks().stream().filter(m -> m instanceof Mark.Rect r && r.w() == 32 && r.h() == 32)
                .mapToInt(m -> ((Mark.Rect) m).fill()).toArray();
        Colormap v = Colormap.VIRIDIS;
        assertArrayEquals(new int[] {v.rgb(0), v.rgb(1), v.rgb(1), v.rgb(0.5)}, colors, "cells by count / 2, row by row");
        String[] values = f.marks().stream().filter(m -> m instanceof Mark.Text t && t.anchor() == Mark.Anchor.MIDDLE && t.size() <= 11
                        && t.text().matches("\\d")).map(m -> ((Mark.Text) m).text()).limit(4).toArray(String[]::new);
        assertArrayEquals(new String[] {"0", "2", "2", "1"}, values, "counts written in the cells");
        Xml.parse(f.svg());
    }

    @Test
    void manyRowsShrinkTheCells() {
        // 100 clusters: 720 / 100 = 7-pixel cells, no values written, every second row named
        int[] clusters = new int[200], labels = new int[200];
        for (int i = 0; i < 200; i++) {
            clusters[i] = i / 2;
            labels[i] = i % 10;
        }
        Figure f = Heatmap.defaults().contingency(clusters, labels, List.of());
        long cells = f.marks().stream().filter(m -> m instanceof Mark.Rect r && r.w() == 7 && r.h() == 7).count();
        assertEquals(1000, cells, "100 x 10 cells of 7 pixels");
        assertTrue(f.height() < 900, "the figure stays below 900 pixels, got " + f.height());
        long rowNames = f.marks().stream().filter(m -> m instanceof Mark.Text t && t.anchor() == Mark.Anchor.END && t.angle() == 0).count();
        assertEquals(50, rowNames, "every second row named");
    }

    @Test
    void rejectsRaggedOrNaNMatrices() {
        Heatmap h = Heatmap.defaults();
        var nan = assertThrows(IllegalArgumentException.class,
                () -> h.draw(new double[][] {{1, Double.NaN}}, List.of("r"), List.of("a", "b")));
        assertEquals("values has NaN at row 0, column 1", nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> h.draw(new double[][] {{1, 2}, {3}}, List.of("r", "s"), List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> h.draw(new double[0][], List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> h.draw(new double[][] {{1}}, List.of(), List.of("a")));
        assertThrows(IllegalArgumentException.class, () -> h.contingency(new int[] {0}, new int[] {0, 1}, List.of()));
    }
}
