package dev.latent.bench;

import dev.latent.Latent;
import dev.latent.data.Matrix;
import dev.latent.data.Transforms;
import dev.latent.io.Idx;
import dev.latent.reduction.pca.IncrementalPca;
import dev.latent.reduction.pca.Pca;
import dev.latent.reduction.pca.PcaModel;
import dev.latent.reduction.pca.PcaSolver;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Times PCA of MNIST (train + test, 70,000 x 784, scaled to [0, 1]) to 50 components with each solver, and
 * prints the median wall time of repeated fits, the process CPU time and the sum of the explained-variance
 * ratios.
 * <p>Arguments: the MNIST folder (default {@code /work/data/package/data}), the repetitions (default 5),
 * then the solvers to run (default {@code COVARIANCE RANDOMIZED SVD}; {@code INCREMENTAL} adds
 * {@link IncrementalPca} with batches of 4096 rows). Each solver runs once untimed first (JIT warm-up),
 * unless a single repetition is asked for (meant for the slow SVD solver, where warm-up is noise).
 * Run with
 * {@snippet :
 * mvn -q -B -pl latent-bench -am package -DskipTests
 * java -Xmx8g --add-modules jdk.incubator.vector -cp latent-bench/target/benchmarks.jar \
 *     dev.latent.bench.PcaBenchmark /work/data/package/data 5 COVARIANCE RANDOMIZED
 * }
 * A plain main class rather than JMH: each fit takes seconds, so JMH's machinery adds only minutes on a
 * shared machine.
 */
public final class PcaBenchmark {
    private PcaBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/work/data/package/data");
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> solvers = args.length > 2 ? Arrays.asList(args).subList(2, args.length)
                : List.of("COVARIANCE", "RANDOMIZED", "SVD");
        Matrix x = mnist(dir);
        System.out.printf("MNIST %d x %d, threads %d, reps %d (median)%n", x.rows(), x.cols(), Latent.threads(), reps);
        for (String s : solvers) {
            if (s.equals("INCREMENTAL")) {
                run("incremental, batches of 4096", reps, () -> IncrementalPca.of(50).withBatchSize(4096).fit(x));
            } else {
                Pca pca = Pca.of(50).withSolver(PcaSolver.valueOf(s));
                run(s.toLowerCase(), reps, () -> pca.fit(x));
            }
        }
    }

    /** MNIST train then test images, scaled to [0, 1], as one float matrix. */
    static Matrix mnist(Path dir) throws Exception {
        Matrix train = Transforms.scaleToUnit(Idx.read(dir.resolve("train-images-idx3-ubyte"), Optional.empty(),
                "mnist")).toMatrix();
        Matrix test = Transforms.scaleToUnit(Idx.read(dir.resolve("t10k-images-idx3-ubyte"), Optional.empty(),
                "mnist-test")).toMatrix();
        float[] all = Arrays.copyOf(train.values(), train.values().length + test.values().length);
        System.arraycopy(test.values(), 0, all, train.values().length, test.values().length);
        return Matrix.wrap(train.rows() + test.rows(), train.cols(), all);
    }

    @FunctionalInterface
    private interface Fit {
        PcaModel run();
    }

    private static void run(String what, int reps, Fit fit) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        PcaModel m = reps > 1 ? fit.run() : null;   // warm-up, skipped for a single (slow) run
        List<Double> wall = new ArrayList<>(), cpu = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            m = fit.run();
            wall.add((System.nanoTime() - t0) / 1e9);
            cpu.add((os.getProcessCpuTime() - c0) / 1e9);
        }
        double ratio = Arrays.stream(m.explainedVarianceRatio()).sum();
        System.out.printf("%-30s median wall %7.2f s, cpu %7.2f s, runs %s, explained variance ratio sum %.6f, "
                + "first variances %.6f %.6f%n", what, median(wall), median(cpu),
                wall.stream().map(v -> String.format("%.2f", v)).toList(), ratio,
                m.explainedVariance()[0], m.explainedVariance()[1]);
    }

    private static double median(List<Double> x) {
        double[] s = x.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
