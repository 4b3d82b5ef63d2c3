package dev.latent.neural.tensor;

import static dev.latent.neural.tensor.Reference.assertClose;
import static dev.latent.neural.tensor.Reference.assertGradient;
import static dev.latent.neural.tensor.Reference.dot;
import static dev.latent.neural.tensor.Reference.uniform;
import static dev.latent.neural.tensor.Reference.widen;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latent.internal.Parallel;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class Conv2dKernelsTest {
    /** batch, inChannels, height, width, outChannels, kernelHeight, kernelWidth, stride, padding. */
    private static final int[][] CONVS = {
        {2, 2, 5, 5, 3, 3, 3, 1, 1},      // same-size output
        {3, 1, 28, 28, 4, 3, 3, 2, 1},    // MNIST-shaped, stride 2
        {2, 4, 28, 28, 5, 3, 3, 2, 1},    // SAT-6-shaped: 4 channels
        {1, 3, 7, 6, 2, 2, 3, 3, 2},      // batch of 1, rectangular kernel, stride 3, padding 2
        {1, 2, 4, 4, 3, 1, 1, 1, 0},      // 1x1 kernel
        {5, 2, 9, 9, 3, 5, 5, 2, 0},      // no padding, windows that skip the last column
        {25, 2, 7, 7, 3, 3, 3, 1, 1},     // several chunks of images, the last one short
        {2, 1, 32, 32, 2, 3, 3, 1, 1},    // one image per chunk
        {2, 2, 3, 3, 2, 5, 5, 1, 1},      // kernel wider than the image
        {3, 2, 6, 6, 20, 3, 3, 1, 1},     // more filters than values per patch (18)
    };

    /** batch, inChannels, height, width, outChannels, kernelHeight, kernelWidth, stride, padding, outputPadding. */
    private static final int[][] TRANSPOSED = {
        {2, 3, 7, 7, 2, 3, 3, 2, 1, 1},   // 7x7 -> 14x14, as in a decoder
        {1, 2, 4, 5, 3, 2, 3, 3, 1, 2},   // rectangular kernel, stride 3, output padding 2
        {3, 2, 5, 5, 1, 4, 4, 2, 1, 0},   // one output channel
        {2, 4, 14, 14, 4, 3, 3, 2, 1, 1}, // SAT-6-shaped decoder layer
        {30, 2, 3, 3, 2, 3, 3, 1, 0, 0},  // several chunks
    };

    private static ConvGeometry geometry(int[] c) {
        return new ConvGeometry(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]);
    }

    private static ConvGeometry transposedGeometry(int[] t) {
        return ConvGeometry.transposed(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9]);
    }

    @Test
    void outputSizesFollowTheFormula() {
        // (28 + 2 - 3) / 2 + 1 = 14, (14 + 2 - 3) / 2 + 1 = 7, (7 + 4 - 2) / 3 + 1 = 4, (6 + 4 - 3) / 3 + 1 = 3
        assertEquals(14, ConvGeometry.of(1, 1, 28, 28, 32, 3, 2, 1).outHeight());
        assertEquals(7, ConvGeometry.of(1, 32, 14, 14, 64, 3, 2, 1).outWidth());
        ConvGeometry g = new ConvGeometry(1, 3, 7, 6, 2, 2, 3, 3, 2);
        assertEquals(4, g.outHeight());
        assertEquals(3, g.outWidth());
        // transposed: (7 - 1) * 2 - 2 + 3 + 1 = 14, and the convolution it inverts maps 14 back to 7
        ConvGeometry t = ConvGeometry.transposed(1, 64, 7, 7, 32, 3, 3, 2, 1, 1);
        assertEquals(14, t.height());
        assertEquals(14, t.width());
        assertEquals(7, t.outHeight());
        assertEquals(64, t.outChannels());
        assertEquals(32, t.inChannels());
    }

    @Test
    void rejectsImpossibleGeometries() {
        var wide = assertThrows(IllegalArgumentException.class, () -> ConvGeometry.of(1, 1, 4, 4, 1, 7, 1, 1));
        assertEquals("kernelHeight must be <= 6, got 7", wide.getMessage());
        var stride = assertThrows(IllegalArgumentException.class, () -> ConvGeometry.of(1, 1, 4, 4, 1, 3, 0, 1));
        assertEquals("stride must be >= 1, got 0", stride.getMessage());
        var outPad = assertThrows(IllegalArgumentException.class,
                () -> ConvGeometry.transposed(1, 1, 4, 4, 1, 3, 3, 2, 1, 2));
        assertEquals("outputPadding must be <= 1, got 2", outPad.getMessage());
        var length = assertThrows(IllegalArgumentException.class, () -> Conv2dKernels.forward(
                new float[15], new float[9], null, ConvGeometry.of(1, 1, 4, 4, 1, 3, 1, 1), new float[16]));
        assertEquals("x must have 16 values, got 15", length.getMessage());
    }

    @Test
    void addsTheWindowsOfAHandWorkedImage() {
        // x = [1 2 3; 4 5 6; 7 8 9], a 2x2 kernel of ones and bias 0.5: 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9, plus 0.5
        float[] out = new float[4];
        Conv2dKernels.forward(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new float[] {1, 1, 1, 1}, new float[] {0.5f},
                ConvGeometry.of(1, 1, 3, 3, 1, 2, 1, 0), out);
        assertArrayEquals(new float[] {12.5f, 16.5f, 24.5f, 28.5f}, out);
    }

    @Test
    @Tag("slow")
    void forwardMatchesTheDirectDefinition() {
        var rng = new SplittableRandom(1);
        for (int[] c : CONVS) {
            ConvGeometry g = geometry(c);
            float[] x = uniform(rng, g.batch() * g.inputSize()), w = uniform(rng, g.weightSize());
            float[] b = uniform(rng, g.outChannels()), out = new float[g.batch() * g.outputSize()];
            Conv2dKernels.forward(x, w, b, g, out);
            assertClose("conv " + g, Reference.conv(widen(x), widen(w), widen(b), c[0], c[1], c[2], c[3], c[4],
                    c[5], c[6], c[7], c[8]), out, 1e-5);
        }
    }

    @Test
    @Tag("slow")
    void backwardMatchesFiniteDifferencesOfTheDefinition() {
        var rng = new SplittableRandom(2);
        for (int[] c : CONVS) {
            ConvGeometry g = geometry(c);
            float[] x = uniform(rng, g.batch() * g.inputSize()), w = uniform(rng, g.weightSize());
            float[] b = uniform(rng, g.outChannels()), dy = uniform(rng, g.batch() * g.outputSize());
            float[] dx = new float[x.length], dw = new float[w.length], db = new float[b.length];
            Conv2dKernels.backwardInput(dy, w, g, dx);
            Conv2dKernels.backwardWeights(x, dy, g, dw, db);
            double[] r = widen(dy), xd = widen(x), wd = widen(w), bd = widen(b);
            String name = "conv " + g;
            assertGradient(name + " dx", dx, xd, p -> dot(r, Reference.conv(p, wd, bd, c[0], c[1], c[2], c[3], c[4],
                    c[5], c[6], c[7], c[8])), 1e-3, 1e-4, 40, 3);
            assertGradient(name + " dw", dw, wd, p -> dot(r, Reference.conv(xd, p, bd, c[0], c[1], c[2], c[3], c[4],
                    c[5], c[6], c[7], c[8])), 1e-3, 1e-4, 40, 4);
            assertGradient(name + " db", db, bd, p -> dot(r, Reference.conv(xd, wd, p, c[0], c[1], c[2], c[3], c[4],
                    c[5], c[6], c[7], c[8])), 1e-3, 1e-4, 40, 5);
        }
    }

    @Test
    void transposedForwardMatchesTheDirectDefinition() {
        var rng = new SplittableRandom(6);
        for (int[] t : TRANSPOSED) {
            ConvGeometry g = transposedGeometry(t);
            int inSize = t[0] * t[1] * t[2] * t[3];
            float[] x = uniform(rng, inSize), w = uniform(rng, t[1] * t[4] * t[5] * t[6]), b = uniform(rng, t[4]);
            float[] out = new float[g.batch() * g.inputSize()];
            Conv2dKernels.transposedForward(x, w, b, g, out);
            assertClose("transposed " + g, Reference.convTransposed(widen(x), widen(w), widen(b), t[0], t[1], t[2],
                    t[3], t[4], t[5], t[6], t[7], t[8], t[9]), out, 1e-5);
        }
    }

    @Test
    void transposedBackwardMatchesFiniteDifferencesOfTheDefinition() {
        var rng = new SplittableRandom(7);
        for (int[] t : TRANSPOSED) {
            ConvGeometry g = transposedGeometry(t);
            float[] x = uniform(rng, t[0] * t[1] * t[2] * t[3]), w = uniform(rng, t[1] * t[4] * t[5] * t[6]);
            float[] b = uniform(rng, t[4]), dy = uniform(rng, g.batch() * g.inputSize());
            float[] dx = new float[x.length], dw = new float[w.length], db = new float[b.length];
            Conv2dKernels.transposedBackwardInput(dy, w, g, dx);
            Conv2dKernels.transposedBackwardWeights(x, dy, g, dw, db);
            double[] r = widen(dy), xd = widen(x), wd = widen(w), bd = widen(b);
            String name = "transposed " + g;
            assertGradient(name + " dx", dx, xd, p -> dot(r, Reference.convTransposed(p, wd, bd, t[0], t[1], t[2], t[3],
                    t[4], t[5], t[6], t[7], t[8], t[9])), 1e-3, 1e-4, 40, 8);
            assertGradient(name + " dw", dw, wd, p -> dot(r, Reference.convTransposed(xd, p, bd, t[0], t[1], t[2], t[3],
                    t[4], t[5], t[6], t[7], t[8], t[9])), 1e-3, 1e-4, 40, 9);
            assertGradient(name + " db", db, bd, p -> dot(r, Reference.convTransposed(xd, wd, p, t[0], t[1], t[2], t[3],
                    t[4], t[5], t[6], t[7], t[8], t[9])), 1e-3, 1e-4, 40, 10);
        }
    }

    @Test
    void theAddingVariantsAddTheSameGradient() {
        var rng = new SplittableRandom(13);
        for (ConvGeometry g : new ConvGeometry[] {ConvGeometry.of(30, 2, 7, 7, 3, 3, 2, 1), ConvGeometry.of(1, 1, 9, 9, 2, 3, 1, 1)}) {
            float[] w = uniform(rng, g.weightSize()), dy = uniform(rng, g.batch() * g.outputSize());
            float[] before = uniform(rng, g.batch() * g.inputSize()), dx = new float[before.length], sum = before.clone();
            Conv2dKernels.backwardInput(dy, w, g, dx);
            Conv2dKernels.addBackwardInput(dy, w, g, sum);
            for (int i = 0; i < dx.length; i++) assertEquals(before[i] + dx[i], sum[i], 1e-5f, "dx + gradient at " + i);
            // the transposed convolution's input gradient is the convolution of its output gradient
            float[] up = uniform(rng, g.batch() * g.inputSize()), start = uniform(rng, g.batch() * g.outputSize());
            float[] conv = new float[start.length], added = start.clone();
            Conv2dKernels.transposedBackwardInput(up, w, g, conv);
            Conv2dKernels.addTransposedBackwardInput(up, w, g, added);
            for (int i = 0; i < conv.length; i++) assertEquals(start[i] + conv[i], added[i], 1e-5f, "transposed dx at " + i);
        }
    }

    @Test
    void theFusedBackwardPassesGiveTheBitsOfTheSeparateCalls() {
        var rng = new SplittableRandom(14);
        for (ConvGeometry g : new ConvGeometry[] {ConvGeometry.of(30, 3, 14, 14, 4, 3, 2, 1), ConvGeometry.of(3, 2, 6, 6, 20, 3, 1, 1),
                ConvGeometry.of(1, 1, 9, 9, 2, 3, 1, 1)}) {
            float[] x = uniform(rng, g.batch() * g.inputSize()), w = uniform(rng, g.weightSize());
            float[] dy = uniform(rng, g.batch() * g.outputSize()), start = uniform(rng, x.length);
            float[] dx = start.clone(), dw = new float[w.length], db = new float[g.outChannels()];
            Conv2dKernels.backward(x, dy, w, g, dx, dw, db);
            float[] dx1 = start.clone(), dw1 = new float[w.length], db1 = new float[g.outChannels()];
            Conv2dKernels.addBackwardInput(dy, w, g, dx1);
            Conv2dKernels.backwardWeights(x, dy, g, dw1, db1);
            assertArrayEquals(dx1, dx, "fused dx of " + g);
            assertArrayEquals(dw1, dw, "fused dw of " + g);
            assertArrayEquals(db1, db, "fused db of " + g);
            // the transposed convolution of g maps outputs of g (as its input) to inputs of g
            float[] up = uniform(rng, g.batch() * g.outputSize()), upStart = uniform(rng, up.length);
            float[] tdy = uniform(rng, g.batch() * g.inputSize());
            float[] tdx = upStart.clone(), tdw = new float[w.length], tdb = new float[g.inChannels()];
            Conv2dKernels.transposedBackward(up, tdy, w, g, tdx, tdw, tdb);
            float[] tdx1 = upStart.clone(), tdw1 = new float[w.length], tdb1 = new float[g.inChannels()];
            Conv2dKernels.addTransposedBackwardInput(tdy, w, g, tdx1);
            Conv2dKernels.transposedBackwardWeights(up, tdy, g, tdw1, tdb1);
            assertArrayEquals(tdx1, tdx, "fused transposed dx of " + g);
            assertArrayEquals(tdw1, tdw, "fused transposed dw of " + g);
            assertArrayEquals(tdb1, tdb, "fused transposed db of " + g);
        }
    }

    @Test
    void cutsTheBatchIntoAnEvenNumberOfNearEqualChunks() {
        // 128 images of 7 x 7 outputs: 6,272 positions make 7 chunks of 1,024, rounded up to 8 of 16 images
        assertEquals(16, Conv2dKernels.chunkImages(ConvGeometry.of(128, 32, 14, 14, 64, 3, 2, 1)), "images per chunk");
        // 128 images of 14 x 14: 25 chunks, rounded up to 26, of 5 images
        assertEquals(5, Conv2dKernels.chunkImages(ConvGeometry.of(128, 1, 28, 28, 32, 3, 2, 1)), "images per chunk");
        // one image is one chunk, however large
        assertEquals(1, Conv2dKernels.chunkImages(ConvGeometry.of(1, 1, 64, 64, 2, 3, 1, 1)), "images per chunk");
        // three large images: three chunks, as a chunk holds whole images
        assertEquals(1, Conv2dKernels.chunkImages(ConvGeometry.of(3, 1, 64, 64, 2, 3, 1, 1)), "images per chunk");
    }

    @Test
    @Tag("slow")
    void givesTheSameBitsWithOneAndTwoThreads() {
        var rng = new SplittableRandom(12);
        ConvGeometry g = ConvGeometry.of(50, 3, 14, 14, 4, 3, 2, 1);  // 49 positions: 3 chunks rounded up to 4, of 13 images
        float[] x = uniform(rng, g.batch() * g.inputSize()), w = uniform(rng, g.weightSize());
        float[] dy = uniform(rng, g.batch() * g.outputSize());
        Supplier<float[][]> run = () -> {
            float[] y = new float[dy.length], dx = new float[x.length], dw = new float[w.length], db = new float[4];
            Conv2dKernels.forward(x, w, null, g, y);
            Conv2dKernels.backwardInput(dy, w, g, dx);
            Conv2dKernels.backwardWeights(x, dy, g, dw, db);
            // the transposed convolution of g, with the output gradient dy as its input and x as its output gradient
            float[] ty = new float[x.length], tdx = new float[dy.length], tdw = new float[w.length], tdb = new float[3];
            Conv2dKernels.transposedForward(dy, w, tdb, g, ty);
            Conv2dKernels.transposedBackward(dy, x, w, g, tdx, tdw, tdb);
            return new float[][] {y, dx, dw, db, ty, tdx, tdw, tdb};
        };
        int before = Parallel.shared().threads();
        try {
            Parallel.setThreads(1);
            float[][] one = run.get();
            Parallel.setThreads(2);
            float[][] two = run.get();
            for (int i = 0; i < one.length; i++) assertArrayEquals(one[i], two[i], "result " + i + " differs");
        } finally {
            Parallel.setThreads(before);
        }
    }
}
