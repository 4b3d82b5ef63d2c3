package dev.latent.clustering.kmeans;

/**
 * The dot products of data rows with a set of centres, the inner loop of the k-means assignment.
 * <p>The centres are first packed ({@link #pack}) into panels of {@link #lanes()} centres, step by step along the
 * columns, so that one vector load reads one column of a whole panel. {@link #dots} then reads each data row
 * straight from the row-major data, without packing it, and keeps a few rows' sums against a few panels in
 * registers over all {@code d} columns. Every product is summed in ascending column order in one float lane,
 * so the result for a (row, centre) pair does not depend on which other rows or centres share its call, nor on
 * the thread count.
 * <p>Two implementations: one on the Vector API ({@code VectorCentreKernel}), used when the
 * {@code jdk.incubator.vector} module is present and {@code -Dlatent.vector=false} is not set, and one in plain
 * Java ({@link ScalarCentreKernel}).
 */
interface CentreKernel {
    /** Centres per packed panel. */
    int lanes();

    /** The number of panels that hold {@code k} centres. */
    default int panels(int k) {
        return (k + lanes() - 1) / lanes();
    }

    /**
     * The {@code k x d} row-major centres packed into {@link #panels(int)} panels: centre {@code c}, column
     * {@code j} at {@code ((c / lanes) * d + j) * lanes + c % lanes}; the lanes past {@code k} are zero.
     */
    default float[] pack(float[] centres, int k, int d) {
        int lanes = lanes();
        float[] out = new float[panels(k) * lanes * d];
        for (int c = 0; c < k; c++) {
            int src = c * d, dst = (c / lanes) * d * lanes + c % lanes;
            for (int j = 0; j < d; j++) out[dst + j * lanes] = centres[src + j];
        }
        return out;
    }

    /**
     * Writes the dot product of row {@code i} of {@code x} ({@code d} columns) with centre {@code c} of
     * {@code packed} to {@code out[(i - from) * width + c]}, for the rows {@code [from, to)} and every centre slot
     * {@code c < width}, where {@code width = panels * lanes()}.
     */
    void dots(float[] x, int d, int from, int to, float[] packed, int panels, float[] out);

    /**
     * The centre {@code c < k} with the smallest {@code cNorms[c] - 2 * dots[o + c]} (the lowest index on ties),
     * for one row of {@link #dots}' output. {@code cNorms} holds {@code panels * lanes()} values, those past
     * {@code k} positive infinity.
     */
    default int nearest(float[] dots, int o, float[] cNorms, int k, int panels) {
        int best = 0;
        float bestDist = cNorms[0] - 2f * dots[o];
        for (int c = 1; c < k; c++) {
            float dist = cNorms[c] - 2f * dots[o + c];
            if (dist < bestDist) {
                bestDist = dist;
                best = c;
            }
        }
        return best;
    }

    /**
     * {@code y[yo + j] += wi * x[xo + j]} for {@code j < d}, the product rounded to a float and then added (no fused
     * multiply-add), so every implementation gives the bits of the plain loop.
     */
    default void addScaled(float[] x, int xo, float wi, float[] y, int yo, int d) {
        for (int j = 0; j < d; j++) y[yo + j] += wi * x[xo + j];
    }

    /** System property that forces the plain-Java kernel when set to {@code false}. */
    String PROPERTY = "latent.vector";

    /** The kernel in use. */
    static CentreKernel get() {
        return Holder.KERNEL;
    }

    /** Chooses the kernel once; the Vector API class is loaded by name only when its module is present. */
    final class Holder {
        private Holder() {}

        static final CentreKernel SCALAR = new ScalarCentreKernel();
        static final CentreKernel KERNEL = choose();

        private static CentreKernel choose() {
            if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                    || "false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
                return SCALAR;
            }
            try {
                Class<?> type = Class.forName("dev.latent.clustering.kmeans.VectorCentreKernel");
                return (CentreKernel) type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return SCALAR;
            }
        }
    }
}
