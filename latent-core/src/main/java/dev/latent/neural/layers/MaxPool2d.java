package dev.latent.neural.layers;

import dev.latent.internal.Check;
import dev.latent.neural.autodiff.ConvOps;
import dev.latent.neural.autodiff.Node;

import java.util.List;

/**
 * Max pooling of NCHW images over square windows (see {@link ConvOps#maxPool2d}); no parameters.
 *
 * @param kernel window side, at least 1
 * @param stride step between windows, at least 1; usually the kernel side
 * @param padding absent positions past each edge, in {@code [0, kernel / 2]}
 */
public record MaxPool2d(int kernel, int stride, int padding) implements Layer {
    public MaxPool2d {
        Check.atLeast("kernel", kernel, 1);
        Check.atLeast("stride", stride, 1);
        Check.atLeast("padding", padding, 0);
        Check.atMost("padding", padding, kernel / 2);
    }

    /** Non-overlapping {@code kernel x kernel} windows without padding. */
    public static MaxPool2d of(int kernel) {
        return new MaxPool2d(kernel, kernel, 0);
    }

    @Override
    public Node apply(Node x, Mode mode) {
        return ConvOps.maxPool2d(x, kernel, stride, padding);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }
}
