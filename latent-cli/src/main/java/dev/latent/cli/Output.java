package dev.latent.cli;

import dev.latent.io.Json;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * What a running command produces: text for people on stdout, notes and a progress bar on
 * stderr, and, with {@code --json}, one JSON object holding the results and the timings of each stage.
 * <p>In JSON mode {@link #text()} discards what is written to it, so a command can print its text
 * unconditionally and stdout still carries nothing but the JSON object.
 */
final class Output {
    private final PrintWriter out;
    private final PrintWriter err;
    private final PrintWriter text;
    private final boolean json;
    private final boolean quiet;
    private final boolean progress;
    private final Json.JsonObject result = Json.object();
    private final Json.JsonObject timings = Json.object();

    /**
     * @param terminal whether stderr is a terminal (a progress bar is drawn only then)
     */
    Output(PrintWriter out, PrintWriter err, boolean json, boolean quiet, boolean terminal) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.quiet = quiet;
        this.progress = terminal && !quiet && !json;
        this.text = json ? new PrintWriter(Writer.nullWriter()) : out;
    }

    /** Where to print the human-readable result: stdout, or nowhere in JSON mode. */
    PrintWriter text() {
        return text;
    }

    /** The JSON result object the command fills in; written to stdout at the end in JSON mode. */
    Json.JsonObject result() {
        return result;
    }

    boolean json() {
        return json;
    }

    /** Prints a note on stderr (a warning, a download started), unless {@code --quiet}. */
    void note(String message) {
        if (quiet) return;
        err.println(message);
        err.flush();
    }

    /** A progress bar for {@code total} units; it draws only on a terminal and without --quiet or --json. */
    ProgressBar progress(String label, long total) {
        return new ProgressBar(err, progress, System::nanoTime, label, total, false);
    }

    /** A progress bar counting bytes, of {@code total} bytes or -1 when unknown (a download). */
    ProgressBar bytesProgress(String label, long total) {
        return new ProgressBar(err, progress, System::nanoTime, label, total, true);
    }

    /** Runs {@code stage}, records its wall time in seconds under {@code name}, and returns its value. */
    <T> T time(String name, Callable<T> stage) throws Exception {
        long t0 = System.nanoTime();
        try {
            return stage.call();
        } finally {
            timings.put(name, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The seconds recorded for stage {@code name}. */
    double seconds(String name) {
        return timings.get(name).asDouble();
    }

    /** The stage timings so far, in seconds. */
    Json.JsonObject timings() {
        return timings;
    }

    /** Writes the JSON result, with the timings and total seconds, as one line on stdout. */
    void finish(double totalSeconds) {
        if (!json) {
            out.flush();
            return;
        }
        result.put("timings", timings).put("seconds", totalSeconds);
        out.println(result);
        out.flush();
    }

    /** {@code 0.84 s}, {@code 12 ms}, {@code 2 min 5 s}. */
    static String duration(double seconds) {
        if (seconds < 1) return String.format(Locale.ROOT, "%.0f ms", seconds * 1e3);
        if (seconds < 60) return String.format(Locale.ROOT, "%.2f s", seconds);
        long s = Math.round(seconds);
        return s / 60 + " min " + s % 60 + " s";
    }

    /** {@code 512 B}, {@code 52.3 MiB}, {@code 1.2 GiB}. */
    static String bytes(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
