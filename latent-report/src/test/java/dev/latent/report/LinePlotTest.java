package dev.latent.report;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinePlotTest {
    @Test
    void pointsLandAtHandComputedPixels() {
        // x 1..3 widened by 3% of 2 is [0.94, 3.06] over pixels 64..616 (640 - 24): x = 2 -> 64 + 1.06 / 2.12 * 552 = 340.
        // y ticks of [0, 10] are 0..10 by 2, over pixels 352..40 (400 - 48 .. 40): y = 5 -> 352 - 0.5 * 312 = 196.
        Figure f = LinePlot.defaults().draw(Series.of("loss", new double[] {0, 5, 10}));
        Mark.Polyline line = (Mark.Polyline) f.marks().stream().filter(m -> m instanceof Mark.Polyline).findFirst().orElseThrow();
        assertArrayEquals(new double[] {64 + 0.06 / 2.12 * 552, 340, 64 + 2.06 / 2.12 * 552}, line.xs(), 1e-9, "x pixels");
        assertArrayEquals(new double[] {352, 196, 40}, line.ys(), 1e-9, "y pixels");
        BufferedImage img = Pixels.decode(f.png());
        assertEquals(Palette.categorical(0), Pixels.rgb(img, 340, 196), "the middle marker is at (340, 196)");
    }

    @Test
    void marksTheChosenXWithADashedLine() {
        Series s = new Series("inertia", new double[] {2, 3, 4, 5, 6}, new double[] {50, 30, 20, 18, 17});
        Figure f = LinePlot.defaults().withMark(4, "k = 4").draw(s);
        // x [2, 6] widened to [1.88, 6.12]: x = 4 -> 64 + 2.12 / 4.24 * 552 = 340
        Mark.Line mark = (Mark.Line) f.marks().stream().filter(m -> m instanceof Mark.Line l && l.dashed()).findFirst().orElseThrow();
        assertEquals(340, mark.x1(), 1e-9, "the dashed line stands at k = 4");
        assertTrue(f.svg().contains(">k = 4</text>"), "the mark is labelled");
        String[] ticks = f.marks().stream().filter(m -> m instanceof Mark.Text t && t.y() == 352 + 18)
                .map(m -> ((Mark.Text) m).text()).toArray(String[]::new);
        assertArrayEquals(new String[] {"2", "3", "4", "5", "6"}, ticks, "whole-number ticks on a whole-number axis");
    }

    @Test
    void namesSeveralSeriesInALegendOnly() {
        Series a = Series.of("train", new double[] {3, 2, 1}), b = Series.of("validation", new double[] {3.5, 2.5, 2});
        assertTrue(LinePlot.defaults().draw(a, b).svg().contains(">validation</text>"), "legend with two series");
        assertFalse(LinePlot.defaults().draw(a).svg().contains(">train</text>"), "no legend for one series");
    }

    @Test
    void svgIsWellFormedAndDeterministic() {
        LinePlot p = LinePlot.defaults().withTitle("Loss <per> epoch & more").withAxisLabels("epoch", "loss");
        Figure f1 = p.draw(Series.of("a", new double[] {1e-3, 2e-3, 5e-4})), f2 = p.draw(Series.of("a", new double[] {1e-3, 2e-3, 5e-4}));
        Xml.parse(f1.svg());
        assertEquals(f1.svg(), f2.svg(), "same SVG");
        assertArrayEquals(f1.png(), f2.png(), "same PNG");
    }

    @Test
    void singlePointAndFlatSeriesStillDraw() {
        Xml.parse(LinePlot.defaults().draw(Series.of("one", new double[] {4})).svg());
        Xml.parse(LinePlot.defaults().draw(Series.of("flat", new double[] {2, 2, 2})).svg());
    }

    @Test
    void logAxisPutsPowersOfTenEvenlyApart() {
        // exponents 0, 1, 2 over pixels 352..40: y = 10 lies midway, at 196
        Figure f = LinePlot.defaults().withLogY(true).draw(Series.of("loss", new double[] {100, 10, 1}));
        Mark.Polyline line = (Mark.Polyline) f.marks().stream().filter(m -> m instanceof Mark.Polyline).findFirst().orElseThrow();
        assertArrayEquals(new double[] {40, 196, 352}, line.ys(), 1e-9, "y pixels");
        String[] labels = f.marks().stream().filter(m -> m instanceof Mark.Text t && t.anchor() == Mark.Anchor.END && t.x() == 56)
                .map(m -> ((Mark.Text) m).text()).toArray(String[]::new);
        assertArrayEquals(new String[] {"1", "10", "100"}, labels, "powers of ten as labels");
        var zero = assertThrows(IllegalArgumentException.class,
                () -> LinePlot.defaults().withLogY(true).draw(Series.of("loss", new double[] {1, 0})));
        assertEquals("y of series 'loss' must be > 0 on a log axis, got 0.0", zero.getMessage());
    }

    @Test
    void axisReachesTheRangeAskedFor() {
        // data 0.3..0.5, axis asked to include [0, 1]: ticks 0..1 by 0.2 over 352..40, so 0.5 sits at 196
        Figure f = LinePlot.defaults().withYIncluding(0, 1).draw(Series.of("ratio", new double[] {0.3, 0.5}));
        Mark.Polyline line = (Mark.Polyline) f.marks().stream().filter(m -> m instanceof Mark.Polyline).findFirst().orElseThrow();
        assertEquals(196, line.ys()[1], 1e-9, "0.5 midway up a [0, 1] axis");
    }

    @Test
    void rejectsNaNAndEmptySeries() {
        var nan = assertThrows(IllegalArgumentException.class, () -> Series.of("loss", new double[] {1, 2, Double.NaN}));
        assertEquals("y of series 'loss' has NaN at index 2", nan.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> Series.of("loss", new double[0]));
        assertEquals("series 'loss' must have at least one point, got 0", empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Series("s", new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> LinePlot.defaults().draw(List.of()));
        assertThrows(IllegalArgumentException.class, () -> LinePlot.defaults().withMark(Double.POSITIVE_INFINITY, ""));
    }
}
