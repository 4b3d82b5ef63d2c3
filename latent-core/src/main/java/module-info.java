/** Latent: unsupervised learning on the JVM. Needs only the JDK; uses the Vector API when it is enabled. */
module dev.latent.core {
    requires static jdk.incubator.vector;

    exports dev.latent;
    exports dev.latent.data;
    exports dev.latent.linalg;
}
