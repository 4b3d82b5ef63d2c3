package dev.latent.neural.layers;

import dev.latent.internal.Check;
import dev.latent.neural.autodiff.ConvOps;
import dev.latent.neural.autodiff.Node;

import java.util.List;

/**
 * Upsampling of NCHW images by an integer factor (see {@link ConvOps#upsampleNearest} and
 * {@link ConvOps#upsampleBilinear}); no parameters.
 *
 * @param scale factor applied to the height and the width, at least 1
 * @param bilinear bilinear interpolation (PyTorch's {@code align_corners=False}) when true, nearest neighbour when false
 */
public record Upsample(int scale, boolean bilinear) implements Layer {
    public Upsample {
        Check.atLeast("scale", scale, 1);
    }

    /** Nearest-neighbour upsampling by {@code scale}. */
    public static Upsample nearest(int scale) {
        return new Upsample(scale, false);
    }

    /** Bilinear upsampling by {@code scale}. */
    public static Upsample bilinear(int scale) {
        return new Upsample(scale, true);
    }

    @Override
    public Node apply(Node x, Mode mode) {
        return bilinear ? ConvOps.upsampleBilinear(x, scale) : ConvOps.upsampleNearest(x, scale);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }
}
