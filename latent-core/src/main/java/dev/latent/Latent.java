package dev.latent;

import dev.latent.internal.Parallel;

/** Library-wide settings: the size of the shared thread pool, and the library version. */
public final class Latent {
    private Latent() {}

    /** Sets the number of threads all parallel work uses (default: the number of processors). */
    public static void setThreads(int threads) {
        Parallel.setThreads(threads);
    }

    /** The number of threads parallel work uses. */
    public static int threads() {
        return Parallel.shared().threads();
    }

    /** The library version, from the jar manifest, or {@code "dev"} when run from classes. */
    public static String version() {
        String v = Latent.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
