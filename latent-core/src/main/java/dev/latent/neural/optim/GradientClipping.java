package dev.latent.neural.optim;

import dev.latent.internal.Check;
import dev.latent.neural.layers.Parameter;

import java.util.List;

/** Gradient clipping by global norm. */
public final class GradientClipping {
    private GradientClipping() {}

    /** The Euclidean norm of all gradients together, summed in double in parameter order. */
    public static double globalNorm(List<Parameter> params) {
        double s = 0;
        for (Parameter p : params) {
            for (float g : p.grad().data()) s += (double) g * g;
        }
        return Math.sqrt(s);
    }

    /**
     * Scales all gradients by {@code maxNorm / norm} when their global norm exceeds {@code maxNorm};
     * returns the norm before clipping.
     * <p>Reference: R. Pascanu et al., "On the difficulty of training recurrent neural networks", ICML 2013.
     */
    public static double clipByGlobalNorm(List<Parameter> params, double maxNorm) {
        Check.positive("maxNorm", maxNorm);
        double norm = globalNorm(params);
        if (norm > maxNorm) {
            float f = (float) (maxNorm / norm);
            for (Parameter p : params) {
                float[] g = p.grad().data();
                for (int i = 0; i < g.length; i++) g[i] *= f;
            }
        }
        return norm;
    }
}
