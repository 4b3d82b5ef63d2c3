package dev.latent.clustering.hierarchical;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Squared Euclidean distance between two float32 rows, the one kernel every linkage here uses.
 * <p>With the Vector API available (and the system property {@code latent.vector} not {@code false})
 * the rows are compared lane by lane in float32 accumulators whose lane sums are added up in a
 * double; otherwise a scalar loop adds up in a double. Either way the result depends only on the two
 * rows, never on the thread count; the two paths may differ in the last bits.
 */
final class Distances {
    private Distances() {}

    /** Whether the Vector API path is in use. */
    static final boolean VECTOR = vectorAvailable();

    private static boolean vectorAvailable() {
        if ("false".equalsIgnoreCase(System.getProperty("latent.vector"))) return false;
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && Simd.supported();
    }

    /** The squared Euclidean distance between {@code a[aOff, aOff + d)} and {@code b[bOff, bOff + d)}. */
    static double squared(float[] a, int aOff, float[] b, int bOff, int d) {
        return VECTOR ? Simd.squared(a, aOff, b, bOff, d) : scalar(a, aOff, b, bOff, d);
    }

    /**
     * The squared distance as {@link #squared} computes it, or, once a partial sum exceeds {@code limit},
     * that partial sum (some value above {@code limit}, below or at the full distance): a caller that only
     * wants distances of at most {@code limit} can stop early. A returned value of at most {@code limit}
     * is always the full distance, identical to {@link #squared}'s.
     */
    static double squaredBounded(float[] a, int aOff, float[] b, int bOff, int d, double limit) {
        return VECTOR ? Simd.squaredBounded(a, aOff, b, bOff, d, limit) : scalarBounded(a, aOff, b, bOff, d, limit);
    }

    /** Elements between two checks of the bound. */
    static final int BOUND_STEP = 128;

    static double scalarBounded(float[] a, int aOff, float[] b, int bOff, int d, double limit) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            float diff = a[aOff + j] - b[bOff + j];
            s += diff * diff;
            if ((j & (BOUND_STEP - 1)) == BOUND_STEP - 1 && s > limit) return s;
        }
        return s;
    }

    static double scalar(float[] a, int aOff, float[] b, int bOff, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            float diff = a[aOff + j] - b[bOff + j];
            s += diff * diff;
        }
        return s;
    }

    /** The Vector API body; loaded only when the incubator module is present. */
    private static final class Simd {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
        private static final int L = S.length();
        /** Lane rotations by 8, 4, 2 and 1 lanes (those shorter than the vector), for {@link #sum}. */
        private static final VectorShuffle<Float> ROTATE_8 = L > 8 ? VectorShuffle.iota(S, 8, 1, true) : null;
        private static final VectorShuffle<Float> ROTATE_4 = L > 4 ? VectorShuffle.iota(S, 4, 1, true) : null;
        private static final VectorShuffle<Float> ROTATE_2 = VectorShuffle.iota(S, 2, 1, true);
        private static final VectorShuffle<Float> ROTATE_1 = VectorShuffle.iota(S, 1, 1, true);

        /**
         * The sum of the lanes, added in a fixed tree order by lane-wise additions. Unlike
         * {@code reduceLanes(ADD)}, whose order is left to the implementation (the interpreter and the JIT
         * may differ), this gives the same bits in every thread at every moment. The rotations are
         * constants, so the JIT folds the branches away.
         */
        private static float sum(FloatVector v) {
            if (L > 8) v = v.add(v.rearrange(ROTATE_8));
            if (L > 4) v = v.add(v.rearrange(ROTATE_4));
            v = v.add(v.rearrange(ROTATE_2));
            v = v.add(v.rearrange(ROTATE_1));
            return v.lane(0);
        }

        /** Whether the preferred float vector has 4, 8 or 16 lanes, the shapes {@link #sum} handles. */
        static boolean supported() {
            return L == 4 || L == 8 || L == 16;
        }

        static double squared(float[] a, int aOff, float[] b, int bOff, int d) {
            int lanes = S.length();
            int upper = d - d % (2 * lanes);
            FloatVector acc0 = FloatVector.zero(S);
            FloatVector acc1 = FloatVector.zero(S);
            int j = 0;
            for (; j < upper; j += 2 * lanes) {
                FloatVector u = FloatVector.fromArray(S, a, aOff + j).sub(FloatVector.fromArray(S, b, bOff + j));
                FloatVector v = FloatVector.fromArray(S, a, aOff + j + lanes)
                        .sub(FloatVector.fromArray(S, b, bOff + j + lanes));
                acc0 = u.fma(u, acc0);
                acc1 = v.fma(v, acc1);
            }
            double s = sum(acc0.add(acc1));
            for (; j < d; j++) {
                float diff = a[aOff + j] - b[bOff + j];
                s += diff * diff;
            }
            return s;
        }

        /**
         * As {@link #squared}, checking every {@link #BOUND_STEP} elements whether the lane sums already
         * exceed {@code limit}. Lane sums of squares only grow, and the lanes are always added up in the
         * same order, so a partial sum never exceeds the full one.
         */
        static double squaredBounded(float[] a, int aOff, float[] b, int bOff, int d, double limit) {
            int lanes = S.length();
            int upper = d - d % (2 * lanes);
            FloatVector acc0 = FloatVector.zero(S);
            FloatVector acc1 = FloatVector.zero(S);
            int j = 0;
            int check = BOUND_STEP;
            for (; j < upper; j += 2 * lanes) {
                FloatVector u = FloatVector.fromArray(S, a, aOff + j).sub(FloatVector.fromArray(S, b, bOff + j));
                FloatVector v = FloatVector.fromArray(S, a, aOff + j + lanes)
                        .sub(FloatVector.fromArray(S, b, bOff + j + lanes));
                acc0 = u.fma(u, acc0);
                acc1 = v.fma(v, acc1);
                if (j + 2 * lanes >= check) {
                    check += BOUND_STEP;
                    double partial = sum(acc0.add(acc1));
                    if (partial > limit) return partial;
                }
            }
            double s = sum(acc0.add(acc1));
            for (; j < d; j++) {
                float diff = a[aOff + j] - b[bOff + j];
                s += diff * diff;
            }
            return s;
        }
    }
}
