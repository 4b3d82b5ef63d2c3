package dev.latent.report;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TicksTest {
    @Test
    void unitRangeGetsFifths() {
        // span 1 is already nice; 1 / 5 = 0.2 rounds to the nice step 0.2
        Ticks t = Ticks.of(0, 1, 6);
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, t.values(), 1e-12, "ticks of [0, 1]");
        assertArrayEquals(new String[] {"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}, t.labels(), "labels of [0, 1]");
        assertEquals(0.2, t.step(), 1e-15, "step");
    }

    @Test
    void zeroTo137GetsFifties() {
        // span 137 widens to the nice 200; 200 / 4 = 50 is nice; the last tick is ceil(137 / 50) * 50 = 150
        Ticks t = Ticks.of(0, 137, 5);
        assertArrayEquals(new double[] {0, 50, 100, 150}, t.values(), 0, "ticks of [0, 137]");
        assertArrayEquals(new String[] {"0", "50", "100", "150"}, t.labels(), "labels without decimals");
        assertEquals(0, t.lo(), 0, "lo");
        assertEquals(150, t.hi(), 0, "hi");
    }

    @Test
    void negativeRangeHasAPlainZero() {
        // span 5.9 widens to 10; 10 / 4 = 2.5 rounds to 2; floor(-3.7 / 2) = -2 steps, ceil(2.2 / 2) = 2 steps
        Ticks t = Ticks.of(-3.7, 2.2, 5);
        assertArrayEquals(new double[] {-4, -2, 0, 2, 4}, t.values(), 0, "ticks of [-3.7, 2.2]");
        assertArrayEquals(new String[] {"-4", "-2", "0", "2", "4"}, t.labels(), "zero is not -0");
    }

    @Test
    void tinySpanAwayFromZeroGetsEnoughDecimals() {
        // span 3e-4 widens to 5e-4; 5e-4 / 4 = 1.25e-4 rounds to 1e-4
        Ticks t = Ticks.of(1.0, 1.0003, 5);
        assertArrayEquals(new String[] {"1.0000", "1.0001", "1.0002", "1.0003"}, t.labels(), "labels");
        assertEquals(1e-4, t.step(), 1e-18, "step");
    }

    @Test
    void tinySpanAtZeroUsesExponents() {
        Ticks t = Ticks.of(0, 3e-9, 4);
        String[] l = t.labels();
        double[] v = t.values();
        assertEquals("0", l[0], "zero label");
        assertEquals("2e-9", l[1], "second label: span 3e-9 widens to 5e-9, and 5e-9 / 3 rounds to 2e-9");
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[i], Double.parseDouble(l[i]), t.step() * 1e-6, "label " + l[i] + " reads back as its tick");
        }
    }

    @Test
    void singleValueIsWidenedAroundIt() {
        Ticks five = Ticks.of(5, 5, 6);
        assertTrue(five.lo() < 5 && five.hi() > 5, "5 lies inside [" + five.lo() + ", " + five.hi() + "]");
        assertTrue(five.count() >= 3, "at least 3 ticks, got " + five.count());
        Ticks zero = Ticks.of(0, 0, 6);
        assertTrue(zero.lo() <= -1 && zero.hi() >= 1, "0 is widened to at least [-1, 1]");
    }

    @Test
    void spanBelowTheValuesPrecisionIsTreatedAsOneValue() {
        Ticks t = Ticks.of(1e8, 1e8 + 1e-6, 6);
        assertTrue(t.lo() < 1e8 && t.hi() > 1e8 + 1e-6 && t.count() <= 14, "widened around 1e8: " + t.lo() + " .. " + t.hi());
    }

    @Test
    void ticksCoverAnyRangeWithNiceSteps() {
        var rng = new SplittableRandom(3);
        for (int trial = 0; trial < 300; trial++) {
            double scale = Math.pow(10, rng.nextInt(-8, 9));
            double a = (rng.nextDouble() * 2 - 1) * scale, b = a + rng.nextDouble() * scale;
            Ticks t = Ticks.of(a, b, 6);
            double[] v = t.values();
            assertTrue(t.lo() <= a && t.hi() >= b, "[" + t.lo() + ", " + t.hi() + "] covers [" + a + ", " + b + "]");
            assertTrue(v.length >= 2 && v.length <= 14, "between 2 and 14 ticks for [" + a + ", " + b + "], got " + v.length);
            double mantissa = t.step() / Math.pow(10, Math.floor(Math.log10(t.step()) + 1e-9));
            assertTrue(Math.abs(mantissa - 1) < 1e-9 || Math.abs(mantissa - 2) < 1e-9 || Math.abs(mantissa - 5) < 1e-9,
                    "step " + t.step() + " is 1, 2 or 5 times a power of ten");
            String[] l = t.labels();
            for (int i = 0; i < v.length; i++) {
                assertEquals(v[i], Double.parseDouble(l[i]), t.step() * 1e-3, "label " + l[i] + " reads back as " + v[i]);
                if (i > 0) assertTrue(!l[i].equals(l[i - 1]), "labels differ: " + l[i]);
            }
        }
    }

    @Test
    void rejectsNaNAndReversedRanges() {
        var nan = assertThrows(IllegalArgumentException.class, () -> Ticks.of(Double.NaN, 1, 5));
        assertEquals("min must be finite, got NaN", nan.getMessage());
        var inf = assertThrows(IllegalArgumentException.class, () -> Ticks.of(0, Double.POSITIVE_INFINITY, 5));
        assertEquals("max must be finite, got Infinity", inf.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ticks.of(2, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> Ticks.of(0, 1, 1));
    }

    @Test
    void formatsValuesCompactly() {
        assertEquals("0.123457", Ticks.format(0.1234567, 6));
        assertEquals("1500", Ticks.format(1500, 6));
        assertEquals("2.5e-7", Ticks.format(2.5e-7, 6));
        assertEquals("-3", Ticks.format(-3.0, 6));
    }
}
