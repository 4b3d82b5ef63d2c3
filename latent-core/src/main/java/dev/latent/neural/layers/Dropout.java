package dev.latent.neural.layers;

import dev.latent.internal.Check;
import dev.latent.neural.autodiff.Functions;
import dev.latent.neural.autodiff.Node;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Inverted dropout in training mode (each value zeroed with probability {@code rate}, the rest scaled
 * by {@code 1 / (1 - rate)}); the identity in evaluation mode.
 * <p>Masks come from a generator seeded at construction and restarted by {@link #seed(long)}, which
 * the training loop calls once per epoch.
 */
public final class Dropout implements Layer {
    private final float rate;
    private SplittableRandom rng;

    private Dropout(float rate, long seed) {
        this.rate = rate;
        this.rng = new SplittableRandom(seed);
    }

    /**
     * Dropout with the given rate.
     * @throws IllegalArgumentException when {@code rate} is not in {@code [0, 1)}
     */
    public static Dropout of(float rate, long seed) {
        Check.inRange("rate", rate, 0, 1);
        Check.argument(rate < 1, "rate must be < 1, got " + rate);
        return new Dropout(rate, seed);
    }

    public float rate() {
        return rate;
    }

    @Override
    public Node apply(Node x, Mode mode) {
        if (mode == Mode.EVAL || rate == 0) return x;
        return Functions.dropout(x, rate, rng);
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
