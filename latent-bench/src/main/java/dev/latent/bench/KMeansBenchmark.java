package dev.latent.bench;

import dev.latent.Latent;
import dev.latent.clustering.kmeans.KMeans;
import dev.latent.clustering.kmeans.KMeansModel;
import dev.latent.data.Matrix;

import dev.latent.data.Dataset;
import dev.latent.io.Idx;
import dev.latent.metrics.MutualInformation;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * End-to-end k-means on all 70,000 MNIST images (784 pixels scaled to [0, 1]): one k-means++ seeding,
 * Lloyd, default tolerance, seed 0; prints wall time, process CPU time (all threads of the JVM), iterations,
 * inertia and NMI against the digit labels of each run, then the median times.
 * <p>Not a JMH benchmark: one fit takes seconds, so each repeat is timed directly with the JIT warmed by
 * the previous runs (the first run is a warm-up and is not counted). Run with
 * {@snippet lang="shell" :
 * mvn -q -B -pl latent-bench -am package -DskipTests
 * java --add-modules jdk.incubator.vector -Xmx4g -cp latent-bench/target/benchmarks.jar \
 *     dev.latent.bench.KMeansBenchmark /work/data/package/data 10,100 3
 * }
 * The arguments are the folder holding the IDX files ({@code train-images-idx3-ubyte},
 * {@code t10k-images-idx3-ubyte} and their label files), the values of k, the number of timed
 * repeats per k and seed, and optionally the seeds (default {@code 0}; several show how the inertia varies
 * with the seeding).
 * The peer run is {@code latent-bench/scripts/kmeans_sklearn.py}.
 */
public final class KMeansBenchmark {
    private KMeansBenchmark() {}

    /** Arguments: IDX folder, comma-separated values of k, timed repeats per k and seed, comma-separated seeds (default 0). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/work/data/package/data");
        int[] ks = Arrays.stream((args.length > 1 ? args[1] : "10,100").split(",")).mapToInt(Integer::parseInt).toArray();
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        long[] seeds = Arrays.stream((args.length > 3 ? args[3] : "0").split(",")).mapToLong(Long::parseLong).toArray();
        Dataset train = read(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"));
        Dataset test = read(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-labels-idx1-ubyte"));
        Matrix x = concat(train.toMatrix(), test.toMatrix());
        int[] digits = IntStream.concat(Arrays.stream(train.labels()), Arrays.stream(test.labels())).toArray();
        System.out.printf(Locale.ROOT, "MNIST %d x %d, threads %d, version %s%n", x.rows(), x.cols(),
                Latent.threads(), Latent.version());
        for (int k : ks) {
            KMeans.of(k).withSeed(seeds[0]).fit(x); // warm-up, not counted
            for (long seed : seeds) {
                KMeans km = KMeans.of(k).withSeed(seed);
                double[] seconds = new double[repeats];
                double[] cpu = new double[repeats];
                KMeansModel m = null;
                double nmi = 0;
                for (int r = 0; r < repeats; r++) {
                    long c0 = processCpuNanos(), t0 = System.nanoTime();
                    m = km.fit(x);
                    seconds[r] = (System.nanoTime() - t0) / 1e9;
                    cpu[r] = (processCpuNanos() - c0) / 1e9;
                    nmi = MutualInformation.normalized(digits, m.labels());
                    System.out.printf(Locale.ROOT,
                            "k=%d seed %d run %d: %.3f s wall, %.3f s cpu, %d iterations, inertia %.6e, NMI %.4f%n",
                            k, seed, r, seconds[r], cpu[r], m.iterations(), m.inertia(), nmi);
                }
                System.out.printf(Locale.ROOT,
                        "k=%d seed %d median: %.3f s wall, %.3f s cpu, %d iterations, inertia %.6e, NMI %.4f%n",
                        k, seed, median(seconds), median(cpu), m.iterations(), m.inertia(), nmi);
            }
        }
    }

    /** CPU time used by the whole process (all threads), or -1 when the JVM does not report it. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static Matrix concat(Matrix a, Matrix b) {
        float[] v = Arrays.copyOf(a.values(), a.values().length + b.values().length);
        System.arraycopy(b.values(), 0, v, a.values().length, b.values().length);
        return Matrix.wrap(a.rows() + b.rows(), a.cols(), v);
    }

    /** Reads an IDX image file and its labels, pixels divided by 255 (float32, as NumPy does it). */
    private static Dataset read(Path images, Path labels) throws IOException {
        Dataset data = Idx.read(images, Optional.of(labels), "mnist");
        Matrix x = data.toMatrix();
        float[] v = x.values();
        for (int i = 0; i < v.length; i++) v[i] = v[i] / 255f;
        return Dataset.of("mnist", x).withLabels(data.labels(), List.of());
    }
}
