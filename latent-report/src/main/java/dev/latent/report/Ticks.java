package dev.latent.report;

import java.util.Locale;

/**
 * "Nice" tick marks for an axis: steps of 1, 2 or 5 times a power of ten, with labels that all show the same
 * number of decimals.
 * <p>{@link #lo()} and {@link #hi()} are the range widened outwards to whole steps (the "loose" labelling);
 * {@link #values()} are the ticks from {@code lo} to {@code hi}. A plot may use {@code [lo, hi]} as its axis
 * range (line plots, bar charts) or keep its own range and draw only the ticks inside it (scatter plots).
 * A range of one value (or narrower than a billionth of its values, below their float precision) is widened to 10% of
 * its size each way (or to [-1, 1] around 0) first.
 * {@snippet :
 * Ticks t = Ticks.of(0, 137, 5);     // lo 0, hi 150, step 50: ticks 0, 50, 100, 150
 * }
 * <p>Reference: P. S. Heckbert, "Nice numbers for graph labels", in Graphics Gems, Academic Press, 1990.
 * @param lo     the first tick, at or below the range's minimum
 * @param hi     the last tick, at or above the range's maximum
 * @param step   the distance between ticks: 1, 2 or 5 times a power of ten
 * @param values the ticks, {@code lo} to {@code hi} by {@code step}, each a whole multiple of {@code step}
 * @param labels one label per tick, with just enough decimals to tell the ticks apart
 */
public record Ticks(double lo, double hi, double step, double[] values, String[] labels) {
    /** Returns the ticks; the arrays are the record's own. */
    public Ticks {
        values = values.clone();
        labels = labels.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public String[] labels() {
        return labels.clone();
    }

    /** The number of ticks. */
    public int count() {
        return values.length;
    }

    /**
     * Ticks for the range {@code [min, max]}, about {@code target} intervals apart.
     * @throws IllegalArgumentException when {@code min} or {@code max} is not finite, {@code min > max}, or
     *                                  {@code target < 2}
     */
    public static Ticks of(double min, double max, int target) {
        Require.finite("min", min);
        Require.finite("max", max);
        Require.argument(min <= max, "min must be <= max, got min " + min + " and max " + max);
        Require.atLeast("target", target, 2);
        Require.argument(Double.isFinite(max - min), "max - min must be finite, got " + (max - min));
        if (max - min <= 1e-9 * Math.max(Math.abs(min), Math.abs(max))) {   // one value, up to rounding
            double mid = min / 2 + max / 2, pad = mid == 0 ? 1 : Math.abs(mid) * 0.1;
            min = mid - pad;
            max = mid + pad;
        }
        double range = nice(max - min, false);
        double step = nice(range / (target - 1), true);
        long first = (long) Math.floor(min / step + 1e-9);
        long last = (long) Math.ceil(max / step - 1e-9);
        int count = (int) (last - first + 1);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) values[i] = (first + i) * step + 0.0;   // + 0.0 turns -0.0 into 0.0
        int decimals = Math.max(0, -(int) Math.floor(Math.log10(step) + 1e-9));
        double largest = Math.max(Math.abs(values[0]), Math.abs(values[count - 1]));
        boolean scientific = decimals > 6 || largest >= 1e7;
        String[] labels = new String[count];
        for (int i = 0; i < count; i++) labels[i] = label(values[i], decimals, scientific, step);
        return new Ticks(values[0], values[count - 1], step, values, labels);
    }

    /**
     * Ticks for a range of whole numbers (components, k, epochs): as {@link #of}, with a step of at least 1.
     * @throws IllegalArgumentException as {@link #of}
     */
    public static Ticks ofIntegers(double min, double max, int target) {
        Ticks t = of(min, max, target);
        if (t.step >= 1) return t;
        double lo = Math.floor(t.lo), hi = Math.ceil(t.hi);
        int count = (int) (hi - lo) + 1;
        double[] values = new double[count];
        String[] labels = new String[count];
        for (int i = 0; i < count; i++) {
            values[i] = lo + i + 0.0;
            labels[i] = String.format(Locale.ROOT, "%.0f", values[i]);
        }
        return new Ticks(lo, hi, 1, values, labels);
    }

    /** 1, 2, 5 or 10 times a power of ten: the nearest ({@code round}) or the next at or above. */
    static double nice(double x, boolean round) {
        int exponent = (int) Math.floor(Math.log10(x));
        double power = Math.pow(10, exponent);
        double fraction = x / power;
        double niceFraction;
        if (round) niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        else niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return niceFraction * power;
    }

    private static String label(double v, int decimals, boolean scientific, double step) {
        if (!scientific) return String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (v == 0) return "0";
        // enough significant digits to show the step: digits of v above the step's own
        int digits = Math.max(1, (int) Math.floor(Math.log10(Math.abs(v))) - (int) Math.floor(Math.log10(step) + 1e-9) + 1);
        return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v).replace("e+0", "e").replace("e+", "e")
                .replace("e-0", "e-");
    }

    /** A label for an arbitrary value, in at most {@code digits} significant digits without trailing zeros. */
    static String format(double v, int digits) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return "0";
        double a = Math.abs(v);
        String s;
        if (a >= 1e7 || a < 1e-4) {
            s = String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
            int e = s.indexOf('e');
            String mantissa = stripZeros(s.substring(0, e));
            String exp = s.substring(e + 1).replace("+", "");
            exp = exp.startsWith("-") ? "-" + exp.substring(1).replaceFirst("^0+(?=\\d)", "")
                    : exp.replaceFirst("^0+(?=\\d)", "");
            return mantissa + "e" + exp;
        }
        int magnitude = (int) Math.floor(Math.log10(a));
        int decimals = Math.max(0, digits - 1 - magnitude);
        s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return stripZeros(s);
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) return s;
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        String r = s.substring(0, end);
        return r.equals("-0") ? "0" : r;
    }
}
