package dev.latent.bench;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.data.Transforms;
import dev.latent.io.Idx;
import dev.latent.neural.models.ae.Architecture;
import dev.latent.neural.models.vae.Elbo;
import dev.latent.neural.models.vae.Vae;
import dev.latent.neural.models.vae.VaeModel;
import dev.latent.neural.train.Progress;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Epochs of training a VAE with a Bernoulli decoder on the 60,000 MNIST (or Fashion-MNIST) training images
 * scaled to [0, 1], batch 128, Adam 1e-3: prints the time and loss of each epoch, then the negative ELBO of the
 * 10,000 test images and its two terms, and the IW-100 bound on the first 1,000 test images, all in nats.
 * {@code dense} is the classic 784-400-20-400-784; {@code conv} the stride-2 3x3 convolutions 32, 64 with
 * a 20-value code. Run: {@code java --add-modules jdk.incubator.vector -Xmx2g -cp latent-bench/target/benchmarks.jar
 * dev.latent.bench.VaeMnistBenchmark DIR EPOCHS [dense|conv] [IW_IMAGES] [SEED]}, where DIR holds the raw or gzipped IDX
 * files and SEED (default 0) seeds the weights, the shuffles and the training draws. The peer is
 * {@code latent-bench/scripts/vae_torch.py}.
 */
public final class VaeMnistBenchmark {
    private VaeMnistBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Architecture arch = args.length > 2 ? Architecture.valueOf(args[2].toUpperCase(java.util.Locale.ROOT)) : Architecture.DENSE;
        int iwImages = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 0L;
        Dataset train = Transforms.scaleToUnit(Idx.read(file(dir, "train-images-idx3-ubyte"), Optional.empty(), "train"));
        Dataset test = Transforms.scaleToUnit(Idx.read(file(dir, "t10k-images-idx3-ubyte"), Optional.empty(), "test"));
        Vae params = Vae.defaults().withEpochs(epochs).withArchitecture(arch)
                .withHidden(arch == Architecture.CONV ? List.of(32, 64) : List.of(400)).withSeed(seed);
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long[] cpu = {os.getProcessCpuTime()};
        Progress report = new Progress() {
            @Override public void onBatch(Batch b) {}
            @Override public void onEpoch(Epoch e) {
                long now = os.getProcessCpuTime();
                System.out.printf("epoch %d: %.2f s (%.2f s CPU), train loss %.3f%n", e.epoch() + 1, e.seconds(),
                        (now - cpu[0]) / 1e9, e.trainLoss());
                cpu[0] = now;
            }
        };
        VaeModel model = params.fit(train, Optional.empty(), false, report);
        Matrix x = test.toMatrix();
        long t0 = System.nanoTime();
        Elbo elbo = model.elbo(x, new int[0], 1);
        System.out.printf("test -ELBO %.3f (reconstruction %.3f, KL %.3f) nats, %.1f s%n", -elbo.elbo(),
                elbo.reconstruction(), elbo.kl(), (System.nanoTime() - t0) / 1e9);
        if (iwImages > 0) {
            t0 = System.nanoTime();
            double iw = model.importanceWeighted(x.rows(0, iwImages), new int[0], 100, 2);
            Elbo first = model.elbo(x.rows(0, iwImages), new int[0], 1);
            System.out.printf("first %d test images: -ELBO %.3f, -IW100 %.3f nats, %.1f s%n", iwImages, -first.elbo(),
                    -iw, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static Path file(Path dir, String name) {
        Path raw = dir.resolve(name);
        return java.nio.file.Files.exists(raw) ? raw : dir.resolve(name + ".gz");
    }
}
