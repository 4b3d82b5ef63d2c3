package dev.latent.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latent.Latent;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GemvTest {
    private static final int[][] SHAPES = {{1, 1}, {1, 7}, {7, 1}, {17, 33}, {65, 127}, {300, 17}, {129, 1000}};

    /** Runs gemv on a copy of y and checks it against a double sum with an error bound growing with the length. */
    private static float[] checkOne(GemmKernel kernel, SplittableRandom rng, boolean trans, int m, int n,
                                    int pad, int incx, int incy, float alpha, float beta, boolean nanInY) {
        int lda = n + pad, aOff = pad, xOff = 2 * pad, yOff = pad;
        int xLen = trans ? m : n, yLen = trans ? n : m;
        float[] a = GemmTest.random(rng, aOff + m * lda);
        float[] x = GemmTest.random(rng, xOff + (xLen - 1) * incx + 1);
        float[] y = GemmTest.random(rng, yOff + (yLen - 1) * incy + 1);
        if (nanInY) for (int i = 0; i < yLen; i++) y[yOff + i * incy] = Float.NaN;
        float[] out = y.clone();
        Gemv.gemv(kernel, trans, m, n, alpha, a, aOff, lda, x, xOff, incx, beta, out, yOff, incy);
        double eps = Math.ulp(1f);
        for (int i = 0; i < yLen; i++) {
            double sum = 0, abs = 0;
            for (int p = 0; p < xLen; p++) {
                float av = trans ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                double prod = (double) av * x[xOff + p * incx];
                sum += prod;
                abs += Math.abs(prod);
            }
            double old = beta == 0 ? 0 : y[yOff + i * incy];
            double expected = alpha * sum + beta * old;
            double bound = 2 * (xLen + 2) * eps * (Math.abs(alpha) * abs + Math.abs(beta * old)) + 1e-30;
            float got = out[yOff + i * incy];
            if (!(Math.abs(got - expected) <= bound)) {
                throw new AssertionError((trans ? "A^T x" : "A x") + " m=" + m + " n=" + n + " " + kernel
                        + ": y[" + i + "] expected " + expected + " within " + bound + ", got " + got);
            }
        }
        return out;
    }

    @Test
    void matchesDoubleReferenceWithAndWithoutTranspose() {
        var rng = new SplittableRandom(1);
        for (GemmKernel kernel : GemmTest.kernels()) {
            for (int[] s : SHAPES) {
                for (boolean trans : new boolean[] {false, true}) {
                    checkOne(kernel, rng, trans, s[0], s[1], 0, 1, 1, 1f, 0f, false);
                    checkOne(kernel, rng, trans, s[0], s[1], 3, 2, 3, -1.5f, 0.75f, false);
                }
            }
        }
    }

    @Test
    void betaZeroIgnoresNaNInY() {
        var rng = new SplittableRandom(2);
        for (GemmKernel kernel : GemmTest.kernels()) {
            for (boolean trans : new boolean[] {false, true}) {
                float[] out = checkOne(kernel, rng, trans, 40, 30, 1, 1, 2, 1f, 0f, true);
                for (int i = 0; i < (trans ? 30 : 40); i++) {
                    assertFalse(Float.isNaN(out[1 + 2 * i]), "y[" + i + "] should not be NaN with beta = 0");
                }
            }
        }
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalBits() {
        int before = Latent.threads();
        try {
            for (GemmKernel kernel : GemmTest.kernels()) {
                for (boolean trans : new boolean[] {false, true}) {
                    Latent.setThreads(1);
                    float[] one = checkOne(kernel, new SplittableRandom(3), trans, 700, 1300, 1, 1, 1, 1f, 0.5f, false);
                    Latent.setThreads(2);
                    float[] two = checkOne(kernel, new SplittableRandom(3), trans, 700, 1300, 1, 1, 1, 1f, 0.5f, false);
                    assertArrayEquals(one, two, "gemv should not depend on the thread count");
                }
            }
        } finally {
            Latent.setThreads(before);
        }
    }

    @Test
    void rejectsBadStrides() {
        float[] v = new float[4];
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemv.gemv(false, 2, 2, 1f, v, 0, 2, v, 0, 0, 0f, v, 0, 1));
        assertEquals("incx must be >= 1, got 0", e.getMessage());
    }
}
