package dev.latent.neural.tensor;

import static dev.latent.neural.tensor.Reference.assertClose;
import static dev.latent.neural.tensor.Reference.assertGradient;
import static dev.latent.neural.tensor.Reference.dot;
import static dev.latent.neural.tensor.Reference.uniform;
import static dev.latent.neural.tensor.Reference.widen;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoolKernelsTest {
    /** planes, height, width, kernel, stride, padding. */
    private static final int[][] POOLS = {
        {3, 4, 4, 2, 2, 0},     // the usual 2x2
        {2, 28, 28, 2, 2, 0},   // MNIST-shaped
        {8, 28, 28, 3, 2, 1},   // 4 channels x batch 2, overlapping padded windows
        {1, 7, 5, 3, 2, 0},     // odd sizes: the last row and column are never read
        {5, 6, 6, 3, 1, 1},     // stride 1
    };

    /** Distinct values (a shuffled ramp with steps of 0.01), so that no window has a tie. */
    private static float[] distinct(SplittableRandom rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (i - size / 2) * 0.01f;
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
        return x;
    }

    @Test
    void takesTheLargestValueOfEachHandWorkedWindow() {
        // 4x4 with 2x2 windows: max(1,5,2,6)=6 at 5, max(3,7,4,8)=8 at 7, max(9,13,10,14)=14 at 13, 16 at 15
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        float[] out = new float[4];
        int[] argmax = new int[4];
        PoolKernels.maxForward(x, 1, 4, 4, 2, 2, 0, out, argmax);
        assertArrayEquals(new float[] {6, 8, 14, 16}, out);
        assertArrayEquals(new int[] {5, 7, 13, 15}, argmax);
        assertEquals(14, PoolKernels.outSize(28, 2, 2, 0));
        assertEquals(14, PoolKernels.outSize(28, 3, 2, 1));
    }

    @Test
    void forwardMatchesTheDefinitionAndBackwardItsFiniteDifferences() {
        var rng = new SplittableRandom(3);
        for (int[] c : POOLS) {
            int oh = PoolKernels.outSize(c[1], c[3], c[4], c[5]), ow = PoolKernels.outSize(c[2], c[3], c[4], c[5]);
            float[] x = distinct(rng, c[0] * c[1] * c[2]), out = new float[c[0] * oh * ow];
            int[] argmax = new int[out.length];
            PoolKernels.maxForward(x, c[0], c[1], c[2], c[3], c[4], c[5], out, argmax);
            assertClose("max pool", Reference.maxPool(widen(x), c[0], c[1], c[2], c[3], c[4], c[5]), out, 0);
            float[] dy = uniform(rng, out.length), dx = new float[x.length];
            PoolKernels.maxBackward(dy, argmax, c[0], c[1], c[2], dx);
            double[] r = widen(dy);
            assertGradient("max pool dx", dx, widen(x),
                    p -> dot(r, Reference.maxPool(p, c[0], c[1], c[2], c[3], c[4], c[5])), 1e-3, 1e-6, 60, 4);
        }
    }

    @Test
    void propagatesNaN() {
        float[] out = new float[1];
        PoolKernels.maxForward(new float[] {1, Float.NaN, 3, 2}, 1, 2, 2, 2, 2, 0, out, new int[1]);
        assertTrue(Float.isNaN(out[0]), "expected NaN from a window holding NaN, got " + out[0]);
    }

    @Test
    void rejectsPaddingOverHalfTheKernel() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> PoolKernels.maxForward(new float[16], 1, 4, 4, 2, 2, 2, new float[9], new int[9]));
        assertEquals("padding must be <= 1, got 2", e.getMessage());
    }
}
