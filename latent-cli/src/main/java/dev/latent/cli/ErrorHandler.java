package dev.latent.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place that turns a failure into an exit code and a message, for every command.
 * <p>Bad usage and bad input exit with {@value #USAGE}: picocli parameter errors,
 * {@link IllegalArgumentException}, {@link IOException} (a missing or malformed file) and
 * {@link ArithmeticException} (a NaN loss). Anything else is a bug and exits with
 * {@value #INTERNAL}. Either way stderr gets one line, {@code latent: <message>}; the stack trace
 * follows only with {@code --debug}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    /** Success. */
    static final int OK = 0;
    /** An unexpected internal error. */
    static final int INTERNAL = 1;
    /** Bad usage or bad input. */
    static final int USAGE = 2;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        boolean debug = false;
        for (String a : args) {
            if (a.equals("--")) break;
            if (a.equals("--debug")) debug = true;
        }
        PrintWriter err = e.getCommandLine().getErr();
        if (debug) e.printStackTrace(err);
        String message = oneLine(e.getMessage() == null ? "bad usage" : e.getMessage());
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            message += "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
        }
        err.println("latent: " + message + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName(" ") + " --help')");
        err.flush();
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        boolean debug = commandLine.getCommand() instanceof LatentCommand c && c.common.debug();
        return report(commandLine.getErr(), e, debug);
    }

    /** Prints the message (and, when {@code debug}, the stack trace) and returns the exit code. */
    static int report(PrintWriter err, Throwable e, boolean debug) {
        Throwable cause = unwrap(e);
        int code = exitCode(cause);
        if (debug) e.printStackTrace(err);
        String message = message(cause);
        if (code == INTERNAL && !debug && !(cause instanceof OutOfMemoryError)) message += " (run with --debug for details)";
        err.println("latent: " + message);
        err.flush();
        return code;
    }

    /** The exit code for a failure: {@value #USAGE} for bad usage or input, {@value #INTERNAL} otherwise. */
    static int exitCode(Throwable e) {
        Throwable t = unwrap(e);
        return t instanceof ParameterException || t instanceof IllegalArgumentException || t instanceof IOException
                || t instanceof ArithmeticException ? USAGE : INTERNAL;
    }

    /** One line saying what went wrong, without the {@code latent: } prefix. */
    static String message(Throwable e) {
        Throwable t = unwrap(e);
        String text = switch (t) {
            case FileSystemException f when f.getReason() == null -> fileMessage(f);
            case OutOfMemoryError m -> "out of memory; use --limit, or give Java more memory (-Xmx)";
            case ParameterException p -> p.getMessage();
            case IllegalArgumentException a -> a.getMessage();
            case IOException io -> io.getMessage();
            case ArithmeticException a -> a.getMessage();
            default -> "internal error: " + t;
        };
        if (text == null || text.isBlank()) text = t.getClass().getSimpleName();
        return oneLine(text);
    }

    private static String fileMessage(FileSystemException f) {
        String file = f.getFile() == null ? "file" : f.getFile();
        String other = f.getOtherFile() == null ? "" : " -> " + f.getOtherFile();
        return file + other + ": " + switch (f) {
            case NoSuchFileException n -> "no such file or folder";
            case AccessDeniedException a -> "permission denied";
            case FileAlreadyExistsException a -> "already exists";
            case NotDirectoryException n -> "not a folder";
            case DirectoryNotEmptyException d -> "folder not empty";
            default -> "cannot be used (" + f.getClass().getSimpleName() + ")";
        };
    }

    /** Looks through wrappers that add nothing (unchecked I/O, futures, reflection) to the real failure. */
    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t
                && (t instanceof UncheckedIOException || t instanceof CompletionException
                || t instanceof ExecutionException || t instanceof InvocationTargetException
                || (t instanceof CommandLine.ExecutionException))) {
            t = t.getCause();
        }
        return t;
    }

    /** Joins the lines of a message into one, so stderr gets exactly one line per failure. */
    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
