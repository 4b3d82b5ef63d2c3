package dev.latent.neural.tensor;

import dev.latent.internal.Check;
import dev.latent.internal.Parallel;
import dev.latent.linalg.Gemm;
import dev.latent.linalg.Gemv;

/**
 * 2-D convolution and transposed convolution of NCHW float32 images, forward and backward.
 * <p>Each call cuts the batch into an even number of near-equal chunks of whole images, so that a chunk
 * covers at most about {@value #CHUNK_COLUMNS} output positions. For one chunk the patches under the kernel are unrolled
 * into the columns of a {@code patchSize x positions} matrix (im2col) and the convolution becomes one
 * matrix product with the {@code outChannels x patchSize} weight, done by {@link Gemm}. The input
 * gradient is the transposed product folded back onto the image (col2im), and the weight gradient is the
 * product of the output gradient with the unrolled patches, one partial per chunk, added up in chunk
 * order (when a patch holds at most {@value #SMALL_PATCH} values, as in a first layer on one channel, that
 * product is one matrix-vector product per filter, which avoids packing a 9-column operand). Chunk sizes
 * depend only on the shapes, so results are the same whatever the thread count. The unrolled matrix is
 * written one row at a time across the chunk's images, so that the images' channel being read stays in
 * cache. {@link #backward} and {@link #transposedBackward} compute all the gradients of a layer in one pass:
 * the output gradient of a chunk is gathered once, and a transposed convolution unrolls its output gradient
 * once for both its weight and input gradients.
 * <p>A convolution costs {@code 2 * batch * outChannels * patchSize * outHeight * outWidth} flops, and each
 * thread keeps about {@code (patchSize + 3 * outChannels) * CHUNK_COLUMNS} floats of scratch between calls. The transposed convolution
 * ({@code transposed*} methods) is the input gradient of the convolution described by
 * {@link ConvGeometry#transposed}, and its backward pass reuses the convolution's forward product.
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
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][0]);

    private static final int COLUMNS = 0, GATHERED = 1, PRODUCT = 2, TRANSPOSED = 3;

    /** A scratch array of at least {@code size} floats with undefined contents, kept per thread when small. */
    private static float[] scratch(int slot, int size) {
        if (size > KEEP_SCRATCH_MAX) return new float[size];
        float[][] s = SCRATCH.get();
        if (s[slot].length < size) s[slot] = new float[size];
        return s[slot];
    }

    /**
     * Images per chunk: enough for about {@link #CHUNK_COLUMNS} output positions, with the batch cut into an
     * even number of near-equal chunks so that two threads get equal shares; a function of the shapes only.
     */
    static int chunkImages(ConvGeometry g) {
        long columns = (long) g.batch() * g.outHeight() * g.outWidth();
        int chunks = (int) Math.min(g.batch(), Math.max(1, (columns + CHUNK_COLUMNS - 1) / CHUNK_COLUMNS));
        if (chunks % 2 == 1 && chunks > 1 && chunks < g.batch()) chunks++;
        return (g.batch() + chunks - 1) / chunks;
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
        float[] wT = transpose(weight, g.outChannels(), g.patchSize());
        Parallel.shared().forEachChunk(g.batch(), chunkImages(g), (from, to) -> forwardChunk(x, wT, bias, g, from, to, false, out));
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
        Check.notNull("dWeight", dWeight);
        backward(x, dy, null, g, null, dWeight, dBias);
    }

    /**
     * All the gradients of {@link #forward} in one pass over the batch: the input gradient added to
     * {@code dx}, the weight and bias gradients written to {@code dWeight} and {@code dBias}; each of the three
     * may be {@code null} when it is not wanted. The output gradient of each chunk of images is gathered once
     * for both products. The results are those of {@link #addBackwardInput} and {@link #backwardWeights}, bit
     * for bit.
     *
     * @param x the input of the forward pass (read only for the weight gradient)
     * @param weight the weight (read only for the input gradient)
     * @throws IllegalArgumentException if an array's length does not match the geometry
     */
    public static void backward(float[] x, float[] dy, float[] weight, ConvGeometry g, float[] dx, float[] dWeight,
                                float[] dBias) {
        Check.notNull("g", g);
        checkLength("dy", dy, (long) g.batch() * g.outputSize());
        if (dWeight != null) {
            checkLength("x", x, (long) g.batch() * g.inputSize());
            checkLength("dWeight", dWeight, g.weightSize());
        }
        if (dx != null) {
            checkLength("weight", weight, g.weightSize());
            checkLength("dx", dx, (long) g.batch() * g.inputSize());
        }
        if (dBias != null) checkLength("dBias", dBias, g.outChannels());
        if (dWeight != null || dx != null) {
            int chunk = chunkImages(g);
            float[][] partial = new float[Parallel.chunkCount(g.batch(), chunk)][];
            Parallel.shared().forEachChunkIndex(partial.length, c -> {
                int from = c * chunk, to = Math.min(g.batch(), from + chunk);
                partial[c] = backwardChunk(x, dy, weight, g, from, to, dx, dWeight != null);
            });
            if (dWeight != null) sumInOrder(partial, dWeight);
        }
        if (dBias != null) channelSums(dy, g.batch(), g.outChannels(), g.outHeight() * g.outWidth(), dBias);
    }

    /** Writes the sum of the partials, added in their order, to {@code out}. */
    private static void sumInOrder(float[][] partial, float[] out) {
        System.arraycopy(partial[0], 0, out, 0, out.length);
        for (int c = 1; c < partial.length; c++) {
            float[] p = partial[c];
            for (int i = 0; i < out.length; i++) out[i] += p[i];
        }
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
        Check.notNull("dx", dx);
        transposedBackward(null, dy, weight, g, dx, null, null);
    }

    /**
     * The gradients of {@link #transposedForward} with respect to its weight and bias, overwriting
     * {@code dWeight} and {@code dBias} ({@code null} when there is no bias).
     */
    public static void transposedBackwardWeights(float[] x, float[] dy, ConvGeometry g, float[] dWeight, float[] dBias) {
        Check.notNull("dWeight", dWeight);
        transposedBackward(x, dy, null, g, null, dWeight, dBias);
    }

    /**
     * All the gradients of {@link #transposedForward} in one pass over the batch: the input gradient added to
     * {@code dx}, the weight and bias gradients written to {@code dWeight} and {@code dBias}; each may be
     * {@code null} when it is not wanted. Both products read the same unrolled patches of {@code dy}, which
     * are built once per chunk of images. The results are those of {@link #addTransposedBackwardInput} and
     * {@link #transposedBackwardWeights}, bit for bit.
     *
     * @param x the input of the forward pass, {@code batch x g.outChannels x g.outHeight x g.outWidth} (read
     *     only for the weight gradient)
     * @param dy the output gradient, {@code batch x g.inChannels x g.height x g.width}
     * @param weight the weight (read only for the input gradient)
     * @throws IllegalArgumentException if an array's length does not match the geometry
     */
    public static void transposedBackward(float[] x, float[] dy, float[] weight, ConvGeometry g, float[] dx,
                                          float[] dWeight, float[] dBias) {
        Check.notNull("g", g);
        checkLength("dy", dy, (long) g.batch() * g.inputSize());
        if (dWeight != null) {
            checkLength("x", x, (long) g.batch() * g.outputSize());
            checkLength("dWeight", dWeight, g.weightSize());
        }
        if (dx != null) {
            checkLength("weight", weight, g.weightSize());
            checkLength("dx", dx, (long) g.batch() * g.outputSize());
        }
        if (dBias != null) checkLength("dBias", dBias, g.inChannels());
        if (dWeight != null || dx != null) {
            float[] wT = dx == null ? null : transpose(weight, g.outChannels(), g.patchSize());
            int chunk = chunkImages(g);
            float[][] partial = new float[Parallel.chunkCount(g.batch(), chunk)][];
            Parallel.shared().forEachChunkIndex(partial.length, c -> {
                int from = c * chunk, to = Math.min(g.batch(), from + chunk);
                partial[c] = transposedBackwardChunk(x, dy, wT, g, from, to, dx, dWeight != null);
            });
            if (dWeight != null) sumInOrder(partial, dWeight);
        }
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

    /**
     * Writes (or with {@code add}, adds) the convolution of images {@code [from, to)} to {@code out}, given the
     * transposed weight {@code wT} ({@code patchSize x outChannels}).
     */
    private static void forwardChunk(float[] x, float[] wT, float[] bias, ConvGeometry g, int from, int to, boolean add,
                                     float[] out) {
        int cols = (to - from) * g.outHeight() * g.outWidth();
        float[] col = scratch(COLUMNS, g.patchSize() * cols);
        im2col(x, g, from, to, col);
        multiplyOut(wT, col, bias, g, from, to, add, out);
    }

    /**
     * Writes (or with {@code add}, adds) the weight times the unrolled patches {@code col} of images
     * {@code [from, to)}, plus {@code bias}, to those images of {@code out}. The weight comes transposed,
     * {@code patchSize x outChannels}, which packs faster for the product.
     */
    private static void multiplyOut(float[] wT, float[] col, float[] bias, ConvGeometry g, int from, int to, boolean add,
                                    float[] out) {
        int positions = g.outHeight() * g.outWidth(), patch = g.patchSize(), filters = g.outChannels();
        int images = to - from, cols = images * positions;
        if (images == 1) {
            int off = from * g.outputSize();
            Gemm.gemm(true, false, filters, cols, patch, 1f, wT, 0, filters, col, 0, cols, add ? 1f : 0f, out, off, positions);
            if (bias != null) addChannelBias(out, from, to, filters, positions, bias);
            return;
        }
        float[] product = scratch(PRODUCT, filters * cols);
        Gemm.gemm(true, false, filters, cols, patch, 1f, wT, 0, filters, col, 0, cols, 0f, product, 0, cols);
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
        if (!add) java.util.Arrays.fill(dx, from * g.inputSize(), to * g.inputSize(), 0f);
        float[] grads = to - from == 1 ? dy : gatherOutputs(dy, g, from, to);
        inputGradient(grads, to - from == 1 ? from * g.outputSize() : 0, w, g, from, to, dx);
    }

    /**
     * Adds {@code W^T dy} folded back onto the images {@code [from, to)} of {@code dx}, where {@code dy} is the
     * chunk's output gradient laid out as {@link #gatherOutputs} does (or one image of the output, at {@code gOff}).
     */
    private static void inputGradient(float[] grads, int gOff, float[] w, ConvGeometry g, int from, int to, float[] dx) {
        int patch = g.patchSize(), cols = (to - from) * g.outHeight() * g.outWidth();
        float[] col = scratch(COLUMNS, patch * cols);
        Gemm.gemm(true, false, patch, cols, g.outChannels(), 1f, w, 0, patch, grads, gOff, cols, 0f, col, 0, cols);
        col2im(col, g, from, to, dx);
    }

    /**
     * The convolution's gradients on images {@code [from, to)}: the input gradient added to {@code dx} (when
     * not null), and, with {@code weights}, the chunk's partial weight gradient, returned (else null).
     */
    private static float[] backwardChunk(float[] x, float[] dy, float[] w, ConvGeometry g, int from, int to,
                                         float[] dx, boolean weights) {
        float[] dw = null;
        if (weights) {
            float[] col = scratch(COLUMNS, g.patchSize() * (to - from) * g.outHeight() * g.outWidth());
            im2col(x, g, from, to, col);
            dw = weightGradient(dy, col, g, from, to);
        }
        if (dx != null) {
            boolean one = to - from == 1;
            inputGradient(one ? dy : gatherOutputs(dy, g, from, to), one ? from * g.outputSize() : 0, w, g, from, to, dx);
        }
        return dw;
    }

    /**
     * The transposed convolution's gradients on images {@code [from, to)}: the patches of {@code dy} are
     * unrolled once, the input gradient (the weight, given transposed as {@code wT}, times them) is added to
     * {@code dx} (when not null), and with {@code weights} the chunk's partial weight gradient (the gathered
     * input times them) is returned (else null).
     */
    private static float[] transposedBackwardChunk(float[] x, float[] dy, float[] wT, ConvGeometry g, int from, int to,
                                                   float[] dx, boolean weights) {
        int cols = (to - from) * g.outHeight() * g.outWidth();
        float[] col = scratch(COLUMNS, g.patchSize() * cols);
        im2col(dy, g, from, to, col);
        float[] dw = weights ? weightGradient(x, col, g, from, to) : null;
        if (dx != null) multiplyOut(wT, col, null, g, from, to, true, dx);
        return dw;
    }

    /**
     * A chunk's partial weight gradient: the output gradient {@code dy} of images {@code [from, to)}
     * ({@code outChannels x cols} once gathered) times {@code col^T}.
     */
    private static float[] weightGradient(float[] dy, float[] col, ConvGeometry g, int from, int to) {
        int positions = g.outHeight() * g.outWidth(), patch = g.patchSize(), filters = g.outChannels();
        int cols = (to - from) * positions;
        float[] dw = new float[filters * patch];
        if (patch >= filters) {
            // the gradient gathered transposed (cols x outChannels) packs with whole-vector copies
            float[] gT = gatherTransposed(dy, g, from, to);
            Gemm.gemm(true, true, filters, patch, cols, 1f, gT, 0, filters, col, 0, cols, 0f, dw, 0, patch);
            return dw;
        }
        boolean one = to - from == 1;
        float[] grads = one ? dy : gatherOutputs(dy, g, from, to);
        int gOff = one ? from * g.outputSize() : 0;
        if (patch <= SMALL_PATCH) {
            // a first layer on one channel: one matrix-vector product per filter
            for (int f = 0; f < filters; f++) {
                Gemv.gemv(false, patch, cols, 1f, col, 0, cols, grads, gOff + f * cols, 1, 0f, dw, f * patch, 1);
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

    /**
     * The outputs of images {@code [from, to)} as a {@code (images * positions) x outChannels} matrix: row
     * {@code (n - from) * positions + p} holds the channels of output position {@code p} of image {@code n}.
     */
    private static float[] gatherTransposed(float[] y, ConvGeometry g, int from, int to) {
        int positions = g.outHeight() * g.outWidth(), filters = g.outChannels();
        float[] out = scratch(TRANSPOSED, filters * (to - from) * positions);
        for (int n = from; n < to; n++) {
            int src = n * g.outputSize(), dst = (n - from) * positions * filters;
            for (int p = 0; p < positions; p++) {
                int row = dst + p * filters;
                for (int f = 0; f < filters; f++) out[row + f] = y[src + f * positions + p];
            }
        }
        return out;
    }

    /** The transpose of the {@code rows x cols} matrix {@code a}, a new array. */
    private static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
        }
        return t;
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
     * Unrolls the patches of images {@code [from, to)} into {@code col}, a {@code patchSize x (images * positions)}
     * matrix: row {@code (c * kh + u) * kw + v}, column {@code (n - from) * positions + i * outWidth + j} holds
     * {@code x[n, c, i * stride - padding + u, j * stride - padding + v]}, or 0 outside the image. Each row is
     * written from start to end, image after image, while the images' plane {@code c} stays in cache.
     */
    static void im2col(float[] x, ConvGeometry g, int from, int to, float[] col) {
        int h = g.height(), w = g.width(), kh = g.kernelHeight(), kw = g.kernelWidth();
        int s = g.stride(), pad = g.padding(), oh = g.outHeight(), ow = g.outWidth();
        int positions = oh * ow, cols = (to - from) * positions, in = g.inputSize();
        for (int c = 0; c < g.inChannels(); c++) {
            for (int u = 0; u < kh; u++) {
                int iLo = firstInside(pad - u, s), iHi = Math.min(oh, lastInside(h - 1 + pad - u, s) + 1);
                for (int v = 0; v < kw; v++) {
                    int jLo = firstInside(pad - v, s), jHi = Math.min(ow, lastInside(w - 1 + pad - v, s) + 1);
                    int row = ((c * kh + u) * kw + v) * cols;
                    if (iLo >= iHi || jLo >= jHi) {
                        java.util.Arrays.fill(col, row, row + cols, 0f);
                        continue;
                    }
                    for (int n = from; n < to; n++) {
                        // the input value under output (i, j) is at plane + i * s * w + j * s
                        int dst0 = row + (n - from) * positions, plane = n * in + c * h * w + (u - pad) * w + (v - pad);
                        java.util.Arrays.fill(col, dst0, dst0 + iLo * ow, 0f);
                        for (int i = iLo; i < iHi; i++) {
                            int dst = dst0 + i * ow, src = plane + i * s * w;
                            for (int j = 0; j < jLo; j++) col[dst + j] = 0f;
                            if (s == 1) {
                                System.arraycopy(x, src + jLo, col, dst + jLo, jHi - jLo);
                            } else {
                                for (int j = jLo; j < jHi; j++) col[dst + j] = x[src + j * s];
                            }
                            for (int j = jHi; j < ow; j++) col[dst + j] = 0f;
                        }
                        java.util.Arrays.fill(col, dst0 + iHi * ow, dst0 + positions, 0f);
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2col}: adds each entry of {@code col} (laid out as there, for images
     * {@code [from, to)}) back onto the image position it came from. Each image position receives its terms
     * in the order of the rows of {@code col}, whatever the chunk.
     */
    static void col2im(float[] col, ConvGeometry g, int from, int to, float[] x) {
        int h = g.height(), w = g.width(), kh = g.kernelHeight(), kw = g.kernelWidth();
        int s = g.stride(), pad = g.padding(), oh = g.outHeight(), ow = g.outWidth();
        int positions = oh * ow, cols = (to - from) * positions, in = g.inputSize();
        for (int c = 0; c < g.inChannels(); c++) {
            for (int u = 0; u < kh; u++) {
                int iLo = firstInside(pad - u, s), iHi = Math.min(oh, lastInside(h - 1 + pad - u, s) + 1);
                for (int v = 0; v < kw; v++) {
                    int jLo = firstInside(pad - v, s), jHi = Math.min(ow, lastInside(w - 1 + pad - v, s) + 1);
                    if (iLo >= iHi || jLo >= jHi) continue;
                    int row = ((c * kh + u) * kw + v) * cols;
                    for (int n = from; n < to; n++) {
                        int src0 = row + (n - from) * positions, plane = n * in + c * h * w + (u - pad) * w + (v - pad);
                        for (int i = iLo; i < iHi; i++) {
                            int src = src0 + i * ow, dst = plane + i * s * w;
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
