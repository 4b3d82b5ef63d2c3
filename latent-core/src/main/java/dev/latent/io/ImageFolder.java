package dev.latent.io;

import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.data.SampleShape;
import dev.latent.internal.Check;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads a folder of PNG images, one subfolder per class, into a labelled dataset of bytes.
 * <p>The class names are the names of the subfolders that hold at least one {@code .png} file, sorted;
 * images within a class are taken in file-name order. A folder with PNG files and no such subfolders is
 * read as one unlabelled set. Other files and hidden entries are ignored.
 * <p>All images must have the same width, height and channel count. Grayscale gives 1 channel,
 * grayscale with alpha 2, RGB 3 and RGBA 4; a palette image gives 3 channels (4 with transparency),
 * or 1 when its palette is all gray. 16-bit samples are rounded to 8 bits. Samples are stored as raw
 * bytes 0 to 255 in channel, row, column (CHW) order in a {@link ByteStore}.
 */
public final class ImageFolder {
    private ImageFolder() {}

    /** The pixel layout of one image. */
    private record Format(int width, int height, int channels) {
        @Override
        public String toString() {
            return width + " x " + height + " with " + channels + " channel" + (channels == 1 ? "" : "s");
        }
    }

    /**
     * Reads the images under {@code dir}.
     * @throws NoSuchFileException when the folder is missing
     * @throws BadFileException when it holds no PNG images, an image cannot be decoded, or an image's size or
     *                          channel count differs from the first image's (the message names the odd file
     *                          and both sizes)
     */
    public static Dataset read(Path dir) throws IOException {
        Check.notNull("dir", dir);
        if (!Files.exists(dir)) throw new NoSuchFileException(dir.toString(), null, "no such folder");
        if (!Files.isDirectory(dir)) throw new BadFileException(dir, "is not a folder of images");
        List<String> classes = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path sub : sorted(dir, Files::isDirectory)) {
            List<Path> pngs = sorted(sub, ImageFolder::isPng);
            if (pngs.isEmpty()) continue;
            for (Path p : pngs) {
                files.add(p);
                labels.add(classes.size());
            }
            classes.add(sub.getFileName().toString());
        }
        if (files.isEmpty()) files.addAll(sorted(dir, ImageFolder::isPng));
        if (files.isEmpty()) {
            throw new BadFileException(dir, "holds no PNG images (expected one subfolder of .png files per class)");
        }
        BufferedImage first = decode(files.get(0));
        Format format = format(first);
        int size = Math.multiplyExact(format.channels(), Math.multiplyExact(format.width(), format.height()));
        long total = (long) size * files.size();
        if (total > Integer.MAX_VALUE - 8) {
            throw new BadFileException(dir, "holds " + files.size() + " images of " + format + ", more than 2^31 - 9 bytes");
        }
        byte[] bytes = new byte[(int) total];
        for (int i = 0; i < files.size(); i++) {
            BufferedImage img = i == 0 ? first : decode(files.get(i));
            Format f = format(img);
            if (!f.equals(format)) {
                throw new BadFileException(files.get(i), "is " + f + ", but " + files.get(0) + " is " + format
                        + "; all images must have the same size");
            }
            copyChw(img, format, bytes, i * size);
        }
        int[] y = classes.isEmpty() ? new int[0] : labels.stream().mapToInt(Integer::intValue).toArray();
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return Dataset.of(name == null ? dir.toString() : name.toString(),
                SampleShape.image(format.channels(), format.height(), format.width()),
                ByteStore.of(bytes, files.size(), size), y, classes);
    }

    private static boolean isPng(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png");
    }

    private static List<Path> sorted(Path dir, java.util.function.Predicate<Path> keep) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).filter(keep)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    private static BufferedImage decode(Path file) throws IOException {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new BadFileException(file, "cannot be decoded as an image (" + e.getMessage() + ")");
        }
        if (img == null) throw new BadFileException(file, "is not an image format Java can read");
        return img;
    }

    private static Format format(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        int channels;
        if (cm instanceof IndexColorModel icm) {
            channels = icm.hasAlpha() ? 4 : grayPalette(icm) ? 1 : 3;
        } else {
            channels = img.getRaster().getNumBands();
        }
        return new Format(img.getWidth(), img.getHeight(), channels);
    }

    private static boolean grayPalette(IndexColorModel icm) {
        for (int k = 0; k < icm.getMapSize(); k++) {
            int r = icm.getRed(k);
            if (icm.getGreen(k) != r || icm.getBlue(k) != r) return false;
        }
        return true;
    }

    /** Writes the image's samples as bytes in channel, row, column order at {@code out[offset]}. */
    private static void copyChw(BufferedImage img, Format f, byte[] out, int offset) {
        int w = f.width();
        int h = f.height();
        int c = f.channels();
        int plane = w * h;
        if (img.getColorModel() instanceof IndexColorModel) {
            int[] argb = new int[w];
            for (int y = 0; y < h; y++) {
                img.getRGB(0, y, w, 1, argb, 0, w);
                int o = offset + y * w;
                for (int x = 0; x < w; x++) {
                    int p = argb[x];
                    if (c == 1) {
                        out[o + x] = (byte) (p & 0xFF);
                        continue;
                    }
                    out[o + x] = (byte) (p >>> 16);
                    out[o + plane + x] = (byte) (p >>> 8);
                    out[o + 2 * plane + x] = (byte) p;
                    if (c == 4) out[o + 3 * plane + x] = (byte) (p >>> 24);
                }
            }
            return;
        }
        Raster raster = img.getRaster();
        ColorModel cm = img.getColorModel();
        int[] bits = new int[c];
        for (int b = 0; b < c; b++) bits[b] = cm.getComponentSize(b);
        int[] row = new int[w * c];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            int o = offset + y * w;
            for (int b = 0; b < c; b++) {
                int max = (1 << bits[b]) - 1;
                int bo = o + b * plane;
                for (int x = 0; x < w; x++) {
                    int v = row[x * c + b];
                    out[bo + x] = (byte) (bits[b] == 8 ? v : (v * 255 + max / 2) / max);
                }
            }
        }
    }
}
