package dev.latent.neural.tensor;

import static dev.latent.neural.tensor.Conv2dKernels.checkLength;

import dev.latent.internal.Check;
import dev.latent.internal.Parallel;

/**
 * Upsampling of NCHW float32 images by an integer factor, nearest-neighbour or bilinear, forward and backward.
 * <p>The images are seen as {@code planes = batch * channels} independent {@code height x width} planes, and
 * each becomes {@code (height * scale) x (width * scale)}. Nearest repeats each value over a
 * {@code scale x scale} block. Bilinear follows PyTorch's {@code align_corners=False}: output position
 * {@code o} reads input coordinate {@code max(0, (o + 0.5) / scale - 0.5)} and interpolates between the two
 * nearest input positions (the last one repeated past the edge). The backward passes add each output
 * gradient back with the same weights. Each costs O(1) work per output value; planes are split over the
 * shared executor in fixed chunks, so results do not depend on the thread count.
 */
public final class UpsampleKernels {
    private UpsampleKernels() {}

    /** Planes per parallel chunk. */
    private static final int CHUNK_PLANES = 32;

    /**
     * Nearest-neighbour upsampling: {@code out[p, i, j] = x[p, i / scale, j / scale]}.
     *
     * @param x {@code planes x height x width}
     * @param out written, {@code planes x (height * scale) x (width * scale)}
     * @throws IllegalArgumentException if a size is below 1 or an array's length does not match
     */
    public static void nearestForward(float[] x, int planes, int height, int width, int scale, float[] out) {
        check(x, "x", out, "out", planes, height, width, scale);
        int ow = width * scale, outPlane = height * scale * ow;
        Parallel.shared().forEachChunk(planes, CHUNK_PLANES, (from, to) -> {
            for (int p = from; p < to; p++) {
                for (int i = 0; i < height; i++) {
                    int src = (p * height + i) * width, dst = p * outPlane + i * scale * ow;
                    for (int j = 0; j < width; j++) {
                        float v = x[src + j];
                        for (int b = 0; b < scale; b++) out[dst + j * scale + b] = v;
                    }
                    for (int a = 1; a < scale; a++) System.arraycopy(out, dst, out, dst + a * ow, ow);
                }
            }
        });
    }

    /**
     * The gradient of {@link #nearestForward}: each input gradient is the sum of its block of output
     * gradients; {@code dx} ({@code planes x height x width}) is overwritten.
     */
    public static void nearestBackward(float[] dy, int planes, int height, int width, int scale, float[] dx) {
        check(dx, "dx", dy, "dy", planes, height, width, scale);
        int ow = width * scale, outPlane = height * scale * ow;
        Parallel.shared().forEachChunk(planes, CHUNK_PLANES, (from, to) -> {
            for (int p = from; p < to; p++) {
                for (int i = 0; i < height; i++) {
                    int dst = (p * height + i) * width, src = p * outPlane + i * scale * ow;
                    for (int j = 0; j < width; j++) {
                        float sum = 0;
                        for (int a = 0; a < scale; a++) {
                            int row = src + a * ow + j * scale;
                            for (int b = 0; b < scale; b++) sum += dy[row + b];
                        }
                        dx[dst + j] = sum;
                    }
                }
            }
        });
    }

    /**
     * Bilinear upsampling with PyTorch's {@code align_corners=False} coordinates.
     *
     * @param x {@code planes x height x width}
     * @param out written, {@code planes x (height * scale) x (width * scale)}
     * @throws IllegalArgumentException if a size is below 1 or an array's length does not match
     */
    public static void bilinearForward(float[] x, int planes, int height, int width, int scale, float[] out) {
        check(x, "x", out, "out", planes, height, width, scale);
        Axis rows = Axis.of(height, scale), cols = Axis.of(width, scale);
        int oh = height * scale, ow = width * scale;
        Parallel.shared().forEachChunk(planes, CHUNK_PLANES, (from, to) -> {
            for (int p = from; p < to; p++) {
                int in = p * height * width, o = p * oh * ow;
                for (int i = 0; i < oh; i++) {
                    int r0 = in + rows.low[i] * width, r1 = in + rows.high[i] * width;
                    float wy = rows.weight[i], vy = 1f - wy;
                    for (int j = 0; j < ow; j++) {
                        int c0 = cols.low[j], c1 = cols.high[j];
                        float wx = cols.weight[j], vx = 1f - wx;
                        out[o + i * ow + j] = vy * (vx * x[r0 + c0] + wx * x[r0 + c1])
                                + wy * (vx * x[r1 + c0] + wx * x[r1 + c1]);
                    }
                }
            }
        });
    }

    /**
     * The gradient of {@link #bilinearForward}: each output gradient added back to its four input positions
     * with its interpolation weights; {@code dx} ({@code planes x height x width}) is overwritten.
     */
    public static void bilinearBackward(float[] dy, int planes, int height, int width, int scale, float[] dx) {
        check(dx, "dx", dy, "dy", planes, height, width, scale);
        Axis rows = Axis.of(height, scale), cols = Axis.of(width, scale);
        int oh = height * scale, ow = width * scale;
        Parallel.shared().forEachChunk(planes, CHUNK_PLANES, (from, to) -> {
            java.util.Arrays.fill(dx, from * height * width, to * height * width, 0f);
            for (int p = from; p < to; p++) {
                int in = p * height * width, o = p * oh * ow;
                for (int i = 0; i < oh; i++) {
                    int r0 = in + rows.low[i] * width, r1 = in + rows.high[i] * width;
                    float wy = rows.weight[i], vy = 1f - wy;
                    for (int j = 0; j < ow; j++) {
                        int c0 = cols.low[j], c1 = cols.high[j];
                        float wx = cols.weight[j], vx = 1f - wx, g = dy[o + i * ow + j];
                        dx[r0 + c0] += vy * vx * g;
                        dx[r0 + c1] += vy * wx * g;
                        dx[r1 + c0] += wy * vx * g;
                        dx[r1 + c1] += wy * wx * g;
                    }
                }
            }
        });
    }

    /** For each output position along one axis: the two input positions it reads and the weight of the second. */
    private record Axis(int[] low, int[] high, float[] weight) {
        static Axis of(int size, int scale) {
            int n = size * scale;
            int[] low = new int[n], high = new int[n];
            float[] weight = new float[n];
            for (int o = 0; o < n; o++) {
                double src = Math.max(0.0, (o + 0.5) / scale - 0.5);
                int i0 = Math.min((int) src, size - 1);
                low[o] = i0;
                high[o] = Math.min(i0 + 1, size - 1);
                weight[o] = (float) (src - i0);
            }
            return new Axis(low, high, weight);
        }
    }

    private static void check(float[] small, String smallName, float[] large, String largeName,
                              int planes, int height, int width, int scale) {
        Check.atLeast("planes", planes, 1);
        Check.atLeast("height", height, 1);
        Check.atLeast("width", width, 1);
        Check.atLeast("scale", scale, 1);
        checkLength(smallName, small, (long) planes * height * width);
        checkLength(largeName, large, (long) planes * height * width * scale * scale);
    }
}
