package dev.latent.cli;

import dev.latent.Latent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IVersionProvider;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code latent} command: entry point, subcommand list, and the wiring of the central error policy.
 * <p>Exit codes: 0 on success, 2 for bad usage or bad input, 1 for an internal error (see
 * {@link ErrorHandler}). {@link #run} runs a command in-process with the given streams and never
 * calls {@link System#exit}.
 */
@Command(name = "latent",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Unsupervised learning on the JVM: look at data, cluster it, reduce its dimension, "
                + "learn codes and distributions.",
        subcommands = {DatasetsCommand.class, InfoCommand.class, ClusterCommand.class, ReduceCommand.class,
                TrainCommand.class, EncodeCommand.class, ReconstructCommand.class, ExportCommand.class,
                GenerateCommand.class, InterpolateCommand.class, EvaluateCommand.class, TutorialCommand.class,
                ReportCommand.class},
        footer = {"", "Every command takes --help, --json, --seed, --threads, --debug and --quiet.",
                "DATA is a registered dataset name (see 'latent datasets') or a .npy, .csv, IDX or image-folder path.",
                "Exit codes: 0 success, 2 bad usage or bad input, 1 internal error."})
public final class Main extends CommandGroup {
    private final DataAccess data;
    private final boolean terminal;

    Main(DataAccess data, boolean terminal) {
        this.data = data;
        this.terminal = terminal;
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /**
     * Runs the command line in-process, writing to {@code out} and {@code err}; returns the exit code.
     * A progress bar is drawn only when {@code err} is the process's stderr and that is a terminal.
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        java.io.Console console = System.console();
        boolean terminal = err == System.err && console != null && console.isTerminal();
        return run(new RegistryDataAccess(), terminal, out, err, args);
    }

    /** Runs the command line with the given access to datasets. */
    static int run(DataAccess data, boolean terminal, PrintStream out, PrintStream err, String... args) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        ErrorHandler handler = new ErrorHandler();
        try {
            CommandLine cl = new CommandLine(new Main(data, terminal))
                    .setOut(o)
                    .setErr(e)
                    .setColorScheme(Help.defaultColorScheme(terminal ? Help.Ansi.AUTO : Help.Ansi.OFF))
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .setUsageHelpAutoWidth(true)
                    .setExecutionExceptionHandler(handler)
                    .setParameterExceptionHandler(handler);
            return cl.execute(args);
        } catch (Throwable t) { // errors (out of memory, stack overflow) bypass picocli's handlers
            boolean debug = java.util.Arrays.asList(args).contains("--debug");
            return ErrorHandler.report(e, t, debug);
        } finally {
            o.flush();
            e.flush();
        }
    }

    DataAccess data() {
        return data;
    }

    /** Whether stderr is a terminal, so a progress bar may be drawn. */
    boolean terminal() {
        return terminal;
    }

    /** {@code latent <version>}, with the Java version it runs on. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"latent " + Latent.version() + " (Java " + Runtime.version() + ")"};
        }
    }
}
