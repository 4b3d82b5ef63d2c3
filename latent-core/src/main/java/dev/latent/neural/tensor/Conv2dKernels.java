package dev.latent.neural.tensor;

import dev.latent.internal.Check;
import dev.latent.internal.Parallel;
import dev.latent.linalg.Gemm;
import dev.latent.linalg.Gemv;

/**
 * 2-D convolution and transposed convolution of NCHW float32 images, forward and backward.
 * <p>Each call cuts the batch into chunks of whole images, so that a chunk covers about
 * {@value #CHUNK_COLUMNS} output positions. For one chunk the patches under the kernel are unrolled
 * into the columns of a {@code patchSize x positions} matrix (im2col) and the convolution becomes one
 * matrix product with the {@code outChannels x patchSize} weight, done by {@link Gemm}. The input
 * gradient is the transposed product folded back onto the image (col2im), and the weight gradient is the
 * product of the output gradient with the unrolled patches, one partial per chunk, added up in chunk
 * order (when a patch holds at most {@value #SMALL_PATCH} values, as in a first layer on one channel, that
 * product is one matrix-vector product per filter, which avoids packing a 9-column operand). Chunk sizes
 * depend only on the shapes, so results are the same whatever the thread count.
 * <p>A convolution costs {@code 2 * batch * outChannels * patchSize * outHeight * outWidth} flops, and each
 * thread keeps about {@code (patchSize + 2 * outChannels) * CHUNK_COLUMNS} floats of scratch between calls. The transposed convolution
 * ({@code transposed*} methods) is the input gradient of the convolution described by
 * {@link ConvGeometry#transposed}, and its backward pass reuses the forward kernels.
 * <p>Reference: K. Chellapilla, S. Puri and P. Simard, "High Performance Convolutional Neural Networks for
 * Document Processing", IWFHR 2006 (convolution as unrolled patches times a weight matrix); V. Dumoulin
 * and F. Visin, "A guide to convolution arithmetic for deep learning", arXiv:1603.07285, 2016 (output sizes
 * and the transposed convolution).
 */
public final class Conv2dKernels {
    private Conv2dKernels() {}

    /** Output positions that one chunk's matrix product aims at. */
    static final int CHUNK_COLUMNS = 1024;

    /** Patches of at most this many values take the weight gradient as one matrix-vector product per filter. */
    private static final int SMALL_PATCH = 16;

    /** Scratch arrays of at most this many floats are kept per thread between calls. */
    private static final int KEEP_SCRATCH_MAX = 1 << 22;

    /** Per-thread scratch: unrolled patches, gathered gradients, products. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);

    private static final int COLUMNS = 0, GATHERED = 1, PRODUCT = 2;

    /** A scratch array of at least {@code size} floats with undefined contents, kept per thread when small. */
    private static float[] scratch(int slot, int size) {
        if (size > KEEP_SCRATCH_MAX) return new float[size];
        float[][] s = SCRATCH.get();
        if (s[slot].length < size) s[slot] = new float[size];
        return s[slot];
    }

    /** Images per chunk: enough for about {@link #CHUNK_COLUMNS} output positions, a function of the shapes only. */
    static int chunkImages(ConvGeometry g) {
        int positions = g.outHeight() * g.outWidth();
        return Math.max(1, Math.min(g.batch(), (CHUNK_COLUMNS + positions - 1) / positions));
    }

    /**
     * Convolves {@code x} with {@code weight} and adds {@code bias}: {@code out[n, f, i, j] = bias[f] +
     * sum over c, u, v of weight[f, c, u, v] * x[n, c, i * stride - padding + u, j * stride - padding + v]},
     * where positions outside the image read 0.
     *
     * @param x the input, {@code batch x inChannels x height x width}
     * @param weight {@code outChannels x inChannels x kernelHeight x kernelWidth}
     * @param bias {@code outChannels} values, or {@code null} for none
     * @param out written, {@code batch x outChannels x outHeight x outWidth}
     * @throws IllegalArgumentException if an array's length does not match the geometry
     */
    public static void forward(float[] x, float[] weight, float[] bias, ConvGeometry g, float[] out) {
        Check.notNull("g", g);
        checkLength("x", x, (long) g.batch() * g.inputSize());
        checkLength("weight", weight, g.weightSize());
        if (bias != null) checkLength("bias", bias, g.outChannels());
        checkLength("out", out, (long) g.batch() * g.outputSize());
        Parallel.shared().forEachChunk(g.batch(), chunkImages(g), (from, to) -> forwardChunk(x, weight, bias, g, from, to, false, out));
    }

