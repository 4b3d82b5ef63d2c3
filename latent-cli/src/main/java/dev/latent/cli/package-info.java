/**
 * The {@code latent} command: one subcommand class per verb, the options every verb shares
 * ({@link dev.latent.cli.CommonOptions}, {@link dev.latent.cli.DataOptions}), one central error and
 * exit-code policy ({@link dev.latent.cli.ErrorHandler}), a progress bar, and the JSON result.
 * <p>To add a verb: write a class extending {@code LatentCommand} with a {@code @Command}
 * annotation, one {@code @Option} per component of the record it fits, a {@code DataOptions}
 * mixin if it reads DATA (load it with {@code loadData}, which applies {@code --limit} and refuses
 * NaN), and a {@code run(Output)} that prints text to {@code out.text()}, puts results in
 * {@code out.result()} and times its stages with {@code out.time}. List it in the
 * {@code subcommands} of {@link dev.latent.cli.Main}, or of a {@code CommandGroup} such as
 * {@code cluster} for {@code cluster kmeans}. Throw, never exit: the handler picks the exit code.
 */
package dev.latent.cli;
