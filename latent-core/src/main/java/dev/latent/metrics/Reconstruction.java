package dev.latent.metrics;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;

/**
 * Reconstruction error of a model that maps rows back to themselves (an autoencoder, PCA's inverse transform):
 * mean squared error per sample and overall, and peak signal-to-noise ratio.
 * <p>{@code MSE_i = (1/d) sum_j (x_ij - y_ij)^2} for row {@code i}; the overall MSE is the mean over all
 * {@code n d} values (equal to the mean of the per-row values), and
 * {@code PSNR = 10 log10(peak^2 / MSE)} decibels, where {@code peak} is the largest possible value of the data
 * (1.0 for data scaled to [0, 1], 255 for 8-bit pixels). A perfect reconstruction has PSNR +infinity.
 * Sums are taken in doubles; cost O(n d) time.
 * <p>Reference: the standard definition, e.g. Q. Huynh-Thu and M. Ghanbari, "Scope of validity of PSNR in
 * image/video quality assessment", Electronics Letters 44(13), 800-801, 2008.
 */
public final class Reconstruction {
    private Reconstruction() {}

    /**
     * The mean squared error of each row of {@code reconstructed} against the same row of {@code original}.
     * @throws IllegalArgumentException if the shapes differ, either is empty, or either holds NaN or infinity
     */
    public static double[] msePerSample(Matrix original, Matrix reconstructed) {
        check(original, reconstructed);
        int n = original.rows(), d = original.cols();
        float[] x = original.values(), y = reconstructed.values();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int row = i * d;
            double s = 0;
            for (int j = 0; j < d; j++) {
                double diff = (double) x[row + j] - y[row + j];
                s += diff * diff;
            }
            out[i] = s / d;
        }
        return out;
    }

    /**
     * The mean squared error over all values.
     * @throws IllegalArgumentException as {@link #msePerSample}
     */
    public static double mse(Matrix original, Matrix reconstructed) {
        double sum = 0;
        for (double e : msePerSample(original, reconstructed)) sum += e;
        return sum / original.rows();
    }

    /**
     * The peak signal-to-noise ratio in decibels, {@code 10 log10(peak^2 / mse)}; +infinity for a perfect copy.
     * @param peak the largest value the data can take, such as 1.0 or 255; must be positive and finite
     * @throws IllegalArgumentException as {@link #msePerSample}, or if {@code peak} is not positive and finite
     */
    public static double psnr(Matrix original, Matrix reconstructed, double peak) {
        Check.positive("peak", peak);
        Check.argument(Double.isFinite(peak), "peak must be finite, got " + peak);
        double mse = mse(original, reconstructed);
        if (mse == 0) return Double.POSITIVE_INFINITY;
        return 10 * Math.log10(peak * peak / mse);
    }

    private static void check(Matrix original, Matrix reconstructed) {
        Check.notNull("original", original);
        Check.notNull("reconstructed", reconstructed);
        if (original.rows() != reconstructed.rows() || original.cols() != reconstructed.cols()) {
            throw new IllegalArgumentException("reconstructed must have the shape of original, "
                    + original.rows() + " x " + original.cols() + ", got "
                    + reconstructed.rows() + " x " + reconstructed.cols());
        }
        Check.argument(original.rows() > 0 && original.cols() > 0,
                "original must not be empty, got " + original.rows() + " x " + original.cols());
        Check.finite("original", original);
        Check.finite("reconstructed", reconstructed);
    }
}
