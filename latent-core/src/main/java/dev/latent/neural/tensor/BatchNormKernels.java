package dev.latent.neural.tensor;

import static dev.latent.neural.tensor.Conv2dKernels.checkLength;

import dev.latent.internal.Check;
import dev.latent.internal.Parallel;

/**
 * Batch normalization over the batch and spatial axes of {@code batch x channels x spatial} float32 data
 * (NCHW images with {@code spatial = height * width}, or {@code batch x features} with {@code spatial = 1}).
 * <p>Each channel {@code c} is normalized as {@code y = gamma[c] * (x - mean) / sqrt(var + eps) + beta[c]}.
 * In training the mean and the biased variance are those of the batch, over its {@code batch * spatial}
 * values, and the running statistics move towards them:
 * {@code running = (1 - momentum) * running + momentum * batchStatistic}, with the unbiased variance for the
 * running variance (as PyTorch does). In evaluation the running statistics are used instead. The backward
 * pass of training goes through the batch statistics:
 * {@code dx = gamma * invStd / m * (m * dy - sum(dy) - xhat * sum(dy * xhat))} with {@code m = batch * spatial}.
 * <p>Each pass reads the data two or three times, O(batch * channels * spatial) time; each image's plane is
 * summed in float (four running sums) and the planes' sums are added up in double precision. Channels are independent and split over the shared executor in fixed chunks, so results do
 * not depend on the thread count.
 * <p>Reference: S. Ioffe and C. Szegedy, "Batch Normalization: Accelerating Deep Network Training by
 * Reducing Internal Covariate Shift", ICML 2015.
 */
public final class BatchNormKernels {
    private BatchNormKernels() {}

    /** Channels per parallel chunk. */
    private static final int CHUNK_CHANNELS = 4;

    /**
     * Training-mode forward pass: normalizes with the batch statistics, writes them to {@code saveMean} and
     * {@code saveInvStd} (for the backward pass) and updates the running statistics in place.
     *
     * @param x {@code batch x channels x spatial}
     * @param gamma scale, {@code channels} values
     * @param beta shift, {@code channels} values
     * @param eps added to the variance, {@code > 0}
     * @param momentum weight of the batch statistics in the running ones, in [0, 1]
     * @param runningMean updated, {@code channels} values
     * @param runningVar updated, {@code channels} values
     * @param out written, same shape as {@code x}
     * @param saveMean written, the batch mean of each channel
     * @param saveInvStd written, {@code 1 / sqrt(batchVar + eps)} for each channel
     * @throws IllegalArgumentException if a channel has a single value ({@code batch * spatial == 1}), a
     *     size or a scalar is out of range, or an array's length does not match
     */
    public static void trainForward(float[] x, int batch, int channels, int spatial, float[] gamma, float[] beta,
                                    double eps, double momentum, float[] runningMean, float[] runningVar,
                                    float[] out, float[] saveMean, float[] saveInvStd) {
        checkShapes(x, batch, channels, spatial, gamma, beta, out);
        Check.positive("eps", eps);
        Check.inRange("momentum", momentum, 0, 1);
        Check.argument((long) batch * spatial > 1, "batch * spatial must be > 1 to normalize with batch statistics, got "
                + (long) batch * spatial);
        checkLength("runningMean", runningMean, channels);
        checkLength("runningVar", runningVar, channels);
        checkLength("saveMean", saveMean, channels);
        checkLength("saveInvStd", saveInvStd, channels);
        long m = (long) batch * spatial;
        Parallel.shared().forEachChunk(channels, CHUNK_CHANNELS, (from, to) -> {
            for (int c = from; c < to; c++) {
                double sum = 0;
                for (int n = 0; n < batch; n++) sum += planeSum(x, (n * channels + c) * spatial, spatial);
                double mean = sum / m, squares = 0;
                for (int n = 0; n < batch; n++) {
                    squares += planeSquares(x, (n * channels + c) * spatial, spatial, (float) mean);
                }
                double var = squares / m, invStd = 1.0 / Math.sqrt(var + eps);
                normalize(x, batch, channels, spatial, c, (float) mean, (float) (gamma[c] * invStd), beta[c], out);
                saveMean[c] = (float) mean;
                saveInvStd[c] = (float) invStd;
                runningMean[c] = (float) ((1 - momentum) * runningMean[c] + momentum * mean);
                runningVar[c] = (float) ((1 - momentum) * runningVar[c] + momentum * squares / (m - 1));
            }
        });
    }

    /**
     * Evaluation-mode forward pass: normalizes with the running statistics, which are left unchanged.
     *
     * @throws IllegalArgumentException if a size or {@code eps} is out of range or an array's length does not match
     */
    public static void evalForward(float[] x, int batch, int channels, int spatial, float[] gamma, float[] beta,
                                   double eps, float[] runningMean, float[] runningVar, float[] out) {
        checkShapes(x, batch, channels, spatial, gamma, beta, out);
        Check.positive("eps", eps);
        checkLength("runningMean", runningMean, channels);
        checkLength("runningVar", runningVar, channels);
        Parallel.shared().forEachChunk(channels, CHUNK_CHANNELS, (from, to) -> {
            for (int c = from; c < to; c++) {
                double invStd = 1.0 / Math.sqrt(runningVar[c] + eps);
                normalize(x, batch, channels, spatial, c, runningMean[c], (float) (gamma[c] * invStd), beta[c], out);
            }
        });
    }

