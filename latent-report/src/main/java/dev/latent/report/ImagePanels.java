package dev.latent.report;

import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.data.FloatStore;
import dev.latent.data.Matrix;
import dev.latent.data.SampleShape;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * How to draw images side by side; an immutable value whose methods draw samples of a dataset as grayscale or
 * colour images, as a composite of three chosen bands, as one band through a colour map, as NDVI, or rows of a
 * matrix (such as PCA components) in a diverging colour map.
 * <p>Images fill a grid of {@link #columns()} cells per row, in the order given, each enlarged by a whole
 * factor (pixels stay sharp), with an optional caption under each. The whole grid is one raster image in the
 * figure. Samples must be images ({@link SampleShape#isImage()}, channels first) or vectors of a square length
 * (drawn as one-channel square images).
 * <p>Values are mapped to brightness as follows: bytes by their raw value 0 to their full scale (whatever scale the store
 * applies); float32 values linearly from the smallest to the largest value among the samples drawn (for
 * composites, each band on its own). NaN is drawn black in composites and in {@link Colormap#NAN_COLOR}
 * through a colour map.
 * @param title   the title; empty for none
 * @param columns images per row, at least 1; default 10
 * @param scale   screen pixels per image pixel, 1 to 32, or 0 (default) for the smallest factor that makes an
 *                image at least 56 pixels on its longer side
 * @param gap     pixels between images, 0 to 32; default 2
 */
public record ImagePanels(String title, int columns, int scale, int gap) {
    /** Validates the parameters. */
    public ImagePanels {
        Require.notNull("title", title);
        Require.atLeast("columns", columns, 1);
        Require.inRange("scale", scale, 0, 32);
        Require.inRange("gap", gap, 0, 32);
    }

    /** No title, 10 columns, automatic scale, 2-pixel gaps. */
    public static ImagePanels defaults() {
        return new ImagePanels("", 10, 0, 2);
    }

    public ImagePanels withTitle(String title) {
        return new ImagePanels(title, columns, scale, gap);
    }

    public ImagePanels withColumns(int columns) {
        return new ImagePanels(title, columns, scale, gap);
    }

    public ImagePanels withScale(int scale) {
        return new ImagePanels(title, columns, scale, gap);
    }

    public ImagePanels withGap(int gap) {
        return new ImagePanels(title, columns, scale, gap);
    }

    /**
     * Draws samples {@code indices} of {@code data}: one or two channels as grayscale (the first channel), three
     * or more as RGB from the first three.
     * @throws IllegalArgumentException when {@code indices} is empty or out of range, the samples cannot be
     *                                  drawn as images, or {@code captions} is neither empty nor one per image
     */
    public Figure grid(Dataset data, int[] indices, List<String> captions) {
        Image img = Image.of(data, indices);
        return img.channels >= 3 ? composite(data, indices, 0, 1, 2, captions) : band(img, 0, Colormap.GRAY, captions, null, "");
    }

    /**
     * Draws samples {@code indices} of {@code data} with band {@code red} as red, {@code green} as green and
     * {@code blue} as blue: the true colours, or false colours from other bands (for SAT-6's red, green, blue,
     * near-infrared bands: 3, 0, 1 shows vegetation in red).
     * @throws IllegalArgumentException as {@link #grid}, or when a band is not a channel of the images
     */
    public Figure composite(Dataset data, int[] indices, int red, int green, int blue, List<String> captions) {
        Image img = Image.of(data, indices);
        int[] bands = {red, green, blue};
        for (int b : bands) img.checkBand(b);
        int plane = img.h * img.w;
        double[][] range = new double[3][];
        for (int k = 0; k < 3; k++) range[k] = img.range(bands[k]);
        return layout(img, captions, (i, y, x) -> {
            int rgb = 0;
            for (int k = 0; k < 3; k++) {
                double v = img.value(i, bands[k] * plane + y * img.w + x);
                double t = (v - range[k][0]) / (range[k][1] - range[k][0]);
                int c = Double.isNaN(t) ? 0 : (int) Math.round(Math.min(1, Math.max(0, t)) * 255);
                rgb = rgb << 8 | c;
            }
            return rgb;
        }, null, 0, 0, "");
    }

    /**
     * Draws band {@code band} of samples {@code indices} through {@code colormap}, with a colour bar of the
     * values (raw bytes 0 to 255, or the floats' range).
     * @throws IllegalArgumentException as {@link #composite}
     */
    public Figure band(Dataset data, int[] indices, int band, Colormap colormap, List<String> captions) {
        Require.notNull("colormap", colormap);
        Image img = Image.of(data, indices);
        img.checkBand(band);
        return band(img, band, colormap, captions, colormap, "band " + band);
    }

    private Figure band(Image img, int band, Colormap map, List<String> captions, Colormap bar, String barLabel) {
        int plane = img.h * img.w;
        double[] r = img.range(band);
        return layout(img, captions, (i, y, x) -> map.rgb((img.value(i, band * plane + y * img.w + x) - r[0]) / (r[1] - r[0])),
                bar, r[0], r[1], barLabel);
    }

    /**
     * Draws the normalized difference vegetation index {@code (NIR - R) / (NIR + R)} of samples {@code indices},
     * from band {@code nir} (near infrared) and band {@code red}, from -1 (brown) to 1 (green); where both bands
     * are 0 the index is 0. For SAT-6 (bands red, green, blue, near infrared): {@code ndvi(data, idx, 3, 0, ...)}.
     * <p>Reference: J. W. Rouse et al., "Monitoring vegetation systems in the Great Plains with ERTS", NASA SP-351, 1974.
     * @throws IllegalArgumentException as {@link #composite}
     */
    public Figure ndvi(Dataset data, int[] indices, int nir, int red, List<String> captions) {
        Image img = Image.of(data, indices);
        img.checkBand(nir);
        img.checkBand(red);
        int plane = img.h * img.w;
        return layout(img, captions, (i, y, x) -> {
            int p = y * img.w + x;
            double n = img.value(i, nir * plane + p), r = img.value(i, red * plane + p);
            double index = n + r == 0 ? 0 : (n - r) / (n + r);
            return Colormap.BROWN_GREEN.rgb((index + 1) / 2);
        }, Colormap.BROWN_GREEN, -1, 1, "NDVI");
    }

    /** The NDVI of one pixel: {@code (nir - red) / (nir + red)}, 0 where both are 0. */
    public static double ndvi(double nir, double red) {
        return nir + red == 0 ? 0 : (nir - red) / (nir + red);
    }

    /**
     * Draws each row of {@code rows} as a {@code height x width} image in {@link Colormap#BLUE_RED}, each scaled
     * on its own so that 0 is white and its largest absolute value is full blue or red (the colour bar's -1 and
     * 1): for PCA components or other signed weights over pixels.
     * @throws IllegalArgumentException when {@code rows} is empty, holds NaN or infinity, has not
     *                                  {@code height * width} columns, or the captions do not match
     */
    public Figure signedRows(Matrix rows, int height, int width, List<String> captions) {
        Require.notNull("rows", rows);
        Require.argument(rows.rows() > 0, "rows must have at least one row, got 0");
        Require.atLeast("height", height, 1);
        Require.atLeast("width", width, 1);
        Require.argument(rows.cols() == height * width, "rows must have height * width = " + height * width
                + " columns, got " + rows.cols());
        Require.finite("rows", rows);
        Image img = new Image(rows.rows(), 1, height, width, rows.values(), null);
        int d = rows.cols();
        double[] scaleOf = new double[rows.rows()];
        float[] v = rows.values();
        for (int i = 0; i < rows.rows(); i++) {
            double m = 0;
            for (int j = 0; j < d; j++) m = Math.max(m, Math.abs(v[i * d + j]));
            scaleOf[i] = m > 0 ? m : 1;
        }
        return layout(img, captions, (i, y, x) -> Colormap.BLUE_RED.rgb(0.5 + v[i * d + y * width + x] / (2 * scaleOf[i])),
                Colormap.BLUE_RED, -1, 1, "weight");
    }

    @FunctionalInterface
    private interface PixelColor {
        int rgb(int image, int y, int x);
    }

    /** The screen pixels per image pixel for images of {@code h x w}. */
    int scaleFor(int h, int w) {
        return scale > 0 ? scale : Math.max(1, (int) Math.ceil(56.0 / Math.max(h, w)));
    }

    private Figure layout(Image img, List<String> captions, PixelColor color, Colormap bar, double lo, double hi,
                          String barLabel) {
        Require.notNull("captions", captions);
        Require.argument(captions.isEmpty() || captions.size() == img.count, "captions must be empty or one per image ("
                + img.count + "), got " + captions.size());
        int s = scaleFor(img.h, img.w);
        int cols = Math.min(columns, img.count), gridRows = (img.count + columns - 1) / columns;
        int cellW = img.w * s, cellH = img.h * s;
        int captionH = captions.isEmpty() ? 0 : 16;
        long rasterW = (long) cols * img.w + (long) (cols - 1) * gapIn(s);
        long rasterH = (long) gridRows * img.h + (long) (gridRows - 1) * (gapIn(s) + captionIn(captionH, s));
        Require.argument(rasterW * s * rasterH * s <= 1L << 26, "a grid of " + rasterW * s + " x " + rasterH * s
                + " pixels is too large; draw fewer images or a smaller scale");
        BufferedImage raster = new BufferedImage((int) rasterW, (int) rasterH, BufferedImage.TYPE_INT_RGB);
        int[] white = new int[(int) rasterW];
        java.util.Arrays.fill(white, 0xFFFFFF);
        for (int y = 0; y < rasterH; y++) raster.setRGB(0, y, (int) rasterW, 1, white, 0, (int) rasterW);
        int stepX = img.w + gapIn(s), stepY = img.h + gapIn(s) + captionIn(captionH, s);
        for (int i = 0; i < img.count; i++) {
            int x0 = (i % columns) * stepX, y0 = (i / columns) * stepY;
            for (int y = 0; y < img.h; y++) {
                for (int x = 0; x < img.w; x++) raster.setRGB(x0 + x, y0 + y, color.rgb(i, y, x));
            }
        }
        int margin = 8, top = title.isEmpty() ? margin : 36;
        int barW = bar == null ? 0 : 78;
        int width = (int) Math.max(rasterW * s + 2 * margin + barW, Canvas.textWidth(title, 15) + 2 * margin);
        int height = (int) (top + rasterH * s + captionH + margin);
        double barTop = top + 16, barBottom = Math.max(top + rasterH * s, barTop + 80);
        if (bar != null) height = (int) Math.max(height, Math.ceil(barBottom + 12));
        Canvas c = new Canvas(width, height);
        c.title(title);
        c.raster(margin, top, rasterW * s, rasterH * s, raster);
        if (!captions.isEmpty()) {
            for (int i = 0; i < img.count; i++) {
                double cx = margin + (i % columns) * stepX * s + cellW / 2.0;
                double cy = top + (i / columns) * stepY * s + cellH + 12;
                c.text(cx, cy, captions.get(i), 11, Mark.Anchor.MIDDLE);
            }
        }
        if (bar != null) {
            Axes.colorBar(c, bar, margin + rasterW * s + 16, barTop, barBottom, lo, hi, barLabel);
        }
        return c.figure(title);
    }

    /** The gap in image pixels (at least one screen pixel when the gap is not 0). */
    private int gapIn(int s) {
        return gap == 0 ? 0 : Math.max(1, (gap + s - 1) / s);
    }

    /** The caption space in image pixels. */
    private static int captionIn(int captionH, int s) {
        return (captionH + s - 1) / s;
    }

    /** Samples to draw, read once as floats, with how to read their values. */
    private static final class Image {
        final int count, channels, h, w;
        final float[] values;
        /** The byte store when values are raw bytes 0 to 255, else null. */
        final ByteStore bytes;
        private final int[] indices;

        Image(int count, int channels, int h, int w, float[] values, ByteStore bytes) {
            this(count, channels, h, w, values, bytes, null);
        }

        private Image(int count, int channels, int h, int w, float[] values, ByteStore bytes, int[] indices) {
            this.count = count;
            this.channels = channels;
            this.h = h;
            this.w = w;
            this.values = values;
            this.bytes = bytes;
            this.indices = indices;
        }

        static Image of(Dataset data, int[] indices) {
            Require.notNull("data", data);
            Require.notNull("indices", indices);
            Require.argument(indices.length > 0, "indices must not be empty");
            for (int i : indices) {
                Require.argument(i >= 0 && i < data.size(), "sample index must be in [0, " + data.size() + "), got " + i);
            }
            SampleShape shape = data.shape();
            int c, h, w;
            if (shape.isImage()) {
                c = shape.channels();
                h = shape.height();
                w = shape.width();
            } else {
                int side = (int) Math.round(Math.sqrt(shape.size()));
                Require.argument(side * side == shape.size(), "samples of " + shape.size()
                        + " values are not images and not square, so they cannot be drawn");
                c = 1;
                h = side;
                w = side;
            }
            return switch (data.store()) {
                case ByteStore b -> new Image(indices.length, c, h, w, null, b, indices.clone());
                case FloatStore f -> new Image(indices.length, c, h, w, data.batch(indices).values(), null, null);
            };
        }

        void checkBand(int band) {
            Require.argument(band >= 0 && band < channels, "band must be in [0, " + channels + "), got " + band);
        }

        /** Value {@code j} of image {@code i}: the raw byte, or the float. */
        double value(int i, int j) {
            return bytes != null ? bytes.raw(indices[i], j) : values[i * channels * h * w + j];
        }

        /**
         * The range mapped to black..white for band {@code band}: 0 to the full scale for bytes (255; 16 for the
         * digits), else min..max (never empty).
         */
        double[] range(int band) {
            if (bytes != null) return new double[] {0, bytes.fullScale()};
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            int plane = h * w, size = channels * plane;
            for (int i = 0; i < count; i++) {
                for (int p = 0; p < plane; p++) {
                    double v = values[i * size + band * plane + p];
                    if (v < lo) lo = v;
                    if (v > hi) hi = v;   // NaN fails both
                }
            }
            if (!(hi > lo)) return new double[] {Double.isFinite(lo) ? lo : 0, Double.isFinite(lo) ? lo + 1 : 1};
            return new double[] {lo, hi};
        }
    }
}
