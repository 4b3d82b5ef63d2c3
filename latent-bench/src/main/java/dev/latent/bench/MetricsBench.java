package dev.latent.bench;

import dev.latent.data.Matrix;
import dev.latent.linalg.Gemm;
import dev.latent.metrics.KnnAccuracy;
import dev.latent.metrics.Silhouette;
import dev.latent.metrics.Trustworthiness;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * End-to-end timings of the costly metrics on seeded synthetic data: exact silhouette on 10,000 x 784, sampled
 * silhouette (2,000 rows scored against all) on 70,000 x 784, exact trustworthiness and leave-one-out k-NN
 * accuracy on 5,000 x 784 with a 2-D random projection as the embedding, and (only when asked for by name,
 * {@code trustworthiness-sampled}) sampled trustworthiness (1,000 query rows) on 70,000 x 784. Data are ten
 * Gaussian blobs, centres uniform in [0, 1]^784, MNIST's shape.
 * <p>Run after {@code mvn -q -B -pl latent-bench -am compile} with
 * {@code java --add-modules jdk.incubator.vector -Xmx6g -cp latent-core/target/classes:latent-bench/target/classes
 * dev.latent.bench.MetricsBench [repeats [case]]}, case one of {@code silhouette}, {@code sampled},
 * {@code trustworthiness}, {@code trustworthiness-sampled}, {@code sampled-error} (default: the first three);
 * prints the median wall time of each case ({@code sampled-error} prints the error of the sampled silhouette
 * on the 10,000-row data for several sample sizes and seeds instead).
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
        if (only.equals("all") || only.equals("trustworthiness")) {
            Blobs blobs = blobs(rng, 5_000, 784, 10);
            Matrix embedded = project(rng, blobs.x, 2);
            time("trustworthiness exact, 5000 x 784 -> 2, k = 10", repeats,
                    () -> Trustworthiness.score(blobs.x, embedded, 10));
            time("k-NN accuracy leave-one-out, 5000 x 2, k = 10", repeats,
                    () -> KnnAccuracy.leaveOneOut(embedded, blobs.labels, 10));
        }
        if (only.equals("sampled-error")) {
            Blobs small = blobs(rng, 10_000, 784, 10);
            double exact = Silhouette.score(small.x, small.labels);
            System.out.printf("silhouette exact, 10000 x 784: %.6f%n", exact);
            for (int m : new int[] {500, 1_000, 2_000}) {
                StringBuilder errors = new StringBuilder();
                for (long seed = 1; seed <= 5; seed++) {
                    double estimate = Silhouette.sampled(small.x, small.labels, m, seed);
                    errors.append(String.format(" %+.5f", estimate - exact));
                }
                System.out.printf("silhouette sampled m = %d, seeds 1-5, estimate - exact:%s%n", m, errors);
            }
        }
        if (only.equals("trustworthiness-sampled")) {
            Blobs large = blobs(rng, 70_000, 784, 10);
            Matrix embedded = project(rng, large.x, 2);
            time("trustworthiness sampled (m = 1000 of 70000) x 784 -> 2, k = 10", repeats,
                    () -> Trustworthiness.sampled(large.x, embedded, 10, 1_000, 7L));
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

    /** A seeded Gaussian random projection of the rows of {@code x} to {@code dims} columns. */
    private static Matrix project(SplittableRandom rng, Matrix x, int dims) {
        float[] p = new float[x.cols() * dims];
        for (int i = 0; i < p.length; i++) p[i] = (float) rng.nextGaussian();
        return Gemm.multiply(x, Matrix.wrap(x.cols(), dims, p));
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
