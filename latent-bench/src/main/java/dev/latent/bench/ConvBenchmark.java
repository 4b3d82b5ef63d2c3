package dev.latent.bench;

import dev.latent.Latent;
import dev.latent.neural.autodiff.Functions;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.layers.Conv2d;
import dev.latent.neural.layers.ConvTranspose2d;
import dev.latent.neural.layers.Layer;
import dev.latent.neural.layers.Mode;
import dev.latent.neural.layers.Parameter;
import dev.latent.neural.tensor.Tensor;
import dev.latent.neural.tensor.Tensors;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Forward and backward time of a small convolutional autoencoder's layers on one batch of 28x28 images.
 * <p>The stack is Conv(c→32, 3, stride 2, padding 1) + ReLU, Conv(32→64, 3, s2, p1) + ReLU,
 * ConvTranspose(64→32, 3, s2, p1, output padding 1) + ReLU, ConvTranspose(32→c, 3, s2, p1, op1), with the
 * mean squared error against the input as the loss, for {@code c = 1} (MNIST-shaped) and {@code c = 4}
 * (SAT-6-shaped); then the encoder alone (the two convolutions, each followed by ReLU, with the mean square
 * of the code as the loss). One step is the forward pass, the backward pass into every parameter gradient and the
 * zeroing of the gradients (no optimizer step). The input is uniform in [0, 1) from a fixed seed.
 * <p>Not a JMH benchmark: each configuration is warmed up, then timed in {@code repeats} rounds of
 * {@code steps} steps; the median milliseconds per step of the rounds is printed, with the
 * process CPU time per step (all threads), a figure less disturbed by other work on a shared machine. Run with
 * {@snippet lang="shell" :
 * mvn -q -B -pl latent-bench -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp latent-bench/target/benchmarks.jar \
 *     dev.latent.bench.ConvBenchmark 2 128 20 7
 * }
 * The arguments are the thread count, the batch size, the steps per round and the rounds. The peer run is
 * {@code latent-bench/scripts/conv_torch.py}, with the same arguments.
 */
public final class ConvBenchmark {
    private ConvBenchmark() {}

    /** Arguments: threads, batch size, steps per round, rounds. */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        Latent.setThreads(threads);
        System.out.printf(Locale.ROOT, "threads %d, batch %d, version %s%n", threads, batch, Latent.version());
        for (boolean decoder : new boolean[] {true, false}) {
            for (int channels : new int[] {1, 4}) {
                var rng = new SplittableRandom(42);
                List<Layer> layers = decoder
                        ? List.of(Conv2d.of(channels, 32, 3, 2, 1, rng), Conv2d.of(32, 64, 3, 2, 1, rng),
                                ConvTranspose2d.of(64, 32, 3, 2, 1, 1, rng), ConvTranspose2d.of(32, channels, 3, 2, 1, 1, rng))
                        : List.of(Conv2d.of(channels, 32, 3, 2, 1, rng), Conv2d.of(32, 64, 3, 2, 1, rng));
                Tensor x = Tensors.uniform(rng, 0f, 1f, batch, channels, 28, 28);
                for (int w = 0; w < Math.max(30, steps); w++) step(layers, x, decoder);
                double[] ms = new double[rounds], cpu = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    long c0 = processCpuNanos(), t0 = System.nanoTime();
                    for (int s = 0; s < steps; s++) step(layers, x, decoder);
                    ms[r] = (System.nanoTime() - t0) / 1e6 / steps;
                    cpu[r] = (processCpuNanos() - c0) / 1e6 / steps;
                }
                Arrays.sort(ms);
                Arrays.sort(cpu);
                System.out.printf(Locale.ROOT, "%s %dx28x28: median %.2f ms per step (min %.2f, max %.2f), cpu %.2f ms per step%n",
                        decoder ? "autoencoder" : "encoder", channels, ms[rounds / 2], ms[0], ms[rounds - 1], cpu[rounds / 2]);
            }
        }
    }

    /** CPU time used by the whole process (all threads), or -1 when the JVM does not report it. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /**
     * One forward and backward pass with ReLU between the layers; the loss is the mean squared error against
     * the input for the autoencoder, the mean square of the output for the encoder alone. Returns the loss.
     */
    static float step(List<Layer> layers, Tensor x, boolean decoder) {
        for (Layer l : layers) for (Parameter p : l.parameters()) p.zeroGrad();
        Node input = Node.input(x), h = input;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).apply(h, Mode.TRAIN);
            if (i < layers.size() - 1 || !decoder) h = Functions.relu(h);
        }
        Node loss = decoder ? Functions.mse(h, input) : h.square().mean();
        loss.backward();
        return loss.value().item();
    }
}
