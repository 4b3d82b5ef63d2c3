package dev.latent.report;

import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.data.FloatStore;
import dev.latent.data.Matrix;
import dev.latent.data.SampleShape;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImagePanelsTest {
    private static Dataset bytes(SampleShape shape, int count, int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) b[i] = (byte) values[i];
        return Dataset.of("test", shape, ByteStore.of(b, count, shape.size()), new int[0], List.of());
    }

    private static Dataset floats(SampleShape shape, int count, float... values) {
        return Dataset.of("test", shape, new FloatStore(Matrix.of(count, shape.size(), values)), new int[0], List.of());
    }

    @Test
    void grayImagesKeepTheirBytes() {
        // two 2 x 2 images at 3 screen pixels per image pixel, one image pixel (3 px) apart, from (8, 8)
        Dataset d = bytes(SampleShape.image(1, 2, 2), 2, 0, 255, 128, 64, 200, 0, 0, 0);
        BufferedImage img = Pixels.decode(ImagePanels.defaults().withScale(3).grid(d, new int[] {0, 1}, List.of()).png());
        assertEquals(0x000000, Pixels.rgb(img, 9, 9), "image 0, pixel (0, 0)");
        assertEquals(0xFFFFFF, Pixels.rgb(img, 12, 9), "image 0, pixel (1, 0)");
        assertEquals(0x808080, Pixels.rgb(img, 9, 12), "image 0, pixel (0, 1)");
        assertEquals(0x404040, Pixels.rgb(img, 13, 13), "image 0, pixel (1, 1)");
        assertEquals(0xFFFFFF, Pixels.rgb(img, 15, 9), "the gap");
        assertEquals(0xC8C8C8, Pixels.rgb(img, 18, 9), "image 1, pixel (0, 0)");
    }

    @Test
    void compositesStretchEachChosenBand() {
        // one 1 x 2 image of 3 bands: band 0 = (0, 10), band 1 = (5, 5) (constant: its lowest colour), band 2 = (1, 0)
        Dataset d = floats(SampleShape.image(3, 1, 2), 1, 0, 10, 5, 5, 1, 0);
        ImagePanels p = ImagePanels.defaults().withScale(4);
        BufferedImage rgb = Pixels.decode(p.composite(d, new int[] {0}, 0, 1, 2, List.of()).png());
        assertEquals(0x0000FF, Pixels.rgb(rgb, 9, 9), "pixel 0: red 0, green 0, blue full");
        assertEquals(0xFF0000, Pixels.rgb(rgb, 13, 9), "pixel 1: red full");
        BufferedImage fc = Pixels.decode(p.composite(d, new int[] {0}, 2, 0, 1, List.of()).png());
        assertEquals(0xFF0000, Pixels.rgb(fc, 9, 9), "false colour: band 2 as red");
        assertEquals(0x00FF00, Pixels.rgb(fc, 13, 9), "false colour: band 0 as green");
    }

    @Test
    void ndviFollowsItsFormula() {
        assertEquals(0.6, ImagePanels.ndvi(0.8, 0.2), 1e-12, "(0.8 - 0.2) / (0.8 + 0.2)");
        assertEquals(-1, ImagePanels.ndvi(0, 3), 0, "no near infrared");
        assertEquals(0, ImagePanels.ndvi(0, 0), 0, "both zero");
        // one 1 x 1 image of bands R, G, B, NIR = 50, 0, 0, 200: NDVI 150 / 250 = 0.6, colour at (0.6 + 1) / 2
        Dataset d = bytes(SampleShape.image(4, 1, 1), 1, 50, 0, 0, 200);
        BufferedImage img = Pixels.decode(ImagePanels.defaults().withScale(8).ndvi(d, new int[] {0}, 3, 0, List.of()).png());
        assertEquals(Colormap.BROWN_GREEN.rgb(0.8), Pixels.rgb(img, 11, 11), "NDVI colour");
    }

    @Test
    void bandUsesTheColormapOverTheBandsRange() {
        Dataset d = floats(SampleShape.image(2, 1, 2), 1, 9, 9, -1, 3);
        BufferedImage img = Pixels.decode(ImagePanels.defaults().withScale(4).band(d, new int[] {0}, 1, Colormap.VIRIDIS, List.of()).png());
        assertEquals(Colormap.VIRIDIS.rgb(0), Pixels.rgb(img, 9, 9), "band 1's minimum");
        assertEquals(Colormap.VIRIDIS.rgb(1), Pixels.rgb(img, 13, 9), "band 1's maximum");
    }

    @Test
    void signedRowsAreWhiteAtZero() {
        Matrix rows = Matrix.of(1, 4, 0, 2, -2, 1);
        BufferedImage img = Pixels.decode(ImagePanels.defaults().withScale(4).signedRows(rows, 2, 2, List.of("c1")).png());
        assertEquals(Colormap.BLUE_RED.rgb(0.5), Pixels.rgb(img, 9, 9), "0 is the middle colour");
        assertEquals(Colormap.BLUE_RED.rgb(1), Pixels.rgb(img, 13, 9), "the largest weight is full red");
        assertEquals(Colormap.BLUE_RED.rgb(0), Pixels.rgb(img, 9, 13), "its negative is full blue");
        Xml.parse(ImagePanels.defaults().signedRows(rows, 2, 2, List.of("<c1>")).svg());
    }

    @Test
    void rejectsWhatCannotBeDrawn() {
        Dataset rgb = floats(SampleShape.image(3, 1, 1), 1, 1, 2, 3);
        var band = assertThrows(IllegalArgumentException.class, () -> ImagePanels.defaults().ndvi(rgb, new int[] {0}, 3, 0, List.of()));
        assertEquals("band must be in [0, 3), got 3", band.getMessage());
        Dataset vectors = floats(SampleShape.vector(3), 1, 1, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> ImagePanels.defaults().grid(vectors, new int[] {0}, List.of()));
        assertThrows(IllegalArgumentException.class, () -> ImagePanels.defaults().grid(rgb, new int[0], List.of()));
        assertThrows(IllegalArgumentException.class, () -> ImagePanels.defaults().grid(rgb, new int[] {1}, List.of()));
        assertThrows(IllegalArgumentException.class, () -> ImagePanels.defaults().grid(rgb, new int[] {0}, List.of("a", "b")));
        var nan = assertThrows(IllegalArgumentException.class,
                () -> ImagePanels.defaults().signedRows(Matrix.of(1, 1, Float.NaN), 1, 1, List.of()));
        assertEquals("rows has NaN at row 0, column 0", nan.getMessage());
    }
}
