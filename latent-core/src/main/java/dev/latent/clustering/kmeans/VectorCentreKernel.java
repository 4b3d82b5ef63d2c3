package dev.latent.clustering.kmeans;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API {@link CentreKernel}: panels of {@link FloatVector#SPECIES_PREFERRED} lanes (16 centres with
 * AVX-512), and tiles of 8 rows by up to 3 panels (24 vector sums) updated with fused multiply-adds, one data
 * value broadcast against one column of each panel per step. Rows past the end of a call repeat its last row
 * and their sums are dropped. Only lane-wise operations are used, so every sum runs in ascending column order
 * whatever the JIT does.
 * <p>Loaded by {@link CentreKernel.Holder} only when the {@code jdk.incubator.vector} module is present.
 */
final class VectorCentreKernel implements CentreKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows per tile. */
    private static final int R = 8;
    /** Lane numbers 0, 1, ..., L - 1. */
    private static final FloatVector IOTA = FloatVector.broadcast(S, 0f).addIndex(1);

    /**
     * Lane by lane, keeps the smallest value over the panels and the first panel that reached it; then takes the
     * smallest value over the lanes (a minimum, exact in any order) and the lowest centre index holding it.
     */
    @Override
    public int nearest(float[] dots, int o, float[] cNorms, int k, int panels) {
        if (panels < 2) return CentreKernel.super.nearest(dots, o, cNorms, k, panels);
        FloatVector min = FloatVector.fromArray(S, cNorms, 0).sub(FloatVector.fromArray(S, dots, o).mul(2f));
        FloatVector panel = FloatVector.zero(S);
        for (int p = 1; p < panels; p++) {
            FloatVector v = FloatVector.fromArray(S, cNorms, p * L).sub(FloatVector.fromArray(S, dots, o + p * L).mul(2f));
            VectorMask<Float> lower = v.lt(min);
            min = min.blend(v, lower);
            panel = panel.blend((float) p, lower);
        }
        float least = min.reduceLanes(VectorOperators.MIN);
        FloatVector index = panel.mul((float) L).add(IOTA);
        return (int) index.blend(Float.POSITIVE_INFINITY, min.compare(VectorOperators.NE, least))
                .reduceLanes(VectorOperators.MIN);
    }

    @Override
    public void addScaled(float[] x, int xo, float wi, float[] y, int yo, int d) {
        int j = 0;
        for (int body = S.loopBound(d); j < body; j += L) {
            FloatVector.fromArray(S, y, yo + j).add(FloatVector.fromArray(S, x, xo + j).mul(wi)).intoArray(y, yo + j);
        }
        for (; j < d; j++) y[yo + j] += wi * x[xo + j];
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public void dots(float[] x, int d, int from, int to, float[] packed, int panels, float[] out) {
        assert to > from && packed.length >= panels * L * d;
        int width = panels * L;
        int[] xo = new int[R], oo = new int[R];
        for (int i0 = from; i0 < to; i0 += R) {
            int count = Math.min(R, to - i0);
            for (int r = 0; r < R; r++) {
                xo[r] = Math.min(i0 + r, to - 1) * d;
                oo[r] = (Math.min(i0 + r, to - 1) - from) * width;
            }
            // groups of 3 panels, ending 2 + 2 rather than 3 + 1 (a 1-panel tile is bound by its loads)
            int p = 0;
            for (; p + 3 <= panels && panels - p != 4; p += 3) tile3(x, d, xo, packed, p * d * L, out, oo, p * L, count);
            for (; p + 2 <= panels; p += 2) tile2(x, d, xo, packed, p * d * L, out, oo, p * L, count);
            if (p < panels) tile1(x, d, xo, packed, p * d * L, out, oo, p * L, count);
        }
    }

    /** Dot products of the 8 rows at {@code xo} with 3 panel(s) from {@code po}, rows {@code r < count} into {@code oo[r] + col}. */
    private static void tile3(float[] x, int d, int[] xo, float[] p, int po, float[] out, int[] oo, int col, int count) {
        int x0 = xo[0], x1 = xo[1], x2 = xo[2], x3 = xo[3], x4 = xo[4], x5 = xo[5], x6 = xo[6], x7 = xo[7];
        int p0 = po, p1 = po + 1 * d * L, p2 = po + 2 * d * L;
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S), a12 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S), a22 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S), a32 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S), a41 = FloatVector.zero(S), a42 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S), a51 = FloatVector.zero(S), a52 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S), a61 = FloatVector.zero(S), a62 = FloatVector.zero(S);
        FloatVector a70 = FloatVector.zero(S), a71 = FloatVector.zero(S), a72 = FloatVector.zero(S);
        for (int j = 0, q = 0; j < d; j++, q += L) {
            FloatVector c0 = FloatVector.fromArray(S, p, p0 + q);
            FloatVector c1 = FloatVector.fromArray(S, p, p1 + q);
            FloatVector c2 = FloatVector.fromArray(S, p, p2 + q);
            FloatVector b;
            b = FloatVector.broadcast(S, x[x0 + j]); a00 = b.fma(c0, a00); a01 = b.fma(c1, a01); a02 = b.fma(c2, a02);
            b = FloatVector.broadcast(S, x[x1 + j]); a10 = b.fma(c0, a10); a11 = b.fma(c1, a11); a12 = b.fma(c2, a12);
            b = FloatVector.broadcast(S, x[x2 + j]); a20 = b.fma(c0, a20); a21 = b.fma(c1, a21); a22 = b.fma(c2, a22);
            b = FloatVector.broadcast(S, x[x3 + j]); a30 = b.fma(c0, a30); a31 = b.fma(c1, a31); a32 = b.fma(c2, a32);
            b = FloatVector.broadcast(S, x[x4 + j]); a40 = b.fma(c0, a40); a41 = b.fma(c1, a41); a42 = b.fma(c2, a42);
            b = FloatVector.broadcast(S, x[x5 + j]); a50 = b.fma(c0, a50); a51 = b.fma(c1, a51); a52 = b.fma(c2, a52);
            b = FloatVector.broadcast(S, x[x6 + j]); a60 = b.fma(c0, a60); a61 = b.fma(c1, a61); a62 = b.fma(c2, a62);
            b = FloatVector.broadcast(S, x[x7 + j]); a70 = b.fma(c0, a70); a71 = b.fma(c1, a71); a72 = b.fma(c2, a72);
        }
        a00.intoArray(out, oo[0] + col); a01.intoArray(out, oo[0] + col + 1 * L); a02.intoArray(out, oo[0] + col + 2 * L);
        if (count > 1) { a10.intoArray(out, oo[1] + col); a11.intoArray(out, oo[1] + col + 1 * L); a12.intoArray(out, oo[1] + col + 2 * L); }
        if (count > 2) { a20.intoArray(out, oo[2] + col); a21.intoArray(out, oo[2] + col + 1 * L); a22.intoArray(out, oo[2] + col + 2 * L); }
        if (count > 3) { a30.intoArray(out, oo[3] + col); a31.intoArray(out, oo[3] + col + 1 * L); a32.intoArray(out, oo[3] + col + 2 * L); }
        if (count > 4) { a40.intoArray(out, oo[4] + col); a41.intoArray(out, oo[4] + col + 1 * L); a42.intoArray(out, oo[4] + col + 2 * L); }
        if (count > 5) { a50.intoArray(out, oo[5] + col); a51.intoArray(out, oo[5] + col + 1 * L); a52.intoArray(out, oo[5] + col + 2 * L); }
        if (count > 6) { a60.intoArray(out, oo[6] + col); a61.intoArray(out, oo[6] + col + 1 * L); a62.intoArray(out, oo[6] + col + 2 * L); }
        if (count > 7) { a70.intoArray(out, oo[7] + col); a71.intoArray(out, oo[7] + col + 1 * L); a72.intoArray(out, oo[7] + col + 2 * L); }
    }

    /** Dot products of the 8 rows at {@code xo} with 2 panel(s) from {@code po}, rows {@code r < count} into {@code oo[r] + col}. */
    private static void tile2(float[] x, int d, int[] xo, float[] p, int po, float[] out, int[] oo, int col, int count) {
        int x0 = xo[0], x1 = xo[1], x2 = xo[2], x3 = xo[3], x4 = xo[4], x5 = xo[5], x6 = xo[6], x7 = xo[7];
        int p0 = po, p1 = po + 1 * d * L;
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S), a41 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S), a51 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S), a61 = FloatVector.zero(S);
        FloatVector a70 = FloatVector.zero(S), a71 = FloatVector.zero(S);
        for (int j = 0, q = 0; j < d; j++, q += L) {
            FloatVector c0 = FloatVector.fromArray(S, p, p0 + q);
            FloatVector c1 = FloatVector.fromArray(S, p, p1 + q);
            FloatVector b;
            b = FloatVector.broadcast(S, x[x0 + j]); a00 = b.fma(c0, a00); a01 = b.fma(c1, a01);
            b = FloatVector.broadcast(S, x[x1 + j]); a10 = b.fma(c0, a10); a11 = b.fma(c1, a11);
            b = FloatVector.broadcast(S, x[x2 + j]); a20 = b.fma(c0, a20); a21 = b.fma(c1, a21);
            b = FloatVector.broadcast(S, x[x3 + j]); a30 = b.fma(c0, a30); a31 = b.fma(c1, a31);
            b = FloatVector.broadcast(S, x[x4 + j]); a40 = b.fma(c0, a40); a41 = b.fma(c1, a41);
            b = FloatVector.broadcast(S, x[x5 + j]); a50 = b.fma(c0, a50); a51 = b.fma(c1, a51);
            b = FloatVector.broadcast(S, x[x6 + j]); a60 = b.fma(c0, a60); a61 = b.fma(c1, a61);
            b = FloatVector.broadcast(S, x[x7 + j]); a70 = b.fma(c0, a70); a71 = b.fma(c1, a71);
        }
        a00.intoArray(out, oo[0] + col); a01.intoArray(out, oo[0] + col + 1 * L);
        if (count > 1) { a10.intoArray(out, oo[1] + col); a11.intoArray(out, oo[1] + col + 1 * L); }
        if (count > 2) { a20.intoArray(out, oo[2] + col); a21.intoArray(out, oo[2] + col + 1 * L); }
        if (count > 3) { a30.intoArray(out, oo[3] + col); a31.intoArray(out, oo[3] + col + 1 * L); }
        if (count > 4) { a40.intoArray(out, oo[4] + col); a41.intoArray(out, oo[4] + col + 1 * L); }
        if (count > 5) { a50.intoArray(out, oo[5] + col); a51.intoArray(out, oo[5] + col + 1 * L); }
        if (count > 6) { a60.intoArray(out, oo[6] + col); a61.intoArray(out, oo[6] + col + 1 * L); }
        if (count > 7) { a70.intoArray(out, oo[7] + col); a71.intoArray(out, oo[7] + col + 1 * L); }
    }

    /** Dot products of the 8 rows at {@code xo} with 1 panel(s) from {@code po}, rows {@code r < count} into {@code oo[r] + col}. */
    private static void tile1(float[] x, int d, int[] xo, float[] p, int po, float[] out, int[] oo, int col, int count) {
        int x0 = xo[0], x1 = xo[1], x2 = xo[2], x3 = xo[3], x4 = xo[4], x5 = xo[5], x6 = xo[6], x7 = xo[7];
        int p0 = po;
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a60 = FloatVector.zero(S);
        FloatVector a70 = FloatVector.zero(S);
        for (int j = 0, q = 0; j < d; j++, q += L) {
            FloatVector c0 = FloatVector.fromArray(S, p, p0 + q);
            FloatVector b;
            b = FloatVector.broadcast(S, x[x0 + j]); a00 = b.fma(c0, a00);
            b = FloatVector.broadcast(S, x[x1 + j]); a10 = b.fma(c0, a10);
            b = FloatVector.broadcast(S, x[x2 + j]); a20 = b.fma(c0, a20);
            b = FloatVector.broadcast(S, x[x3 + j]); a30 = b.fma(c0, a30);
            b = FloatVector.broadcast(S, x[x4 + j]); a40 = b.fma(c0, a40);
            b = FloatVector.broadcast(S, x[x5 + j]); a50 = b.fma(c0, a50);
            b = FloatVector.broadcast(S, x[x6 + j]); a60 = b.fma(c0, a60);
            b = FloatVector.broadcast(S, x[x7 + j]); a70 = b.fma(c0, a70);
        }
        a00.intoArray(out, oo[0] + col);
        if (count > 1) { a10.intoArray(out, oo[1] + col); }
        if (count > 2) { a20.intoArray(out, oo[2] + col); }
        if (count > 3) { a30.intoArray(out, oo[3] + col); }
        if (count > 4) { a40.intoArray(out, oo[4] + col); }
        if (count > 5) { a50.intoArray(out, oo[5] + col); }
        if (count > 6) { a60.intoArray(out, oo[6] + col); }
        if (count > 7) { a70.intoArray(out, oo[7] + col); }
    }

}
