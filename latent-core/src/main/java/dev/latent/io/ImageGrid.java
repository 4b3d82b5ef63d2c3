package dev.latent.io;

import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.data.FloatStore;
import dev.latent.data.SampleShape;
import dev.latent.internal.Check;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Draws samples of a dataset side by side as one PNG image.
 * <p>The samples fill a grid of {@code columns} cells per row, in the order given, separated by a
 * one-pixel line of mid gray (128); unused cells at the end are mid gray too. One channel gives a
 * grayscale image, as does two (gray and alpha: the alpha is dropped); three channels give an RGB image;
 * with four or more channels the first three are drawn as RGB and the rest (alpha, near infrared) are
 * left out. Plain vectors whose length is a square number are drawn as square one-channel images.
 * <p>Values of a byte store are drawn as their raw bytes 0 to 255, whatever scale the store applies.
 * Float32 values are mapped linearly from the whole dataset's own minimum (black) to its maximum
 * (white); NaN is drawn black.
 */
public final class ImageGrid {
    /** The value of the separating lines and empty cells. */
    static final int GAP_VALUE = 128;

    private ImageGrid() {}

    /**
     * Writes the samples {@code indices} of {@code data} as a PNG grid, atomically.
     * @throws IllegalArgumentException when {@code indices} is empty or holds an index out of range,
     *                                  {@code columns < 1}, or the samples are vectors of a non-square length
     * @throws IOException              when the file cannot be written (the message names it)
     */
    public static void write(Dataset data, int[] indices, int columns, Path png) throws IOException {
        Check.notNull("data", data);
        Check.notNull("indices", indices);
        Check.notNull("png", png);
        Check.atLeast("columns", columns, 1);
        Check.argument(indices.length > 0, "indices must not be empty");
        for (int i : indices) Check.index("sample index", i, data.size());
        SampleShape shape = data.shape();
        int c, h, w;
        if (shape.isImage()) {
            c = shape.channels();
            h = shape.height();
            w = shape.width();
        } else {
            int side = (int) Math.round(Math.sqrt(shape.size()));
            Check.argument(side * side == shape.size(), "samples of " + shape.size()
                    + " values are not images and not square, so they cannot be drawn");
            c = 1;
            h = side;
            w = side;
        }
        int used = Math.min(columns, indices.length);
        int gridRows = (indices.length + columns - 1) / columns;
        long width = (long) used * w + used - 1;
        long height = (long) gridRows * h + gridRows - 1;
        Check.argument(width * height <= 1L << 28, "a grid of " + width + " x " + height + " pixels is too large");
        boolean gray = c < 3;
        BufferedImage img = new BufferedImage((int) width, (int) height,
                gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        WritableRaster raster = img.getRaster();
        int bands = gray ? 1 : 3;
        int[] fill = new int[(int) width * bands];
        Arrays.fill(fill, GAP_VALUE);
        for (int y = 0; y < height; y++) raster.setPixels(0, y, (int) width, 1, fill);

        Pixels pixels = Pixels.of(data);
        int plane = h * w;
        int[] sample = new int[shape.size()];
        int[] row = new int[w * bands];
        for (int k = 0; k < indices.length; k++) {
            pixels.read(indices[k], sample);
            int x0 = (k % columns) * (w + 1);
            int y0 = (k / columns) * (h + 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int b = 0; b < bands; b++) row[x * bands + b] = sample[b * plane + y * w + x];
                }
                raster.setPixels(x0, y0 + y, w, 1, row);
            }
        }
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", encoded)) throw new IOException(png + ": no PNG writer is available");
        AtomicWrites.write(png, encoded::writeTo);
    }

    /** Reads samples as pixel values 0 to 255 (bytes stretched from their full scale). */
    private abstract static class Pixels {
        abstract void read(int i, int[] out);

        static Pixels of(Dataset data) {
            return switch (data.store()) {
                case ByteStore b -> new Pixels() {
                    private final byte[] buffer = new byte[b.size()];

                    @Override
                    void read(int i, int[] out) {
                        MemorySegment.copy(b.bytes(), ValueLayout.JAVA_BYTE, (long) i * b.size(), buffer, 0, buffer.length);
                        int full = b.fullScale();
                        for (int j = 0; j < buffer.length; j++) out[j] = Math.min(255, (buffer[j] & 0xFF) * 255 / full);
                    }
                };
                case FloatStore f -> {
                    float[] v = f.matrix().values();
                    float min = Float.POSITIVE_INFINITY;
                    float max = Float.NEGATIVE_INFINITY;
                    for (float x : v) {
                        if (x < min) min = x;
                        if (x > max) max = x;
                    }
                    double lo = min;
                    double range = (double) max - min;
                    double k = range > 0 && Double.isFinite(range) ? 255.0 / range : 0.0;
                    int d = f.size();
                    yield new Pixels() {
                        @Override
                        void read(int i, int[] out) {
                            int row = i * d;
                            for (int j = 0; j < d; j++) {
                                double p = (v[row + j] - lo) * k;
                                out[j] = p >= 0 ? (int) Math.min(255, Math.round(p)) : 0; // NaN fails p >= 0
                            }
                        }
                    };
                }
            };
        }
    }
}
