package dev.latent.neural.onnx;

import dev.latent.internal.Check;
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
import dev.latent.neural.layers.Reshape;
import dev.latent.neural.layers.Sequential;
import dev.latent.neural.layers.Upsample;
import dev.latent.neural.tensor.Activation;
import dev.latent.neural.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Exports a trained network, in its evaluation mode, to an ONNX file of standard operators.
 * <p>Each layer becomes the operators that compute it: {@link Dense} a {@code Gemm} and its activation,
 * {@link Conv2d} a {@code Conv}, {@link ConvTranspose2d} a {@code ConvTranspose}, {@link MaxPool2d} a
 * {@code MaxPool}, {@link Upsample} a {@code Resize}, {@link BatchNorm} a {@code BatchNormalization} with its
 * running statistics, {@link Reshape} a {@code Reshape}; {@link Dropout} is the identity at inference and
 * writes nothing. GELU (the tanh approximation Latent uses) is spelled out with {@code Tanh}, {@code Mul}
 * and {@code Add}, since operator set 17 has no GELU. The graph's input is {@code input} and its output
 * {@code output}, with a symbolic batch dimension.
 * {@snippet :
 * OnnxExport.write(encoder, new int[]{1, 28, 28}, "encoder", Path.of("encoder.onnx"));
 * }
 */
public final class OnnxExport {
    private OnnxExport() {}

    /**
     * Writes {@code network} to {@code file} as an ONNX model taking batches of samples of
     * {@code sampleShape}.
     * @throws IllegalArgumentException if a layer has no ONNX form or {@code sampleShape} does not suit the network
     * @throws IOException              when the file cannot be written; the message names it
     */
    public static void write(Layer network, int[] sampleShape, String name, Path file) throws IOException {
        graph(network, sampleShape, name).write(file);
    }

    /**
     * The ONNX graph of {@code network} for samples of {@code sampleShape}.
     * @throws IllegalArgumentException if a layer has no ONNX form or {@code sampleShape} does not suit the network
     */
    public static OnnxGraph graph(Layer network, int[] sampleShape, String name) {
        Check.notNull("network", network);
        Check.atLeast("number of sample dimensions", sampleShape.length, 1);
        int[] probeShape = new int[sampleShape.length + 1];
        probeShape[0] = 1;
        System.arraycopy(sampleShape, 0, probeShape, 1, sampleShape.length);
        Tensor probe = network.apply(Node.input(Tensor.zeros(probeShape)), Mode.EVAL).value();

        OnnxGraph g = new OnnxGraph(name);
        g.input("input", batchDims(probeShape));
        String last = export(g, network, "input", "");
        g.output(g.node("Identity", last), batchDims(probe.shape()));
        return g;
    }

