package dev.latent;

/** A fitted model: immutable, holding what it learned and a report of how it was fitted. */
public interface Model {
    /** How the fit went: iterations, convergence, final objective, time and library version. */
    FitReport report();
}
