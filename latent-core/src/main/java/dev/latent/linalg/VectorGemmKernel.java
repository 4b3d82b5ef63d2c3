package dev.latent.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel: an 8 x 3 tile of {@link FloatVector#SPECIES_PREFERRED} registers (an 8 x 48 block
 * of C with AVX-512), updated with fused multiply-adds. Narrower panels at the right edge use 2 or 1
 * vectors. Only lane-wise operations are used, and sums across lanes run in a fixed scalar order,
 * so results do not depend on how the JIT compiled the code.
 * <p>Loaded by {@link VectorSupport} only when the {@code jdk.incubator.vector} module is present.
 */
final class VectorGemmKernel implements GemmKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 8;
    private static final int NR = 3 * L;

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public int panelWidth(int remaining) { return Math.min(NR, (remaining + L - 1) / L * L); }
    @Override public int kc() { return 256; }

    /** Eight lanes, for copying one step of an A panel ({@code MR} floats) at once; null if unsupported. */
    private static final VectorSpecies<Float> ROW = S.vectorBitSize() >= 256 ? FloatVector.SPECIES_256 : null;

    @Override
    public void packA(boolean transA, float[] a, int aOffset, int lda, int i0, int rows, int k0, int kb,
                      float[] out, int offset) {
        int full = rows / MR * MR;
        if (transA && ROW != null) {
            // op(A)(i, p) = a[p * lda + i]: one step of a panel is MR adjacent floats
            for (int q = 0; q < full; q += MR) {
                int src = aOffset + k0 * lda + i0 + q, dst = offset + q * kb;
                for (int p = 0; p < kb; p++, src += lda, dst += MR) FloatVector.fromArray(ROW, a, src).intoArray(out, dst);
            }
        } else if (!transA && L == 16) {
            // op(A)(i, p) = a[i * lda + p]: transpose 16 x 16 blocks in registers, two panels at a time
            full = rows / 16 * 16;
            int body = kb / 16 * 16;
            for (int q = 0; q < full; q += 16) {
                int src = aOffset + (i0 + q) * lda + k0, dst = offset + q * kb, dst1 = dst + MR * kb;
                for (int p = 0; p < body; p += 16) transposeA16(a, src + p, lda, out, dst + p * MR, dst1 + p * MR);
                for (int p = body; p < kb; p++) {
                    for (int r = 0; r < MR; r++) {
                        out[dst + p * MR + r] = a[src + r * lda + p];
                        out[dst1 + p * MR + r] = a[src + (r + MR) * lda + p];
                    }
                }
            }
        } else {
            full = 0;
        }
        if (full < rows) {
            GemmPacking.packA(MR, transA, a, aOffset, lda, i0 + full, rows - full, k0, kb, out, offset + full * kb);
        }
    }

    /** Lanes 0-7 and 8-15, for splitting 16 transposed rows between two A panels. */
    private static final VectorMask<Float> LOW = L == 16 ? S.indexInRange(0, 8) : null;
    private static final VectorMask<Float> HIGH = L == 16 ? S.indexInRange(0, 16).andNot(S.indexInRange(0, 8)) : null;

    /** Index vectors for the 16 x 16 transpose: stage {@code s} swaps the off-diagonal blocks of size {@code 8 >> s}. */
    private static final FloatVector[] SWAP_X = new FloatVector[4], SWAP_Y = new FloatVector[4];

    static {
        if (L == 16) {
            for (int s = 0; s < 4; s++) {
                int blk = 8 >> s;
                float[] x = new float[L], y = new float[L];
                for (int l = 0; l < L; l++) {
                    x[l] = (l & blk) == 0 ? l : l - blk + L;
                    y[l] = (l & blk) == 0 ? l + blk : l + L;
                }
                SWAP_X[s] = FloatVector.fromArray(S, x, 0);
                SWAP_Y[s] = FloatVector.fromArray(S, y, 0);
            }
        }
    }

    @Override
    public void packB(boolean transB, float[] b, int bOffset, int ldb, int j0, int cols, int k0, int kb,
                      float[] out, int offset) {
        if (!transB || L != 16) {
            GemmKernel.super.packB(transB, b, bOffset, ldb, j0, cols, k0, kb, out, offset);
            return;
        }
        // op(B)(p, j) = b[j * ldb + p]: transpose 16 x 16 blocks in registers where a panel has 16 whole columns
        int body = kb / 16 * 16;
        for (int s = 0; s < cols; s += NR) {
            int valid = Math.min(NR, cols - s), width = panelWidth(valid);
            int panel = offset + s * kb;
            int whole = valid / L * L;
            for (int v = 0; v < whole; v += L) {
                int src = bOffset + (j0 + s + v) * ldb + k0;
                for (int p = 0; p < body; p += 16) transpose16(b, src + p, ldb, out, panel + p * width + v, width);
                for (int j = 0; j < L; j++) {
                    for (int p = body; p < kb; p++) out[panel + p * width + v + j] = b[src + j * ldb + p];
                }
            }
            if (whole < width) {
                for (int j = whole; j < width; j++) {
                    int from = bOffset + (j0 + s + j) * ldb + k0;
                    for (int p = 0; p < kb; p++) out[panel + p * width + j] = j < valid ? b[from + p] : 0f;
                }
            }
        }
    }

    /** Writes the transpose of the 16 x 16 block at {@code b[src + j * ldb + p]} to {@code out[dst + p * width + j]}. */
    private static void transpose16(float[] b, int src, int ldb, float[] out, int dst, int width) {
        FloatVector r0 = FloatVector.fromArray(S, b, src);
        FloatVector r1 = FloatVector.fromArray(S, b, src + 1 * ldb);
        FloatVector r2 = FloatVector.fromArray(S, b, src + 2 * ldb);
        FloatVector r3 = FloatVector.fromArray(S, b, src + 3 * ldb);
        FloatVector r4 = FloatVector.fromArray(S, b, src + 4 * ldb);
        FloatVector r5 = FloatVector.fromArray(S, b, src + 5 * ldb);
        FloatVector r6 = FloatVector.fromArray(S, b, src + 6 * ldb);
        FloatVector r7 = FloatVector.fromArray(S, b, src + 7 * ldb);
        FloatVector r8 = FloatVector.fromArray(S, b, src + 8 * ldb);
        FloatVector r9 = FloatVector.fromArray(S, b, src + 9 * ldb);
        FloatVector r10 = FloatVector.fromArray(S, b, src + 10 * ldb);
        FloatVector r11 = FloatVector.fromArray(S, b, src + 11 * ldb);
        FloatVector r12 = FloatVector.fromArray(S, b, src + 12 * ldb);
        FloatVector r13 = FloatVector.fromArray(S, b, src + 13 * ldb);
        FloatVector r14 = FloatVector.fromArray(S, b, src + 14 * ldb);
        FloatVector r15 = FloatVector.fromArray(S, b, src + 15 * ldb);
        FloatVector sx = SWAP_X[0], sy = SWAP_Y[0];
        FloatVector t0_0 = sx.selectFrom(r0, r8), t8_0 = sy.selectFrom(r0, r8);
        FloatVector t1_0 = sx.selectFrom(r1, r9), t9_0 = sy.selectFrom(r1, r9);
        FloatVector t2_0 = sx.selectFrom(r2, r10), t10_0 = sy.selectFrom(r2, r10);
        FloatVector t3_0 = sx.selectFrom(r3, r11), t11_0 = sy.selectFrom(r3, r11);
        FloatVector t4_0 = sx.selectFrom(r4, r12), t12_0 = sy.selectFrom(r4, r12);
        FloatVector t5_0 = sx.selectFrom(r5, r13), t13_0 = sy.selectFrom(r5, r13);
        FloatVector t6_0 = sx.selectFrom(r6, r14), t14_0 = sy.selectFrom(r6, r14);
        FloatVector t7_0 = sx.selectFrom(r7, r15), t15_0 = sy.selectFrom(r7, r15);
        sx = SWAP_X[1]; sy = SWAP_Y[1];
        FloatVector r0_1 = sx.selectFrom(t0_0, t4_0), r4_1 = sy.selectFrom(t0_0, t4_0);
        FloatVector r1_1 = sx.selectFrom(t1_0, t5_0), r5_1 = sy.selectFrom(t1_0, t5_0);
        FloatVector r2_1 = sx.selectFrom(t2_0, t6_0), r6_1 = sy.selectFrom(t2_0, t6_0);
        FloatVector r3_1 = sx.selectFrom(t3_0, t7_0), r7_1 = sy.selectFrom(t3_0, t7_0);
        FloatVector r8_1 = sx.selectFrom(t8_0, t12_0), r12_1 = sy.selectFrom(t8_0, t12_0);
        FloatVector r9_1 = sx.selectFrom(t9_0, t13_0), r13_1 = sy.selectFrom(t9_0, t13_0);
        FloatVector r10_1 = sx.selectFrom(t10_0, t14_0), r14_1 = sy.selectFrom(t10_0, t14_0);
        FloatVector r11_1 = sx.selectFrom(t11_0, t15_0), r15_1 = sy.selectFrom(t11_0, t15_0);
        sx = SWAP_X[2]; sy = SWAP_Y[2];
        FloatVector t0_2 = sx.selectFrom(r0_1, r2_1), t2_2 = sy.selectFrom(r0_1, r2_1);
        FloatVector t1_2 = sx.selectFrom(r1_1, r3_1), t3_2 = sy.selectFrom(r1_1, r3_1);
        FloatVector t4_2 = sx.selectFrom(r4_1, r6_1), t6_2 = sy.selectFrom(r4_1, r6_1);
        FloatVector t5_2 = sx.selectFrom(r5_1, r7_1), t7_2 = sy.selectFrom(r5_1, r7_1);
        FloatVector t8_2 = sx.selectFrom(r8_1, r10_1), t10_2 = sy.selectFrom(r8_1, r10_1);
        FloatVector t9_2 = sx.selectFrom(r9_1, r11_1), t11_2 = sy.selectFrom(r9_1, r11_1);
        FloatVector t12_2 = sx.selectFrom(r12_1, r14_1), t14_2 = sy.selectFrom(r12_1, r14_1);
        FloatVector t13_2 = sx.selectFrom(r13_1, r15_1), t15_2 = sy.selectFrom(r13_1, r15_1);
        sx = SWAP_X[3]; sy = SWAP_Y[3];
        FloatVector r0_3 = sx.selectFrom(t0_2, t1_2), r1_3 = sy.selectFrom(t0_2, t1_2);
        FloatVector r2_3 = sx.selectFrom(t2_2, t3_2), r3_3 = sy.selectFrom(t2_2, t3_2);
        FloatVector r4_3 = sx.selectFrom(t4_2, t5_2), r5_3 = sy.selectFrom(t4_2, t5_2);
        FloatVector r6_3 = sx.selectFrom(t6_2, t7_2), r7_3 = sy.selectFrom(t6_2, t7_2);
        FloatVector r8_3 = sx.selectFrom(t8_2, t9_2), r9_3 = sy.selectFrom(t8_2, t9_2);
        FloatVector r10_3 = sx.selectFrom(t10_2, t11_2), r11_3 = sy.selectFrom(t10_2, t11_2);
        FloatVector r12_3 = sx.selectFrom(t12_2, t13_2), r13_3 = sy.selectFrom(t12_2, t13_2);
        FloatVector r14_3 = sx.selectFrom(t14_2, t15_2), r15_3 = sy.selectFrom(t14_2, t15_2);
        r0_3.intoArray(out, dst);
        r1_3.intoArray(out, dst + 1 * width);
        r2_3.intoArray(out, dst + 2 * width);
        r3_3.intoArray(out, dst + 3 * width);
        r4_3.intoArray(out, dst + 4 * width);
        r5_3.intoArray(out, dst + 5 * width);
        r6_3.intoArray(out, dst + 6 * width);
        r7_3.intoArray(out, dst + 7 * width);
        r8_3.intoArray(out, dst + 8 * width);
        r9_3.intoArray(out, dst + 9 * width);
        r10_3.intoArray(out, dst + 10 * width);
        r11_3.intoArray(out, dst + 11 * width);
        r12_3.intoArray(out, dst + 12 * width);
        r13_3.intoArray(out, dst + 13 * width);
        r14_3.intoArray(out, dst + 14 * width);
        r15_3.intoArray(out, dst + 15 * width);
    }

    /**
     * Writes the transpose of the 16 x 16 block at {@code a[src + i * lda + p]} to two A panels: rows 0-7 to
     * {@code out[dst0 + p * 8 + i]}, rows 8-15 to {@code out[dst1 + p * 8 + i - 8]}.
     */
    private static void transposeA16(float[] b, int src, int ldb, float[] out, int dst0, int dst1) {
        FloatVector r0 = FloatVector.fromArray(S, b, src);
        FloatVector r1 = FloatVector.fromArray(S, b, src + 1 * ldb);
        FloatVector r2 = FloatVector.fromArray(S, b, src + 2 * ldb);
        FloatVector r3 = FloatVector.fromArray(S, b, src + 3 * ldb);
        FloatVector r4 = FloatVector.fromArray(S, b, src + 4 * ldb);
        FloatVector r5 = FloatVector.fromArray(S, b, src + 5 * ldb);
        FloatVector r6 = FloatVector.fromArray(S, b, src + 6 * ldb);
        FloatVector r7 = FloatVector.fromArray(S, b, src + 7 * ldb);
        FloatVector r8 = FloatVector.fromArray(S, b, src + 8 * ldb);
        FloatVector r9 = FloatVector.fromArray(S, b, src + 9 * ldb);
        FloatVector r10 = FloatVector.fromArray(S, b, src + 10 * ldb);
        FloatVector r11 = FloatVector.fromArray(S, b, src + 11 * ldb);
        FloatVector r12 = FloatVector.fromArray(S, b, src + 12 * ldb);
        FloatVector r13 = FloatVector.fromArray(S, b, src + 13 * ldb);
        FloatVector r14 = FloatVector.fromArray(S, b, src + 14 * ldb);
        FloatVector r15 = FloatVector.fromArray(S, b, src + 15 * ldb);
        FloatVector sx = SWAP_X[0], sy = SWAP_Y[0];
        FloatVector t0_0 = sx.selectFrom(r0, r8), t8_0 = sy.selectFrom(r0, r8);
        FloatVector t1_0 = sx.selectFrom(r1, r9), t9_0 = sy.selectFrom(r1, r9);
        FloatVector t2_0 = sx.selectFrom(r2, r10), t10_0 = sy.selectFrom(r2, r10);
        FloatVector t3_0 = sx.selectFrom(r3, r11), t11_0 = sy.selectFrom(r3, r11);
        FloatVector t4_0 = sx.selectFrom(r4, r12), t12_0 = sy.selectFrom(r4, r12);
        FloatVector t5_0 = sx.selectFrom(r5, r13), t13_0 = sy.selectFrom(r5, r13);
        FloatVector t6_0 = sx.selectFrom(r6, r14), t14_0 = sy.selectFrom(r6, r14);
        FloatVector t7_0 = sx.selectFrom(r7, r15), t15_0 = sy.selectFrom(r7, r15);
        sx = SWAP_X[1]; sy = SWAP_Y[1];
        FloatVector r0_1 = sx.selectFrom(t0_0, t4_0), r4_1 = sy.selectFrom(t0_0, t4_0);
        FloatVector r1_1 = sx.selectFrom(t1_0, t5_0), r5_1 = sy.selectFrom(t1_0, t5_0);
        FloatVector r2_1 = sx.selectFrom(t2_0, t6_0), r6_1 = sy.selectFrom(t2_0, t6_0);
        FloatVector r3_1 = sx.selectFrom(t3_0, t7_0), r7_1 = sy.selectFrom(t3_0, t7_0);
        FloatVector r8_1 = sx.selectFrom(t8_0, t12_0), r12_1 = sy.selectFrom(t8_0, t12_0);
        FloatVector r9_1 = sx.selectFrom(t9_0, t13_0), r13_1 = sy.selectFrom(t9_0, t13_0);
        FloatVector r10_1 = sx.selectFrom(t10_0, t14_0), r14_1 = sy.selectFrom(t10_0, t14_0);
        FloatVector r11_1 = sx.selectFrom(t11_0, t15_0), r15_1 = sy.selectFrom(t11_0, t15_0);
        sx = SWAP_X[2]; sy = SWAP_Y[2];
        FloatVector t0_2 = sx.selectFrom(r0_1, r2_1), t2_2 = sy.selectFrom(r0_1, r2_1);
        FloatVector t1_2 = sx.selectFrom(r1_1, r3_1), t3_2 = sy.selectFrom(r1_1, r3_1);
        FloatVector t4_2 = sx.selectFrom(r4_1, r6_1), t6_2 = sy.selectFrom(r4_1, r6_1);
        FloatVector t5_2 = sx.selectFrom(r5_1, r7_1), t7_2 = sy.selectFrom(r5_1, r7_1);
        FloatVector t8_2 = sx.selectFrom(r8_1, r10_1), t10_2 = sy.selectFrom(r8_1, r10_1);
        FloatVector t9_2 = sx.selectFrom(r9_1, r11_1), t11_2 = sy.selectFrom(r9_1, r11_1);
        FloatVector t12_2 = sx.selectFrom(r12_1, r14_1), t14_2 = sy.selectFrom(r12_1, r14_1);
        FloatVector t13_2 = sx.selectFrom(r13_1, r15_1), t15_2 = sy.selectFrom(r13_1, r15_1);
        sx = SWAP_X[3]; sy = SWAP_Y[3];
        FloatVector r0_3 = sx.selectFrom(t0_2, t1_2), r1_3 = sy.selectFrom(t0_2, t1_2);
        FloatVector r2_3 = sx.selectFrom(t2_2, t3_2), r3_3 = sy.selectFrom(t2_2, t3_2);
        FloatVector r4_3 = sx.selectFrom(t4_2, t5_2), r5_3 = sy.selectFrom(t4_2, t5_2);
        FloatVector r6_3 = sx.selectFrom(t6_2, t7_2), r7_3 = sy.selectFrom(t6_2, t7_2);
        FloatVector r8_3 = sx.selectFrom(t8_2, t9_2), r9_3 = sy.selectFrom(t8_2, t9_2);
        FloatVector r10_3 = sx.selectFrom(t10_2, t11_2), r11_3 = sy.selectFrom(t10_2, t11_2);
        FloatVector r12_3 = sx.selectFrom(t12_2, t13_2), r13_3 = sy.selectFrom(t12_2, t13_2);
        FloatVector r14_3 = sx.selectFrom(t14_2, t15_2), r15_3 = sy.selectFrom(t14_2, t15_2);
        r0_3.intoArray(out, dst0, LOW); r0_3.intoArray(out, dst1 - 8, HIGH);
        r1_3.intoArray(out, dst0 + 8, LOW); r1_3.intoArray(out, dst1, HIGH);
        r2_3.intoArray(out, dst0 + 16, LOW); r2_3.intoArray(out, dst1 + 8, HIGH);
        r3_3.intoArray(out, dst0 + 24, LOW); r3_3.intoArray(out, dst1 + 16, HIGH);
        r4_3.intoArray(out, dst0 + 32, LOW); r4_3.intoArray(out, dst1 + 24, HIGH);
        r5_3.intoArray(out, dst0 + 40, LOW); r5_3.intoArray(out, dst1 + 32, HIGH);
        r6_3.intoArray(out, dst0 + 48, LOW); r6_3.intoArray(out, dst1 + 40, HIGH);
        r7_3.intoArray(out, dst0 + 56, LOW); r7_3.intoArray(out, dst1 + 48, HIGH);
        r8_3.intoArray(out, dst0 + 64, LOW); r8_3.intoArray(out, dst1 + 56, HIGH);
        r9_3.intoArray(out, dst0 + 72, LOW); r9_3.intoArray(out, dst1 + 64, HIGH);
        r10_3.intoArray(out, dst0 + 80, LOW); r10_3.intoArray(out, dst1 + 72, HIGH);
        r11_3.intoArray(out, dst0 + 88, LOW); r11_3.intoArray(out, dst1 + 80, HIGH);
        r12_3.intoArray(out, dst0 + 96, LOW); r12_3.intoArray(out, dst1 + 88, HIGH);
        r13_3.intoArray(out, dst0 + 104, LOW); r13_3.intoArray(out, dst1 + 96, HIGH);
        r14_3.intoArray(out, dst0 + 112, LOW); r14_3.intoArray(out, dst1 + 104, HIGH);
        r15_3.intoArray(out, dst0 + 120, LOW); r15_3.intoArray(out, dst1 + 112, HIGH);
    }

    @Override
    public void multiplyInto(int kc, float[] ap, int apOffset, float[] bp, int bpOffset, int width,
                             float alpha, float beta, float[] c, int cOffset, int ldc, float[] tile) {
        if (width == NR) {
            kernel8x3(kc, ap, apOffset, bp, bpOffset, alpha, beta, c, cOffset, ldc);
        } else {
            multiply(kc, ap, apOffset, bp, bpOffset, width, tile);
            update(tile, MR, width, alpha, beta, c, cOffset, ldc);
        }
    }

    @Override
    public void multiply(int kc, float[] ap, int apOffset, float[] bp, int bpOffset, int width, float[] tile) {
        if (width == NR) {
            kernel8x3(kc, ap, apOffset, bp, bpOffset, tile);
        } else if (width == 2 * L) {
            kernel8x2(kc, ap, apOffset, bp, bpOffset, tile);
        } else {
            assert width == L;
            kernel8x1(kc, ap, apOffset, bp, bpOffset, tile);
        }
    }

    private static void kernel8x3(int kc, float[] a, int ao, float[] b, int bo, float[] t) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c22 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S), c42 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S), c52 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S), c62 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S), c72 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++, ao += MR, bo += 3 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ao]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41); c42 = a4.fma(b2, c42);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51); c52 = a5.fma(b2, c52);
            FloatVector a6 = FloatVector.broadcast(S, a[ao + 6]);
            c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61); c62 = a6.fma(b2, c62);
            FloatVector a7 = FloatVector.broadcast(S, a[ao + 7]);
            c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71); c72 = a7.fma(b2, c72);
        }
        c00.intoArray(t, 0); c01.intoArray(t, L); c02.intoArray(t, 2 * L);
        c10.intoArray(t, 1 * NR); c11.intoArray(t, 1 * NR + L); c12.intoArray(t, 1 * NR + 2 * L);
        c20.intoArray(t, 2 * NR); c21.intoArray(t, 2 * NR + L); c22.intoArray(t, 2 * NR + 2 * L);
        c30.intoArray(t, 3 * NR); c31.intoArray(t, 3 * NR + L); c32.intoArray(t, 3 * NR + 2 * L);
        c40.intoArray(t, 4 * NR); c41.intoArray(t, 4 * NR + L); c42.intoArray(t, 4 * NR + 2 * L);
        c50.intoArray(t, 5 * NR); c51.intoArray(t, 5 * NR + L); c52.intoArray(t, 5 * NR + 2 * L);
        c60.intoArray(t, 6 * NR); c61.intoArray(t, 6 * NR + L); c62.intoArray(t, 6 * NR + 2 * L);
        c70.intoArray(t, 7 * NR); c71.intoArray(t, 7 * NR + L); c72.intoArray(t, 7 * NR + 2 * L);
    }

    /** {@code C = alpha * Ap * Bp + beta * C} on a whole 8 x 3-vector tile, the sums kept in registers. */
    private static void kernel8x3(int kc, float[] a, int ao, float[] b, int bo, float alpha, float beta,
                                  float[] c, int co, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c22 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S), c42 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S), c52 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S), c62 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S), c72 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++, ao += MR, bo += 3 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ao]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41); c42 = a4.fma(b2, c42);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51); c52 = a5.fma(b2, c52);
            FloatVector a6 = FloatVector.broadcast(S, a[ao + 6]);
            c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61); c62 = a6.fma(b2, c62);
            FloatVector a7 = FloatVector.broadcast(S, a[ao + 7]);
            c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71); c72 = a7.fma(b2, c72);
        }
        FloatVector va = FloatVector.broadcast(S, alpha);
        if (beta == 0) {
            c00.mul(va).intoArray(c, co); c01.mul(va).intoArray(c, co + L); c02.mul(va).intoArray(c, co + 2 * L);
            c10.mul(va).intoArray(c, co + 1 * ldc); c11.mul(va).intoArray(c, co + 1 * ldc + L); c12.mul(va).intoArray(c, co + 1 * ldc + 2 * L);
            c20.mul(va).intoArray(c, co + 2 * ldc); c21.mul(va).intoArray(c, co + 2 * ldc + L); c22.mul(va).intoArray(c, co + 2 * ldc + 2 * L);
            c30.mul(va).intoArray(c, co + 3 * ldc); c31.mul(va).intoArray(c, co + 3 * ldc + L); c32.mul(va).intoArray(c, co + 3 * ldc + 2 * L);
            c40.mul(va).intoArray(c, co + 4 * ldc); c41.mul(va).intoArray(c, co + 4 * ldc + L); c42.mul(va).intoArray(c, co + 4 * ldc + 2 * L);
            c50.mul(va).intoArray(c, co + 5 * ldc); c51.mul(va).intoArray(c, co + 5 * ldc + L); c52.mul(va).intoArray(c, co + 5 * ldc + 2 * L);
            c60.mul(va).intoArray(c, co + 6 * ldc); c61.mul(va).intoArray(c, co + 6 * ldc + L); c62.mul(va).intoArray(c, co + 6 * ldc + 2 * L);
            c70.mul(va).intoArray(c, co + 7 * ldc); c71.mul(va).intoArray(c, co + 7 * ldc + L); c72.mul(va).intoArray(c, co + 7 * ldc + 2 * L);
        } else {
            FloatVector vb = FloatVector.broadcast(S, beta);
            c00.fma(va, FloatVector.fromArray(S, c, co).mul(vb)).intoArray(c, co);
            c01.fma(va, FloatVector.fromArray(S, c, co + L).mul(vb)).intoArray(c, co + L);
            c02.fma(va, FloatVector.fromArray(S, c, co + 2 * L).mul(vb)).intoArray(c, co + 2 * L);
            c10.fma(va, FloatVector.fromArray(S, c, co + 1 * ldc).mul(vb)).intoArray(c, co + 1 * ldc);
            c11.fma(va, FloatVector.fromArray(S, c, co + 1 * ldc + L).mul(vb)).intoArray(c, co + 1 * ldc + L);
            c12.fma(va, FloatVector.fromArray(S, c, co + 1 * ldc + 2 * L).mul(vb)).intoArray(c, co + 1 * ldc + 2 * L);
            c20.fma(va, FloatVector.fromArray(S, c, co + 2 * ldc).mul(vb)).intoArray(c, co + 2 * ldc);
            c21.fma(va, FloatVector.fromArray(S, c, co + 2 * ldc + L).mul(vb)).intoArray(c, co + 2 * ldc + L);
            c22.fma(va, FloatVector.fromArray(S, c, co + 2 * ldc + 2 * L).mul(vb)).intoArray(c, co + 2 * ldc + 2 * L);
            c30.fma(va, FloatVector.fromArray(S, c, co + 3 * ldc).mul(vb)).intoArray(c, co + 3 * ldc);
            c31.fma(va, FloatVector.fromArray(S, c, co + 3 * ldc + L).mul(vb)).intoArray(c, co + 3 * ldc + L);
            c32.fma(va, FloatVector.fromArray(S, c, co + 3 * ldc + 2 * L).mul(vb)).intoArray(c, co + 3 * ldc + 2 * L);
            c40.fma(va, FloatVector.fromArray(S, c, co + 4 * ldc).mul(vb)).intoArray(c, co + 4 * ldc);
            c41.fma(va, FloatVector.fromArray(S, c, co + 4 * ldc + L).mul(vb)).intoArray(c, co + 4 * ldc + L);
            c42.fma(va, FloatVector.fromArray(S, c, co + 4 * ldc + 2 * L).mul(vb)).intoArray(c, co + 4 * ldc + 2 * L);
            c50.fma(va, FloatVector.fromArray(S, c, co + 5 * ldc).mul(vb)).intoArray(c, co + 5 * ldc);
            c51.fma(va, FloatVector.fromArray(S, c, co + 5 * ldc + L).mul(vb)).intoArray(c, co + 5 * ldc + L);
            c52.fma(va, FloatVector.fromArray(S, c, co + 5 * ldc + 2 * L).mul(vb)).intoArray(c, co + 5 * ldc + 2 * L);
            c60.fma(va, FloatVector.fromArray(S, c, co + 6 * ldc).mul(vb)).intoArray(c, co + 6 * ldc);
            c61.fma(va, FloatVector.fromArray(S, c, co + 6 * ldc + L).mul(vb)).intoArray(c, co + 6 * ldc + L);
            c62.fma(va, FloatVector.fromArray(S, c, co + 6 * ldc + 2 * L).mul(vb)).intoArray(c, co + 6 * ldc + 2 * L);
            c70.fma(va, FloatVector.fromArray(S, c, co + 7 * ldc).mul(vb)).intoArray(c, co + 7 * ldc);
            c71.fma(va, FloatVector.fromArray(S, c, co + 7 * ldc + L).mul(vb)).intoArray(c, co + 7 * ldc + L);
            c72.fma(va, FloatVector.fromArray(S, c, co + 7 * ldc + 2 * L).mul(vb)).intoArray(c, co + 7 * ldc + 2 * L);
        }
    }

    private static void kernel8x2(int kc, float[] a, int ao, float[] b, int bo, float[] t) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++, ao += MR, bo += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ao]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[ao + 6]);
            c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[ao + 7]);
            c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71);
        }
        c00.intoArray(t, 0); c01.intoArray(t, L);
        c10.intoArray(t, 1 * NR); c11.intoArray(t, 1 * NR + L);
        c20.intoArray(t, 2 * NR); c21.intoArray(t, 2 * NR + L);
        c30.intoArray(t, 3 * NR); c31.intoArray(t, 3 * NR + L);
        c40.intoArray(t, 4 * NR); c41.intoArray(t, 4 * NR + L);
        c50.intoArray(t, 5 * NR); c51.intoArray(t, 5 * NR + L);
        c60.intoArray(t, 6 * NR); c61.intoArray(t, 6 * NR + L);
        c70.intoArray(t, 7 * NR); c71.intoArray(t, 7 * NR + L);
    }

    private static void kernel8x1(int kc, float[] a, int ao, float[] b, int bo, float[] t) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++, ao += MR, bo += 1 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector a0 = FloatVector.broadcast(S, a[ao]);
            c00 = a0.fma(b0, c00);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1]);
            c10 = a1.fma(b0, c10);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2]);
            c20 = a2.fma(b0, c20);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3]);
            c30 = a3.fma(b0, c30);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4]);
            c40 = a4.fma(b0, c40);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5]);
            c50 = a5.fma(b0, c50);
            FloatVector a6 = FloatVector.broadcast(S, a[ao + 6]);
            c60 = a6.fma(b0, c60);
            FloatVector a7 = FloatVector.broadcast(S, a[ao + 7]);
            c70 = a7.fma(b0, c70);
        }
        c00.intoArray(t, 0);
        c10.intoArray(t, 1 * NR);
        c20.intoArray(t, 2 * NR);
        c30.intoArray(t, 3 * NR);
        c40.intoArray(t, 4 * NR);
        c50.intoArray(t, 5 * NR);
        c60.intoArray(t, 6 * NR);
        c70.intoArray(t, 7 * NR);
    }

    @Override
    public void update(float[] tile, int rows, int cols, float alpha, float beta, float[] c, int cOffset, int ldc) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        FloatVector vb = FloatVector.broadcast(S, beta);
        for (int r = 0; r < rows; r++) {
            int t = r * NR, o = cOffset + r * ldc;
            for (int j = 0; j < cols; j += L) {
                FloatVector acc = FloatVector.fromArray(S, tile, t + j);
                if (j + L <= cols) {
                    FloatVector out = beta == 0 ? acc.mul(va) : acc.fma(va, FloatVector.fromArray(S, c, o + j).mul(vb));
                    out.intoArray(c, o + j);
                } else {
                    VectorMask<Float> m = S.indexInRange(j, cols);
                    FloatVector out = beta == 0 ? acc.mul(va)
                            : acc.fma(va, FloatVector.fromArray(S, c, o + j, m).mul(vb));
                    out.intoArray(c, o + j, m);
                }
            }
        }
    }

    @Override
    public float dot(int len, float[] x, int xo, float[] y, int yo) {
        FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
        int i = 0;
        for (; i + 4 * L <= len; i += 4 * L) {
            s0 = FloatVector.fromArray(S, x, xo + i).fma(FloatVector.fromArray(S, y, yo + i), s0);
            s1 = FloatVector.fromArray(S, x, xo + i + L).fma(FloatVector.fromArray(S, y, yo + i + L), s1);
            s2 = FloatVector.fromArray(S, x, xo + i + 2 * L).fma(FloatVector.fromArray(S, y, yo + i + 2 * L), s2);
            s3 = FloatVector.fromArray(S, x, xo + i + 3 * L).fma(FloatVector.fromArray(S, y, yo + i + 3 * L), s3);
        }
        for (; i + L <= len; i += L) {
            s0 = FloatVector.fromArray(S, x, xo + i).fma(FloatVector.fromArray(S, y, yo + i), s0);
        }
        FloatVector total = s0.add(s1).add(s2.add(s3));
        float sum = 0;
        for (int l = 0; l < L; l++) sum += total.lane(l);
        for (; i < len; i++) sum += x[xo + i] * y[yo + i];
        return sum;
    }

    @Override
    public void axpy(int len, float alpha, float[] x, int xo, float[] y, int yo) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (; i + L <= len; i += L) {
            FloatVector.fromArray(S, x, xo + i).fma(va, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < len; i++) y[yo + i] += alpha * x[xo + i];
    }
}