    /**
     * The gradient of {@link #forward} with respect to its input: {@code dx = W^T dy} folded back onto the
     * image, overwriting {@code dx}.
     *
     * @param dy the output gradient, {@code batch x outChannels x outHeight x outWidth}
     * @param weight {@code outChannels x inChannels x kernelHeight x kernelWidth}
     * @param dx written, {@code batch x inChannels x height x width}
     * @throws IllegalArgumentException if an array's length does not match the geometry
     */
    public static void backwardInput(float[] dy, float[] weight, ConvGeometry g, float[] dx) {
        backwardInput(dy, weight, g, false, dx);
    }

    /** {@link #backwardInput}, adding the gradient to {@code dx} instead of overwriting it. */
    public static void addBackwardInput(float[] dy, float[] weight, ConvGeometry g, float[] dx) {
        backwardInput(dy, weight, g, true, dx);
    }

    private static void backwardInput(float[] dy, float[] weight, ConvGeometry g, boolean add, float[] dx) {
        Check.notNull("g", g);
        checkLength("dy", dy, (long) g.batch() * g.outputSize());
        checkLength("weight", weight, g.weightSize());
        checkLength("dx", dx, (long) g.batch() * g.inputSize());
        Parallel.shared().forEachChunk(g.batch(), chunkImages(g), (from, to) -> backwardInputChunk(dy, weight, g, from, to, add, dx));
    }

    /**
     * The gradients of {@link #forward} with respect to its weight and bias, overwriting {@code dWeight}
     * and {@code dBias}.
     *
     * @param x the input of the forward pass, {@code batch x inChannels x height x width}
     * @param dy the output gradient, {@code batch x outChannels x outHeight x outWidth}
     * @param dWeight written, {@code outChannels x inChannels x kernelHeight x kernelWidth}
     * @param dBias written, {@code outChannels} values, or {@code null} when there is no bias
     * @throws IllegalArgumentException if an array's length does not match the geometry
     */
    public static void backwardWeights(float[] x, float[] dy, ConvGeometry g, float[] dWeight, float[] dBias) {
        Check.notNull("g", g);
        checkLength("x", x, (long) g.batch() * g.inputSize());
        checkLength("dy", dy, (long) g.batch() * g.outputSize());
        checkLength("dWeight", dWeight, g.weightSize());
        if (dBias != null) checkLength("dBias", dBias, g.outChannels());
        int chunk = chunkImages(g);
        float[][] partial = new float[Parallel.chunkCount(g.batch(), chunk)][];
        Parallel.shared().forEachChunkIndex(partial.length, c -> {
            int from = c * chunk;
            partial[c] = weightGradientChunk(x, dy, g, from, Math.min(g.batch(), from + chunk));
        });
        System.arraycopy(partial[0], 0, dWeight, 0, dWeight.length);
        for (int c = 1; c < partial.length; c++) {
            float[] p = partial[c];
            for (int i = 0; i < dWeight.length; i++) dWeight[i] += p[i];
        }
        if (dBias != null) channelSums(dy, g.batch(), g.outChannels(), g.outHeight() * g.outWidth(), dBias);
    }

