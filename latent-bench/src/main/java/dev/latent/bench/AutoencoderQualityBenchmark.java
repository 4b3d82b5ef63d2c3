package dev.latent.bench;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.data.Transforms;
import dev.latent.io.Idx;
import dev.latent.metrics.KnnAccuracy;
import dev.latent.metrics.Reconstruction;
import dev.latent.neural.models.ae.Autoencoder;
import dev.latent.neural.models.ae.AutoencoderModel;
import dev.latent.neural.train.Progress;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Trains {@link Autoencoder#defaults()} (dense 784-512-256-32-256-512-784, MSE, Adam 1e-3, batch 128) on the
 * 60,000 MNIST training images scaled to [0, 1] for EPOCHS epochs, then prints the test MSE and the 10-NN accuracy
 * of the 32-value test codes classified by the training codes. Run (peak memory with {@code /usr/bin/time -v}):
 * {@code java --add-modules jdk.incubator.vector -Xmx2g -cp latent-bench/target/benchmarks.jar
 * dev.latent.bench.AutoencoderQualityBenchmark MNIST_DIR EPOCHS}. The peer is
 * {@code latent-bench/scripts/dense_ae_torch.py} (the same network; it prints the test MSE).
 */
public final class AutoencoderQualityBenchmark {
    private AutoencoderQualityBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Dataset train = Transforms.scaleToUnit(Idx.read(dir.resolve("train-images-idx3-ubyte"),
                Optional.of(dir.resolve("train-labels-idx1-ubyte")), "mnist"));
        Dataset test = Transforms.scaleToUnit(Idx.read(dir.resolve("t10k-images-idx3-ubyte"),
                Optional.of(dir.resolve("t10k-labels-idx1-ubyte")), "mnist:test"));
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long[] cpu = {os.getProcessCpuTime()};
        Progress report = new Progress() {
            @Override public void onBatch(Batch b) {}
            @Override public void onEpoch(Epoch e) {
                long now = os.getProcessCpuTime();
                System.out.printf("epoch %d: %.2f s (%.2f s CPU), train MSE %.5f%n", e.epoch() + 1, e.seconds(),
                        (now - cpu[0]) / 1e9, e.trainLoss());
                cpu[0] = now;
            }
        };
        AutoencoderModel model = Autoencoder.defaults().withEpochs(epochs).fit(train, Optional.empty(), false, report);
        Matrix x = test.toMatrix();
        double mse = Reconstruction.mse(x, model.reconstruct(x));
        long t0 = System.nanoTime();
        double knn = KnnAccuracy.score(model.encode(train.toMatrix()), train.labels(), model.encode(x), test.labels(), 10);
        System.out.printf("test MSE %.5f, 10-NN accuracy of test codes %.4f (%.1f s)%n", mse, knn, (System.nanoTime() - t0) / 1e9);
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap in use at the end %.0f MB (max %.0f MB)%n", (rt.totalMemory() - rt.freeMemory()) / 1e6, rt.maxMemory() / 1e6);
    }
}
