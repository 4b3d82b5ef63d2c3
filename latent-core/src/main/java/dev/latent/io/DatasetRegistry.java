package dev.latent.io;

import java.nio.file.Path;

/** Named datasets: where they come from, where they are cached, and how they load. */
public final class DatasetRegistry {
    private DatasetRegistry() {}

    /** {@code $LATENT_HOME}, or {@code ~/.latent} when the variable is unset or blank. */
    public static Path defaultHome() {
        String env = System.getenv("LATENT_HOME");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".latent");
    }
}
