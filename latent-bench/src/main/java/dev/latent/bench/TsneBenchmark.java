package dev.latent.bench;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.data.Transforms;
import dev.latent.io.Idx;
import dev.latent.metrics.KnnAccuracy;
import dev.latent.reduction.pca.Pca;
import dev.latent.reduction.tsne.Tsne;
import dev.latent.reduction.tsne.TsneMethod;
import dev.latent.reduction.tsne.TsneModel;

import java.nio.file.Path;
import java.util.Optional;

/**
 * t-SNE of the first n MNIST test images (pixels scaled to [0, 1], then PCA to 50 components) with the default
 * settings, timed, and the leave-one-out 10-NN accuracy of the map. Run: {@code java --add-modules
 * jdk.incubator.vector -Xmx4g -cp latent-bench/target/benchmarks.jar dev.latent.bench.TsneBenchmark MNIST_DIR 5000
 * [auto|exact|barnes_hut|fft]}.
 */
public final class TsneBenchmark {
    private TsneBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Dataset d = Transforms.limit(Idx.read(dir.resolve("t10k-images-idx3-ubyte"), Optional.of(dir.resolve("t10k-labels-idx1-ubyte")), "mnist:test"), n);
        Matrix x = Transforms.scaleToUnit(d).toMatrix();
        long t0 = System.nanoTime();
        Matrix p = Pca.of(50).fit(x).transform(x);
        long t1 = System.nanoTime();
        Tsne params = Tsne.of(2);
        if (args.length > 2) params = params.withMethod(TsneMethod.valueOf(args[2].toUpperCase(java.util.Locale.ROOT)));
        TsneModel m = params.fit(p);
        long t2 = System.nanoTime();
        double acc = KnnAccuracy.leaveOneOut(m.embedding(), d.labels(), 10);
        System.out.printf("n %d: pca %.2f s, tsne %.2f s, KL %.3f, 10-NN accuracy %.4f, iterations %d%n", n, (t1 - t0) / 1e9, (t2 - t1) / 1e9, m.klDivergence(), acc, m.report().iterations());
    }
}