    private static String export(OnnxGraph g, Layer layer, String x, String prefix) {
        return switch (layer) {
            case Sequential s -> {
                List<Layer> layers = s.layers();
                String h = x;
                for (int i = 0; i < layers.size(); i++) h = export(g, layers.get(i), h, prefix + i + ".");
                yield h;
            }
            case Dense d -> {
                String w = initializer(g, prefix + "weight", d.weight().value());
                String b = initializer(g, prefix + "bias", d.bias().value());
                yield activation(g, g.node("Gemm", x, w, b), d.activation(), d.alpha());
            }
            case ActivationLayer a -> activation(g, x, a.function(), a.alpha());
            case Dropout _ -> x;
            case Conv2d c -> {
                Tensor w = c.weight().value();
                yield g.node("Conv", List.of(x, initializer(g, prefix + "weight", w),
                                initializer(g, prefix + "bias", c.bias().value())),
                        List.of(OnnxAttribute.ints("kernel_shape", w.dim(2), w.dim(3)),
                                OnnxAttribute.ints("strides", c.stride(), c.stride()),
                                OnnxAttribute.ints("pads", c.padding(), c.padding(), c.padding(), c.padding())));
            }
            case ConvTranspose2d c -> {
                Tensor w = c.weight().value();
                yield g.node("ConvTranspose", List.of(x, initializer(g, prefix + "weight", w),
                                initializer(g, prefix + "bias", c.bias().value())),
                        List.of(OnnxAttribute.ints("kernel_shape", w.dim(2), w.dim(3)),
                                OnnxAttribute.ints("strides", c.stride(), c.stride()),
                                OnnxAttribute.ints("pads", c.padding(), c.padding(), c.padding(), c.padding()),
                                OnnxAttribute.ints("output_padding", c.outputPadding(), c.outputPadding())));
            }
            case MaxPool2d p -> g.node("MaxPool", List.of(x),
                    List.of(OnnxAttribute.ints("kernel_shape", p.kernel(), p.kernel()),
                            OnnxAttribute.ints("strides", p.stride(), p.stride()),
                            OnnxAttribute.ints("pads", p.padding(), p.padding(), p.padding(), p.padding())));
            case Upsample u -> {
                String scales = g.initializer(prefix + "scales", new float[]{1, 1, u.scale(), u.scale()}, 4);
                List<OnnxAttribute> mode = u.bilinear()
                        ? List.of(OnnxAttribute.of("mode", "linear"),
                                  OnnxAttribute.of("coordinate_transformation_mode", "half_pixel"))
                        : List.of(OnnxAttribute.of("mode", "nearest"),
                                  OnnxAttribute.of("coordinate_transformation_mode", "asymmetric"),
                                  OnnxAttribute.of("nearest_mode", "floor"));
                yield g.node("Resize", List.of(x, "", scales), mode);
            }
            case BatchNorm bn -> g.node("BatchNormalization",
                    List.of(x, initializer(g, prefix + "gamma", bn.gamma().value()),
                            initializer(g, prefix + "beta", bn.beta().value()),
                            initializer(g, prefix + "runningMean", bn.runningMean()),
                            initializer(g, prefix + "runningVar", bn.runningVar())),
                    List.of(OnnxAttribute.of("epsilon", (float) bn.eps())));
            case Reshape r -> {
                int[] sample = r.sample();        // 0 copies the batch dimension; -1 takes what is left
                long[] shape = new long[Math.max(1, sample.length) + 1];
                if (sample.length == 0) shape[1] = -1;
                for (int i = 0; i < sample.length; i++) shape[i + 1] = sample[i];
                yield g.node("Reshape", x, g.initializer(prefix + "shape", shape, shape.length));
            }
            default -> throw new IllegalArgumentException("layer " + layer + " has no ONNX form");
        };
    }

    private static String activation(OnnxGraph g, String x, Activation f, float alpha) {
        return switch (f) {
            case IDENTITY -> x;
            case RELU -> g.node("Relu", x);
            case LEAKY_RELU -> g.node("LeakyRelu", List.of(x), List.of(OnnxAttribute.of("alpha", alpha)));
            case ELU -> g.node("Elu", List.of(x), List.of(OnnxAttribute.of("alpha", alpha)));
            case SIGMOID -> g.node("Sigmoid", x);
            case TANH -> g.node("Tanh", x);
            case SOFTPLUS -> g.node("Softplus", x);
            case GELU -> gelu(g, x);
        };
    }

    /** {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}, as {@link Activation#GELU} computes it. */
    private static String gelu(OnnxGraph g, String x) {
        String c = g.initializer(x + ".c", new float[]{(float) Math.sqrt(2 / Math.PI)});
        String k = g.initializer(x + ".k", new float[]{0.044715f});
        String half = g.initializer(x + ".half", new float[]{0.5f});
        String one = g.initializer(x + ".one", new float[]{1f});
        String cube = g.node("Mul", g.node("Mul", x, x), x);
        String inner = g.node("Mul", c, g.node("Add", x, g.node("Mul", k, cube)));
        return g.node("Mul", g.node("Mul", half, x), g.node("Add", one, g.node("Tanh", inner)));
    }

    private static String initializer(OnnxGraph g, String name, Tensor t) {
        int[] shape = t.shape();
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) dims[i] = shape[i];
        return g.initializer(name, t.data().clone(), dims);
    }

    private static long[] batchDims(int[] shape) {
        long[] dims = new long[shape.length];
        dims[0] = -1;
        for (int i = 1; i < shape.length; i++) dims[i] = shape[i];
        return dims;
    }
}
