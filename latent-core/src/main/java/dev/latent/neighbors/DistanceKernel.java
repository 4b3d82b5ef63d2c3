package dev.latent.neighbors;

/**
 * Float kernels for the hot loops of the approximate indexes: squared distances and dot products of
 * two rows, summed in float.
 * <p>Two implementations: one on the Vector API ({@code VectorDistanceKernel}), used when the
 * {@code jdk.incubator.vector} module is present and {@code -Dlatent.vector=false} is not set, and one in
 * plain Java ({@link ScalarDistanceKernel}). Each sums in a fixed order, so a given kernel returns the same
 * value for the same rows on every call and every thread.
 */
interface DistanceKernel {
    /** The squared Euclidean distance between {@code x[xOff .. xOff + d)} and {@code y[yOff .. yOff + d)}. */
    float squared(float[] x, int xOff, float[] y, int yOff, int d);

    /** The dot product of {@code x[xOff .. xOff + d)} and {@code y[yOff .. yOff + d)}. */
    float dot(float[] x, int xOff, float[] y, int yOff, int d);

    /** System property that forces the plain-Java kernel when set to {@code false}. */
    String PROPERTY = "latent.vector";

    /** The kernel in use. */
    static DistanceKernel get() {
        return Holder.KERNEL;
    }

    /** Chooses the kernel once; the Vector API class is loaded by name only when its module is present. */
    final class Holder {
        private Holder() {}

        static final DistanceKernel SCALAR = new ScalarDistanceKernel();
        static final DistanceKernel KERNEL = choose();

        private static DistanceKernel choose() {
            if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                    || "false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
                return SCALAR;
            }
            try {
                Class<?> type = Class.forName("dev.latent.neighbors.VectorDistanceKernel");
                return (DistanceKernel) type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return SCALAR;
            }
        }
    }
}
