package dev.latent.neural.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Naive double-precision references, written straight from the definitions, and finite differences of them. */
final class Reference {
    private Reference() {}

    static float[] uniform(SplittableRandom rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) rng.nextDouble(-1, 1);
        return x;
    }

    static double[] widen(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return d;
    }

    /** out[n,f,i,j] = b[f] + sum_{c,u,v} w[f,c,u,v] x[n,c,i*s-p+u,j*s-p+v], zero outside the image. */
    static double[] conv(double[] x, double[] w, double[] b, int batch, int cin, int h, int wd, int cout,
                         int kh, int kw, int s, int p) {
        int oh = (h + 2 * p - kh) / s + 1, ow = (wd + 2 * p - kw) / s + 1;
        double[] out = new double[batch * cout * oh * ow];
        for (int n = 0; n < batch; n++)
            for (int f = 0; f < cout; f++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++) {
                        double sum = b == null ? 0 : b[f];
                        for (int c = 0; c < cin; c++)
                            for (int u = 0; u < kh; u++)
                                for (int v = 0; v < kw; v++) {
                                    int y = i * s - p + u, z = j * s - p + v;
                                    if (y < 0 || y >= h || z < 0 || z >= wd) continue;
                                    sum += w[((f * cin + c) * kh + u) * kw + v] * x[((n * cin + c) * h + y) * wd + z];
                                }
                        out[((n * cout + f) * oh + i) * ow + j] = sum;
                    }
        return out;
    }

    /**
     * Transposed convolution from its definition (each input value spreads its kernel onto the output):
     * out[n,o,i*s-p+u,j*s-p+v] += x[n,c,i,j] w[c,o,u,v], output side (h-1)s - 2p + k + outputPadding.
     */
    static double[] convTransposed(double[] x, double[] w, double[] b, int batch, int cin, int h, int wd, int cout,
                                   int kh, int kw, int s, int p, int op) {
        int oh = (h - 1) * s - 2 * p + kh + op, ow = (wd - 1) * s - 2 * p + kw + op;
        double[] out = new double[batch * cout * oh * ow];
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < cout; o++)
                for (int q = 0; q < oh * ow; q++) out[(n * cout + o) * oh * ow + q] = b == null ? 0 : b[o];
        for (int n = 0; n < batch; n++)
            for (int c = 0; c < cin; c++)
                for (int i = 0; i < h; i++)
                    for (int j = 0; j < wd; j++)
                        for (int o = 0; o < cout; o++)
                            for (int u = 0; u < kh; u++)
                                for (int v = 0; v < kw; v++) {
                                    int y = i * s - p + u, z = j * s - p + v;
                                    if (y < 0 || y >= oh || z < 0 || z >= ow) continue;
                                    out[((n * cout + o) * oh + y) * ow + z] +=
                                            x[((n * cin + c) * h + i) * wd + j] * w[((c * cout + o) * kh + u) * kw + v];
                                }
        return out;
    }

    /** Max over each window, padding positions ignored. */
    static double[] maxPool(double[] x, int planes, int h, int wd, int k, int s, int p) {
        int oh = (h + 2 * p - k) / s + 1, ow = (wd + 2 * p - k) / s + 1;
        double[] out = new double[planes * oh * ow];
        for (int q = 0; q < planes; q++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int u = 0; u < k; u++)
                        for (int v = 0; v < k; v++) {
                            int y = i * s - p + u, z = j * s - p + v;
                            if (y >= 0 && y < h && z >= 0 && z < wd) max = Math.max(max, x[(q * h + y) * wd + z]);
                        }
                    out[(q * oh + i) * ow + j] = max;
                }
        return out;
    }

    static double[] nearest(double[] x, int planes, int h, int wd, int scale) {
        double[] out = new double[planes * h * wd * scale * scale];
        int oh = h * scale, ow = wd * scale;
        for (int q = 0; q < planes; q++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++) out[(q * oh + i) * ow + j] = x[(q * h + i / scale) * wd + j / scale];
        return out;
    }

    /** Bilinear interpolation at source coordinate max(0, (o + 0.5) / scale - 0.5), clamped at the last row/column. */
    static double[] bilinear(double[] x, int planes, int h, int wd, int scale) {
        int oh = h * scale, ow = wd * scale;
        double[] out = new double[planes * oh * ow];
        for (int q = 0; q < planes; q++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++) {
                    double sy = Math.max(0, (i + 0.5) / scale - 0.5), sx = Math.max(0, (j + 0.5) / scale - 0.5);
                    int y0 = (int) Math.floor(sy), x0 = (int) Math.floor(sx);
                    double ly = sy - y0, lx = sx - x0;
                    double value = 0;
                    for (int a = 0; a < 2; a++)
                        for (int c = 0; c < 2; c++) {
                            int y = Math.min(y0 + a, h - 1), z = Math.min(x0 + c, wd - 1);
                            value += (a == 0 ? 1 - ly : ly) * (c == 0 ? 1 - lx : lx) * x[(q * h + y) * wd + z];
                        }
                    out[(q * oh + i) * ow + j] = value;
                }
        return out;
    }

    /** Batch normalization with biased batch variance over (batch, spatial) for each channel. */
    static double[] batchNorm(double[] x, int batch, int channels, int spatial, double[] gamma, double[] beta, double eps) {
        double[] out = new double[x.length];
        int m = batch * spatial;
        for (int c = 0; c < channels; c++) {
            double mean = 0, var = 0;
            for (int n = 0; n < batch; n++)
                for (int q = 0; q < spatial; q++) mean += x[(n * channels + c) * spatial + q];
            mean /= m;
            for (int n = 0; n < batch; n++)
                for (int q = 0; q < spatial; q++) var += Math.pow(x[(n * channels + c) * spatial + q] - mean, 2);
            var /= m;
            for (int n = 0; n < batch; n++)
                for (int q = 0; q < spatial; q++) {
                    int i = (n * channels + c) * spatial + q;
                    out[i] = gamma[c] * (x[i] - mean) / Math.sqrt(var + eps) + beta[c];
                }
        }
        return out;
    }

    /** sum_i r[i] * y[i]: a scalar whose gradient with respect to y is r. */
    static double dot(double[] r, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) s += r[i] * y[i];
        return s;
    }

    /** Central difference of {@code f} with respect to {@code p[i]}, restoring p. */
    static double partial(double[] p, int i, double h, ToDoubleFunction<double[]> f) {
        double saved = p[i];
        p[i] = saved + h;
        double up = f.applyAsDouble(p);
        p[i] = saved - h;
        double down = f.applyAsDouble(p);
        p[i] = saved;
        return (up - down) / (2 * h);
    }

    /**
     * Checks {@code analytic} against central differences of {@code f} at {@code count} coordinates (all when
     * {@code count >= p.length}, else a seeded sample), with {@code |a - b| <= tol * max(1, |a|, |b|)}.
     */
    static void assertGradient(String what, float[] analytic, double[] p, ToDoubleFunction<double[]> f,
                               double h, double tol, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = Math.min(count, p.length);
        for (int t = 0; t < n; t++) {
            int i = count >= p.length ? t : rng.nextInt(p.length);
            double numeric = partial(p, i, h, f), a = analytic[i];
            double scale = Math.max(1, Math.max(Math.abs(a), Math.abs(numeric)));
            assertTrue(Math.abs(a - numeric) <= tol * scale,
                    what + "[" + i + "]: expected finite difference " + numeric + ", got " + a);
        }
    }

    /** Checks that every value of {@code actual} is within {@code tol * max(1, |expected|)} of {@code expected}. */
    static void assertClose(String what, double[] expected, float[] actual, double tol) {
        assertTrue(expected.length == actual.length,
                what + ": expected " + expected.length + " values, got " + actual.length);
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1, Math.abs(expected[i]));
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol * scale,
                    what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
        }
    }
}
