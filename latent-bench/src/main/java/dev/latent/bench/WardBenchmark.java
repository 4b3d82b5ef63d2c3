package dev.latent.bench;

import dev.latent.Latent;
import dev.latent.clustering.hierarchical.Agglomerative;
import dev.latent.clustering.hierarchical.Dendrogram;
import dev.latent.clustering.hierarchical.Linkage;
import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.io.Idx;
import dev.latent.metrics.AdjustedRandIndex;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * End-to-end benchmark of agglomerative clustering (Ward by default) on the first n MNIST training images
 * (with {@code --append}, followed by the images of a second IDX file, such as the 10,000 test images, so
 * that {@code --n 70000} takes all of MNIST).
 * <p>Measures the wall and process CPU time of {@code Agglomerative.fit} (medians of the repeats; on a
 * shared machine the CPU time is the steadier figure) and the peak heap the JVM
 * used during the fits (sum of the heap pools' peaks, an upper bound), cuts the dendrogram into 10 clusters
 * and, given a peer's labels, prints the adjusted Rand index between the two cuts. Pixels are the raw
 * bytes 0 to 255 as float32. Not a JMH benchmark: one fit takes seconds, so each repeat is one fit.
 * <p>Run (after {@code mvn -pl latent-bench -am package -DskipTests}):
 * {@snippet lang=sh :
 * /usr/bin/time -v java --add-modules jdk.incubator.vector -Xmx1g -cp latent-bench/target/benchmarks.jar \
 *     dev.latent.bench.WardBenchmark /path/to/train-images-idx3-ubyte --n 20000 --repeats 3 \
 *     [--append t10k-images-idx3-ubyte] [--linkage WARD] [--threads 2] [--labels-out ours.txt]
 *     [--linkage-out z.txt] [--compare peer.txt]
 * }
 * The labels files hold one integer per line, one line per image; the linkage file holds SciPy's linkage
 * matrix, one merge per line (left, right, height, size), for comparison with
 * {@code scipy.cluster.hierarchy.linkage}.
 */
public final class WardBenchmark {
    private WardBenchmark() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: WardBenchmark IMAGES [--append IMAGES2] [--n N] [--repeats R] [--linkage L] [--threads T]"
                    + " [--labels-out FILE] [--linkage-out FILE] [--compare FILE]");
            System.exit(2);
        }
        Path images = Path.of(args[0]);
        int n = 20_000, repeats = 3;
        Linkage linkage = Linkage.WARD;
        Optional<Path> labelsOut = Optional.empty(), compare = Optional.empty(), linkageOut = Optional.empty();
        Optional<Path> append = Optional.empty();
        for (int i = 1; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(value);
                case "--repeats" -> repeats = Integer.parseInt(value);
                case "--append" -> append = Optional.of(Path.of(value));
                case "--linkage" -> linkage = Linkage.valueOf(value.toUpperCase(Locale.ROOT));
                case "--threads" -> Latent.setThreads(Integer.parseInt(value));
                case "--labels-out" -> labelsOut = Optional.of(Path.of(value));
                case "--compare" -> compare = Optional.of(Path.of(value));
                case "--linkage-out" -> linkageOut = Optional.of(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Dataset mnist = Idx.read(images, Optional.empty(), "mnist");
        int first = Math.min(n, mnist.size());
        Matrix x = mnist.batch(0, first);
        mnist = null;
        if (append.isPresent() && first < n) {
            Dataset more = Idx.read(append.get(), Optional.empty(), "mnist");
            Matrix tail = more.batch(0, Math.min(n - first, more.size()));
            float[] v = Arrays.copyOf(x.values(), x.values().length + tail.values().length);
            System.arraycopy(tail.values(), 0, v, x.values().length, tail.values().length);
            x = Matrix.wrap(x.rows() + tail.rows(), x.cols(), v);
        }
        System.gc();
        long dataHeap = usedHeap();
        Agglomerative ward = Agglomerative.of(linkage);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
        double[] seconds = new double[repeats];
        double[] cpuSeconds = new double[repeats];
        Dendrogram tree = null;
        for (int r = 0; r < repeats; r++) {
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            tree = ward.fit(x);
            seconds[r] = (System.nanoTime() - start) / 1e9;
            cpuSeconds[r] = (processCpuNanos() - cpu) / 1e9;
            System.out.printf(Locale.ROOT, "fit %d: %.2f s wall, %.2f s cpu%n", r + 1, seconds[r], cpuSeconds[r]);
        }
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peakHeap += pool.getPeakUsage().getUsed();
        }
        Arrays.sort(seconds);
        Arrays.sort(cpuSeconds);
        int[] labels = tree.cut(10);
        System.out.printf(Locale.ROOT, "%s linkage, %d x %d, %d threads, vector API %s%n", linkage, x.rows(), x.cols(),
                Latent.threads(), ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        System.out.printf(Locale.ROOT, "median fit time %.2f s wall (min %.2f, max %.2f, %d runs), %.2f s cpu%n",
                seconds[repeats / 2], seconds[0], seconds[repeats - 1], repeats, cpuSeconds[repeats / 2]);
        System.out.printf(Locale.ROOT, "heap: data %.1f MB, peak during fits %.1f MB (sum of pool peaks)%n",
                dataHeap / 1e6, peakHeap / 1e6);
        System.out.printf(Locale.ROOT, "root height %.4f, estimate %.1f MB%n", tree.report().objective(),
                ward.memoryBytes(x.rows(), x.cols()) / 1e6);
        if (labelsOut.isPresent()) {
            StringBuilder sb = new StringBuilder();
            for (int l : labels) sb.append(l).append('\n');
            Files.writeString(labelsOut.get(), sb);
        }
        if (linkageOut.isPresent()) {
            StringBuilder sb = new StringBuilder();
            for (double[] row : tree.linkageMatrix()) {
                sb.append(String.format(Locale.ROOT, "%d %d %.17g %d%n", (int) row[0], (int) row[1], row[2], (int) row[3]));
            }
            Files.writeString(linkageOut.get(), sb);
        }
        if (compare.isPresent()) {
            int[] peer = Files.readAllLines(compare.get()).stream().filter(s -> !s.isBlank())
                    .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
            System.out.printf(Locale.ROOT, "ARI of the 10-cluster cut against %s: %.6f%n", compare.get(),
                    AdjustedRandIndex.score(peer, labels));
        }
    }

    /** CPU time of the whole process (all threads, including the JIT and GC), in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
