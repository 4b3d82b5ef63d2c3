package dev.latent.report;

import dev.latent.data.Matrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScatterPlotTest {
    // Points (0,0), (10,10), (2.5,5) in a 304 x 304 figure: the plot area is x 64..280, y 40..256 (216 px);
    // the data range [0, 10] widened by 4% is [-0.4, 10.4], 10.8 units, so 20 px per unit.
    // (0,0) -> (64 + 0.4 * 20, 256 - 0.4 * 20) = (72, 248); (2.5,5) -> (64 + 2.9 * 20, 256 - 5.4 * 20) = (122, 148).
    private static final Matrix TINY = Matrix.of(3, 2, 0, 0, 10, 10, 2.5f, 5);
    private static final ScatterPlot EXACT = ScatterPlot.defaults().withSize(304, 304).withPointRadius(3).withOpacity(1);

    @Test
    void vectorPointsLandAtHandComputedPixels() {
        assertPointsAtHandComputedPixels(EXACT.plain(TINY));
    }

    @Test
    void rasterPointsLandAtHandComputedPixels() {
        Figure f = EXACT.withRasterAbove(0).plain(TINY);
        assertEquals(1, f.marks().stream().filter(m -> m instanceof Mark.Raster).count(), "one raster image");
        assertPointsAtHandComputedPixels(f);
    }

    private static void assertPointsAtHandComputedPixels(Figure f) {
        BufferedImage img = Pixels.decode(f.png());
        assertEquals(304, img.getWidth(), "width");
        assertEquals(ScatterPlot.UNLABELED, Pixels.rgb(img, 72, 248), "point (0,0) is drawn at pixel (72, 248)");
        assertEquals(ScatterPlot.UNLABELED, Pixels.rgb(img, 122, 148), "point (2.5,5) is drawn at pixel (122, 148)");
        assertEquals(ScatterPlot.UNLABELED, Pixels.rgb(img, 120, 146), "within the radius 3 of (122, 148)");
        assertEquals(0xFFFFFF, Pixels.rgb(img, 122, 153), "5 px below (122, 148) is background");
        assertEquals(0xFFFFFF, Pixels.rgb(img, 200, 200), "no point near (200, 200)");
    }

    @Test
    void labelledPointsTakeTheirClassColour() {
        Figure f = EXACT.byLabel(TINY, new int[] {3, 3, 7}, List.of("zero", "one", "two", "three"));
        BufferedImage img = Pixels.decode(f.png());
        // with a legend the plot area is narrower, so find the (2.5, 5) point through the drawn marks
        Mark.Dot third = (Mark.Dot) f.marks().stream().filter(m -> m instanceof Mark.Dot d && d.fill() == Palette.categorical(7))
                .filter(m -> ((Mark.Dot) m).r() == 3).findFirst().orElseThrow();
        assertEquals(Palette.categorical(7), Pixels.rgb(img, (int) third.x(), (int) third.y()), "label 7 colour");
        String svg = f.svg();
        assertTrue(svg.contains(">three</text>"), "legend names class 3 'three'");
        assertTrue(svg.contains(">7</text>"), "legend shows label 7, which has no name, as its number");
    }

    @Test
    @Tag("slow")
    void svgIsWellFormedAndDeterministic() {
        var rng = new SplittableRandom(5);
        float[] v = new float[2 * 800];
        int[] labels = new int[800];
        for (int i = 0; i < 800; i++) {
            labels[i] = rng.nextInt(10);
            v[2 * i] = (float) (rng.nextGaussian() + labels[i]);
            v[2 * i + 1] = (float) rng.nextGaussian();
        }
        Matrix xy = Matrix.wrap(800, 2, v);
        ScatterPlot p = ScatterPlot.defaults().withTitle("digits <&> \"quoted\"").withAxisLabels("x", "y");
        for (boolean raster : new boolean[] {false, true}) {
            ScatterPlot q = raster ? p.withRasterAbove(100) : p;
            for (Figure f : List.of(q.byLabel(xy, labels, List.of()), q.byCluster(xy, labels), q.byDensity(xy), q.plain(xy))) {
                Document doc = Xml.parse(f.svg());
                assertEquals("svg", doc.getDocumentElement().getLocalName(), "root element");
                assertEquals("digits <&> \"quoted\"", doc.getElementsByTagName("title").item(0).getTextContent(),
                        "title escaped and read back");
                assertEquals(f.svg(), f.svg(), "the same SVG twice");
            }
            Figure a = q.byLabel(xy, labels, List.of()), b = q.byLabel(xy.copy(), labels.clone(), List.of());
            assertEquals(a.svg(), b.svg(), "two runs give identical SVG");
            assertArrayEquals(a.png(), b.png(), "two runs give identical PNG");
        }
    }

    @Test
    void densityDrawsDensePointsLastInTheTopColour() {
        // 50 points on one spot and 1 far away: the crowded points rank top (all 50 others as dense or sparser) and are drawn last
        float[] v = new float[2 * 51];
        v[100] = 10;
        v[101] = 10;
        Figure f = EXACT.byDensity(Matrix.wrap(51, 2, v));
        List<Mark.Dot> dots = f.marks().stream().filter(m -> m instanceof Mark.Dot d && d.r() == 3).map(m -> (Mark.Dot) m).toList();
        assertEquals(51, dots.size(), "one marker per point");
        assertEquals(Colormap.VIRIDIS.rgb(1), dots.get(50).fill(), "crowded point in the top colour, last");
        assertEquals(Colormap.VIRIDIS.rgb(0), dots.get(0).fill(), "lonely point first, in the bottom colour (no point is sparser)");
    }

    @Test
    @Tag("slow")
    void seventyThousandPointsMakeASmallSvg() {
        var rng = new SplittableRandom(9);
        float[] v = new float[2 * 70_000];
        int[] labels = new int[70_000];
        for (int i = 0; i < 70_000; i++) {
            labels[i] = i % 10;
            v[2 * i] = (float) (rng.nextGaussian() * 3 + labels[i] * 4);
            v[2 * i + 1] = (float) (rng.nextGaussian() * 3 + (labels[i] % 3) * 5);
        }
        String svg = ScatterPlot.defaults().byLabel(Matrix.wrap(70_000, 2, v), labels, List.of()).svg();
        assertTrue(svg.length() < 1_000_000, "a raster keeps the SVG under 1 MB, got " + svg.length() + " chars");
        assertEquals(1, svg.split("<image ", -1).length - 1, "one embedded image");
        assertEquals(0, svg.split("<circle ", -1).length - 1 - 10, "no circle but the 10 legend markers");
    }

    @Test
    void rejectsBadInputWithClearMessages() {
        ScatterPlot p = ScatterPlot.defaults();
        var nan = assertThrows(IllegalArgumentException.class, () -> p.plain(Matrix.of(2, 2, 0, 0, Float.NaN, 1)));
        assertEquals("xy has NaN at row 1, column 0", nan.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> p.plain(Matrix.zeros(0, 2)));
        assertEquals("xy must have at least one point, got 0 rows", empty.getMessage());
        var narrow = assertThrows(IllegalArgumentException.class, () -> p.byDensity(Matrix.zeros(3, 1)));
        assertEquals("xy must have at least 2 columns, got 1", narrow.getMessage());
        var labels = assertThrows(IllegalArgumentException.class, () -> p.byLabel(TINY, new int[2], List.of()));
        assertEquals("labels must have one entry per row (3), got 2", labels.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.withSize(10, 480));
        assertThrows(IllegalArgumentException.class, () -> p.withOpacity(Double.NaN));
    }

    @Test
    void aSinglePointIsCentred() {
        Figure f = EXACT.plain(Matrix.of(1, 2, 3, -2));
        Mark.Dot dot = (Mark.Dot) f.marks().stream().filter(m -> m instanceof Mark.Dot).findFirst().orElseThrow();
        assertEquals((64 + 280) / 2.0, dot.x(), 1e-9, "x centred in the plot area");
        assertEquals((40 + 256) / 2.0, dot.y(), 1e-9, "y centred in the plot area");
    }
}
