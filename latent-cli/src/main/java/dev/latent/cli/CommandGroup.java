package dev.latent.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * A command that only groups subcommands, such as {@code latent} itself or {@code latent cluster}.
 * <p>Run without a subcommand it prints one line naming the choices and exits with code 2. A new
 * group is a class with a {@code @Command(name = ..., subcommands = {...})} annotation extending
 * this one, listed in its parent's {@code subcommands}.
 */
abstract class CommandGroup implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String name = spec.qualifiedName(" ");
        String choices = String.join(", ", spec.subcommands().keySet());
        spec.commandLine().getErr().println("latent: " + name + " needs a command (" + choices
                + "); run '" + name + " --help' for details");
        return ErrorHandler.USAGE;
    }
}