    /**
     * The gradients of a forward pass with respect to {@code x}, {@code gamma} and {@code beta}, overwriting
     * {@code dx}, {@code dGamma} and {@code dBeta}.
     * <p>With {@code batchStatistics} (training mode) the gradient goes through the batch mean and variance;
     * {@code mean} and {@code invStd} are then the {@code saveMean} and {@code saveInvStd} of
     * {@link #trainForward}. Without (evaluation mode) the statistics are constants: pass the running mean and
     * {@code 1 / sqrt(runningVar + eps)}.
     *
     * @throws IllegalArgumentException if a size is out of range or an array's length does not match
     */
    public static void backward(float[] x, float[] dy, int batch, int channels, int spatial, float[] gamma,
                                float[] mean, float[] invStd, boolean batchStatistics,
                                float[] dx, float[] dGamma, float[] dBeta) {
        checkShapes(x, batch, channels, spatial, gamma, gamma, dx);
        checkLength("dy", dy, x.length);
        checkLength("mean", mean, channels);
        checkLength("invStd", invStd, channels);
        checkLength("dGamma", dGamma, channels);
        checkLength("dBeta", dBeta, channels);
        long m = (long) batch * spatial;
        Parallel.shared().forEachChunk(channels, CHUNK_CHANNELS, (from, to) -> {
            for (int c = from; c < to; c++) {
                float mu = mean[c], is = invStd[c];
                double sumDy = 0, sumDyXhat = 0;
                for (int n = 0; n < batch; n++) {
                    int off = (n * channels + c) * spatial;
                    float s = 0, t = 0;
                    for (int p = 0; p < spatial; p++) {
                        float g = dy[off + p];
                        s += g;
                        t += g * (x[off + p] - mu);
                    }
                    sumDy += s;
                    sumDyXhat += t;
                }
                sumDyXhat *= is;
                dBeta[c] = (float) sumDy;
                dGamma[c] = (float) sumDyXhat;
                float scale = gamma[c] * is;
                if (!batchStatistics) {
                    for (int n = 0; n < batch; n++) {
                        int off = (n * channels + c) * spatial;
                        for (int p = 0; p < spatial; p++) dx[off + p] = scale * dy[off + p];
                    }
                    continue;
                }
                float meanDy = (float) (sumDy / m), slope = (float) (sumDyXhat / m * is);
                for (int n = 0; n < batch; n++) {
                    int off = (n * channels + c) * spatial;
                    for (int p = 0; p < spatial; p++) {
                        dx[off + p] = scale * (dy[off + p] - meanDy - (x[off + p] - mu) * slope);
                    }
                }
            }
        });
    }

    /**
     * The sum of {@code x[off, off + len)} with four running float sums, so that the additions do not
     * wait on each other (one image's plane: at most a few thousand values, well within float precision).
     */
    private static double planeSum(float[] x, int off, int len) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int p = 0;
        for (; p + 4 <= len; p += 4) {
            int i = off + p;
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
        }
        for (; p < len; p++) s0 += x[off + p];
        return (double) (s0 + s1) + (s2 + s3);
    }

    /** The sum of {@code (x[i] - mean)^2} over {@code [off, off + len)}, with four running float sums. */
    private static double planeSquares(float[] x, int off, int len, float mean) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int p = 0;
        for (; p + 4 <= len; p += 4) {
            int i = off + p;
            float d0 = x[i] - mean, d1 = x[i + 1] - mean, d2 = x[i + 2] - mean, d3 = x[i + 3] - mean;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; p < len; p++) {
            float d = x[off + p] - mean;
            s0 += d * d;
        }
        return (double) (s0 + s1) + (s2 + s3);
    }

    private static void normalize(float[] x, int batch, int channels, int spatial, int c, float mean, float scale,
                                  float shift, float[] out) {
        for (int n = 0; n < batch; n++) {
            int off = (n * channels + c) * spatial;
            for (int p = 0; p < spatial; p++) out[off + p] = (x[off + p] - mean) * scale + shift;
        }
    }

    private static void checkShapes(float[] x, int batch, int channels, int spatial, float[] gamma, float[] beta,
                                    float[] out) {
        Check.atLeast("batch", batch, 1);
        Check.atLeast("channels", channels, 1);
        Check.atLeast("spatial", spatial, 1);
        checkLength("x", x, (long) batch * channels * spatial);
        checkLength("gamma", gamma, channels);
        checkLength("beta", beta, channels);
        checkLength("out", out, x.length);
    }
}
