package dev.latent.bench;

import dev.latent.Latent;
import dev.latent.neural.tensor.Conv2dKernels;
import dev.latent.neural.tensor.ConvGeometry;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * CPU time of each convolution kernel of {@link ConvBenchmark}'s autoencoder layers on one batch, on one thread.
 * <p>For each layer (Conv c→32 and 32→64 with kernel 3, stride 2, padding 1; ConvTranspose 64→32 and 32→c with
 * output padding 1) it times the forward pass, the weight and bias gradient, the input gradient, and both
 * gradients in the one pass that training uses ({@code Conv2dKernels.backward}, {@code transposedBackward}); it prints
 * the fastest of 7 rounds of 10 calls in the calling thread's CPU milliseconds (the least disturbed figure on a
 * shared machine) with the GFLOP/s it implies ({@code 2 * batch * outputs * patch} flops per call). Run with
 * {@snippet lang="shell" :
 * java --add-modules jdk.incubator.vector -cp latent-bench/target/benchmarks.jar \
 *     dev.latent.bench.ConvKernelTimes 128 1
 * }
 * (arguments: batch size, image channels).
 */
public final class ConvKernelTimes {
    private ConvKernelTimes() {}

    /** Arguments: batch size, image channels. */
    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int channels = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Latent.setThreads(1);
        var rng = new SplittableRandom(1);
        ConvGeometry[] convs = {ConvGeometry.of(batch, channels, 28, 28, 32, 3, 2, 1), ConvGeometry.of(batch, 32, 14, 14, 64, 3, 2, 1)};
        ConvGeometry[] transposed = {ConvGeometry.transposed(batch, 64, 7, 7, 32, 3, 3, 2, 1, 1),
            ConvGeometry.transposed(batch, 32, 14, 14, channels, 3, 3, 2, 1, 1)};
        for (ConvGeometry g : convs) {
            float[] x = uniform(rng, batch * g.inputSize()), w = uniform(rng, g.weightSize()), b = uniform(rng, g.outChannels());
            float[] y = new float[batch * g.outputSize()], dy = uniform(rng, y.length), dx = new float[x.length];
            float[] dw = new float[w.length], db = new float[b.length];
            double flops = 2.0 * batch * g.outputSize() * g.patchSize();
            String name = "conv " + g.inChannels() + "->" + g.outChannels();
            time(name + " forward", () -> Conv2dKernels.forward(x, w, b, g, y), flops);
            time(name + " weight grad", () -> Conv2dKernels.backwardWeights(x, dy, g, dw, db), flops);
            time(name + " input grad", () -> Conv2dKernels.backwardInput(dy, w, g, dx), flops);
            time(name + " both grads", () -> Conv2dKernels.backward(x, dy, w, g, dx, dw, db), 2 * flops);
        }
        for (ConvGeometry g : transposed) {
            float[] x = uniform(rng, batch * g.outputSize()), w = uniform(rng, g.weightSize()), b = uniform(rng, g.inChannels());
            float[] y = new float[batch * g.inputSize()], dy = uniform(rng, y.length), dx = new float[x.length];
            float[] dw = new float[w.length], db = new float[b.length];
            double flops = 2.0 * batch * g.outputSize() * g.patchSize();
            String name = "convT " + g.outChannels() + "->" + g.inChannels();
            time(name + " forward", () -> Conv2dKernels.transposedForward(x, w, b, g, y), flops);
            time(name + " weight grad", () -> Conv2dKernels.transposedBackwardWeights(x, dy, g, dw, db), flops);
            time(name + " input grad", () -> Conv2dKernels.transposedBackwardInput(dy, w, g, dx), flops);
            time(name + " both grads", () -> Conv2dKernels.transposedBackward(x, dy, w, g, dx, dw, db), 2 * flops);
        }
    }

    private static void time(String name, Runnable kernel, double flops) {
        for (int i = 0; i < 60; i++) kernel.run();
        double[] ms = new double[7];
        var threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < ms.length; r++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 10; i++) kernel.run();
            ms[r] = (threads.getCurrentThreadCpuTime() - t0) / 1e6 / 10;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-26s %7.2f ms  %6.1f GFLOP/s%n", name, ms[0], flops / ms[0] / 1e6);
    }

    private static float[] uniform(SplittableRandom rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) rng.nextDouble();
        return x;
    }
}
