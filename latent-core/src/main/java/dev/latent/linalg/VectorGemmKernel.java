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
    @Override public int mb() { return 64; }
    @Override public int nb() { return 4 * NR; }

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
        } else if (!transA && L % MR == 0) {
            // op(A)(i, p) = a[i * lda + p]: one gather reads L / MR steps of the panel's MR rows
            int steps = L / MR;
            int[] index = new int[L];
            for (int l = 0; l < L; l++) index[l] = (l % MR) * lda + l / MR;
            int body = kb / steps * steps;
            for (int q = 0; q < full; q += MR) {
                int src = aOffset + (i0 + q) * lda + k0, dst = offset + q * kb;
                for (int p = 0; p < body; p += steps) FloatVector.fromArray(S, a, src + p, index, 0).intoArray(out, dst + p * MR);
                for (int p = body; p < kb; p++) {
                    for (int r = 0; r < MR; r++) out[dst + p * MR + r] = a[src + r * lda + p];
                }
            }
        } else {
            full = 0;
        }
        if (full < rows) {
            GemmPacking.packA(MR, transA, a, aOffset, lda, i0 + full, rows - full, k0, kb, out, offset + full * kb);
        }
    }

    @Override
    public void packB(boolean transB, float[] b, int bOffset, int ldb, int j0, int cols, int k0, int kb,
                      float[] out, int offset) {
        if (!transB) {
            // op(B)(p, j) = b[p * ldb + j]: copy whole vectors; masked loads zero the padding
            for (int s = 0; s < cols; s += NR) {
                int valid = Math.min(NR, cols - s), width = panelWidth(valid);
                int src = bOffset + k0 * ldb + j0 + s, dst = offset + s * kb;
                if (valid == width) {
                    for (int p = 0; p < kb; p++, src += ldb, dst += width) {
                        for (int v = 0; v < width; v += L) FloatVector.fromArray(S, b, src + v).intoArray(out, dst + v);
                    }
                } else {
                    for (int p = 0; p < kb; p++, src += ldb, dst += width) {
                        for (int v = 0; v < width; v += L) {
                            FloatVector.fromArray(S, b, src + v, S.indexInRange(v, valid)).intoArray(out, dst + v);
                        }
                    }
                }
            }
            return;
        }
        // op(B)(p, j) = b[j * ldb + p]: one gather reads one step of L adjacent columns
        int[] index = new int[L];
        for (int l = 0; l < L; l++) index[l] = l * ldb;
        for (int s = 0; s < cols; s += NR) {
            int valid = Math.min(NR, cols - s), width = panelWidth(valid);
            int panel = offset + s * kb;
            for (int v = 0; v < width; v += L) {
                int src = bOffset + (j0 + s + v) * ldb + k0;
                if (v + L <= valid) {
                    for (int p = 0; p < kb; p++) FloatVector.fromArray(S, b, src + p, index, 0).intoArray(out, panel + p * width + v);
                } else {
                    for (int j = v; j < v + L; j++) {
                        if (j < valid) {
                            int from = bOffset + (j0 + s + j) * ldb + k0;
                            for (int p = 0; p < kb; p++) out[panel + p * width + j] = b[from + p];
                        } else {
                            for (int p = 0; p < kb; p++) out[panel + p * width + j] = 0f;
                        }
                    }
                }
            }
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
