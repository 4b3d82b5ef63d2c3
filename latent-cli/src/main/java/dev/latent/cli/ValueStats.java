package dev.latent.cli;

import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.data.FloatStore;
import dev.latent.io.Json;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The range of the feature values of a dataset, over its finite values, and where any non-finite ones are.
 * <p>Byte-stored data is summarized from a histogram of its 256 byte values, exactly and without a
 * float copy; float data is scanned once, with sums in double around a shift (the first finite
 * value) to keep the variance accurate.
 * @param values       the number of finite values
 * @param nonFinite    the number of NaN and infinite values
 * @param firstRow     the row of the first non-finite value, or -1
 * @param firstColumn  its column, or -1
 * @param firstIsNan   whether the first non-finite value is NaN (else an infinity)
 * @param min          the smallest finite value (NaN when there is none)
 * @param max          the largest finite value (NaN when there is none)
 * @param mean         the mean of the finite values (NaN when there is none)
 * @param std          their population standard deviation (NaN when there is none)
 */
record ValueStats(long values, long nonFinite, long firstRow, int firstColumn, boolean firstIsNan,
                  double min, double max, double mean, double std) {

    /** Rows per step of the scan: about a million values. */
    private static int chunkRows(int size) {
        return Math.max(1, (1 << 20) / size);
    }

    /** Summarizes the values of {@code d}, advancing {@code bar} by one unit per sample. */
    static ValueStats of(Dataset d, ProgressBar bar) {
        return switch (d.store()) {
            case ByteStore b -> ofBytes(b, bar);
            case FloatStore f -> ofFloats(f.matrix().values(), f.matrix().rows(), f.matrix().cols(), bar);
        };
    }

    private static ValueStats ofBytes(ByteStore b, ProgressBar bar) {
        int n = b.count(), size = b.size(), step = chunkRows(size);
        long[] histogram = new long[256];
        byte[] buffer = new byte[Math.min(n, step) * size];
        for (int from = 0; from < n; from += step) {
            int rows = Math.min(step, n - from), length = rows * size;
            MemorySegment.copy(b.bytes(), ValueLayout.JAVA_BYTE, (long) from * size, buffer, 0, length);
            for (int k = 0; k < length; k++) histogram[buffer[k] & 0xFF]++;
            bar.advance(rows);
        }
        long count = (long) n * size;
        if (count == 0) return new ValueStats(0, 0, -1, -1, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int v = 0; v < 256; v++) {
            if (histogram[v] == 0) continue;
            double x = v * b.scale() + b.offset(); // the float the store yields
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += histogram[v] * x;
        }
        double mean = sum / count, squares = 0;
        for (int v = 0; v < 256; v++) {
            if (histogram[v] == 0) continue;
            double dev = (v * b.scale() + b.offset()) - mean;
            squares += histogram[v] * dev * dev;
        }
        return new ValueStats(count, 0, -1, -1, false, min, max, mean, Math.sqrt(squares / count));
    }

    private static ValueStats ofFloats(float[] x, int n, int d, ProgressBar bar) {
        int step = chunkRows(d);
        long finite = 0, nonFinite = 0, first = -1;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        double shift = Double.NaN, s1 = 0, s2 = 0;
        for (int from = 0; from < n; from += step) {
            int to = Math.min(n, from + step);
            int end = to * d;
            double c1 = 0, c2 = 0;
            for (int k = from * d; k < end; k++) {
                float v = x[k];
                if (!Float.isFinite(v)) {
                    if (first < 0) first = k;
                    nonFinite++;
                    continue;
                }
                if (shift != shift) shift = v; // the first finite value
                if (v < min) min = v;
                if (v > max) max = v;
                double dev = v - shift;
                c1 += dev;
                c2 += dev * dev;
                finite++;
            }
            s1 += c1;
            s2 += c2;
            bar.advance(to - from);
        }
        long firstRow = first < 0 ? -1 : first / d;
        int firstColumn = first < 0 ? -1 : (int) (first % d);
        boolean firstIsNan = first >= 0 && Float.isNaN(x[(int) first]);
        if (finite == 0) {
            return new ValueStats(0, nonFinite, firstRow, firstColumn, firstIsNan,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double m1 = s1 / finite;
        double variance = Math.max(0, s2 / finite - m1 * m1);
        return new ValueStats(finite, nonFinite, firstRow, firstColumn, firstIsNan,
                min, max, shift + m1, Math.sqrt(variance));
    }

    /** {@code min}, {@code max}, {@code mean}, {@code std} and {@code nonFinite} as a JSON object (NaN as null). */
    Json.JsonObject toJson() {
        Json.JsonObject o = Json.object().put("min", min).put("max", max).put("mean", mean).put("std", std)
                .put("nonFinite", nonFinite);
        if (nonFinite > 0) {
            o.put("firstNonFinite", Json.object().put("row", firstRow).put("column", firstColumn)
                    .put("value", firstIsNan ? "NaN" : "infinity"));
        }
        return o;
    }
}
