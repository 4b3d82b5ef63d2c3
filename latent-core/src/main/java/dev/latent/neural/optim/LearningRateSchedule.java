package dev.latent.neural.optim;

import dev.latent.internal.Check;

/**
 * The learning rate at each step, as a factor of the optimizer's base rate. Steps count from 0.
 */
public sealed interface LearningRateSchedule {
    /** The factor at {@code step}. */
    double factor(long step);

    /** The base rate times the factor at {@code step}. */
    default double rate(double base, long step) {
        return base * factor(step);
    }

    /** The base rate throughout. */
    static LearningRateSchedule constant() {
        return new Constant();
    }

    /** The base rate times {@code gamma} after every {@code every} steps. */
    static LearningRateSchedule step(long every, double gamma) {
        return new StepDecay(every, gamma);
    }

    /** Cosine annealing from the base rate to {@code minFactor} times it over {@code total} steps. */
    static LearningRateSchedule cosine(long total, double minFactor) {
        return new Cosine(total, minFactor);
    }

    /** A linear rise from 0 over {@code steps} steps, then {@code then} (counted from the end of the warm-up). */
    static LearningRateSchedule warmUp(long steps, LearningRateSchedule then) {
        return new WarmUp(steps, then);
    }

    /** Factor 1. */
    record Constant() implements LearningRateSchedule {
        @Override public double factor(long step) {
            return 1;
        }
    }

    /** Factor {@code gamma^floor(step / every)}. */
    record StepDecay(long every, double gamma) implements LearningRateSchedule {
        public StepDecay {
            Check.atLeast("every", every, 1L);
            Check.inRange("gamma", gamma, 0, 1);
        }

        @Override public double factor(long step) {
            return Math.pow(gamma, step / every);
        }
    }

    /**
     * Factor {@code min + (1 - min) (1 + cos(pi t / total)) / 2}, held at {@code min} after {@code total}.
     * <p>Reference: I. Loshchilov and F. Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts", ICLR 2017.
     */
    record Cosine(long total, double minFactor) implements LearningRateSchedule {
        public Cosine {
            Check.atLeast("total", total, 1L);
            Check.inRange("minFactor", minFactor, 0, 1);
        }

        @Override public double factor(long step) {
            double t = Math.min(step, total);
            return minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * t / total));
        }
    }

    /** Factor {@code (step + 1) / steps} during the warm-up, then the next schedule's. */
    record WarmUp(long steps, LearningRateSchedule then) implements LearningRateSchedule {
        public WarmUp {
            Check.atLeast("steps", steps, 1L);
            Check.notNull("then", then);
        }

        @Override public double factor(long step) {
            return step < steps ? (step + 1) / (double) steps : then.factor(step - steps);
        }
    }
}
