package dev.latent.neural.onnx;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("slow") // ONNX Runtime loads its native library on first use (about a second)
class OnnxGraphTest {
    @TempDir Path dir;

    @Test
    void denseLayerWithReluRunsInOnnxRuntime() throws Exception {
        // y = relu(x W + b) with x = [[1, 2, 3], [-1, 0, 1]], W = [[1, 0], [0, 1], [1, -1]], b = [0.5, -4]
        // row 0: [1 + 3 + 0.5, 2 - 3 - 4] = [4.5, -5] -> [4.5, 0]; row 1: [-1 + 1 + 0.5, 0 - 1 - 4] -> [0.5, 0]
        OnnxGraph g = new OnnxGraph("dense");
        g.input("x", -1, 3);
        String w = g.initializer("w", new float[]{1, 0, 0, 1, 1, -1}, 3, 2);
        String b = g.initializer("b", new float[]{0.5f, -4}, 2);
        g.output(g.node("Relu", g.node("Gemm", "x", w, b)), -1, 2);
        float[] y = OnnxRuntimeRunner.run(g.toBytes(), "x", new float[]{1, 2, 3, -1, 0, 1}, 2, 3);
        assertArrayEquals(new float[]{4.5f, 0, 0.5f, 0}, y, 1e-6f, "relu(xW + b) worked out by hand");
    }

    @Test
    void convolutionWithStrideAndPaddingMatchesTheDefinition() throws Exception {
        // one 5x5 image, two 3x3 filters, stride 2, padding 1: output 2 x 3 x 3, checked against direct loops
        float[] x = new float[25], w = new float[2 * 9], bias = {0.25f, -1};
        for (int i = 0; i < x.length; i++) x[i] = (i * 7 % 11) - 5;
        for (int i = 0; i < w.length; i++) w[i] = ((i * 5) % 9 - 4) / 4f;
        OnnxGraph g = new OnnxGraph("conv");
        g.input("x", -1, 1, 5, 5);
        String conv = g.node("Conv", List.of("x", g.initializer("w", w, 2, 1, 3, 3), g.initializer("b", bias, 2)),
                List.of(OnnxAttribute.ints("kernel_shape", 3, 3), OnnxAttribute.ints("strides", 2, 2),
                        OnnxAttribute.ints("pads", 1, 1, 1, 1)));
        g.output(conv, -1, 2, 3, 3);
        float[] expected = new float[18];
        for (int f = 0; f < 2; f++)
            for (int oy = 0; oy < 3; oy++)
                for (int ox = 0; ox < 3; ox++) {
                    double sum = bias[f];
                    for (int ky = 0; ky < 3; ky++)
                        for (int kx = 0; kx < 3; kx++) {
                            int iy = 2 * oy - 1 + ky, ix = 2 * ox - 1 + kx;
                            if (iy >= 0 && iy < 5 && ix >= 0 && ix < 5) sum += x[iy * 5 + ix] * w[f * 9 + ky * 3 + kx];
                        }
                    expected[(f * 3 + oy) * 3 + ox] = (float) sum;
                }
        assertArrayEquals(expected, OnnxRuntimeRunner.run(g.toBytes(), "x", x, 1, 1, 5, 5), 1e-5f, "direct convolution sums");
    }

    @Test
    void reshapeTakesAnInt64ShapeAndFloatAttributesArrive() throws Exception {
        // leaky relu with alpha 0.1 on [-10, 10, -1, 1], reshaped from 1 x 4 to 1 x 2 x 2
        OnnxGraph g = new OnnxGraph("reshape");
        g.input("x", -1, 4);
        String shape = g.initializer("shape", new long[]{-1, 2, 2}, 3);
        String leaky = g.node("LeakyRelu", List.of("x"), List.of(OnnxAttribute.of("alpha", 0.1f)));
        g.output(g.node("Reshape", leaky, shape), -1, 2, 2);
        assertArrayEquals(new float[]{-1, 10, -0.1f, 1}, OnnxRuntimeRunner.run(g.toBytes(), "x", new float[]{-10, 10, -1, 1}, 1, 4),
                1e-6f, "alpha * x below zero, x above");
    }

    @Test
    void writesTheSameBytesItSerializes() throws Exception {
        OnnxGraph g = new OnnxGraph("tiny");
        g.input("x", -1, 2);
        g.output(g.node("Sigmoid", "x"), -1, 2);
        Path file = dir.resolve("tiny.onnx");
        g.write(file);
        assertArrayEquals(g.toBytes(), Files.readAllBytes(file), "the file holds the serialized model");
        assertEquals(List.of(file), Files.list(dir).toList(), "no temporary file is left beside the model");
        assertArrayEquals(new float[]{0.5f, 0.5f}, OnnxRuntimeRunner.run(Files.readAllBytes(file), "x", new float[]{0, 0}, 1, 2), 1e-7f,
                "sigmoid(0) = 1/2 from the file as written");
    }

    @Test
    void rejectsUndefinedInputsRepeatedNamesAndShapeMismatches() {
        OnnxGraph g = new OnnxGraph("bad");
        g.input("x", -1, 2);
        var undefined = assertThrows(IllegalArgumentException.class, () -> g.node("Relu", "y"));
        assertTrue(undefined.getMessage().contains("value y is not defined"), undefined.getMessage());
        var repeated = assertThrows(IllegalArgumentException.class, () -> g.input("x", 1));
        assertTrue(repeated.getMessage().contains("x is already defined"), repeated.getMessage());
        var size = assertThrows(IllegalArgumentException.class, () -> g.initializer("w", new float[5], 2, 3));
        assertTrue(size.getMessage().contains("has 5 values but its shape holds 6"), size.getMessage());
        var noOutput = assertThrows(IllegalStateException.class, () -> g.write(dir.resolve("none.onnx")));
        assertTrue(noOutput.getMessage().contains("has no output"), noOutput.getMessage());
    }
}
