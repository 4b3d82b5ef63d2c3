package dev.latent.neural.models;

import dev.latent.data.Matrix;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.layers.Layer;
import dev.latent.neural.layers.Mode;
import dev.latent.neural.tensor.Tensor;

import java.util.Arrays;

/** Runs a trained network on many rows: in evaluation mode, a block of rows at a time. */
public final class Inference {
    private Inference() {}

    /** Rows per block: memory stays at one block's activations whatever the number of rows. */
    public static final int BLOCK = 1024;

    /** {@code network} applied to the rows of {@code x}, each output flattened to {@code cols} values. */
    public static Matrix apply(Layer network, Matrix x, int cols) {
        int n = x.rows(), d = x.cols();
        Matrix out = Matrix.zeros(n, cols);
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            float[] block = Arrays.copyOfRange(x.values(), from * d, to * d);
            Tensor y = network.apply(Node.input(Tensor.of(block, to - from, d)), Mode.EVAL).value();
            System.arraycopy(y.data(), 0, out.values(), from * cols, (to - from) * cols);
        }
        return out;
    }
}
