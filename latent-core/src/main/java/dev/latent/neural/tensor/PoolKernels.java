package dev.latent.neural.tensor;

import static dev.latent.neural.tensor.Conv2dKernels.checkLength;

import dev.latent.internal.Check;
import dev.latent.internal.Parallel;

/**
 * 2-D max pooling of NCHW float32 images, forward and backward.
 * <p>The images are seen as {@code planes = batch * channels} independent {@code height x width} planes.
 * Each output is the largest value in its {@code kernel x kernel} window; windows start every
 * {@code stride} positions, and {@code padding} positions past each edge count as absent (never as
 * zeros), so the output is {@code (height + 2 * padding - kernel) / stride + 1} high. The forward pass
 * records the index of each window's maximum (the first one on ties; a NaN wins and propagates) and the
 * backward pass routes each output gradient to that index. Both cost one pass over the windows; planes
 * are split over the shared executor in fixed chunks, so results do not depend on the thread count.
 */
public final class PoolKernels {
    private PoolKernels() {}

    /** Planes per parallel chunk. */
    private static final int CHUNK_PLANES = 32;

    /** Output side for an input side, as {@code (size + 2 * padding - kernel) / stride + 1}. */
    public static int outSize(int size, int kernel, int stride, int padding) {
        return (size + 2 * padding - kernel) / stride + 1;
    }

    /**
     * Max-pools {@code x} into {@code out}, writing into {@code argmax} the index in {@code x} of each
     * output's maximum.
     *
     * @param x {@code planes x height x width}
     * @param out written, {@code planes x outHeight x outWidth}
     * @param argmax written, same length as {@code out}
     * @throws IllegalArgumentException if a size is out of range (the padding must be at most half the
     *     kernel, so that every window holds a value) or an array's length does not match
     */
    public static void maxForward(float[] x, int planes, int height, int width, int kernel, int stride, int padding,
                                  float[] out, int[] argmax) {
        checkGeometry(planes, height, width, kernel, stride, padding);
        int oh = outSize(height, kernel, stride, padding), ow = outSize(width, kernel, stride, padding);
        checkLength("x", x, (long) planes * height * width);
        checkLength("out", out, (long) planes * oh * ow);
        Check.notNull("argmax", argmax);
        Check.argument(argmax.length == out.length,
                "argmax must have " + out.length + " values, got " + argmax.length);
        Parallel.shared().forEachChunk(planes, CHUNK_PLANES, (from, to) -> {
            for (int p = from; p < to; p++) {
                int in = p * height * width, o = p * oh * ow;
                for (int i = 0; i < oh; i++) {
                    int r0 = Math.max(0, i * stride - padding), r1 = Math.min(height, i * stride - padding + kernel);
                    for (int j = 0; j < ow; j++) {
                        int c0 = Math.max(0, j * stride - padding), c1 = Math.min(width, j * stride - padding + kernel);
                        int best = in + r0 * width + c0;
                        float max = x[best];
                        for (int r = r0; r < r1; r++) {
                            int row = in + r * width;
                            for (int c = c0; c < c1; c++) {
                                float v = x[row + c];
                                if (v > max || (v != v && max == max)) {
                                    max = v;
                                    best = row + c;
                                }
                            }
                        }
                        out[o + i * ow + j] = max;
                        argmax[o + i * ow + j] = best;
                    }
                }
            }
        });
    }

    /**
     * The gradient of {@link #maxForward}: each output gradient added to the input position that won its
     * window; {@code dx} ({@code planes x height x width}) is overwritten.
     *
     * @param dy {@code planes x outHeight x outWidth}
     * @param argmax the indices written by the forward pass
     * @throws IllegalArgumentException if an array's length does not match
     */
    public static void maxBackward(float[] dy, int[] argmax, int planes, int height, int width, float[] dx) {
        Check.notNull("dy", dy);
        Check.notNull("argmax", argmax);
        Check.argument(dy.length == argmax.length,
                "dy must have " + argmax.length + " values (one per pooled output), got " + dy.length);
        Check.argument(planes >= 1 && dy.length % planes == 0,
                "planes must be >= 1 and divide the " + dy.length + " outputs, got " + planes);
        checkLength("dx", dx, (long) planes * height * width);
        int outPlane = dy.length / planes, inPlane = height * width;
        Parallel.shared().forEachChunk(planes, CHUNK_PLANES, (from, to) -> {
            java.util.Arrays.fill(dx, from * inPlane, to * inPlane, 0f);
            for (int i = from * outPlane; i < to * outPlane; i++) dx[argmax[i]] += dy[i];
        });
    }

    private static void checkGeometry(int planes, int height, int width, int kernel, int stride, int padding) {
        Check.atLeast("planes", planes, 1);
        Check.atLeast("height", height, 1);
        Check.atLeast("width", width, 1);
        Check.atLeast("kernel", kernel, 1);
        Check.atLeast("stride", stride, 1);
        Check.atLeast("padding", padding, 0);
        Check.atMost("padding", padding, kernel / 2);
        Check.atMost("kernel", kernel, Math.min(height, width) + 2 * padding);
    }
}
