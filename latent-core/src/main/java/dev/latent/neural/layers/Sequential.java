package dev.latent.neural.layers;

import dev.latent.internal.Check;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Layers applied one after another; its parameters and buffers are theirs, in layer order. */
public final class Sequential implements Layer {
    private final List<Layer> layers;

    private Sequential(List<Layer> layers) {
        this.layers = layers;
    }

    /**
     * The given layers, in order.
     * @throws IllegalArgumentException when no layer is given
     */
    public static Sequential of(Layer... layers) {
        return of(List.of(layers));
    }

    /** The given layers, in order. */
    public static Sequential of(List<? extends Layer> layers) {
        Check.atLeast("number of layers", layers.size(), 1);
        return new Sequential(List.copyOf(layers));
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public Node apply(Node x, Mode mode) {
        Node h = x;
        for (Layer l : layers) h = l.apply(h, mode);
        return h;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer l : layers) all.addAll(l.parameters());
        return List.copyOf(all);
    }

    @Override
    public List<Tensor> buffers() {
        List<Tensor> all = new ArrayList<>();
        for (Layer l : layers) all.addAll(l.buffers());
        return List.copyOf(all);
    }

    /** Seeds each layer from one generator seeded with {@code seed}, split once per layer in order. */
    @Override
    public void seed(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (Layer l : layers) l.seed(rng.split().nextLong());
    }
}