    /**
     * Transposed convolution of {@code x}: the input gradient of the convolution {@code g} (made by
     * {@link ConvGeometry#transposed}), plus {@code bias}.
     *
     * @param x the input, {@code batch x g.outChannels x g.outHeight x g.outWidth}
     * @param weight {@code g.outChannels x g.inChannels x kernelHeight x kernelWidth} (input channels first,
     *     as in PyTorch's ConvTranspose2d)
     * @param bias {@code g.inChannels} values, or {@code null} for none
     * @param out written, {@code batch x g.inChannels x g.height x g.width}
     * @throws IllegalArgumentException if an array's length does not match the geometry
     */
    public static void transposedForward(float[] x, float[] weight, float[] bias, ConvGeometry g, float[] out) {
        if (bias != null) checkLength("bias", bias, g.inChannels());
        backwardInput(x, weight, g, out);
        if (bias != null) addChannelBias(out, 0, g.batch(), g.inChannels(), g.height() * g.width(), bias);
    }

    /**
     * The gradient of {@link #transposedForward} with respect to its input: the convolution {@code g} of
     * {@code dy}, overwriting {@code dx}.
     */
    public static void transposedBackwardInput(float[] dy, float[] weight, ConvGeometry g, float[] dx) {
        forward(dy, weight, null, g, dx);
    }

    /** {@link #transposedBackwardInput}, adding the gradient to {@code dx} instead of overwriting it. */
    public static void addTransposedBackwardInput(float[] dy, float[] weight, ConvGeometry g, float[] dx) {
        Check.notNull("g", g);
        checkLength("dy", dy, (long) g.batch() * g.inputSize());
        checkLength("weight", weight, g.weightSize());
        checkLength("dx", dx, (long) g.batch() * g.outputSize());
        Parallel.shared().forEachChunk(g.batch(), chunkImages(g), (from, to) -> forwardChunk(dy, weight, null, g, from, to, true, dx));
    }

    /**
     * The gradients of {@link #transposedForward} with respect to its weight and bias, overwriting
     * {@code dWeight} and {@code dBias} ({@code null} when there is no bias).
     */
    public static void transposedBackwardWeights(float[] x, float[] dy, ConvGeometry g, float[] dWeight, float[] dBias) {
        if (dBias != null) checkLength("dBias", dBias, g.inChannels());
        backwardWeights(dy, x, g, dWeight, null);
        if (dBias != null) channelSums(dy, g.batch(), g.inChannels(), g.height() * g.width(), dBias);
    }

    /**
     * Sums {@code x} ({@code batch x channels x spatial}) over the batch and spatial axes into {@code out}
     * ({@code channels}), in double precision: the gradient of a per-channel bias.
     */
    public static void channelSums(float[] x, int batch, int channels, int spatial, float[] out) {
        checkLength("x", x, (long) batch * channels * spatial);
        checkLength("out", out, channels);
        for (int f = 0; f < channels; f++) {
            double sum = 0;
            for (int n = 0; n < batch; n++) {
                int off = (n * channels + f) * spatial, p = 0;
                // eight running sums, so that the additions do not wait on each other
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
                for (; p + 8 <= spatial; p += 8) {
                    int i = off + p;
                    s0 += x[i];
                    s1 += x[i + 1];
                    s2 += x[i + 2];
                    s3 += x[i + 3];
                    s4 += x[i + 4];
                    s5 += x[i + 5];
                    s6 += x[i + 6];
                    s7 += x[i + 7];
                }
                for (; p < spatial; p++) s0 += x[off + p];
                sum += ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
            }
            out[f] = (float) sum;
        }
    }

