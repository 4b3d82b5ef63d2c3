package dev.latent.bench;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.data.Transforms;
import dev.latent.io.Idx;
import dev.latent.io.Npy;
import dev.latent.metrics.KnnAccuracy;
import dev.latent.metrics.Trustworthiness;
import dev.latent.reduction.umap.Umap;
import dev.latent.reduction.umap.UmapModel;

import java.nio.file.Path;
import java.util.Optional;

/**
 * UMAP of MNIST (the 60,000 training then the 10,000 test images, pixels scaled to [0, 1], first n of them)
 * with the defaults, timed, then the quality of the map: leave-one-out 10-NN accuracy over all n points and
 * trustworthiness (k = 10) estimated from 10,000 rows drawn with seed 0 (the same rows for every embedding).
 * <p>Run: {@code java --add-modules jdk.incubator.vector -Xmx8g -cp latent-bench/target/benchmarks.jar
 * dev.latent.bench.UmapBenchmark MNIST_DIR 70000 [OUT.npy]}; with {@code score EMB.npy} in place of the row
 * count's optional output ({@code ... UmapBenchmark MNIST_DIR 70000 score EMB.npy}) it only scores an embedding
 * written by a peer (umap-learn, uwot) on the same rows, with the same metric code. {@code -Druns=2} fits twice in
 * the same JVM and reports each fit, so that the second is timed after the JIT warm-up (as umap-learn's second
 * run is timed after numba's compilation); the map of the last fit is scored.
 */
public final class UmapBenchmark {
    static final int TRUST_SAMPLE = 10_000;

    private UmapBenchmark() {}

    /** The first {@code n} of MNIST's 70,000 images (training set first), scaled to [0, 1]; labels to {@code labels}. */
    public static Matrix mnistPublic(Path dir, int n, int[] labels) throws Exception {
        return mnist(dir, n, labels);
    }

    static Matrix mnist(Path dir, int n, int[] labels) throws Exception {
        Dataset train = Transforms.scaleToUnit(Idx.read(dir.resolve("train-images-idx3-ubyte"),
                Optional.of(dir.resolve("train-labels-idx1-ubyte")), "mnist"));
        Dataset test = Transforms.scaleToUnit(Idx.read(dir.resolve("t10k-images-idx3-ubyte"),
                Optional.of(dir.resolve("t10k-labels-idx1-ubyte")), "mnist:test"));
        Matrix a = train.toMatrix(), b = test.toMatrix();
        int d = a.cols();
        float[] v = new float[n * d];
        int fromTrain = Math.min(n, a.rows());
        System.arraycopy(a.values(), 0, v, 0, fromTrain * d);
        if (n > fromTrain) System.arraycopy(b.values(), 0, v, fromTrain * d, (n - fromTrain) * d);
        int[] la = train.labels(), lb = test.labels();
        for (int i = 0; i < n; i++) labels[i] = i < fromTrain ? la[i] : lb[i - fromTrain];
        return Matrix.wrap(n, d, v);
    }

    /** CPU time of the whole process (all threads, the JIT and GC included), in nanoseconds. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int[] labels = new int[n];
        Matrix x = mnist(dir, n, labels);
        Matrix embedding;
        String what;
        if (args.length > 3 && args[2].equals("score")) {
            embedding = Npy.readDataset(Path.of(args[3]), "embedding").toMatrix();
            what = args[3];
        } else {
            int runs = Integer.getInteger("runs", 1);   // -Druns=2: a second fit in the same JVM, after the JIT warm-up
            UmapModel m = null;
            what = "";
            for (int r = 1; r <= runs; r++) {
                long c0 = cpuNanos(), t0 = System.nanoTime();
                m = Umap.of(2).fit(x);
                double seconds = (System.nanoTime() - t0) / 1e9, cpu = (cpuNanos() - c0) / 1e9;
                what = String.format("latent umap run %d: %.2f s wall, %.2f s CPU %s (%s, %d epochs, cross entropy %.4g)",
                        r, seconds, cpu, m.stageTimes(), m.initializationNote(), m.epochs(), m.report().objective());
                if (r < runs) System.out.println(what);
            }
            embedding = m.embedding();
            if (args.length > 2) Npy.write(Path.of(args[2]), embedding);
        }
        double acc = KnnAccuracy.leaveOneOut(embedding, labels, 10);
        double trust = Trustworthiness.sampled(x, embedding, 10, Math.min(TRUST_SAMPLE, n), 0);
        System.out.printf("n %d: %s, 10-NN accuracy %.4f, trustworthiness %.4f%n", n, what, acc, trust);
    }
}
