package dev.latent.bench;

import dev.latent.data.Dataset;
import dev.latent.io.DatasetRegistry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times loading {@code mnist} by name through the registry, as {@code latent info mnist --data-dir DIR}
 * does: file lookup, checksum verification (remembered after the first load) and the IDX read.
 * <p>Prints the first load (which hashes the files unless an earlier run already remembered them),
 * then, after 2 warm-up loads, the median and minimum of 10 warm loads. Run with
 * <pre>
 * mvn -q -B -pl latent-bench -am package -DskipTests
 * java -Xmx2g -cp latent-bench/target/benchmarks.jar dev.latent.bench.RegistryLoading /work/data/package/data
 * </pre>
 * The argument is the data folder holding {@code train-images-idx3-ubyte} and
 * {@code train-labels-idx1-ubyte}; the cache home is the default ({@code $LATENT_HOME} or {@code ~/.latent}).
 */
public final class RegistryLoading {
    private static final int WARMUP = 2;
    private static final int ROUNDS = 10;

    private RegistryLoading() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/work/data/package/data");
        DatasetRegistry registry = DatasetRegistry.defaults().withDataDir(dir).withDownloads(false);
        long t0 = System.nanoTime();
        Dataset first = registry.load("mnist");
        System.out.printf("first load: %.1f ms (%s)%n", (System.nanoTime() - t0) / 1e6, first);
        for (int r = 0; r < WARMUP; r++) registry.load("mnist");
        double[] ms = new double[ROUNDS];
        int samples = 0;
        for (int r = 0; r < ROUNDS; r++) {
            long start = System.nanoTime();
            samples += registry.load("mnist").size();
            ms[r] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        double median = (ms[ROUNDS / 2 - 1] + ms[ROUNDS / 2]) / 2;
        System.out.printf("warm DatasetRegistry.load(\"mnist\") from %s: median %.1f ms, min %.1f ms, max %.1f ms"
                + " (%d rounds, %d samples each)%n", dir, median, ms[0], ms[ROUNDS - 1], ROUNDS, samples / ROUNDS);
    }
}
