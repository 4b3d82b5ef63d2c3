package dev.latent.neural.tensor;

import dev.latent.internal.Check;

import java.util.SplittableRandom;

/** Tensors filled with seeded random values. */
public final class Tensors {
    private Tensors() {}

    /** Values drawn uniformly from {@code [lo, hi)}. */
    public static Tensor uniform(SplittableRandom rng, float lo, float hi, int... shape) {
        Check.notNull("rng", rng);
        Check.argument(lo <= hi, "lo must be <= hi, got " + lo + " > " + hi);
        Tensor t = Tensor.zeros(shape);
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) v[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        return t;
    }

    /** Values drawn from a normal distribution with mean 0 and standard deviation {@code std}. */
    public static Tensor normal(SplittableRandom rng, float std, int... shape) {
        Check.notNull("rng", rng);
        Check.nonNegative("std", std);
        Tensor t = Tensor.zeros(shape);
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) v[i] = (float) (std * gaussian(rng));
        return t;
    }

    /** One standard normal draw (Box-Muller, one value per call, so draws depend only on the call count). */
    public static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble(); // (0, 1]
        double w = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * w);
    }
}
