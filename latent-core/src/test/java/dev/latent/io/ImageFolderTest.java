package dev.latent.io;

import dev.latent.data.Dataset;
import dev.latent.data.SampleShape;
import dev.latent.data.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ImageFolderTest {
    @TempDir Path dir;

    /** A w x h grayscale PNG whose pixel (x, y) is base + 10 y + x. */
    static Path gray(Path file, int w, int h, int base) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.getRaster().setSample(x, y, 0, base + 10 * y + x);
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    /** A 2 x 1 PNG with the given ARGB pixels, written with or without alpha. */
    static Path color(Path file, boolean alpha, int left, int right) throws IOException {
        BufferedImage img = new BufferedImage(2, 1, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, left);
        img.setRGB(1, 0, right);
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    @Test void readsClassesFromSortedSubfolders() throws IOException {
        gray(dir.resolve("dog/b.png"), 3, 2, 100);
        gray(dir.resolve("dog/a.png"), 3, 2, 50);
        gray(dir.resolve("cat/z.png"), 3, 2, 0);
        Files.writeString(dir.resolve("cat/notes.txt"), "ignored");
        Files.createDirectories(dir.resolve("empty"));
        Dataset d = ImageFolder.read(dir);
        assertEquals(List.of("cat", "dog"), d.classNames(), "sorted names of folders with images");
        assertArrayEquals(new int[] {0, 1, 1}, d.labels());
        assertEquals(SampleShape.image(1, 2, 3), d.shape(), "1 channel, height 2, width 3");
        assertEquals(Storage.UINT8, d.storage());
        assertArrayEquals(new float[] {50, 51, 52, 60, 61, 62}, d.sample(1), "dog/a.png before dog/b.png, row-major");
        assertArrayEquals(new float[] {0, 1, 2, 10, 11, 12}, d.sample(0));
    }

    @Test void readsRgbIntoChannelPlanes() throws IOException {
        color(dir.resolve("c/x.png"), false, 0x102030, 0x405060);
        Dataset d = ImageFolder.read(dir);
        assertEquals(SampleShape.image(3, 1, 2), d.shape());
        // CHW: red plane (0x10, 0x40), green plane (0x20, 0x50), blue plane (0x30, 0x60)
        assertArrayEquals(new float[] {0x10, 0x40, 0x20, 0x50, 0x30, 0x60}, d.sample(0));
    }

    @Test void readsRgbaWithItsAlphaPlane() throws IOException {
        color(dir.resolve("c/x.png"), true, 0x80102030, 0xFF405060);
        Dataset d = ImageFolder.read(dir);
        assertEquals(SampleShape.image(4, 1, 2), d.shape());
        assertArrayEquals(new float[] {0x10, 0x40, 0x20, 0x50, 0x30, 0x60, 0x80, 0xFF}, d.sample(0));
    }

    @Test void roundsSixteenBitGrayToEightBits() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSample(0, 0, 0, 65535);
        img.getRaster().setSample(1, 0, 0, 0x8080);   // 32896 * 255 / 65535 = 128
        Files.createDirectories(dir.resolve("a"));
        ImageIO.write(img, "png", dir.resolve("a/x.png").toFile());
        assertArrayEquals(new float[] {255, 128}, ImageFolder.read(dir).sample(0));
    }

    @Test void imagesDirectlyInTheFolderAreAnUnlabelledSet() throws IOException {
        gray(dir.resolve("one.png"), 2, 2, 0);
        gray(dir.resolve("two.png"), 2, 2, 5);
        Dataset d = ImageFolder.read(dir);
        assertEquals(2, d.size());
        assertFalse(d.hasLabels());
        assertEquals(dir.getFileName().toString(), d.name());
    }

    @Test void differentSizeNamesTheOddFileAndBothSizes() throws IOException {
        gray(dir.resolve("a/1.png"), 3, 2, 0);
        Path odd = gray(dir.resolve("b/1.png"), 4, 2, 0);
        BadFileException e = assertThrows(BadFileException.class, () -> ImageFolder.read(dir));
        assertTrue(e.getMessage().startsWith(odd.toString()), "names the odd file: " + e.getMessage());
        assertTrue(e.getMessage().contains("4 x 2") && e.getMessage().contains("3 x 2"), e.getMessage());
    }

    @Test void differentChannelCountIsRefused() throws IOException {
        gray(dir.resolve("a/1.png"), 2, 1, 0);
        color(dir.resolve("b/1.png"), false, 0, 0);
        BadFileException e = assertThrows(BadFileException.class, () -> ImageFolder.read(dir));
        assertTrue(e.getMessage().contains("3 channels") && e.getMessage().contains("1 channel"), e.getMessage());
    }

    @Test void undecodablePngIsNamed() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Path broken = Files.writeString(dir.resolve("a/broken.png"), "not a png");
        BadFileException e = assertThrows(BadFileException.class, () -> ImageFolder.read(dir));
        assertTrue(e.getMessage().startsWith(broken.toString()), e.getMessage());
    }

    @Test void folderWithoutImagesIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        BadFileException e = assertThrows(BadFileException.class, () -> ImageFolder.read(dir));
        assertTrue(e.getMessage().contains("holds no PNG images"), e.getMessage());
    }

    @Test void missingFolderIsNamed() {
        Path missing = dir.resolve("absent");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ImageFolder.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
