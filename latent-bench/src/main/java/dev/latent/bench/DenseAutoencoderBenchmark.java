package dev.latent.bench;

import dev.latent.data.Dataset;
import dev.latent.data.Transforms;
import dev.latent.io.Idx;
import dev.latent.neural.layers.Dense;
import dev.latent.neural.layers.Mode;
import dev.latent.neural.layers.Sequential;
import dev.latent.neural.optim.Adam;
import dev.latent.neural.tensor.Activation;
import dev.latent.neural.tensor.Tensor;
import dev.latent.neural.train.Objective;
import dev.latent.neural.train.Progress;
import dev.latent.neural.train.Trainer;

import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Epochs of training the dense autoencoder 784-512-256-32-256-512-784 (ReLU, a linear code, a sigmoid
 * output) on the 60,000 MNIST training images scaled to [0, 1], batch 128, Adam 1e-3, mean squared
 * error, through the neural engine: prints the time and mean loss of each epoch and the test MSE.
 * Run: {@code java --add-modules jdk.incubator.vector -Xmx2g -cp latent-bench/target/benchmarks.jar
 * dev.latent.bench.DenseAutoencoderBenchmark MNIST_DIR EPOCHS}. The peer is
 * {@code latent-bench/scripts/dense_ae_torch.py}.
 */
public final class DenseAutoencoderBenchmark {
    private DenseAutoencoderBenchmark() {}

    /** The benchmark's network, seeded. */
    public static Sequential model(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return Sequential.of(
                Dense.of(784, 512, Activation.RELU, rng), Dense.of(512, 256, Activation.RELU, rng),
                Dense.of(256, 32, Activation.IDENTITY, rng), Dense.of(32, 256, Activation.RELU, rng),
                Dense.of(256, 512, Activation.RELU, rng), Dense.of(512, 784, Activation.SIGMOID, rng));
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Dataset train = Transforms.flatten(Transforms.scaleToUnit(Idx.read(dir.resolve("train-images-idx3-ubyte"), Optional.empty(), "mnist")));
        Dataset test = Transforms.flatten(Transforms.scaleToUnit(Idx.read(dir.resolve("t10k-images-idx3-ubyte"), Optional.empty(), "mnist:test")));
        Sequential model = model(0);
        Progress report = new Progress() {
            @Override public void onBatch(Batch b) {}
            @Override public void onEpoch(Epoch e) {
                System.out.printf("epoch %d: %.2f s, train MSE %.5f%n", e.epoch() + 1, e.seconds(), e.trainLoss());
            }
        };
        Trainer.defaults().withEpochs(epochs).withBatchSize(128)
                .fit(model, Adam.of(1e-3), Objective.reconstruction(), train, Optional.empty(), false, report);
        double sum = 0;
        for (int from = 0; from < test.size(); from += 1000) {
            int to = Math.min(test.size(), from + 1000);
            Tensor x = Tensor.of(test.batch(from, to).values(), to - from, 784);
            sum += Objective.reconstruction().loss(model, x, Mode.EVAL).value().item() * (to - from);
        }
        System.out.printf("test MSE %.5f%n", sum / test.size());
    }
}
