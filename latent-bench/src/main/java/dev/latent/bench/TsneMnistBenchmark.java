package dev.latent.bench;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.data.Transforms;
import dev.latent.io.Idx;
import dev.latent.io.Npy;
import dev.latent.metrics.KnnAccuracy;
import dev.latent.reduction.pca.Pca;
import dev.latent.reduction.tsne.Tsne;
import dev.latent.reduction.tsne.TsneMethod;
import dev.latent.reduction.tsne.TsneModel;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * t-SNE of all 70,000 MNIST images (train then test, pixels scaled to [0, 1], PCA to 50 components with
 * {@link Pca}): wall and CPU time per stage, and the leave-one-out 10-NN accuracy of the 2-D map; perplexity 30,
 * 1000 iterations, otherwise the defaults. It also writes the PCA-50 input ({@code pca50.f32}, raw little-endian
 * float32, row-major, and {@code pca50.npy}) and the labels ({@code labels.npy}) to OUT_DIR, for the peers, and
 * its own map ({@code latent.npy}).
 * <p>Run: {@code java --add-modules jdk.incubator.vector -Xmx6g -cp latent-bench/target/benchmarks.jar
 * dev.latent.bench.TsneMnistBenchmark MNIST_DIR OUT_DIR [auto|exact|barnes_hut|fft] [n]}. Scoring a peer's map
 * (raw float32, n x 2) with the same 10-NN accuracy: {@code ... TsneMnistBenchmark --score MAP.f32 OUT_DIR}.
 */
public final class TsneMnistBenchmark {
    private TsneMnistBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--score")) {
            int[] labels = Npy.read(Path.of(args[2]).resolve("labels.npy")).toInts();
            Matrix map = readF32(Path.of(args[1]), labels.length, 2);
            System.out.printf(Locale.ROOT, "10-NN accuracy %.4f%n", KnnAccuracy.leaveOneOut(map, labels, 10));
            return;
        }
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        Tsne params = Tsne.of(2).withMaxIter(1000);
        if (args.length > 2) params = params.withMethod(TsneMethod.valueOf(args[2].toUpperCase(Locale.ROOT)));
        Dataset train = Idx.read(dir.resolve("train-images-idx3-ubyte"), Optional.of(dir.resolve("train-labels-idx1-ubyte")), "mnist");
        Dataset test = Idx.read(dir.resolve("t10k-images-idx3-ubyte"), Optional.of(dir.resolve("t10k-labels-idx1-ubyte")), "mnist:test");
        int n = args.length > 3 ? Integer.parseInt(args[3]) : train.size() + test.size();
        Matrix a = Transforms.scaleToUnit(train).toMatrix(), b = Transforms.scaleToUnit(test).toMatrix();
        float[] all = java.util.Arrays.copyOf(a.values(), a.values().length + b.values().length);
        System.arraycopy(b.values(), 0, all, a.values().length, b.values().length);
        int[] labels = java.util.Arrays.copyOf(train.labels(), n);
        for (int i = train.size(); i < n; i++) labels[i] = test.labels()[i - train.size()];
        Matrix x = Matrix.wrap(n, a.cols(), java.util.Arrays.copyOf(all, n * a.cols()));

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long w0 = System.nanoTime(), c0 = os.getProcessCpuTime();
        Matrix p = Pca.of(50).fit(x).transform(x);
        long w1 = System.nanoTime(), c1 = os.getProcessCpuTime();
        writeF32(out.resolve("pca50.f32"), p);
        Npy.write(out.resolve("pca50.npy"), p);
        Npy.write(out.resolve("labels.npy"), labels);

        long w2 = System.nanoTime(), c2 = os.getProcessCpuTime();
        TsneModel m = params.fit(p);
        long w3 = System.nanoTime(), c3 = os.getProcessCpuTime();
        Npy.write(out.resolve("latent.npy"), m.embedding());
        double acc = KnnAccuracy.leaveOneOut(m.embedding(), labels, 10);
        StringBuilder stages = new StringBuilder();
        for (Map.Entry<String, Duration> e : m.stageTimes().entrySet()) {
            stages.append(String.format(Locale.ROOT, " %s %.2f s,", e.getKey(), e.getValue().toNanos() / 1e9));
        }
        System.out.printf(Locale.ROOT, "n %d, %s: pca %.2f s (cpu %.2f s); tsne %.2f s (cpu %.2f s):%s KL %.4f, "
                        + "10-NN accuracy %.4f, iterations %d, threads %d%n", n, params.methodFor(n), (w1 - w0) / 1e9,
                (c1 - c0) / 1e9, (w3 - w2) / 1e9, (c3 - c2) / 1e9, stages, m.klDivergence(), acc,
                m.report().iterations(), dev.latent.Latent.threads());
    }

    private static void writeF32(Path file, Matrix m) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(m.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : m.values()) buf.putFloat(v);
        Files.write(file, buf.array());
    }

    private static Matrix readF32(Path file, int rows, int cols) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.remaining() != rows * cols * 4) {
            throw new IOException(file + ": expected " + rows + " x " + cols + " float32 values, got "
                    + buf.remaining() + " bytes");
        }
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = buf.getFloat();
        return Matrix.wrap(rows, cols, v);
    }
}
