/**
 * The {@code latent} command: one subcommand class per verb, the options every verb shares
 * ({@link dev.latent.cli.CommonOptions}, {@link dev.latent.cli.DataOptions}), one central error and
 * exit-code policy ({@link dev.latent.cli.ErrorHandler}), a progress bar, and the JSON result.
 */
package dev.latent.cli;
