package dev.latent.linalg;

/**
 * Chooses the kernel: the Vector API one when the {@code jdk.incubator.vector} module is in the boot
 * layer and {@code -Dlatent.vector=false} is not set, the plain-Java one otherwise.
 * <p>The Vector API class is loaded by name only after the module check passes, so the plain-Java path
 * never links against the incubator module (the approach Lucene takes).
 */
final class VectorSupport {
    private VectorSupport() {}

    /** System property that forces the plain-Java kernel when set to {@code false}. */
    static final String PROPERTY = "latent.vector";

    /** The plain-Java kernel, always available. */
    static final GemmKernel SCALAR = new ScalarGemmKernel();

    /** The kernel in use. */
    static final GemmKernel KERNEL = choose();

    /** Whether the Vector API should be used, given the property value and whether the module is present. */
    static boolean wanted(String property, boolean modulePresent) {
        return modulePresent && !"false".equalsIgnoreCase(property);
    }

    /** Whether {@link #KERNEL} is the Vector API kernel. */
    static boolean vectorized() {
        return KERNEL != SCALAR;
    }

    /** The Vector API kernel, or empty when the module is absent or the kernel cannot be used. */
    static java.util.Optional<GemmKernel> vectorKernel() {
        if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) return java.util.Optional.empty();
        try {
            Class<?> type = Class.forName("dev.latent.linalg.VectorGemmKernel");
            GemmKernel k = (GemmKernel) type.getDeclaredConstructor().newInstance();
            return k.nr() >= 4 ? java.util.Optional.of(k) : java.util.Optional.empty();
        } catch (ReflectiveOperationException | LinkageError e) {
            return java.util.Optional.empty();
        }
    }

    private static GemmKernel choose() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!wanted(System.getProperty(PROPERTY), present)) return SCALAR;
        return vectorKernel().orElse(SCALAR);
    }
}
