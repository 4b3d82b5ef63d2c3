package dev.latent.bench;

import dev.latent.Latent;
import dev.latent.data.Matrix;
import dev.latent.io.Idx;
import dev.latent.linalg.Gemm;
import dev.latent.linalg.Svd;
import dev.latent.linalg.SymmetricEigen;
import dev.latent.neighbors.ExactKnn;
import dev.latent.neighbors.Neighbors;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Times the symmetric eigendecomposition of a 784 x 784 covariance matrix, a thin SVD, and exact
 * k-nearest-neighbour search (k = 10) over 10,000 rows of 784 columns; prints the median of repeated runs.
 * <p>The covariance is that of the first 10,000 MNIST training images scaled to [0, 1] when the IDX file is
 * found (first argument: the MNIST folder, default {@code /work/data/package/data}), otherwise of uniform
 * random rows. The kNN rows are uniform random in [0, 1) with seed 42 (and, when MNIST is found, also the
 * 10,000 MNIST test images). Wall and process CPU time are both printed, as the machine may be shared.
 * Run with
 * {@snippet :
 * mvn -q -B -pl latent-bench -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp latent-bench/target/benchmarks.jar dev.latent.bench.DecompBench
 * }
 * A plain main class rather than JMH: each measured call takes seconds, so JMH's warm-up machinery adds
 * nothing but minutes on a shared machine.
 */
public final class DecompBench {
    private DecompBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/work/data/package/data");
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.println("threads " + Latent.threads() + ", reps " + reps + " (median)");

        Path train = dir.resolve("train-images-idx3-ubyte");
        Matrix images = Files.exists(train) ? scaled(Idx.read(train, Optional.empty(), "mnist").batch(0, 10_000))
                : uniform(10_000, 784, 7);
        String source = Files.exists(train) ? "MNIST train[0, 10000)" : "uniform random";
        Matrix cov = covariance(images);
        report("eigen 784x784 covariance of " + source, reps, () -> SymmetricEigen.of(cov).value(0));
        report("eigen 784x784 covariance, top 50", reps, () -> SymmetricEigen.of(cov, 50).value(0));
        Matrix tall = Matrix.zeros(2_000, 100);   // pixels 300..399 (the centre) of the first 2000 images
        for (int i = 0; i < 2_000; i++) System.arraycopy(images.values(), i * 784 + 300, tall.values(), i * 100, 100);
        report("svd 2000x100 (centre pixels of 2000 images)", reps, () -> Svd.of(tall).value(0));

        Matrix random = uniform(10_000, 784, 42);
        report("exact kNN k=10, self, 10000 x 784 uniform", Math.max(1, reps / 2),
                () -> checksum(ExactKnn.searchSelf(random, 10)));
        Path test = dir.resolve("t10k-images-idx3-ubyte");
        if (Files.exists(test)) {
            Matrix t10k = scaled(Idx.read(test, Optional.empty(), "mnist-test").batch(0, 10_000));
            report("exact kNN k=10, self, 10000 x 784 MNIST test", Math.max(1, reps / 2),
                    () -> checksum(ExactKnn.searchSelf(t10k, 10)));
        }
    }

    @FunctionalInterface
    private interface Work {
        double run();
    }

    private static void report(String what, int reps, Work work) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] ms = new double[reps];
        double[] cpu = new double[reps];
        double sink = 0;
        for (int r = 0; r < reps; r++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            sink += work.run();
            ms[r] = (System.nanoTime() - t0) / 1e6;
            cpu[r] = (os.getProcessCpuTime() - c0) / 1e6;
        }
        System.out.printf("%-50s median wall %8.1f ms, cpu %8.1f ms  wall runs %s  (check %.6g)%n", what,
                median(ms), median(cpu), Arrays.toString(Arrays.stream(ms).map(v -> Math.round(v)).toArray()),
                sink / reps);
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double checksum(Neighbors nb) {
        double s = 0;
        for (int i = 0; i < nb.indices().length; i++) s += nb.indices()[i] + nb.distances()[i];
        return s;
    }

    private static Matrix scaled(Matrix x) {
        float max = 0;
        for (float v : x.values()) max = Math.max(max, v);
        if (max > 1) for (int i = 0; i < x.values().length; i++) x.values()[i] /= max;
        return x;
    }

    private static Matrix uniform(int n, int d, long seed) {
        var rng = new SplittableRandom(seed);
        Matrix x = Matrix.zeros(n, d);
        float[] v = x.values();
        for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextDouble();
        return x;
    }

    /** The d x d covariance of the rows of x (centered, divided by n - 1). */
    private static Matrix covariance(Matrix x) {
        int n = x.rows(), d = x.cols();
        double[] mean = new double[d];
        float[] v = x.values();
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += v[i * d + j];
        float[] centered = new float[n * d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) centered[i * d + j] = (float) (v[i * d + j] - mean[j] / n);
        Matrix c = Matrix.wrap(n, d, centered);
        Matrix cov = Gemm.multiply(c, true, c, false);
        float[] cv = cov.values();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                float s = 0.5f * (cv[i * d + j] + cv[j * d + i]) / (n - 1);
                cv[i * d + j] = s;
                cv[j * d + i] = s;
            }
            cv[i * d + i] /= (n - 1);
        }
        return cov;
    }
}
