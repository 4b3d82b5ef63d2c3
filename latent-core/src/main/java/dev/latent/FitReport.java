package dev.latent;

import dev.latent.internal.Check;

import java.time.Duration;
import java.util.Arrays;

/**
 * How a fit went: the iterations it ran, whether it converged, its final objective, the objective
 * after each iteration, the wall time and the library version that produced it.
 * <p>What "iteration" and "objective" mean is said by each estimator (for k-means: passes of
 * assignment and update, and the weighted sum of squared distances to the nearest centre).
 * The history array is copied on the way in and on the way out.
 * @param iterations number of iterations run, {@code >= 0}
 * @param converged  whether the stopping rule was met before the iteration limit
 * @param objective  the final value of the objective the algorithm minimizes
 * @param history    the objective recorded at each iteration, oldest first (may be empty)
 * @param time       wall time of the fit
 * @param version    the library version ({@link Latent#version()})
 */
public record FitReport(int iterations, boolean converged, double objective, double[] history, Duration time,
                        String version) {
    public FitReport {
        Check.atLeast("iterations", iterations, 0);
        Check.notNull("history", history);
        Check.notNull("time", time);
        Check.notNull("version", version);
        history = history.clone();
    }

    /** A report stamped with the running library version. */
    public static FitReport of(int iterations, boolean converged, double objective, double[] history,
                               Duration time) {
        return new FitReport(iterations, converged, objective, history, time, Latent.version());
    }

    /** The objective after each iteration, oldest first; a copy. */
    @Override
    public double[] history() {
        return history.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FitReport r && r.iterations == iterations && r.converged == converged
                && Double.compare(r.objective, objective) == 0 && Arrays.equals(r.history, history)
                && r.time.equals(time) && r.version.equals(version);
    }

    @Override
    public int hashCode() {
        int h = Integer.hashCode(iterations);
        h = 31 * h + Boolean.hashCode(converged);
        h = 31 * h + Double.hashCode(objective);
        h = 31 * h + Arrays.hashCode(history);
        h = 31 * h + time.hashCode();
        return 31 * h + version.hashCode();
    }

    @Override
    public String toString() {
        return "FitReport[iterations=" + iterations + ", converged=" + converged + ", objective=" + objective
                + ", time=" + time + ", version=" + version + "]";
    }
}
