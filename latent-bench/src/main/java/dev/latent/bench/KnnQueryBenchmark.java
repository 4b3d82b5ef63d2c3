package dev.latent.bench;

import dev.latent.data.Matrix;
import dev.latent.data.Transforms;
import dev.latent.io.Idx;
import dev.latent.neighbors.ExactKnn;
import dev.latent.neighbors.Neighbors;
import dev.latent.neighbors.NnDescent;
import dev.latent.neighbors.NnDescentIndex;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Queries of new points against an {@link NnDescent} index, as UMAP and t-SNE transforms make them: the
 * index holds the 60,000 MNIST training images (scaled to [0, 1]), and the 10,000 test images ask for their
 * 15 nearest training images. Prints the process CPU time of the index build, of two query passes and of
 * the exact answer by {@link ExactKnn}, and the recall of the queries against it. Run: {@code java
 * --add-modules jdk.incubator.vector -Xmx6g -cp latent-bench/target/benchmarks.jar
 * dev.latent.bench.KnnQueryBenchmark MNIST_DIR}.
 */
public final class KnnQueryBenchmark {
    private KnnQueryBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Matrix train = Transforms.scaleToUnit(Idx.read(dir.resolve("train-images-idx3-ubyte"), Optional.empty(), "mnist")).toMatrix();
        Matrix test = Transforms.scaleToUnit(Idx.read(dir.resolve("t10k-images-idx3-ubyte"), Optional.empty(), "mnist:test")).toMatrix();
        int k = 15;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        NnDescentIndex index = NnDescent.defaults().fit(train);
        index.querySelf(k);
        long c1 = os.getProcessCpuTime();
        System.out.printf("index build (degree %d): cpu %.2f s%n", k, (c1 - c0) / 1e9);
        Neighbors found = null;
        for (int r = 0; r < 2; r++) {
            long s = os.getProcessCpuTime();
            found = index.query(test, k);
            System.out.printf("query pass %d of %d rows: cpu %.2f s%n", r + 1, test.rows(), (os.getProcessCpuTime() - s) / 1e9);
        }
        long c2 = os.getProcessCpuTime();
        Neighbors truth = ExactKnn.of(train).query(test, k);
        long c3 = os.getProcessCpuTime();
        long hits = 0;
        for (int i = 0; i < test.rows(); i++) {
            for (int r = 0; r < k; r++) {
                for (int s = 0; s < k; s++) {
                    if (found.index(i, s) == truth.index(i, r)) {
                        hits++;
                        break;
                    }
                }
            }
        }
        System.out.printf("exact queries: cpu %.2f s; query recall %.4f%n", (c3 - c2) / 1e9, hits / ((double) test.rows() * k));
    }
}
