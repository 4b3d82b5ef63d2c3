package dev.latent.bench;

import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.internal.Parallel;
import dev.latent.io.Sat6;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures SAT-6 loading: CSV parse speed with 1 and 2 threads, and the time of a load from the
 * binary cache.
 * <p>Generates a synthetic images/labels pair in the real DeepSat format (uniform random values 0 to
 * 255, about 11 KB per line, seed 7) in a temporary folder, runs each measurement several times and
 * prints medians of wall-clock and process CPU time (the machine is shared, so CPU time shows the
 * parser's own cost), then deletes the files. Runs with 1 and 2 threads are interleaved. Not a JMH benchmark: one parse takes seconds, so wall-clock
 * medians of whole runs are what matters.
 * <pre>
 * mvn -q -B -pl latent-bench -am package -DskipTests
 * java --add-modules jdk.incubator.vector -Xmx4g -cp latent-bench/target/benchmarks.jar \
 *      dev.latent.bench.Sat6Benchmark [rows (default 100000)] [repeats (default 3)]
 * </pre>
 */
public final class Sat6Benchmark {
    private Sat6Benchmark() {}

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "sat6-bench");
        try {
            Path x = dir.resolve("X_train_sat6.csv"), y = dir.resolve("y_train_sat6.csv");
            long start = System.nanoTime();
            generate(x, y, rows);
            double mb = Files.size(x) / 1e6;
            System.out.printf(Locale.ROOT, "generated %d rows, %.1f MB in %.1f s%n", rows, mb, seconds(start));
            Sat6.Options noCache = Sat6.Options.defaults().withCache(false).withNotes(n -> {});
            int[] threadCounts = {1, 2};
            double[][] wall = new double[2][repeats], cpu = new double[2][repeats];
            // interleaved (1, 2, 1, 2, ...) so that changing load on the shared machine hits both alike
            for (int r = 0; r < repeats; r++) {
                for (int t = 0; t < threadCounts.length; t++) {
                    Parallel.setThreads(threadCounts[t]);
                    long c0 = processCpuNanos(), s = System.nanoTime();
                    Dataset d = Sat6.read(x, y, noCache);
                    wall[t][r] = seconds(s);
                    cpu[t][r] = (processCpuNanos() - c0) / 1e9;
                    if (d.size() != rows) throw new IllegalStateException("parsed " + d.size() + " rows");
                }
            }
            for (int t = 0; t < threadCounts.length; t++) {
                double med = median(wall[t]);
                System.out.printf(Locale.ROOT, "parse, %d thread(s): median %.2f s wall, %.0f MB/s (runs %s);"
                                + " median %.2f s CPU, %.0f MB per CPU-second%n", threadCounts[t], med, mb / med,
                        Arrays.toString(round(wall[t])), median(cpu[t]), mb / median(cpu[t]));
            }
            Sat6.Options cache = Sat6.Options.defaults().withFallbackCacheDir(dir.resolve("cache")).withNotes(n -> {});
            long s = System.nanoTime();
            Sat6.read(x, y, cache);
            System.out.printf(Locale.ROOT, "first load with cache (parse, 2 threads, + write): %.2f s%n", seconds(s));
            double[] load = new double[repeats], scan = new double[repeats];
            long checksum = 0;
            for (int r = 0; r < repeats; r++) {
                s = System.nanoTime();
                Dataset d = Sat6.read(x, y, cache);
                load[r] = seconds(s);
                s = System.nanoTime();
                checksum += sum(((ByteStore) d.store()).bytes());
                scan[r] = seconds(s);
            }
            System.out.printf(Locale.ROOT, "load from cache: median %.3f s (runs %s); first pass over all bytes:"
                    + " median %.2f s (checksum %d)%n", median(load), Arrays.toString(round(load)), median(scan),
                    checksum);
        } finally {
            try (var files = Files.walk(dir)) {
                List<Path> all = new ArrayList<>(files.toList());
                java.util.Collections.reverse(all);
                for (Path p : all) Files.deleteIfExists(p);
            }
        }
    }

    private static void generate(Path x, Path y, int rows) throws IOException {
        byte[][] text = new byte[256][];
        for (int v = 0; v < 256; v++) text[v] = Integer.toString(v).getBytes(StandardCharsets.US_ASCII);
        SplittableRandom rng = new SplittableRandom(7);
        try (OutputStream xo = new BufferedOutputStream(Files.newOutputStream(x), 1 << 20);
             OutputStream yo = new BufferedOutputStream(Files.newOutputStream(y), 1 << 16)) {
            for (int i = 0; i < rows; i++) {
                for (int k = 0; k < 3136; k++) {
                    if (k > 0) xo.write(',');
                    xo.write(text[rng.nextInt(256)]);
                }
                xo.write('\n');
                int label = rng.nextInt(6);
                for (int c = 0; c < 6; c++) {
                    if (c > 0) yo.write(',');
                    yo.write(c == label ? '1' : '0');
                }
                yo.write('\n');
            }
        }
    }

    private static long sum(MemorySegment bytes) {
        long total = 0;
        long n = bytes.byteSize();
        for (long i = 0; i < n; i += 64) total += bytes.get(ValueLayout.JAVA_BYTE, i);
        return total;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String[] round(double[] t) {
        String[] out = new String[t.length];
        for (int i = 0; i < t.length; i++) out[i] = String.format(Locale.ROOT, "%.2f", t[i]);
        return out;
    }
}
