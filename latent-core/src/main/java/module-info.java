/** Latent: unsupervised learning on the JVM. Needs only the JDK; uses the Vector API when it is enabled. */
module dev.latent.core {
    requires static jdk.incubator.vector;
    requires java.desktop; // javax.imageio for PNG files

    exports dev.latent;
    exports dev.latent.data;
    exports dev.latent.linalg;
    exports dev.latent.neighbors;
    exports dev.latent.metrics;
    exports dev.latent.io;
    exports dev.latent.clustering.kmeans;
    exports dev.latent.clustering.hierarchical;
    exports dev.latent.reduction.pca;
    exports dev.latent.reduction.tsne;
    exports dev.latent.neural.tensor;
    exports dev.latent.neural.autodiff;
    exports dev.latent.neural.layers;
    exports dev.latent.neural.optim;
    exports dev.latent.neural.train;
    exports dev.latent.neural.onnx;
    exports dev.latent.neural.models;
    exports dev.latent.neural.models.ae;
    exports dev.latent.neural.models.vae;
    exports dev.latent.reduction.umap;
}
