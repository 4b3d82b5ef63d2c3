package dev.latent.neighbors;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API {@link DistanceKernel}: four accumulators of {@link FloatVector#SPECIES_PREFERRED} updated
 * with fused multiply-adds, then summed lane by lane in a fixed order (not with {@code reduceLanes}, whose
 * order may differ between interpreted and compiled code), then the scalar tail.
 * <p>Loaded by {@link DistanceKernel#get()} only when the {@code jdk.incubator.vector} module is present.
 */
final class VectorDistanceKernel implements DistanceKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public float squared(float[] x, int xOff, float[] y, int yOff, int d) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int j = 0;
        for (; j + 4 * L <= d; j += 4 * L) {
            FloatVector t0 = FloatVector.fromArray(S, x, xOff + j).sub(FloatVector.fromArray(S, y, yOff + j));
            FloatVector t1 = FloatVector.fromArray(S, x, xOff + j + L).sub(FloatVector.fromArray(S, y, yOff + j + L));
            FloatVector t2 = FloatVector.fromArray(S, x, xOff + j + 2 * L).sub(FloatVector.fromArray(S, y, yOff + j + 2 * L));
            FloatVector t3 = FloatVector.fromArray(S, x, xOff + j + 3 * L).sub(FloatVector.fromArray(S, y, yOff + j + 3 * L));
            a0 = t0.fma(t0, a0);
            a1 = t1.fma(t1, a1);
            a2 = t2.fma(t2, a2);
            a3 = t3.fma(t3, a3);
        }
        for (; j + L <= d; j += L) {
            FloatVector t = FloatVector.fromArray(S, x, xOff + j).sub(FloatVector.fromArray(S, y, yOff + j));
            a0 = t.fma(t, a0);
        }
        float s = sumLanes(a0.add(a1).add(a2.add(a3)));
        for (; j < d; j++) {
            float t = x[xOff + j] - y[yOff + j];
            s += t * t;
        }
        return s;
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int d) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int j = 0;
        for (; j + 4 * L <= d; j += 4 * L) {
            a0 = FloatVector.fromArray(S, x, xOff + j).fma(FloatVector.fromArray(S, y, yOff + j), a0);
            a1 = FloatVector.fromArray(S, x, xOff + j + L).fma(FloatVector.fromArray(S, y, yOff + j + L), a1);
            a2 = FloatVector.fromArray(S, x, xOff + j + 2 * L).fma(FloatVector.fromArray(S, y, yOff + j + 2 * L), a2);
            a3 = FloatVector.fromArray(S, x, xOff + j + 3 * L).fma(FloatVector.fromArray(S, y, yOff + j + 3 * L), a3);
        }
        for (; j + L <= d; j += L) {
            a0 = FloatVector.fromArray(S, x, xOff + j).fma(FloatVector.fromArray(S, y, yOff + j), a0);
        }
        float s = sumLanes(a0.add(a1).add(a2.add(a3)));
        for (; j < d; j++) s += x[xOff + j] * y[yOff + j];
        return s;
    }

    /** The lanes of {@code v} added from lane 0 up. */
    private static float sumLanes(FloatVector v) {
        float s = 0;
        for (int l = 0; l < L; l++) s += v.lane(l);
        return s;
    }
}
