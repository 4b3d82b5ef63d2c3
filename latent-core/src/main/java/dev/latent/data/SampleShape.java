package dev.latent.data;

import dev.latent.internal.Check;

/**
 * The shape of one sample: a vector of {@code size} features, or an image of
 * {@code channels x height x width} values stored channel by channel (CHW order).
 * @param size     number of values in one sample; for an image, channels * height * width
 * @param channels image channels, or 0 for a plain feature vector
 * @param height   image height in pixels, or 0 for a plain feature vector
 * @param width    image width in pixels, or 0 for a plain feature vector
 */
public record SampleShape(int size, int channels, int height, int width) {
    public SampleShape {
        Check.atLeast("size", size, 1);
        if (channels != 0 || height != 0 || width != 0) {
            Check.atLeast("channels", channels, 1);
            Check.atLeast("height", height, 1);
            Check.atLeast("width", width, 1);
            Check.argument((long) channels * height * width == size, "size must be channels * height * width = "
                    + ((long) channels * height * width) + ", got " + size);
        }
    }

    /** A plain vector of {@code features} values. */
    public static SampleShape vector(int features) {
        return new SampleShape(features, 0, 0, 0);
    }

    /** An image of {@code channels x height x width}. */
    public static SampleShape image(int channels, int height, int width) {
        Check.atLeast("channels", channels, 1);
        Check.atLeast("height", height, 1);
        Check.atLeast("width", width, 1);
        return new SampleShape(Math.multiplyExact(Math.multiplyExact(channels, height), width), channels, height, width);
    }

    public boolean isImage() {
        return channels > 0;
    }

    /** {@code "784"} for a vector, {@code "1 x 28 x 28"} for an image. */
    @Override
    public String toString() {
        return isImage() ? channels + " x " + height + " x " + width : Integer.toString(size);
    }
}
