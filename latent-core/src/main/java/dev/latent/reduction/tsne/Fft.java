package dev.latent.reduction.tsne;

import dev.latent.internal.Check;

/**
 * An in-place radix-2 complex fast Fourier transform of one power-of-two length, on split real and imaginary
 * {@code double} arrays.
 * <p>The forward transform is {@code X[k] = sum_t x[t] exp(-2 pi i k t / size)}; the inverse uses
 * {@code exp(+2 pi i k t / size)} and does not divide by {@code size}. Iterative Cooley-Tukey: a bit-reversal
 * permutation, then {@code log2(size)} butterfly stages, {@code O(size log size)} time; the twiddle factors are
 * computed once per instance (each with {@link Math#cos}/{@link Math#sin}, not by recurrence, so they stay
 * accurate to the last bit). Besides a contiguous sequence, {@link #columns} transforms a range of the columns
 * of a row-major {@code size x width} grid at once, with the innermost loop running along a row, which is what
 * the second pass of a 2-D transform needs.
 * <p>Reference: J. W. Cooley and J. W. Tukey, "An algorithm for the machine calculation of complex Fourier
 * series", Mathematics of Computation 19, 1965.
 */
final class Fft {
    private final int size;
    private final double[] cos;
    private final double[] sin;
    private final int[] reversed;

    private Fft(int size) {
        this.size = size;
        int half = Math.max(1, size / 2);
        cos = new double[half];
        sin = new double[half];
        for (int k = 0; k < size / 2; k++) {
            double angle = 2 * Math.PI * k / size;
            cos[k] = Math.cos(angle);
            sin[k] = Math.sin(angle);
        }
        reversed = new int[size];
        int bits = Integer.numberOfTrailingZeros(size);
        for (int t = 0; t < size; t++) reversed[t] = bits == 0 ? 0 : Integer.reverse(t) >>> (32 - bits);
    }

    /**
     * The transform of length {@code size}.
     * @throws IllegalArgumentException if {@code size} is not a power of two
     */
    static Fft of(int size) {
        Check.argument(size >= 1 && Integer.bitCount(size) == 1, "size must be a power of two, got " + size);
        return new Fft(size);
    }

    int size() {
        return size;
    }

    /** Transforms {@code re[off .. off + size)}, {@code im[off .. off + size)} in place. */
    void transform(double[] re, double[] im, int off, boolean inverse) {
        for (int t = 0; t < size; t++) {
            int r = reversed[t];
            if (r > t) {
                double tr = re[off + t];
                re[off + t] = re[off + r];
                re[off + r] = tr;
                double ti = im[off + t];
                im[off + t] = im[off + r];
                im[off + r] = ti;
            }
        }
        double sign = inverse ? 1 : -1;
        for (int len = 2; len <= size; len <<= 1) {
            int half = len >> 1;
            int step = size / len;
            for (int start = off; start < off + size; start += len) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step], wi = sign * sin[k * step];
                    int a = start + k, b = a + half;
                    double br = re[b] * wr - im[b] * wi;
                    double bi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - br;
                    im[b] = im[a] - bi;
                    re[a] += br;
                    im[a] += bi;
                }
            }
        }
    }

    /**
     * Transforms the columns {@code [from, to)} of the row-major {@code size x width} grid held in
     * {@code re}, {@code im}, each column being one sequence of length {@code size}.
     */
    void columns(double[] re, double[] im, int width, int from, int to, boolean inverse) {
        for (int t = 0; t < size; t++) {
            int r = reversed[t];
            if (r > t) {
                int ot = t * width, or = r * width;
                for (int j = from; j < to; j++) {
                    double tr = re[ot + j];
                    re[ot + j] = re[or + j];
                    re[or + j] = tr;
                    double ti = im[ot + j];
                    im[ot + j] = im[or + j];
                    im[or + j] = ti;
                }
            }
        }
        double sign = inverse ? 1 : -1;
        for (int len = 2; len <= size; len <<= 1) {
            int half = len >> 1;
            int step = size / len;
            for (int start = 0; start < size; start += len) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step], wi = sign * sin[k * step];
                    int oa = (start + k) * width, ob = (start + k + half) * width;
                    for (int j = from; j < to; j++) {
                        double xr = re[ob + j], xi = im[ob + j];
                        double br = xr * wr - xi * wi;
                        double bi = xr * wi + xi * wr;
                        double ar = re[oa + j], ai = im[oa + j];
                        re[ob + j] = ar - br;
                        im[ob + j] = ai - bi;
                        re[oa + j] = ar + br;
                        im[oa + j] = ai + bi;
                    }
                }
            }
        }
    }
}
