package dev.latent.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr, redrawn in place with a carriage return:
 * {@code label [#####.....]  50%  500/1000  1.2k/s  ETA 0:04}.
 * <p>When the total is unknown (-1) it shows the count, the rate and the elapsed time. Counting
 * bytes, it shows sizes ({@code 12.0/48.0 MiB  3.1 MiB/s}) instead of plain counts.
 * <p>It appears only once the work has run for {@value #SHOW_AFTER_NANOS} ns (a third of a second), so
 * quick work leaves no trace, and then draws at most about ten times a second however often
 * {@link #advance} is called. It is safe to advance from several threads. A disabled bar (stderr not a terminal, {@code --quiet},
 * {@code --json}) writes nothing at all. {@link #close()} draws the final state and ends the line.
 */
final class ProgressBar implements AutoCloseable {
    /** The least time between two redraws: 100 ms, about ten per second. */
    static final long REDRAW_NANOS = 100_000_000L;
    /** How long work runs before the bar first appears: 300 ms. */
    static final long SHOW_AFTER_NANOS = 300_000_000L;
    private static final int BAR_WIDTH = 20;

    private final PrintWriter err;
    private final boolean enabled;
    private final LongSupplier clock;
    private final String label;
    private final long total;
    private final boolean bytes;
    private final long start;
    private final AtomicLong done = new AtomicLong();
    private long lastDraw;
    private int lastWidth;
    private boolean drawn;
    private boolean drawnComplete;
    private boolean closed;

    /**
     * A bar for {@code total} units of work.
     * @param enabled whether to draw at all
     * @param clock   nanosecond clock, {@link System#nanoTime} outside tests
     */
    ProgressBar(PrintWriter err, boolean enabled, LongSupplier clock, String label, long total) {
        this(err, enabled, clock, label, total, false);
    }

    /**
     * A bar for {@code total} units of work, or an open-ended counter when {@code total} is -1.
     * @param bytes whether the units are bytes, shown as sizes
     */
    ProgressBar(PrintWriter err, boolean enabled, LongSupplier clock, String label, long total, boolean bytes) {
        if (total < -1) throw new IllegalArgumentException("total must be >= 0, or -1 when unknown, got " + total);
        this.err = err;
        this.enabled = enabled;
        this.clock = clock;
        this.label = label;
        this.total = total;
        this.bytes = bytes;
        this.start = clock.getAsLong();
        this.lastDraw = start - REDRAW_NANOS; // the first advance after the delay draws at once
    }

    /** Records {@code units} more units done; redraws when the last draw is 100 ms old or the work is complete. */
    void advance(long units) {
        redraw(done.addAndGet(units));
    }

    /** Records that {@code units} units are done in all; redraws as {@link #advance} does. */
    void set(long units) {
        done.set(units);
        redraw(units);
    }

    private void redraw(long now) {
        if (!enabled) return;
        long t = clock.getAsLong();
        synchronized (this) {
            if (closed || t - start < SHOW_AFTER_NANOS) return;
            if (t - lastDraw >= REDRAW_NANOS || (total >= 0 && now >= total && !drawnComplete)) {
                draw(capped(now), t);
            }
        }
    }

    /** The units done so far. */
    long done() {
        return done.get();
    }

    private long capped(long units) {
        return total < 0 ? units : Math.min(units, total);
    }

    private void draw(long units, long now) {
        String line = line(label, units, total, now - start, bytes);
        int pad = Math.max(0, lastWidth - line.length());
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        lastWidth = line.length();
        lastDraw = now;
        drawn = true;
        if (total >= 0 && units >= total) drawnComplete = true;
    }

    /** Draws the final state and ends the line, if the bar was shown at all. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (!enabled || !drawn) return;
        if (!drawnComplete) draw(capped(done.get()), clock.getAsLong());
        err.print("\n");
        err.flush();
    }

    /** The text of the bar for {@code done} of {@code total} units after {@code elapsedNanos}. */
    static String line(String label, long done, long total, long elapsedNanos) {
        return line(label, done, total, elapsedNanos, false);
    }

    /** The text of the bar; {@code total} -1 means unknown, {@code bytes} shows sizes. */
    static String line(String label, long done, long total, long elapsedNanos, boolean bytes) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String rateText = bytes ? Output.bytes(Math.round(rate)) + "/s" : compact(rate) + "/s";
        if (total < 0) {
            return label + "  " + (bytes ? Output.bytes(done) : Long.toString(done)) + "  " + rateText
                    + "  " + clock(seconds);
        }
        double fraction = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.floor(fraction * BAR_WIDTH);
        StringBuilder s = new StringBuilder();
        s.append(label).append(" [").append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
        s.append(String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100)));
        s.append("  ").append(bytes ? Output.bytes(done) + " of " + Output.bytes(total) : done + "/" + total);
        s.append("  ").append(rateText);
        if (done >= total) {
            s.append("  ").append(clock(seconds));
        } else if (rate > 0) {
            s.append("  ETA ").append(clock((total - done) / rate));
        } else {
            s.append("  ETA ?");
        }
        return s.toString();
    }

    /** {@code 950}, {@code 1.2k}, {@code 3.4M}: a rate in three significant characters or so. */
    static String compact(double v) {
        if (v < 1000) return String.format(Locale.ROOT, v < 10 ? "%.1f" : "%.0f", v);
        if (v < 1e6) return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        if (v < 1e9) return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        return String.format(Locale.ROOT, "%.1fG", v / 1e9);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        if (s < 3600) return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
