package dev.latent.neural.models;

import dev.latent.internal.Check;
import dev.latent.io.ModelReader;
import dev.latent.io.ModelWriter;
import dev.latent.neural.layers.Layer;
import dev.latent.neural.layers.Parameter;
import dev.latent.neural.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * A network's weights in a model file: its parameters as {@code PREFIX.parameter.i} and its buffers (such as
 * batch-normalization statistics) as {@code PREFIX.buffer.i}, float32 arrays with their shapes, in the network's
 * fixed order. Reading fills a network built with the same hyperparameters.
 */
public final class Weights {
    private Weights() {}

    /** Writes every parameter and buffer of {@code network} under {@code prefix}. */
    public static void write(ModelWriter out, String prefix, Layer network) {
        List<Parameter> params = network.parameters();
        for (int i = 0; i < params.size(); i++) write(out, prefix + ".parameter." + i, params.get(i).value());
        List<Tensor> buffers = network.buffers();
        for (int i = 0; i < buffers.size(); i++) write(out, prefix + ".buffer." + i, buffers.get(i));
    }

    /**
     * Sets every parameter and buffer of {@code network} from the arrays under {@code prefix}.
     * @throws IllegalArgumentException when an array's shape differs from the network's
     */
    public static void read(ModelReader in, String prefix, Layer network) {
        List<Parameter> params = network.parameters();
        for (int i = 0; i < params.size(); i++) read(in, prefix + ".parameter." + i, params.get(i).value());
        List<Tensor> buffers = network.buffers();
        for (int i = 0; i < buffers.size(); i++) read(in, prefix + ".buffer." + i, buffers.get(i));
    }

    /** Writes one tensor as the float32 array {@code name}. */
    public static void write(ModelWriter out, String name, Tensor t) {
        out.floats(name, t.data(), t.shape());
    }

    /**
     * Copies the float32 array {@code name} into {@code into}.
     * @throws IllegalArgumentException when the array's shape differs from the tensor's
     */
    public static void read(ModelReader in, String name, Tensor into) {
        int[] stored = in.shape(name);
        Check.argument(Arrays.equals(stored, into.shape()), name + " must have shape " + Arrays.toString(into.shape())
                + " for these hyperparameters, got " + Arrays.toString(stored));
        float[] values = in.floats(name);
        System.arraycopy(values, 0, into.data(), 0, values.length);
    }
}
