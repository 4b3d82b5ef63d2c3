package dev.latent.bench;

import dev.latent.Latent;
import dev.latent.data.Matrix;
import dev.latent.data.Transforms;
import dev.latent.io.Idx;
import dev.latent.io.Npy;
import dev.latent.neighbors.ExactKnn;
import dev.latent.neighbors.Metric;
import dev.latent.neighbors.NnDescent;
import dev.latent.neighbors.Neighbors;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Approximate k-nearest-neighbour graph of all 70,000 MNIST images (training then test, pixels scaled to
 * [0, 1]) by {@link NnDescent} with the default settings, timed over repeated builds (median wall and process
 * CPU time), and its recall against the exact graph: the fraction of each row's true {@code k} nearest
 * neighbours that it lists. The exact graph comes from {@link ExactKnn} (timed) and is saved to TRUTH_NPY
 * (int32, row-major {@code n x k}), or read from there when the file exists, so that the peer script
 * {@code latent-bench/scripts/knn_pynndescent.py} can score PyNNDescent against the same truth. Run:
 * {@code java --add-modules jdk.incubator.vector -Xmx6g -cp latent-bench/target/benchmarks.jar
 * dev.latent.bench.KnnBenchmark MNIST_DIR REPS TRUTH_NPY [K] [THREADS] [LIMIT] [euclidean|cosine]}.
 */
public final class KnnBenchmark {
    private KnnBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int reps = Integer.parseInt(args[1]);
        Path truthFile = Path.of(args[2]);
        int k = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        if (args.length > 4) Latent.setThreads(Integer.parseInt(args[4]));
        int limit = args.length > 5 ? Integer.parseInt(args[5]) : 70_000;
        Metric metric = args.length > 6 ? Metric.valueOf(args[6].toUpperCase()) : Metric.EUCLIDEAN;
        Matrix x = mnist(dir, limit);
        int n = x.rows();
        System.out.printf("MNIST %d x %d, k %d, %s, %d threads%n", n, x.cols(), k, metric, Latent.threads());

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int[] truth;
        if (Files.exists(truthFile)) {
            float[] t = Npy.read(truthFile).toFloats();
            truth = new int[t.length];
            for (int i = 0; i < t.length; i++) truth[i] = (int) t[i];
            if (truth.length != n * k) throw new IllegalArgumentException(truthFile + ": expected " + n * k + " indices");
        } else {
            long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
            truth = ExactKnn.of(x, metric).querySelf(k).indices();
            System.out.printf("exact: wall %.1f s, cpu %.1f s%n", (System.nanoTime() - t0) / 1e9,
                    (os.getProcessCpuTime() - c0) / 1e9);
            Npy.write(truthFile, truth);
        }

        double[] wall = new double[reps], cpu = new double[reps];
        Neighbors found = null;
        for (int r = 0; r < reps; r++) {
            long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
            found = NnDescent.of(metric).fit(x).querySelf(k);
            wall[r] = (System.nanoTime() - t0) / 1e9;
            cpu[r] = (os.getProcessCpuTime() - c0) / 1e9;
            System.out.printf("nn-descent run %d: wall %.2f s, cpu %.2f s%n", r + 1, wall[r], cpu[r]);
        }
        long hits = 0;
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                int t = truth[i * k + r];
                for (int s = 0; s < k; s++) {
                    if (found.indices()[i * k + s] == t) {
                        hits++;
                        break;
                    }
                }
            }
        }
        System.out.printf("nn-descent: median wall %.2f s, median cpu %.2f s, recall %.4f%n", median(wall),
                median(cpu), hits / ((double) n * k));
    }

    static Matrix mnist(Path dir, int limit) throws Exception {
        Matrix train = Transforms.scaleToUnit(Idx.read(dir.resolve("train-images-idx3-ubyte"), Optional.empty(), "mnist")).toMatrix();
        Matrix test = Transforms.scaleToUnit(Idx.read(dir.resolve("t10k-images-idx3-ubyte"), Optional.empty(), "mnist:test")).toMatrix();
        int d = train.cols(), n = Math.min(limit, train.rows() + test.rows());
        float[] v = Arrays.copyOf(train.values(), n * d);
        if (n > train.rows()) System.arraycopy(test.values(), 0, v, train.values().length, (n - train.rows()) * d);
        return Matrix.wrap(n, d, v);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
