package dev.latent.io;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.data.SampleShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataSourceTest {
    @TempDir
    Path dir;

    DatasetRegistry registry() {
        return DatasetRegistry.at(dir.resolve("home")).withDownloads(false).withNotes(n -> {});
    }

    Dataset load(Object spec) throws IOException {
        return DataSource.load(spec.toString(), registry());
    }

    static final float[] TINY = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

    @Test
    void loadsARegisteredName() throws IOException {
        Dataset d = load("digits");
        assertEquals("digits", d.name());
        assertEquals(1797, d.size());
    }

    @Test
    void loadsAnNpyFile() throws IOException {
        Path file = dir.resolve("points.npy");
        Npy.write(file, Matrix.of(2, 3, 1, 2, 3, 4, 5, 6));
        Dataset d = load(file);
        assertEquals(2, d.size());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, d.toMatrix().values());
    }

    @Test
    void loadsCsvAndGzippedCsv() throws IOException {
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "1.5,2\n3,4.25\n-1,0\n", StandardCharsets.US_ASCII);
        Dataset d = load(csv);
        assertEquals(3, d.size());
        assertArrayEquals(new float[] {1.5f, 2, 3, 4.25f, -1, 0}, d.toMatrix().values());
        Path gz = dir.resolve("points.csv.gz");
        Files.write(gz, IdxTest.gzip(Files.readAllBytes(csv)));
        assertArrayEquals(d.toMatrix().values(), load(gz).toMatrix().values());
        assertEquals("points", load(gz).name());
    }

    @Test
    void pairsAnIdxImagesFileWithItsLabelsFile() throws IOException {
        Path images = dir.resolve("train-images-idx3-ubyte");
        Files.write(images, DatasetRegistryTest.IMAGES);
        Dataset unlabelled = load(images);
        assertFalse(unlabelled.hasLabels(), "no labels file yet");
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxTest.gzip(DatasetRegistryTest.LABELS));
        Dataset d = load(images);
        assertEquals(SampleShape.image(1, 2, 2), d.shape());
        assertArrayEquals(TINY, d.toMatrix().values());
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
        // the gzip images file pairs the same way
        Path gz = dir.resolve("t10k-images-idx3-ubyte.gz");
        Files.write(gz, IdxTest.gzip(DatasetRegistryTest.IMAGES));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), DatasetRegistryTest.LABELS);
        assertArrayEquals(new int[] {2, 0, 1}, load(gz).labels());
    }

    @Test
    void loadsTheTrainingSetOfAnIdxFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("mnist"));
        Files.write(folder.resolve("train-images-idx3-ubyte"), DatasetRegistryTest.IMAGES);
        Files.write(folder.resolve("train-labels-idx1-ubyte"), DatasetRegistryTest.LABELS);
        byte[] other = IdxTest.idx(0x803, new int[] {1, 2, 2}, new byte[] {9, 9, 9, 9});
        Files.write(folder.resolve("t10k-images-idx3-ubyte"), other);
        Dataset d = load(folder);
        assertEquals(3, d.size(), "the train images, not t10k");
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
    }

    @Test
    void pairsASat6ImagesFileWithItsLabels() throws IOException {
        Path[] f = Sat6Test.writeFiles(dir, 3);
        Dataset d = load(f[0]);
        assertEquals(3, d.size());
        assertEquals(Sat6.SHAPE, d.shape());
        assertEquals(Sat6.CLASS_NAMES, d.classNames());
        int[] expected = {Sat6Test.label(0), Sat6Test.label(1), Sat6Test.label(2)};
        assertArrayEquals(expected, d.labels());
        Files.delete(f[1]);
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> load(dir.resolve("X_train_sat6.csv")));
        assertTrue(e.getMessage().contains("y_train_sat6.csv"), e.getMessage());
    }

    @Test
    void loadsAFolderOfImages() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pictures"));
        for (int i = 0; i < 2; i++) {
            BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 2; y++) for (int x = 0; x < 3; x++) img.getRaster().setSample(x, y, 0, 10 * i + 3 * y + x);
            ImageIO.write(img, "png", folder.resolve("p" + i + ".png").toFile());
        }
        Dataset d = load(folder);
        assertEquals(2, d.size());
        assertEquals(SampleShape.image(1, 2, 3), d.shape(), "grayscale, 2 rows of 3 pixels");
        assertArrayEquals(new float[] {10, 11, 12, 13, 14, 15}, d.sample(1), "p1.png row by row: 10 + 3y + x");
    }

    @Test
    void anUnknownNameListsTheRegisteredNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("minst"));
        assertTrue(e.getMessage().startsWith("unknown dataset 'minst'"), e.getMessage());
        assertTrue(e.getMessage().contains("digits, mnist, mnist:test, fashion-mnist"), e.getMessage());
    }

    @Test
    void aMissingPathSaysNoSuchFile() {
        Path missing = dir.resolve("nothing.csv");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> load(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void aFileOfUnknownFormatIsRefusedByName() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "hello");
        BadFileException e = assertThrows(BadFileException.class, () -> load(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains("unknown format"), e.getMessage());
    }
}
