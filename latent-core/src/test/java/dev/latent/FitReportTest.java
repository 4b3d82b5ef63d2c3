package dev.latent;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FitReportTest {
    @Test
    void historyIsCopiedOnTheWayInAndOut() {
        double[] h = {3, 2, 1};
        FitReport r = FitReport.of(3, true, 1, h, Duration.ofMillis(5));
        h[0] = 99;
        r.history()[1] = 99;
        assertArrayEquals(new double[] {3, 2, 1}, r.history(), "the report keeps its own copy of the history");
    }

    @Test
    void isStampedWithTheLibraryVersion() {
        assertEquals(Latent.version(), FitReport.of(0, false, 0, new double[0], Duration.ZERO).version(),
                "of() records the running library version");
    }

    @Test
    void equalReportsAreEqualAndHashAlike() {
        FitReport a = new FitReport(2, true, 1.5, new double[] {2, 1.5}, Duration.ofSeconds(1), "v");
        FitReport b = new FitReport(2, true, 1.5, new double[] {2, 1.5}, Duration.ofSeconds(1), "v");
        assertEquals(a, b, "reports with equal components are equal (history compared by value)");
        assertEquals(a.hashCode(), b.hashCode(), "equal reports have equal hash codes");
    }

    @Test
    void rejectsNegativeIterations() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> FitReport.of(-1, false, 0, new double[0], Duration.ZERO));
        assertEquals("iterations must be >= 0, got -1", e.getMessage());
    }
}
