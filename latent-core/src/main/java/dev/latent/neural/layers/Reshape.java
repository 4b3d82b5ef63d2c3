package dev.latent.neural.layers;

import dev.latent.internal.Check;
import dev.latent.neural.autodiff.Functions;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * Gives each sample of a batch a new shape with the same number of values, without copying: from
 * {@code [n, ...]} to {@code [n, sampleShape...]}. It joins convolutional and dense layers, e.g.
 * {@code Reshape.of(64 * 7 * 7)} flattens feature maps and {@code Reshape.of(64, 7, 7)} restores them.
 */
public final class Reshape implements Layer {
    private final int[] sampleShape;
    private final int sampleSize;

    private Reshape(int[] sampleShape) {
        this.sampleShape = sampleShape;
        int size = 1;
        for (int s : sampleShape) size = Math.multiplyExact(size, s);
        this.sampleSize = size;
    }

    /**
     * Reshapes each sample to {@code sampleShape}.
     * @throws IllegalArgumentException when no dimension is given or one is below 1
     */
    public static Reshape of(int... sampleShape) {
        Check.atLeast("number of dimensions", sampleShape.length, 1);
        for (int s : sampleShape) Check.atLeast("dimension", s, 1);
        return new Reshape(sampleShape.clone());
    }

    /** The shape of one sample after this layer; a copy. */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /**
     * {@inheritDoc}
     * @throws IllegalArgumentException when a sample of {@code x} does not hold the same number of values
     */
    @Override
    public Node apply(Node x, Mode mode) {
        Tensor v = x.value();
        int n = v.dim(0);
        Check.argument(v.size() == (long) n * sampleSize, "x must hold " + sampleSize + " values per sample to be "
                + "reshaped to " + Arrays.toString(sampleShape) + ", got shape " + Arrays.toString(v.shape()));
        int[] shape = new int[sampleShape.length + 1];
        shape[0] = n;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return Functions.reshape(x, shape);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String toString() {
        return "Reshape(" + Arrays.toString(sampleShape) + ")";
    }
}
