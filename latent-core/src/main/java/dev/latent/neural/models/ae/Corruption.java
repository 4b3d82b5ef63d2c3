package dev.latent.neural.models.ae;

import dev.latent.neural.autodiff.Node;
import dev.latent.neural.layers.Layer;
import dev.latent.neural.layers.Mode;
import dev.latent.neural.layers.Parameter;
import dev.latent.neural.tensor.Tensor;
import dev.latent.neural.tensor.Tensors;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Applies a {@link Noise} to its input in training mode and passes it unchanged in evaluation mode. The
 * training loop reseeds it every epoch ({@link #seed}), so a resumed run draws the same noise.
 */
final class Corruption implements Layer {
    private final Noise noise;
    private SplittableRandom rng = new SplittableRandom(0);

    Corruption(Noise noise) {
        this.noise = noise;
    }

    @Override
    public Node apply(Node x, Mode mode) {
        if (mode == Mode.EVAL || noise.kind() == Noise.Kind.NONE || noise.level() == 0) return x;
        float[] in = x.value().data();
        float[] out = new float[in.length];
        float level = (float) noise.level();
        if (noise.kind() == Noise.Kind.GAUSSIAN) {
            for (int i = 0; i < in.length; i++) out[i] = in[i] + level * (float) Tensors.gaussian(rng);
        } else {
            for (int i = 0; i < in.length; i++) out[i] = rng.nextDouble() < level ? 0f : in[i];
        }
        return Node.input(Tensor.of(out, x.value().shape()));  // the input is data: no gradient flows back
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public void seed(long seed) {
        rng = new SplittableRandom(seed);
    }
}