    /** Writes (or with {@code add}, adds) the convolution of images {@code [from, to)} to {@code out}. */
    private static void forwardChunk(float[] x, float[] w, float[] bias, ConvGeometry g, int from, int to, boolean add,
                                     float[] out) {
        int positions = g.outHeight() * g.outWidth(), patch = g.patchSize(), filters = g.outChannels();
        int images = to - from, cols = images * positions;
        float[] col = scratch(COLUMNS, patch * cols);
        for (int n = from; n < to; n++) im2col(x, n * g.inputSize(), g, col, (n - from) * positions, cols);
        if (images == 1) {
            int off = from * g.outputSize();
            Gemm.gemm(false, false, filters, cols, patch, 1f, w, 0, patch, col, 0, cols, add ? 1f : 0f, out, off, positions);
            if (bias != null) addChannelBias(out, from, to, filters, positions, bias);
            return;
        }
        float[] product = scratch(PRODUCT, filters * cols);
        Gemm.gemm(false, false, filters, cols, patch, 1f, w, 0, patch, col, 0, cols, 0f, product, 0, cols);
        for (int n = from; n < to; n++) {
            for (int f = 0; f < filters; f++) {
                int dst = n * g.outputSize() + f * positions, src = f * cols + (n - from) * positions;
                float b = bias == null ? 0f : bias[f];
                if (add) {
                    for (int p = 0; p < positions; p++) out[dst + p] += product[src + p] + b;
                } else {
                    for (int p = 0; p < positions; p++) out[dst + p] = product[src + p] + b;
                }
            }
        }
    }

    private static void addChannelBias(float[] out, int from, int to, int channels, int spatial, float[] bias) {
        for (int n = from; n < to; n++) {
            for (int f = 0; f < channels; f++) {
                int off = (n * channels + f) * spatial;
                float b = bias[f];
                for (int p = 0; p < spatial; p++) out[off + p] += b;
            }
        }
    }

    private static void backwardInputChunk(float[] dy, float[] w, ConvGeometry g, int from, int to, boolean add,
                                           float[] dx) {
        int positions = g.outHeight() * g.outWidth(), patch = g.patchSize(), filters = g.outChannels();
        int images = to - from, cols = images * positions;
        float[] grads = images == 1 ? dy : gatherOutputs(dy, g, from, to);
        int gOff = images == 1 ? from * g.outputSize() : 0;
        float[] col = scratch(COLUMNS, patch * cols);
        Gemm.gemm(true, false, patch, cols, filters, 1f, w, 0, patch, grads, gOff, cols, 0f, col, 0, cols);
        if (!add) java.util.Arrays.fill(dx, from * g.inputSize(), to * g.inputSize(), 0f);
        for (int n = from; n < to; n++) col2im(col, (n - from) * positions, cols, g, dx, n * g.inputSize());
    }

    private static float[] weightGradientChunk(float[] x, float[] dy, ConvGeometry g, int from, int to) {
        int positions = g.outHeight() * g.outWidth(), patch = g.patchSize(), filters = g.outChannels();
        int images = to - from, cols = images * positions;
        float[] col = scratch(COLUMNS, patch * cols);
        for (int n = from; n < to; n++) im2col(x, n * g.inputSize(), g, col, (n - from) * positions, cols);
        float[] grads = images == 1 ? dy : gatherOutputs(dy, g, from, to);
        int gOff = images == 1 ? from * g.outputSize() : 0;
        float[] dw = new float[filters * patch];
        if (patch >= filters) {
            Gemm.gemm(false, true, filters, patch, cols, 1f, grads, gOff, cols, col, 0, cols, 0f, dw, 0, patch);
            return dw;
        }
        if (patch <= SMALL_PATCH) {
            // a first layer on one channel: one matrix-vector product per filter
            for (int f = 0; f < filters; f++) {
                Gemv.gemv(false, patch, cols, 1f, col, 0, cols, grads, gOff + f * (images == 1 ? positions : cols), 1,
                        0f, dw, f * patch, 1);
            }
            return dw;
        }
        // few values per patch: the product's wide side should be its columns
        float[] dwT = scratch(PRODUCT, patch * filters);
        Gemm.gemm(false, true, patch, filters, cols, 1f, col, 0, cols, grads, gOff, cols, 0f, dwT, 0, filters);
        for (int f = 0; f < filters; f++) {
            for (int k = 0; k < patch; k++) dw[f * patch + k] = dwT[k * filters + f];
        }
        return dw;
    }

