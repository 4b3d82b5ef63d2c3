package dev.latent.io;

import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.data.SampleShape;
import dev.latent.data.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class IdxTest {
    @TempDir Path dir;

    /** A big-endian IDX header followed by the given bytes. */
    static byte[] idx(int magic, int[] dims, byte[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + values.length);
        b.putInt(magic);
        for (int d : dims) b.putInt(d);
        b.put(values);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(raw);
        }
        return out.toByteArray();
    }

    /** Three 2 x 3 images whose pixel (i, r, c) is 10 * i + 3 * r + c, and one value above 127. */
    static byte[] threeImages() {
        byte[] v = new byte[3 * 6];
        for (int i = 0; i < 3; i++) for (int p = 0; p < 6; p++) v[i * 6 + p] = (byte) (10 * i + p);
        v[17] = (byte) 250;
        return v;
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test void readsRawImagesAsBytesWithImageShape() throws IOException {
        Path images = write("imgs", idx(Idx.IMAGES_MAGIC, new int[] {3, 2, 3}, threeImages()));
        Dataset d = Idx.read(images, Optional.empty(), "tiny");
        assertEquals(3, d.size(), "three images");
        assertEquals(SampleShape.image(1, 2, 3), d.shape(), "1 x 2 x 3 images");
        assertEquals(Storage.UINT8, d.storage(), "kept as bytes");
        assertFalse(d.hasLabels(), "no labels given");
        assertArrayEquals(new float[] {10, 11, 12, 13, 14, 15}, d.sample(1), "second image, row-major");
        assertEquals(250, ((ByteStore) d.store()).raw(2, 5), "bytes are unsigned");
        assertEquals("tiny", d.name());
    }

    @Test void readsGzipImagesAndLabelsWhateverTheFileName() throws IOException {
        Path images = write("images.raw", gzip(idx(Idx.IMAGES_MAGIC, new int[] {3, 2, 3}, threeImages())));
        Path labels = write("labels.bin", gzip(idx(Idx.LABELS_MAGIC, new int[] {3}, new byte[] {7, 0, (byte) 200})));
        Dataset d = Idx.read(images, Optional.of(labels), "gz");
        assertArrayEquals(new int[] {7, 0, 200}, d.labels(), "labels read as unsigned bytes");
        assertArrayEquals(new float[] {20, 21, 22, 23, 24, 250}, d.sample(2), "last image decompressed");
    }

    @Test void rawFileNamedGzIsReadRaw() throws IOException {
        Path images = write("images.gz", idx(Idx.IMAGES_MAGIC, new int[] {3, 2, 3}, threeImages()));
        assertEquals(3, Idx.read(images, Optional.empty(), "x").size(), "detection uses the magic bytes, not the name");
    }

    @Test void readsTwoDimensionalFilesAsVectors() throws IOException {
        Path vectors = write("vec", idx(Idx.VECTORS_MAGIC, new int[] {2, 4}, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        Dataset d = Idx.read(vectors, Optional.empty(), "v");
        assertEquals(SampleShape.vector(4), d.shape(), "vectors of 4");
        assertArrayEquals(new float[] {5, 6, 7, 8}, d.sample(1));
    }

    @Test void readLabelsReturnsUnsignedIntegers() throws IOException {
        Path labels = write("l", idx(Idx.LABELS_MAGIC, new int[] {4}, new byte[] {0, 9, (byte) 255, 3}));
        assertArrayEquals(new int[] {0, 9, 255, 3}, Idx.readLabels(labels));
    }

    @Test void missingFileIsNamed() {
        Path missing = dir.resolve("nope-idx3-ubyte");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Idx.read(missing, Optional.empty(), "x"));
        assertTrue(e.getMessage().contains(missing.toString()), "names the file: " + e.getMessage());
    }

    @Test void wrongMagicNamesExpectedAndActualInHex() throws IOException {
        Path labels = write("labels", idx(Idx.LABELS_MAGIC, new int[] {3}, new byte[] {1, 2, 3}));
        BadFileException e = assertThrows(BadFileException.class, () -> Idx.read(labels, Optional.empty(), "x"));
        assertTrue(e.getMessage().startsWith(labels.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains("0x00000803"), "expected magic: " + e.getMessage());
        assertTrue(e.getMessage().contains("got 0x00000801"), "actual magic: " + e.getMessage());
    }

    @Test void imagesInTheLabelSlotAreRefused() throws IOException {
        Path images = write("imgs", idx(Idx.IMAGES_MAGIC, new int[] {3, 2, 3}, threeImages()));
        BadFileException e = assertThrows(BadFileException.class, () -> Idx.read(images, Optional.of(images), "x"));
        assertTrue(e.getMessage().contains("expected 0x00000801") && e.getMessage().contains("got 0x00000803"),
                e.getMessage());
    }

    @Test void nonIdxFileIsRefusedByItsMagic() throws IOException {
        Path png = write("fake", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0});
        BadFileException e = assertThrows(BadFileException.class, () -> Idx.read(png, Optional.empty(), "x"));
        assertTrue(e.getMessage().contains("got 0x89504e47"), e.getMessage());
    }

    @Test void truncatedRawFileReportsExpectedAndActualBytes() throws IOException {
        byte[] full = idx(Idx.IMAGES_MAGIC, new int[] {3, 2, 3}, threeImages());
        Path images = write("cut", Arrays.copyOf(full, full.length - 5));   // 16 + 18 = 34 bytes expected, 29 present
        BadFileException e = assertThrows(BadFileException.class, () -> Idx.read(images, Optional.empty(), "x"));
        assertTrue(e.getMessage().contains("expected 34 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("got 29"), e.getMessage());
    }

    @Test void truncatedGzipFileReportsExpectedAndActualBytes() throws IOException {
        byte[] full = idx(Idx.IMAGES_MAGIC, new int[] {3, 2, 3}, threeImages());
        Path images = write("cut.gz", gzip(Arrays.copyOf(full, 30)));
        BadFileException e = assertThrows(BadFileException.class, () -> Idx.read(images, Optional.empty(), "x"));
        assertTrue(e.getMessage().contains("expected 34 bytes") && e.getMessage().contains("got 30"), e.getMessage());
    }

    @Test void truncatedHeaderIsReported() throws IOException {
        Path images = write("head", new byte[] {0, 0, 8, 3, 0, 0, 0, 3, 0, 0});
        BadFileException e = assertThrows(BadFileException.class, () -> Idx.read(images, Optional.empty(), "x"));
        assertTrue(e.getMessage().contains("expected 16 bytes, got 10"), e.getMessage());
    }

    @Test void damagedGzipStreamIsABadFile() throws IOException {
        byte[] z = gzip(idx(Idx.IMAGES_MAGIC, new int[] {3, 2, 3}, threeImages()));
        Path images = write("damaged", Arrays.copyOf(z, z.length / 2));
        BadFileException e = assertThrows(BadFileException.class, () -> Idx.read(images, Optional.empty(), "x"));
        assertTrue(e.getMessage().startsWith(images.toString()), e.getMessage());
    }

    @Test void labelCountMismatchNamesBothFilesAndCounts() throws IOException {
        Path images = write("imgs", idx(Idx.IMAGES_MAGIC, new int[] {3, 2, 3}, threeImages()));
        Path labels = write("lbls", idx(Idx.LABELS_MAGIC, new int[] {2}, new byte[] {1, 2}));
        BadFileException e = assertThrows(BadFileException.class, () -> Idx.read(images, Optional.of(labels), "x"));
        String m = e.getMessage();
        assertTrue(m.contains(images.toString()) && m.contains(labels.toString()), "both files: " + m);
        assertTrue(m.contains("2 labels") && m.contains("3 images"), "both counts: " + m);
    }
}
