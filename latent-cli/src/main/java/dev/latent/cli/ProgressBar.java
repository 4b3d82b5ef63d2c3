package dev.latent.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr, redrawn in place with a carriage return:
 * {@code label [#####.....]  50%  500/1000  1.2k/s  ETA 0:04}.
 * <p>It draws at most about ten times a second however often {@link #advance} is called, and is
 * safe to advance from several threads. A disabled bar (stderr not a terminal, {@code --quiet},
 * {@code --json}) writes nothing at all. {@link #close()} draws the final state and ends the line.
 */
final class ProgressBar implements AutoCloseable {
    /** The least time between two redraws: 100 ms, about ten per second. */
    static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 20;

    private final PrintWriter err;
    private final boolean enabled;
    private final LongSupplier clock;
    private final String label;
    private final long total;
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
        if (total < 0) throw new IllegalArgumentException("total must be >= 0, got " + total);
        this.err = err;
        this.enabled = enabled;
        this.clock = clock;
        this.label = label;
        this.total = total;
        this.start = clock.getAsLong();
        this.lastDraw = start - REDRAW_NANOS; // the first advance draws at once
    }

    /** Records {@code units} more units done; redraws when the last draw is 100 ms old or the work is complete. */
    void advance(long units) {
        long now = done.addAndGet(units);
        if (!enabled) return;
        long t = clock.getAsLong();
        synchronized (this) {
            if (closed) return;
            if (t - lastDraw >= REDRAW_NANOS || (now >= total && !drawnComplete)) {
                draw(Math.min(now, total), t);
            }
        }
    }

    /** The units done so far. */
    long done() {
        return done.get();
    }

    private void draw(long units, long now) {
        String line = line(label, units, total, now - start);
        int pad = Math.max(0, lastWidth - line.length());
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        lastWidth = line.length();
        lastDraw = now;
        drawn = true;
        if (units >= total) drawnComplete = true;
    }

    /** Draws the final state and ends the line, if anything was drawn. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (!enabled) return;
        long t = clock.getAsLong();
        if (!drawnComplete) draw(Math.min(done.get(), total), t);
        if (drawn) {
            err.print("\n");
            err.flush();
        }
    }

    /** The text of the bar for {@code done} of {@code total} units after {@code elapsedNanos}. */
    static String line(String label, long done, long total, long elapsedNanos) {
        double fraction = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.floor(fraction * BAR_WIDTH);
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder s = new StringBuilder();
        s.append(label).append(" [").append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
        s.append(String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100)));
        s.append("  ").append(done).append('/').append(total);
        s.append("  ").append(compact(rate)).append("/s");
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