    /** Lays the outputs of images {@code [from, to)} side by side: {@code outChannels x (images * positions)}. */
    private static float[] gatherOutputs(float[] y, ConvGeometry g, int from, int to) {
        int positions = g.outHeight() * g.outWidth(), filters = g.outChannels(), cols = (to - from) * positions;
        float[] out = scratch(GATHERED, filters * cols);
        for (int n = from; n < to; n++) {
            for (int f = 0; f < filters; f++) {
                System.arraycopy(y, n * g.outputSize() + f * positions, out, f * cols + (n - from) * positions, positions);
            }
        }
        return out;
    }

    /**
     * Unrolls the patches of one image (at {@code xOff}) into columns {@code [colOff, colOff + positions)} of
     * {@code col}, a {@code patchSize x ld} matrix: row {@code (c * kh + u) * kw + v}, column {@code i * outWidth + j}
     * holds {@code x[c, i * stride - padding + u, j * stride - padding + v]}, or 0 outside the image.
     */
    static void im2col(float[] x, int xOff, ConvGeometry g, float[] col, int colOff, int ld) {
        int h = g.height(), w = g.width(), kh = g.kernelHeight(), kw = g.kernelWidth();
        int s = g.stride(), pad = g.padding(), oh = g.outHeight(), ow = g.outWidth();
        for (int c = 0; c < g.inChannels(); c++) {
            int plane = xOff + c * h * w;
            for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++) {
                    int row = ((c * kh + u) * kw + v) * ld + colOff;
                    int jLo = firstInside(pad - v, s), jHi = Math.min(ow, lastInside(w - 1 + pad - v, s) + 1);
                    for (int i = 0; i < oh; i++) {
                        int dst = row + i * ow, ih = i * s - pad + u;
                        if (ih < 0 || ih >= h || jLo >= jHi) {
                            java.util.Arrays.fill(col, dst, dst + ow, 0f);
                            continue;
                        }
                        for (int j = 0; j < jLo; j++) col[dst + j] = 0f;
                        int src = plane + ih * w - pad + v;
                        if (s == 1) {
                            System.arraycopy(x, src + jLo, col, dst + jLo, jHi - jLo);
                        } else {
                            for (int j = jLo; j < jHi; j++) col[dst + j] = x[src + j * s];
                        }
                        for (int j = jHi; j < ow; j++) col[dst + j] = 0f;
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: adds each column entry back onto the image position it came from. */
    static void col2im(float[] col, int colOff, int ld, ConvGeometry g, float[] x, int xOff) {
        int h = g.height(), w = g.width(), kh = g.kernelHeight(), kw = g.kernelWidth();
        int s = g.stride(), pad = g.padding(), oh = g.outHeight(), ow = g.outWidth();
        for (int c = 0; c < g.inChannels(); c++) {
            int plane = xOff + c * h * w;
            for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++) {
                    int row = ((c * kh + u) * kw + v) * ld + colOff;
                    int jLo = firstInside(pad - v, s), jHi = Math.min(ow, lastInside(w - 1 + pad - v, s) + 1);
                    if (jLo >= jHi) continue;
                    for (int i = 0; i < oh; i++) {
                        int ih = i * s - pad + u;
                        if (ih < 0 || ih >= h) continue;
                        int src = row + i * ow, dst = plane + ih * w - pad + v;
                        if (s == 1) {
                            for (int j = jLo; j < jHi; j++) x[dst + j] += col[src + j];
                        } else {
                            for (int j = jLo; j < jHi; j++) x[dst + j * s] += col[src + j];
                        }
                    }
                }
            }
        }
    }

    /** The least {@code j >= 0} with {@code j * s >= offset}. */
    private static int firstInside(int offset, int s) {
        return offset <= 0 ? 0 : (offset + s - 1) / s;
    }

    /** The greatest {@code j} with {@code j * s <= limit} ({@code -1} when {@code limit < 0}). */
    private static int lastInside(int limit, int s) {
        return limit < 0 ? -1 : limit / s;
    }

    static void checkLength(String name, float[] array, long expected) {
        Check.notNull(name, array);
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " must have " + expected + " values, got " + array.length);
        }
    }
}
