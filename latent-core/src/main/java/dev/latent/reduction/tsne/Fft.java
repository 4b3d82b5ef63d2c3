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
        transform(re, off, im, off, inverse);
    }

    /**
     * Transforms the sequence with real parts {@code re[reOff .. reOff + size)} and imaginary parts
     * {@code im[imOff .. imOff + size)} in place (the two may be ranges of one array).
     */
    void transform(double[] re, int reOff, double[] im, int imOff, boolean inverse) {
        for (int t = 0; t < size; t++) {
            int r = reversed[t];
            if (r > t) {
                double tr = re[reOff + t];
                re[reOff + t] = re[reOff + r];
                re[reOff + r] = tr;
                double ti = im[imOff + t];
                im[imOff + t] = im[imOff + r];
                im[imOff + r] = ti;
            }
        }
        double sign = inverse ? 1 : -1;
        int shift = imOff - reOff;
        for (int len = 2; len <= size; len <<= 1) {
            int half = len >> 1;
            int step = size / len;
            for (int start = reOff; start < reOff + size; start += len) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step], wi = sign * sin[k * step];
                    int a = start + k, b = a + half;
                    double xr = re[b], xi = im[b + shift];
                    double br = xr * wr - xi * wi;
                    double bi = xr * wi + xi * wr;
                    double ar = re[a], ai = im[a + shift];
                    re[b] = ar - br;
                    im[b + shift] = ai - bi;
                    re[a] = ar + br;
                    im[a + shift] = ai + bi;
                }
            }
        }
    }

    /**
     * Transforms the columns {@code [from, to)} of the row-major {@code size x width} grid held in
     * {@code re}, {@code im}, each column being one sequence of length {@code size}.
     */
    void columns(double[] re, double[] im, int width, int from, int to, boolean inverse) {
        columns(re, 0, im, 0, width, from, to, inverse);
    }

    /**
     * As {@link #columns(double[], double[], int, int, int, boolean)} where element {@code (t, j)} has real part
     * {@code re[reOff + t width + j]} and imaginary part {@code im[imOff + t width + j]} (the two may be parts of
     * one array).
     */
    void columns(double[] re, int reOff, double[] im, int imOff, int width, int from, int to, boolean inverse) {
        for (int t = 0; t < size; t++) {
            int r = reversed[t];
            if (r > t) {
                int ot = reOff + t * width, or = reOff + r * width;
                int it = imOff + t * width, ir = imOff + r * width;
                for (int j = from; j < to; j++) {
                    double tr = re[ot + j];
                    re[ot + j] = re[or + j];
                    re[or + j] = tr;
                    double ti = im[it + j];
                    im[it + j] = im[ir + j];
                    im[ir + j] = ti;
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
                    int oa = reOff + (start + k) * width, ob = reOff + (start + k + half) * width;
                    int ia = imOff + (start + k) * width, ib = imOff + (start + k + half) * width;
                    for (int j = from; j < to; j++) {
                        double xr = re[ob + j], xi = im[ib + j];
                        double br = xr * wr - xi * wi;
                        double bi = xr * wi + xi * wr;
                        double ar = re[oa + j], ai = im[ia + j];
                        re[ob + j] = ar - br;
                        im[ib + j] = ai - bi;
                        re[oa + j] = ar + br;
                        im[ia + j] = ai + bi;
                    }
                }
            }
        }
    }
}
