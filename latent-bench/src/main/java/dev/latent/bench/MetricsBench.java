package dev.latent.bench;

import dev.latent.data.Matrix;
import dev.latent.metrics.Silhouette;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * End-to-end timings of the costly metrics on seeded synthetic data: exact silhouette on 10,000 x 784, sampled
 * silhouette (2,000 rows scored against all) on 70,000 x 784, and trustworthiness on 5,000 x 784 with a 2-D
 * embedding. Data are ten Gaussian blobs in [0, 1]-scaled coordinates, like MNIST's shape.
 * <p>Run after {@code mvn -q -B -pl latent-bench -am compile} with
 * {@code java --add-modules jdk.incubator.vector -Xmx6g -cp latent-core/target/classes:latent-bench/target/classes
 * dev.latent.bench.MetricsBench [repeats]}; prints the median wall time of each case.
 */
public final class MetricsBench {
    private MetricsBench() {}

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String only = args.length > 1 ? args[1] : "all";
        SplittableRandom rng = new SplittableRandom(2026);
        if (only.equals("all") || only.equals("silhouette")) {
            Blobs small = blobs(rng, 10_000, 784, 10);
            time("silhouette exact, 10000 x 784, k = 10", repeats, () -> Silhouette.score(small.x, small.labels));
        }
        if (only.equals("all") || only.equals("sampled")) {
            Blobs large = blobs(rng, 70_000, 784, 10);
            time("silhouette sampled (m = 2000 of 70000) x 784, k = 10", repeats,
                    () -> Silhouette.sampled(large.x, large.labels, 2_000, 7L));
        }
    }

    private record Blobs(Matrix x, int[] labels) {}

    /** {@code k} Gaussian blobs: centres uniform in [0, 1]^d, spread 0.25 per coordinate. */
    private static Blobs blobs(SplittableRandom rng, int n, int d, int k) {
        float[] centres = new float[k * d];
        for (int i = 0; i < centres.length; i++) centres[i] = (float) rng.nextDouble();
        float[] v = new float[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(k);
            labels[i] = c;
            for (int j = 0; j < d; j++) v[i * d + j] = centres[c * d + j] + (float) (0.25 * rng.nextGaussian());
        }
        return new Blobs(Matrix.wrap(n, d, v), labels);
    }

    private interface Case {
        double run();
    }

    private static void time(String name, int repeats, Case body) {
        double[] seconds = new double[repeats];
        double value = 0;
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            value = body.run();
            seconds[r] = (System.nanoTime() - start) / 1e9;
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: median %.2f s over %d runs %s, value %.6f, threads %d%n", name,
                sorted[repeats / 2], repeats, Arrays.toString(seconds), value,
                Runtime.getRuntime().availableProcessors());
    }
}
