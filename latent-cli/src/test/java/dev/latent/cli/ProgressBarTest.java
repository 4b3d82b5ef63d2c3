package dev.latent.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressBarTest {
    /** A clock the test moves by hand, in nanoseconds. */
    static final class FakeClock {
        long now = 1_000_000_000L;
    }

    @Test
    void lineShowsLabelPercentCountRateAndEta() {
        // 250 of 1000 in 2 s: 125/s, 750 left take 6 s
        assertEquals("load [#####...............]  25%  250/1000  125/s  ETA 0:06",
                ProgressBar.line("load", 250, 1000, 2_000_000_000L), "bar text");
        // done: the elapsed time instead of an ETA
        assertEquals("load [####################] 100%  1000/1000  1.0k/s  0:01",
                ProgressBar.line("load", 1000, 1000, 1_000_000_000L), "final bar text");
    }

    @Test
    void showsSizesForBytesAndCountsWhenTheTotalIsUnknown() {
        // 1 MiB of 4 MiB in 1 s: 1 MiB/s, 3 s to go
        assertEquals("get [#####...............]  25%  1.0 MiB of 4.0 MiB  1.0 MiB/s  ETA 0:03",
                ProgressBar.line("get", 1 << 20, 4 << 20, 1_000_000_000L, true), "bytes with a total");
        assertEquals("get  5.0 MiB  2.5 MiB/s  0:02",
                ProgressBar.line("get", 5 << 20, -1, 2_000_000_000L, true), "bytes without a total");
        assertEquals("rows  300  150/s  0:02", ProgressBar.line("rows", 300, -1, 2_000_000_000L), "count without a total");
    }

    @Test
    void setRecordsAnAbsoluteCount() {
        var text = new StringWriter();
        var clock = new FakeClock();
        try (var bar = new ProgressBar(new PrintWriter(text), true, () -> clock.now, "get", -1, true)) {
            clock.now += 1_000_000_000L;
            bar.set(2048);
            assertEquals(2048, bar.done(), "absolute count");
        }
        assertTrue(text.toString().startsWith("\rget  2.0 KiB  2.0 KiB/s  0:01"), text.toString());
    }

    @Test
    void formatsRatesAndClocks() {
        assertEquals("2.5", ProgressBar.compact(2.5), "small rate");
        assertEquals("1.5M", ProgressBar.compact(1.5e6), "millions");
        assertEquals("1:01:01", ProgressBar.clock(3661), "hours");
    }

    @Test
    void redrawsAboutTenTimesPerSecond() {
        var text = new StringWriter();
        var clock = new FakeClock();
        try (var bar = new ProgressBar(new PrintWriter(text), true, () -> clock.now, "work", 1000)) {
            for (int i = 0; i < 1000; i++) {
                clock.now += 1_000_000L; // 1 ms per unit: one second in all
                bar.advance(1);
            }
        }
        long draws = text.toString().chars().filter(c -> c == '\r').count();
        // first shown at 300 ms, then every 100 ms (400, ..., 900), then once complete at 1000 ms
        assertEquals(8, draws, "draws in one second of advances");
        assertTrue(text.toString().endsWith("\n"), "close ends the line");
        assertTrue(text.toString().contains("100%  1000/1000"), "final state drawn");
    }

    @Test
    void quickWorkLeavesNoTrace() {
        var text = new StringWriter();
        var clock = new FakeClock();
        try (var bar = new ProgressBar(new PrintWriter(text), true, () -> clock.now, "work", 10)) {
            for (int i = 0; i < 10; i++) {
                clock.now += 20_000_000L; // 20 ms each: done in 200 ms
                bar.advance(1);
            }
        }
        assertEquals("", text.toString(), "nothing drawn for work under 300 ms");
    }

    @Test
    void aDisabledBarWritesNothing() {
        var text = new StringWriter();
        var clock = new FakeClock();
        try (var bar = new ProgressBar(new PrintWriter(text), false, () -> clock.now, "work", 10)) {
            for (int i = 0; i < 10; i++) {
                clock.now += 500_000_000L;
                bar.advance(1);
            }
            assertEquals(10, bar.done(), "counts even when disabled");
        }
        assertEquals("", text.toString(), "no output");
    }

    @Test
    void aShorterLineCoversTheLongerOneBeforeIt() {
        var text = new StringWriter();
        var clock = new FakeClock();
        try (var bar = new ProgressBar(new PrintWriter(text), true, () -> clock.now, "w", 10)) {
            clock.now += 10_000_000_000L;
            bar.advance(1);      // 1 of 10 after 10 s: "... 0.1/s  ETA 1:30"
            clock.now += 1_000_000L;
            bar.advance(9);      // complete: "... 1.0/s  0:10", a shorter line
        }
        String[] draws = text.toString().split("\r");
        assertEquals(3, draws.length, "two draws:\n" + text);
        String second = draws[2].replace("\n", "");
        assertTrue(second.strip().length() < draws[1].length(), "the final text is shorter:\n" + text);
        assertEquals(draws[1].length(), second.length(), "and padded to the first's width:\n" + text);
    }
}
