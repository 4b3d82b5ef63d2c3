package dev.latent.neural.autodiff;

import dev.latent.internal.Check;
import dev.latent.neural.layers.Parameter;
import dev.latent.neural.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Checks back-propagated gradients against central finite differences, for tests.
 * <p>The loss is rebuilt by the supplier for every perturbed value, so it must be deterministic (no
 * fresh dropout masks). The difference quotient divides by the step actually taken in float32
 * ({@code (float) (v + h) - (float) (v - h)}), and the check passes when
 * {@code |analytic - numeric| <= tolerance * max(1, |analytic|, |numeric|)}. Inputs should be kept
 * away from kinks (ReLU at 0, L1 at 0), where one-sided slopes differ. Large parameters are checked at
 * a seeded sample of at most {@value #MAX_CHECKS} positions.
 * <p>Failures throw {@link AssertionError}, so JUnit reports them as test failures.
 */
public final class GradCheck {
    private GradCheck() {}

    /** Positions checked per parameter at most. */
    public static final int MAX_CHECKS = 60;

    /**
     * Asserts that the gradient of {@code loss} with respect to every parameter matches central differences.
     * @param loss      builds the scalar loss from the parameters' {@link Parameter#node()}s
     * @param epsilon   the finite-difference step, such as 1e-2 (float32 inputs need a large step)
     * @param tolerance the allowed relative difference, such as 1e-2
     * @throws AssertionError when a gradient differs; the message names the parameter and position
     */
    public static void assertMatches(Supplier<Node> loss, List<Parameter> params, double epsilon, double tolerance) {
        Check.positive("epsilon", epsilon);
        Check.positive("tolerance", tolerance);
        for (Parameter p : params) p.zeroGrad();
        Node out = loss.get();
        if (out.value().size() != 1) {
            throw new AssertionError("the loss must be a scalar, got shape " + Arrays.toString(out.value().shape()));
        }
        out.backward();
        SplittableRandom rng = new SplittableRandom(12345);
        for (Parameter p : params) {
            float[] analytic = p.grad().data().clone();
            float[] v = p.value().data();
            int[] positions = positions(v.length, rng);
            for (int i : positions) {
                float orig = v[i];
                float plus = (float) (orig + epsilon), minus = (float) (orig - epsilon);
                v[i] = plus;
                double fp = value(loss);
                v[i] = minus;
                double fm = value(loss);
                v[i] = orig;
                double numeric = (fp - fm) / ((double) plus - (double) minus);
                double a = analytic[i];
                double scale = Math.max(1, Math.max(Math.abs(a), Math.abs(numeric)));
                if (!(Math.abs(a - numeric) <= tolerance * scale)) {
                    throw new AssertionError("gradient of " + p.name() + " at " + i + ": expected (finite differences) "
                            + numeric + ", back-propagated " + a);
                }
            }
        }
    }

    private static double value(Supplier<Node> loss) {
        Tensor t = loss.get().value();
        return t.item();
    }

    private static int[] positions(int n, SplittableRandom rng) {
        if (n <= MAX_CHECKS) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        int[] some = new int[MAX_CHECKS];
        for (int i = 0; i < MAX_CHECKS; i++) some[i] = rng.nextInt(n);
        return some;
    }
}
