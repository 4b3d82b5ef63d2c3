package dev.latent.neural.onnx;

import dev.latent.neural.autodiff.Node;
import dev.latent.neural.layers.ActivationLayer;
import dev.latent.neural.layers.BatchNorm;
import dev.latent.neural.layers.Conv2d;
import dev.latent.neural.layers.ConvTranspose2d;
import dev.latent.neural.layers.Dense;
import dev.latent.neural.layers.Dropout;
import dev.latent.neural.layers.Layer;
import dev.latent.neural.layers.MaxPool2d;
import dev.latent.neural.layers.Mode;
import dev.latent.neural.layers.Parameter;
import dev.latent.neural.layers.Reshape;
import dev.latent.neural.layers.Sequential;
import dev.latent.neural.layers.Upsample;
import dev.latent.neural.tensor.Activation;
import dev.latent.neural.tensor.Tensor;
import dev.latent.neural.tensor.Tensors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exported networks run in ONNX Runtime and give Latent's own outputs to 1e-5. */
@Tag("slow") // ONNX Runtime loads its native library on first use (about a second)
class OnnxExportTest {
    @TempDir Path dir;

    @Test
    void denseNetworkWithEveryActivationMatchesLatent() throws Exception {
        var rng = new SplittableRandom(5);
        Sequential net = Sequential.of(
                Dense.of(6, 8, Activation.RELU, rng), Dropout.of(0.3f, 1),
                Dense.of(8, 7, Activation.GELU, rng), Dense.of(7, 6, Activation.LEAKY_RELU, rng),
                Dense.of(6, 5, Activation.ELU, rng), Dense.of(5, 4, Activation.SOFTPLUS, rng),
                Dense.of(4, 4, Activation.TANH, rng), Dense.of(4, 3, Activation.IDENTITY, rng),
                ActivationLayer.of(Activation.SIGMOID));
        randomizeBiases(net, rng);
        assertSameOutputs(net, new int[]{6}, Tensors.uniform(rng, -2f, 2f, 5, 6));
    }

    @Test
    void convolutionalNetworkOnFourBandImagesMatchesLatent() throws Exception {
        var rng = new SplittableRandom(9);
        BatchNorm bn = BatchNorm.of(8);
        Sequential net = Sequential.of(
                Conv2d.of(4, 8, 3, 2, 1, rng), bn, ActivationLayer.of(Activation.RELU),   // 8 x 14 x 14
                MaxPool2d.of(2),                                                        // 8 x 7 x 7
                Reshape.flatten(), Dense.of(8 * 7 * 7, 16, Activation.ELU, rng),
                Dense.of(16, 8 * 7 * 7, Activation.RELU, rng), Reshape.of(8, 7, 7),
                ConvTranspose2d.of(8, 6, 3, 2, 1, 1, rng),                              // 6 x 14 x 14
                Upsample.nearest(2), Conv2d.of(6, 3, 3, 1, 1, rng),                     // 3 x 28 x 28
                Upsample.bilinear(2), Conv2d.of(3, 2, 5, 2, 2, rng),                    // 2 x 28 x 28
                ActivationLayer.of(Activation.SIGMOID));
        randomizeBiases(net, rng);
        for (int step = 0; step < 3; step++) {         // running statistics away from their start (0 and 1)
            net.apply(Node.input(Tensors.uniform(rng, 0f, 2f, 6, 4, 28, 28)), Mode.TRAIN);
        }
        assertTrue(Math.abs(bn.runningMean().data()[0]) > 1e-3, "the running mean has moved");
        assertSameOutputs(net, new int[]{4, 28, 28}, Tensors.uniform(rng, 0f, 1f, 3, 4, 28, 28));
    }

    @Test
    void writesAFileOnnxRuntimeReads() throws Exception {
        var rng = new SplittableRandom(2);
        Sequential net = Sequential.of(Dense.of(3, 2, Activation.TANH, rng));
        Path file = dir.resolve("net.onnx");
        OnnxExport.write(net, new int[]{3}, "net", file);
        Tensor x = Tensors.uniform(rng, -1f, 1f, 4, 3);
        float[] ours = net.apply(Node.input(x), Mode.EVAL).value().data();
        float[] theirs = OnnxRuntimeRunner.run(Files.readAllBytes(file), "input", x.data(), 4, 3);
        assertClose(ours, theirs);
    }

    @Test
    void refusesALayerWithoutAnOnnxForm() {
        Layer custom = new Layer() {
            @Override public Node apply(Node x, Mode mode) { return x; }
            @Override public List<Parameter> parameters() { return List.of(); }
            @Override public String toString() { return "Custom"; }
        };
        var e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.graph(Sequential.of(custom), new int[]{2}, "custom"));
        assertEquals("layer Custom has no ONNX form", e.getMessage());
    }

    private static void assertSameOutputs(Layer net, int[] sampleShape, Tensor x) throws Exception {
        float[] ours = net.apply(Node.input(x), Mode.EVAL).value().data();
        byte[] model = OnnxExport.graph(net, sampleShape, "net").toBytes();
        long[] shape = new long[x.rank()];
        for (int i = 0; i < shape.length; i++) shape[i] = x.dim(i);
        assertClose(ours, OnnxRuntimeRunner.run(model, "input", x.data(), shape));
    }

    private static void assertClose(float[] ours, float[] theirs) {
        assertEquals(ours.length, theirs.length, "ONNX Runtime gives as many outputs as Latent");
        for (int i = 0; i < ours.length; i++) {
            double tol = 1e-5 * Math.max(1, Math.abs(ours[i]));
            assertTrue(Math.abs(ours[i] - theirs[i]) <= tol,
                    "output " + i + ": Latent " + ours[i] + ", ONNX Runtime " + theirs[i] + " (within 1e-5 expected)");
        }
    }

    /** Biases and batch-norm scales start at 0 and 1; random values make the export check them. */
    private static void randomizeBiases(Layer net, SplittableRandom rng) {
        for (Parameter p : net.parameters()) {
            if (p.name().equals("bias") || p.name().equals("gamma") || p.name().equals("beta")) {
                float[] v = p.value().data();
                for (int i = 0; i < v.length; i++) v[i] += (float) (rng.nextDouble() - 0.5);
            }
        }
    }
}
