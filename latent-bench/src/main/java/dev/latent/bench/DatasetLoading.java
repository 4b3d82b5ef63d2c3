package dev.latent.bench;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.io.Idx;
import dev.latent.io.Npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Times dataset loading, warm: {@code Idx.read} of the raw MNIST training set (60,000 x 28 x 28 with labels),
 * of the gzip-compressed Fashion-MNIST training set, and an NPY write and read of the same images as float32.
 * <p>Each measurement runs 5 warm-up rounds, then 10 timed rounds, and prints the median and the range.
 * Run with
 * <pre>
 * mvn -q -B -pl latent-bench -am package -DskipTests
 * java -Xmx2g -cp latent-bench/target/benchmarks.jar dev.latent.bench.DatasetLoading \
 *     /work/data/package/data /usr/share/datasets/fashion-mnist
 * </pre>
 * The arguments are the folders holding {@code train-images-idx3-ubyte[.gz]} and
 * {@code train-labels-idx1-ubyte[.gz]}; a missing folder is skipped.
 */
public final class DatasetLoading {
    private static final int WARMUP = 5;
    private static final int ROUNDS = 10;

    private DatasetLoading() {}

    @FunctionalInterface
    private interface Task {
        Object run() throws IOException;
    }

    public static void main(String[] args) throws IOException {
        Path mnist = Path.of(args.length > 0 ? args[0] : "/work/data/package/data");
        Path fashion = Path.of(args.length > 1 ? args[1] : "/usr/share/datasets/fashion-mnist");
        Path images = mnist.resolve("train-images-idx3-ubyte");
        Path labels = mnist.resolve("train-labels-idx1-ubyte");
        if (Files.exists(images)) {
            time("Idx.read MNIST train, raw (60000 x 28 x 28 + labels)",
                    () -> Idx.read(images, Optional.of(labels), "mnist"));
            Dataset d = Idx.read(images, Optional.of(labels), "mnist");
            Matrix x = d.toMatrix();
            Path npy = Files.createTempFile("mnist", ".npy");
            try {
                time("Npy.write 60000 x 784 float32", () -> {
                    Npy.write(npy, x);
                    return npy;
                });
                time("Npy.readDataset 60000 x 784 float32", () -> Npy.readDataset(npy, "mnist"));
            } finally {
                Files.deleteIfExists(npy);
            }
        }
        Path fImages = fashion.resolve("train-images-idx3-ubyte.gz");
        Path fLabels = fashion.resolve("train-labels-idx1-ubyte.gz");
        if (Files.exists(fImages)) {
            time("Idx.read Fashion-MNIST train, gzip (60000 x 28 x 28 + labels)",
                    () -> Idx.read(fImages, Optional.of(fLabels), "fashion-mnist"));
        }
    }

    private static void time(String what, Task task) throws IOException {
        Object sink = null;
        for (int r = 0; r < WARMUP; r++) sink = task.run();
        double[] ms = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            sink = task.run();
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double median = (ms[ROUNDS / 2 - 1] + ms[ROUNDS / 2]) / 2;
        System.out.printf("%-70s median %8.1f ms  (min %.1f, max %.1f, %d rounds)  %s%n",
                what, median, ms[0], ms[ROUNDS - 1], ROUNDS, sink);
    }
}
