package dev.latent.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latent.Latent;
import dev.latent.data.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class GemmTest {
    private static final int[][] SHAPES = {  // m, n, k
        {1, 1, 1}, {2, 3, 1}, {7, 17, 33}, {33, 7, 1}, {65, 127, 17}, {127, 65, 300}, {300, 33, 65},
        {17, 300, 127}, {1, 300, 65}, {300, 1, 33}, {49, 50, 257}, {129, 97, 513}, {8, 48, 256}, {9, 49, 255}
    };

    /** The kernels to check: the plain-Java one always, the Vector API one when the module is present. */
    static List<GemmKernel> kernels() {
        List<GemmKernel> list = new ArrayList<>();
        list.add(VectorSupport.SCALAR);
        VectorSupport.vectorKernel().ifPresent(list::add);
        return list;
    }

    static float[] random(SplittableRandom rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) rng.nextDouble(-1, 1);
        return x;
    }

    /** One GEMM problem with padded, offset storage and its double-precision reference answer. */
    record Problem(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {

        static Problem random(SplittableRandom rng, boolean transA, boolean transB, int m, int n, int k,
                              float alpha, float beta, int pad) {
            int aRows = transA ? k : m, aCols = transA ? m : k, bRows = transB ? n : k, bCols = transB ? k : n;
            int lda = aCols + pad, ldb = bCols + pad, ldc = n + pad;
            int aOff = pad * 3, bOff = pad * 5, cOff = pad * 7;
            return new Problem(transA, transB, m, n, k, alpha, beta,
                    GemmTest.random(rng, aOff + aRows * lda), aOff, lda,
                    GemmTest.random(rng, bOff + bRows * ldb), bOff, ldb,
                    GemmTest.random(rng, cOff + m * ldc), cOff, ldc);
        }

        float opA(int i, int p) { return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]; }
        float opB(int p, int j) { return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j]; }

        /** Runs the product with {@code kernel} on a copy of C and returns that copy. */
        float[] run(GemmKernel kernel) {
            float[] out = c.clone();
            Gemm.gemm(kernel, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc);
            return out;
        }

        /** Checks every element of C against a double sum, with an error bound that grows with k. */
        void assertMatches(float[] out, String what) {
            double eps = Math.ulp(1f);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0, abs = 0;
                    for (int p = 0; p < k; p++) {
                        double prod = (double) opA(i, p) * opB(p, j);
                        sum += prod;
                        abs += Math.abs(prod);
                    }
                    double old = c[cOff + i * ldc + j];
                    double expected = alpha * sum + (beta == 0 ? 0 : beta * old);
                    double bound = 2 * (k + 2) * eps * (Math.abs(alpha) * abs + Math.abs(beta * old)) + 1e-30;
                    float got = out[cOff + i * ldc + j];
                    if (!(Math.abs(got - expected) <= bound)) {
                        throw new AssertionError(what + ": C(" + i + ", " + j + ") expected " + expected
                                + " within " + bound + ", got " + got);
                    }
                }
            }
            // everything outside the m x n block of C is untouched
            for (int idx = 0; idx < c.length; idx++) {
                int rel = idx - cOff;
                boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
                if (!inside && Float.floatToRawIntBits(out[idx]) != Float.floatToRawIntBits(c[idx])) {
                    throw new AssertionError(what + ": element " + idx + " outside C changed");
                }
            }
        }

        String describe() {
            return (transA ? "A^T" : "A") + " * " + (transB ? "B^T" : "B") + " with m=" + m + " n=" + n + " k=" + k;
        }
    }

    @Test
    @Tag("slow")
    void matchesDoubleReferenceForEveryTransposeAndOddSizes() {
        var rng = new SplittableRandom(1);
        for (int[] s : SHAPES) {
            for (int t = 0; t < 4; t++) {
                Problem p = Problem.random(rng, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 1f, 0f, 0);
                for (GemmKernel kernel : kernels()) p.assertMatches(p.run(kernel), p.describe() + " " + kernel);
            }
        }
    }

    @Test
    void honoursOffsetsLeadingDimensionsAlphaAndBeta() {
        var rng = new SplittableRandom(2);
        for (int[] s : SHAPES) {
            for (int t = 0; t < 4; t++) {
                Problem p = Problem.random(rng, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], -0.75f, 1.5f, 3);
                for (GemmKernel kernel : kernels()) p.assertMatches(p.run(kernel), p.describe() + " " + kernel);
            }
        }
    }

    @Test
    void publicEntryPointMatchesReference() {
        var rng = new SplittableRandom(3);
        for (int t = 0; t < 4; t++) {
            Problem p = Problem.random(rng, (t & 1) != 0, (t & 2) != 0, 70, 90, 110, 2f, 0.5f, 1);
            float[] out = p.c().clone();
            Gemm.gemm(p.transA(), p.transB(), p.m(), p.n(), p.k(), p.alpha(), p.a(), p.aOff(), p.lda(),
                    p.b(), p.bOff(), p.ldb(), p.beta(), out, p.cOff(), p.ldc());
            p.assertMatches(out, p.describe());
        }
    }

    @Test
    void spansSeveralOuterBlocks() {
        var rng = new SplittableRandom(4);
        int[][] shapes = {{5, 7, 2100}, {1030, 20, 40}, {9, 4100, 5}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                Problem p = Problem.random(rng, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 1f, 1f, 1);
                for (GemmKernel kernel : kernels()) p.assertMatches(p.run(kernel), p.describe() + " " + kernel);
            }
        }
    }

    @Test
    @Tag("slow")
    void betaZeroIgnoresNaNInC() {
        var rng = new SplittableRandom(5);
        for (int[] s : SHAPES) {
            Problem p = Problem.random(rng, false, true, s[0], s[1], s[2], 1f, 0f, 2);
            java.util.Arrays.fill(p.c(), p.cOff(), p.cOff() + (p.m() - 1) * p.ldc() + p.n(), Float.NaN);
            for (GemmKernel kernel : kernels()) {
                float[] out = p.run(kernel);
                for (int i = 0; i < p.m(); i++) {
                    for (int j = 0; j < p.n(); j++) {
                        assertFalse(Float.isNaN(out[p.cOff() + i * p.ldc() + j]),
                                "C(" + i + ", " + j + ") should not be NaN with beta = 0 for " + p.describe());
                    }
                }
                // NaN in C is also ignored in the check: compare against a NaN-free copy
                Problem clean = new Problem(p.transA(), p.transB(), p.m(), p.n(), p.k(), 1f, 0f, p.a(), p.aOff(),
                        p.lda(), p.b(), p.bOff(), p.ldb(), new float[p.c().length], p.cOff(), p.ldc());
                float[] fromClean = clean.run(kernel);
                for (int i = 0; i < p.m(); i++) {
                    for (int j = 0; j < p.n(); j++) {
                        int at = p.cOff() + i * p.ldc() + j;
                        assertEquals(fromClean[at], out[at], "C(" + i + ", " + j + ") should not depend on old C");
                    }
                }
            }
        }
    }

    @Test
    void zeroInnerDimensionOrZeroAlphaOnlyScalesC() {
        float[] c = {1, 2, 3, 4};
        Gemm.gemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 3f, c, 0, 2);
        assertArrayEquals(new float[] {3, 6, 9, 12}, c, "k = 0 should give C = beta * C");
        float[] nan = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        Gemm.gemm(false, false, 2, 2, 2, 0f, nan, 0, 2, nan, 0, 2, 0.5f, c, 0, 2);
        assertArrayEquals(new float[] {1.5f, 3, 4.5f, 6}, c, "alpha = 0 should not read A or B");
        float[] cNaN = {Float.NaN, 1};
        Gemm.gemm(false, false, 1, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 0f, cNaN, 0, 2);
        assertArrayEquals(new float[] {0, 0}, cNaN, "k = 0 and beta = 0 should zero C, NaN included");
    }

    @Test
    void emptyOutputIsANoOp() {
        float[] c = {7};
        Gemm.gemm(false, false, 0, 1, 3, 1f, new float[0], 0, 3, new float[3], 0, 1, 0f, c, 0, 1);
        Gemm.gemm(true, true, 1, 0, 3, 1f, new float[3], 0, 1, new float[0], 0, 3, 0f, c, 0, 1);
        assertArrayEquals(new float[] {7}, c, "m = 0 or n = 0 should leave C alone");
    }

    @Test
    void multipliesASmallMatrixByHand() {
        // [1 2 3; 4 5 6] * [7 8; 9 10; 11 12] = [58 64; 139 154]
        Matrix a = Matrix.of(2, 3, 1, 2, 3, 4, 5, 6);
        Matrix b = Matrix.of(3, 2, 7, 8, 9, 10, 11, 12);
        assertArrayEquals(new float[] {58, 64, 139, 154}, Gemm.multiply(a, b).values(), "A * B");
        // A^T * A = [17 22 27; 22 29 36; 27 36 45]
        assertArrayEquals(new float[] {17, 22, 27, 22, 29, 36, 27, 36, 45},
                Gemm.multiply(a, true, a, false).values(), "A^T * A");
        // A * A^T = [14 32; 32 77]
        assertArrayEquals(new float[] {14, 32, 32, 77}, Gemm.multiply(a, false, a, true).values(), "A * A^T");
    }

    @Test
    void vectorAndScalarKernelsAgree() {
        List<GemmKernel> kernels = kernels();
        var rng = new SplittableRandom(6);
        for (int t = 0; t < 4; t++) {
            Problem p = Problem.random(rng, (t & 1) != 0, (t & 2) != 0, 131, 250, 300, 1f, 0.25f, 1);
            float[] scalar = p.run(VectorSupport.SCALAR);
            float[] chosen = p.run(kernels.getLast());
            for (int i = 0; i < scalar.length; i++) {
                assertEquals(scalar[i], chosen[i], 1e-4f * (1 + Math.abs(scalar[i])),
                        "element " + i + " of " + p.describe() + " should agree between kernels");
            }
        }
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalBits() {
        var rng = new SplittableRandom(7);
        int before = Latent.threads();
        try {
            for (int t = 0; t < 4; t++) {
                Problem p = Problem.random(rng, (t & 1) != 0, (t & 2) != 0, 300, 257, 520, 1.25f, -0.5f, 2);
                for (GemmKernel kernel : kernels()) {
                    Latent.setThreads(1);
                    float[] one = p.run(kernel);
                    Latent.setThreads(2);
                    float[] two = p.run(kernel);
                    assertArrayEquals(one, two, p.describe() + " with " + kernel + " should not depend on threads");
                }
            }
        } finally {
            Latent.setThreads(before);
        }
    }

    @Test
    void rejectsBadArguments() {
        float[] x = new float[12];
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, 3, 4, 4, 1f, x, 0, 3, x, 0, 4, 0f, x, 0, 4));
        assertEquals("lda must be >= 4, got 3", e.getMessage());
        float[] y = new float[16];
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, 4, 4, 4, 1f, x, 0, 4, y, 0, 4, 0f, y, 0, 4));
        assertTrue(e.getMessage().startsWith("a is too short"), "message should name a: " + e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, -1, 4, 4, 1f, x, 0, 4, x, 0, 4, 0f, x, 0, 4));
        assertEquals("m must be >= 0, got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiply(Matrix.zeros(2, 3), Matrix.zeros(2, 3)));
        assertTrue(e.getMessage().startsWith("inner dimensions must agree"), e.getMessage());
    }

    @Test
    void propertyFalseForcesThePlainJavaKernel() {
        assertFalse(VectorSupport.wanted("false", true), "latent.vector=false should force the plain-Java kernel");
        assertFalse(VectorSupport.wanted(null, false), "no module means no Vector API");
        assertTrue(VectorSupport.wanted(null, true), "the module alone should enable the Vector API");
        assertTrue(VectorSupport.wanted("true", true), "latent.vector=true should keep the Vector API");
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(VectorSupport.wanted(System.getProperty("latent.vector"), present), VectorSupport.vectorized(),
                "the kernel in use should follow the module and the property");
    }
}
