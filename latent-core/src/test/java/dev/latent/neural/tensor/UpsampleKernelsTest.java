package dev.latent.neural.tensor;

import static dev.latent.neural.tensor.Reference.assertClose;
import static dev.latent.neural.tensor.Reference.assertGradient;
import static dev.latent.neural.tensor.Reference.dot;
import static dev.latent.neural.tensor.Reference.uniform;
import static dev.latent.neural.tensor.Reference.widen;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UpsampleKernelsTest {
    /** planes, height, width, scale. */
    private static final int[][] CASES = {{2, 2, 2, 2}, {8, 7, 7, 2}, {3, 3, 5, 3}, {1, 1, 1, 2}, {2, 4, 3, 1}, {1, 5, 4, 4}};

    @Test
    void repeatsEachValueOverABlock() {
        float[] out = new float[16];
        UpsampleKernels.nearestForward(new float[] {1, 2, 3, 4}, 1, 2, 2, 2, out);
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, out);
    }

    @Test
    void interpolatesAHandWorkedImageAsPyTorchDoes() {
        // source coordinates for a factor 2 are 0, 0.25, 0.75, 1 (clamped at both ends): 1 + 0.25 * (2 - 1) = 1.25, ...
        float[] out = new float[16];
        UpsampleKernels.bilinearForward(new float[] {1, 2, 3, 4}, 1, 2, 2, 2, out);
        assertArrayEquals(new float[] {
            1.0f, 1.25f, 1.75f, 2.0f,
            1.5f, 1.75f, 2.25f, 2.5f,
            2.5f, 2.75f, 3.25f, 3.5f,
            3.0f, 3.25f, 3.75f, 4.0f}, out, 1e-6f);
    }

    @Test
    void forwardMatchesTheDefinitionAndBackwardItsFiniteDifferences() {
        var rng = new SplittableRandom(5);
        for (int[] c : CASES) {
            float[] x = uniform(rng, c[0] * c[1] * c[2]), out = new float[x.length * c[3] * c[3]];
            float[] dy = uniform(rng, out.length), dx = new float[x.length];
            double[] r = widen(dy);

            UpsampleKernels.nearestForward(x, c[0], c[1], c[2], c[3], out);
            assertClose("nearest", Reference.nearest(widen(x), c[0], c[1], c[2], c[3]), out, 0);
            UpsampleKernels.nearestBackward(dy, c[0], c[1], c[2], c[3], dx);
            assertGradient("nearest dx", dx, widen(x), p -> dot(r, Reference.nearest(p, c[0], c[1], c[2], c[3])),
                    1e-3, 1e-5, 60, 6);

            UpsampleKernels.bilinearForward(x, c[0], c[1], c[2], c[3], out);
            assertClose("bilinear", Reference.bilinear(widen(x), c[0], c[1], c[2], c[3]), out, 1e-6);
            UpsampleKernels.bilinearBackward(dy, c[0], c[1], c[2], c[3], dx);
            assertGradient("bilinear dx", dx, widen(x), p -> dot(r, Reference.bilinear(p, c[0], c[1], c[2], c[3])),
                    1e-3, 1e-5, 60, 7);
        }
    }

    @Test
    void rejectsAnOutputOfTheWrongSize() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> UpsampleKernels.bilinearForward(new float[4], 1, 2, 2, 2, new float[12]));
        assertEquals("out must have 16 values, got 12", e.getMessage());
    }
}
