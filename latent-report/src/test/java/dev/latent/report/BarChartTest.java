package dev.latent.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BarChartTest {
    @Test
    void classBalanceBarsAreAsTallAsTheCounts() {
        // counts 2, 1, 3; ticks of [0, 3] are 0..3 by 1, over pixels 352..40: 104 px per sample
        Figure f = BarChart.defaults().classBalance(new int[] {0, 0, 1, 2, 2, 2}, List.of("a", "b"));
        double[] heights = f.marks().stream().filter(m -> m instanceof Mark.Rect r && r.fill() != Mark.NONE && r.stroke() == Mark.NONE)
                .mapToDouble(m -> ((Mark.Rect) m).h()).toArray();
        assertArrayEquals(new double[] {208, 104, 312}, heights, 1e-9, "bar heights");
        String svg = f.svg();
        assertTrue(svg.contains(">a</text>") && svg.contains(">b</text>") && svg.contains(">2</text>"),
                "classes named, the unnamed third by its number");
        Xml.parse(svg);
    }

    @Test
    void negativeValuesHangBelowZero() {
        Figure f = BarChart.defaults().draw(List.of("up", "down"), new double[] {2, -2});
        // ticks of [-2, 2]: -2..2 by 1 over 352..40, zero at 196, 78 px per unit
        List<Mark.Rect> bars = f.marks().stream().filter(m -> m instanceof Mark.Rect r && r.fill() != Mark.NONE && r.stroke() == Mark.NONE)
                .map(m -> (Mark.Rect) m).toList();
        assertEquals(196 - 156, bars.get(0).y(), 1e-9, "the positive bar rises from zero");
        assertEquals(196, bars.get(1).y(), 1e-9, "the negative bar hangs from zero");
        assertEquals(156, bars.get(1).h(), 1e-9, "and is as long");
    }

    @Test
    void groupsStandSideBySideInTheirGroupColours() {
        // 2 categories, 2 groups, legend on the right: the plot runs from 64 to 640 - 24 - legend width
        Figure f = BarChart.defaults().drawGroups(List.of("raw", "pca"), List.of("1%", "100%"), new double[][] {{0.5, 0.6}, {0.9, 1.0}});
        List<Mark.Rect> bars = f.marks().stream().filter(m -> m instanceof Mark.Rect r && r.fill() != Mark.NONE && r.stroke() == Mark.NONE)
                .map(m -> (Mark.Rect) m).toList();
        assertEquals(4, bars.size(), "four bars");
        assertEquals(Palette.categorical(0), bars.get(0).fill(), "group 0 colour");
        assertEquals(Palette.categorical(1), bars.get(1).fill(), "group 1 colour");
        assertEquals(bars.get(0).x() + bars.get(0).w(), bars.get(1).x(), 1e-9, "group 1 right beside group 0");
        // ticks of [0, 1]: 0..1 by 0.2 over 352..40, so 0.5 is 156 px tall and 1.0 is 312
        assertEquals(156, bars.get(0).h(), 1e-9, "raw at 1%");
        assertEquals(312, bars.get(3).h(), 1e-9, "pca at 100%");
        assertTrue(f.svg().contains(">100%</text>"), "groups named in the legend");
        var ragged = assertThrows(IllegalArgumentException.class,
                () -> BarChart.defaults().drawGroups(List.of("a", "b"), List.of("g"), new double[][] {{1}}));
        assertEquals("values of group 'g' must have one value per category (2), got 1", ragged.getMessage());
    }

    @Test
    void rejectsBadInput() {
        var nan = assertThrows(IllegalArgumentException.class, () -> BarChart.defaults().draw(List.of("a", "b"), new double[] {1, Double.NaN}));
        assertEquals("values has NaN at index 1", nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BarChart.defaults().draw(List.of(), new double[0]));
        assertThrows(IllegalArgumentException.class, () -> BarChart.defaults().draw(List.of("a"), new double[] {1, 2}));
        var negative = assertThrows(IllegalArgumentException.class, () -> BarChart.defaults().classBalance(new int[] {0, -1}, List.of()));
        assertEquals("labels must be >= 0, got -1 at index 1", negative.getMessage());
    }
}
