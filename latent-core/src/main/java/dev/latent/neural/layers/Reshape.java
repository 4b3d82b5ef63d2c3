package dev.latent.neural.layers;

import dev.latent.internal.Check;
import dev.latent.neural.autodiff.Functions;
import dev.latent.neural.autodiff.Node;

import java.util.Arrays;
import java.util.List;

/**
 * Gives each sample a new shape holding as many values: {@code [n, ...]} becomes {@code [n, ...sample]}.
 * {@code Reshape.flatten()} (an empty sample shape) flattens each sample into a row.
 * @param sample the shape of one sample after the layer; empty to flatten
 */
public record Reshape(int[] sample) implements Layer {
    public Reshape {
        for (int d : sample) Check.atLeast("sample dimension", d, 1);
        sample = sample.clone();
    }

    /** Each sample to the given shape. */
    public static Reshape of(int... sample) {
        Check.atLeast("rank of the sample shape", sample.length, 1);
        return new Reshape(sample);
    }

    /** Each sample flattened into a row. */
    public static Reshape flatten() {
        return new Reshape(new int[0]);
    }

    @Override
    public int[] sample() {
        return sample.clone();
    }

    /** @throws IllegalArgumentException when a sample does not hold as many values as the target shape */
    @Override
    public Node apply(Node x, Mode mode) {
        if (sample.length == 0) return Functions.flatten(x);
        int n = x.value().dim(0);
        int[] shape = new int[sample.length + 1];
        shape[0] = n;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        long want = 1;
        for (int d : sample) want *= d;
        Check.argument(n == 0 || x.value().size() / n == want, "samples of shape "
                + Arrays.toString(Arrays.copyOfRange(x.value().shape(), 1, x.value().rank())) + " cannot become "
                + Arrays.toString(sample));
        return Functions.reshape(x, shape);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reshape r && Arrays.equals(sample, r.sample);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sample);
    }

    @Override
    public String toString() {
        return sample.length == 0 ? "Flatten" : "Reshape" + Arrays.toString(sample);
    }
}
