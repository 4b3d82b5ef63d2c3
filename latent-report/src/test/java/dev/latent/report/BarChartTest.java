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
    void rejectsBadInput() {
        var nan = assertThrows(IllegalArgumentException.class, () -> BarChart.defaults().draw(List.of("a", "b"), new double[] {1, Double.NaN}));
        assertEquals("values has NaN at index 1", nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BarChart.defaults().draw(List.of(), new double[0]));
        assertThrows(IllegalArgumentException.class, () -> BarChart.defaults().draw(List.of("a"), new double[] {1, 2}));
        var negative = assertThrows(IllegalArgumentException.class, () -> BarChart.defaults().classBalance(new int[] {0, -1}, List.of()));
        assertEquals("labels must be >= 0, got -1 at index 1", negative.getMessage());
    }
}
