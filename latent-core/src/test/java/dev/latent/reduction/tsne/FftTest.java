package dev.latent.reduction.tsne;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FftTest {
    /** The discrete Fourier transform by its definition, O(size^2). */
    private static double[][] naiveDft(double[] re, double[] im, boolean inverse) {
        int size = re.length;
        double sign = inverse ? 1 : -1;
        double[][] out = new double[2][size];
        for (int k = 0; k < size; k++) {
            double sr = 0, si = 0;
            for (int t = 0; t < size; t++) {
                double angle = sign * 2 * Math.PI * ((long) k * t % size) / size;
                sr += re[t] * Math.cos(angle) - im[t] * Math.sin(angle);
                si += re[t] * Math.sin(angle) + im[t] * Math.cos(angle);
            }
            out[0][k] = sr;
            out[1][k] = si;
        }
        return out;
    }

    @Test
    void matchesTheNaiveDftForEveryPowerOfTwoUpTo256() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int size = 1; size <= 256; size *= 2) {
            for (boolean inverse : new boolean[]{false, true}) {
                double[] re = new double[size + 3], im = new double[size + 3];
                for (int t = 0; t < re.length; t++) {
                    re[t] = rnd.nextDouble(-1, 1);
                    im[t] = rnd.nextDouble(-1, 1);
                }
                double[][] want = naiveDft(java.util.Arrays.copyOfRange(re, 3, size + 3),
                        java.util.Arrays.copyOfRange(im, 3, size + 3), inverse);
                Fft.of(size).transform(re, im, 3, inverse);
                for (int k = 0; k < size; k++) {
                    assertEquals(want[0][k], re[k + 3], 1e-12 * size, "real part " + k + " of size " + size);
                    assertEquals(want[1][k], im[k + 3], 1e-12 * size, "imaginary part " + k + " of size " + size);
                }
            }
        }
    }

    @Test
    void transformOfAUnitImpulseIsAllOnesAndInverseUndoesForwardTimesSize() {
        // delta at t = 0: every X[k] = 1
        double[] re = new double[8], im = new double[8];
        re[0] = 1;
        Fft.of(8).transform(re, im, 0, false);
        for (int k = 0; k < 8; k++) {
            assertEquals(1.0, re[k], 1e-15, "X[" + k + "] should be 1");
            assertEquals(0.0, im[k], 1e-15, "X[" + k + "] should be real");
        }
        Fft.of(8).transform(re, im, 0, true);
        assertEquals(8.0, re[0], 1e-14, "inverse without normalization gives size at t = 0");
        for (int t = 1; t < 8; t++) assertEquals(0.0, re[t], 1e-14, "and 0 elsewhere");
    }

    @Test
    void columnTransformEqualsTheTransformOfEachColumn() {
        SplittableRandom rnd = new SplittableRandom(2);
        int size = 16, width = 7;
        double[] re = new double[size * width], im = new double[size * width];
        for (int e = 0; e < re.length; e++) {
            re[e] = rnd.nextDouble(-1, 1);
            im[e] = rnd.nextDouble(-1, 1);
        }
        double[] re0 = re.clone(), im0 = im.clone();
        Fft.of(size).columns(re, im, width, 2, 6, false);
        for (int j = 0; j < width; j++) {
            double[] cr = new double[size], ci = new double[size];
            for (int t = 0; t < size; t++) {
                cr[t] = re0[t * width + j];
                ci[t] = im0[t * width + j];
            }
            double[][] want = j >= 2 && j < 6 ? naiveDft(cr, ci, false) : new double[][]{cr, ci};
            for (int k = 0; k < size; k++) {
                assertEquals(want[0][k], re[k * width + j], 1e-12, "column " + j + ", row " + k + " (real)");
                assertEquals(want[1][k], im[k * width + j], 1e-12, "column " + j + ", row " + k + " (imaginary)");
            }
        }
    }

    @Test
    void rejectsALengthThatIsNotAPowerOfTwo() {
        assertEquals("size must be a power of two, got 12",
                assertThrows(IllegalArgumentException.class, () -> Fft.of(12)).getMessage());
    }
}
