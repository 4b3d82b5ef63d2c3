package dev.latent.io;

import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.data.FloatStore;
import dev.latent.data.Matrix;
import dev.latent.data.SampleShape;
import dev.latent.data.Transforms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ImageGridTest {
    @TempDir Path dir;

    /** Three 1 x 2 x 2 byte images: sample i holds 10 i + 1 .. 10 i + 4. */
    private static Dataset threeGray() {
        byte[] b = new byte[12];
        for (int i = 0; i < 3; i++) for (int p = 0; p < 4; p++) b[i * 4 + p] = (byte) (10 * i + p + 1);
        return Dataset.of("g", SampleShape.image(1, 2, 2), ByteStore.of(b, 3, 4), new int[0], List.of());
    }

    private static int gray(BufferedImage img, int x, int y) {
        return img.getRaster().getSample(x, y, 0);
    }

    @Test void laysSamplesOutInRowsWithGrayGaps() throws IOException {
        Path png = dir.resolve("grid.png");
        ImageGrid.write(threeGray(), new int[] {2, 0, 1}, 2, png);
        BufferedImage img = ImageIO.read(png.toFile());
        // two cells of 2 pixels and a 1-pixel gap across; two rows of cells and a gap down: 5 x 5
        assertEquals(5, img.getWidth());
        assertEquals(5, img.getHeight());
        assertEquals(1, img.getRaster().getNumBands(), "grayscale");
        assertEquals(21, gray(img, 0, 0), "sample 2 first, top left");
        assertEquals(24, gray(img, 1, 1), "sample 2, bottom right pixel");
        assertEquals(2, gray(img, 4, 0), "sample 0 in the second cell");
        assertEquals(13, gray(img, 0, 4), "sample 1 on the second row");
        assertEquals(ImageGrid.GAP_VALUE, gray(img, 2, 0), "gap column");
        assertEquals(ImageGrid.GAP_VALUE, gray(img, 0, 2), "gap row");
        assertEquals(ImageGrid.GAP_VALUE, gray(img, 4, 4), "empty last cell");
    }

    @Test void scaledBytesAreStillDrawnFromTheirRawValues() throws IOException {
        Path png = dir.resolve("s.png");
        ImageGrid.write(Transforms.scaleToUnit(threeGray()), new int[] {1}, 1, png);
        assertEquals(14, gray(ImageIO.read(png.toFile()), 1, 1));
    }

    @Test void floatsAreMappedFromTheirOwnRange() throws IOException {
        Dataset d = Dataset.of("f", SampleShape.image(1, 1, 3),
                new FloatStore(Matrix.of(2, 3, -1, 0, 1, 0.5f, Float.NaN, -0.5f)), new int[0], List.of());
        Path png = dir.resolve("f.png");
        ImageGrid.write(d, new int[] {0, 1}, 1, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(0, gray(img, 0, 0), "minimum is black");
        assertEquals(128, gray(img, 1, 0), "0 in [-1, 1] is round(127.5)");
        assertEquals(255, gray(img, 2, 0), "maximum is white");
        assertEquals(191, gray(img, 0, 2), "0.5 is round(191.25)");
        assertEquals(0, gray(img, 1, 2), "NaN is black");
    }

    @Test void threeChannelsAreDrawnAsRgb() throws IOException {
        // one 3 x 1 x 2 image: red plane (255, 0), green plane (0, 128), blue plane (10, 20)
        byte[] b = {(byte) 255, 0, 0, (byte) 128, 10, 20};
        Dataset d = Dataset.of("c", SampleShape.image(3, 1, 2), ByteStore.of(b, 1, 6), new int[0], List.of());
        Path png = dir.resolve("c.png");
        ImageGrid.write(d, new int[] {0}, 4, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(2, img.getWidth(), "one cell only");
        assertEquals(0xFF000A, img.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x008014, img.getRGB(1, 0) & 0xFFFFFF);
    }

    @Test void fourChannelsDrawTheFirstThreeAsRgb() throws IOException {
        byte[] b = {1, 2, 3, 4, 5, 6, 7, 8};    // 4 x 1 x 2: planes (1, 2), (3, 4), (5, 6), (7, 8)
        Dataset d = Dataset.of("n", SampleShape.image(4, 1, 2), ByteStore.of(b, 1, 8), new int[0], List.of());
        Path png = dir.resolve("n.png");
        ImageGrid.write(d, new int[] {0}, 1, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertFalse(img.getColorModel().hasAlpha(), "the fourth channel is not drawn as alpha");
        assertEquals(0x010305, img.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x020406, img.getRGB(1, 0) & 0xFFFFFF);
    }

    @Test void squareVectorsAreDrawnAsImagesAndOthersRefused() throws IOException {
        Path png = dir.resolve("v.png");
        ImageGrid.write(Transforms.flatten(threeGray()), new int[] {0}, 1, png);
        assertEquals(2, ImageIO.read(png.toFile()).getWidth(), "4 values drawn as 2 x 2");
        Dataset odd = Dataset.of("v", Matrix.of(1, 3, 1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.write(odd, new int[] {0}, 1, png));
    }

    @Test void badArgumentsAreRefused() {
        Path png = dir.resolve("x.png");
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.write(threeGray(), new int[] {0}, 0, png));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.write(threeGray(), new int[] {3}, 1, png));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.write(threeGray(), new int[0], 1, png));
    }

    @Test void writingIntoAMissingFolderNamesIt() {
        Path png = dir.resolve("missing/x.png");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> ImageGrid.write(threeGray(), new int[] {0}, 1, png));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }
}
