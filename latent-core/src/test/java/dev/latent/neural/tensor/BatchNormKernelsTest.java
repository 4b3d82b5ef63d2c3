package dev.latent.neural.tensor;

import static dev.latent.neural.tensor.Reference.assertClose;
import static dev.latent.neural.tensor.Reference.assertGradient;
import static dev.latent.neural.tensor.Reference.dot;
import static dev.latent.neural.tensor.Reference.uniform;
import static dev.latent.neural.tensor.Reference.widen;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchNormKernelsTest {
    /** batch, channels, spatial. */
    private static final int[][] CASES = {{4, 3, 25}, {2, 4, 784}, {1, 2, 9}, {16, 5, 1}, {7, 1, 3}};

    private static final double EPS = 1e-5;

    @Test
    void normalizesAHandWorkedChannel() {
        // one channel holding 1, 2, 3, 4 (2 images of 2 values): mean 2.5, biased variance 1.25, unbiased 5/3
        float[] x = {1, 2, 3, 4}, out = new float[4], mean = new float[1], invStd = new float[1];
        float[] runningMean = {0}, runningVar = {1};
        BatchNormKernels.trainForward(x, 2, 1, 2, new float[] {2}, new float[] {1}, EPS, 0.1, runningMean, runningVar,
                out, mean, invStd);
        double s = 1 / Math.sqrt(1.25 + EPS);
        assertArrayEquals(new float[] {(float) (1 - 3 * s), (float) (1 - s), (float) (1 + s), (float) (1 + 3 * s)},
                out, 1e-6f);
        assertEquals(2.5f, mean[0]);
        assertEquals(0.25f, runningMean[0], 1e-7f);                      // 0.9 * 0 + 0.1 * 2.5
        assertEquals(0.9f + 0.1f * 5f / 3f, runningVar[0], 1e-6f);       // 0.9 * 1 + 0.1 * 5/3
    }

    @Test
    void trainingMatchesTheDefinitionAndBackwardItsFiniteDifferences() {
        var rng = new SplittableRandom(8);
        for (int[] c : CASES) {
            int n = c[0], ch = c[1], sp = c[2];
            float[] x = uniform(rng, n * ch * sp), gamma = uniform(rng, ch), beta = uniform(rng, ch);
            float[] out = new float[x.length], mean = new float[ch], invStd = new float[ch];
            BatchNormKernels.trainForward(x, n, ch, sp, gamma, beta, EPS, 0.1, new float[ch], new float[ch], out, mean,
                    invStd);
            double[] xd = widen(x), gd = widen(gamma), bd = widen(beta);
            assertClose("batch norm", Reference.batchNorm(xd, n, ch, sp, gd, bd, EPS), out, 1e-5);

            float[] dy = uniform(rng, x.length), dx = new float[x.length], dGamma = new float[ch], dBeta = new float[ch];
            BatchNormKernels.backward(x, dy, n, ch, sp, gamma, mean, invStd, true, dx, dGamma, dBeta);
            double[] r = widen(dy);
            assertGradient("batch norm dx", dx, xd, p -> dot(r, Reference.batchNorm(p, n, ch, sp, gd, bd, EPS)),
                    1e-4, 1e-3, 60, 9);
            assertGradient("batch norm dGamma", dGamma, gd, p -> dot(r, Reference.batchNorm(xd, n, ch, sp, p, bd, EPS)),
                    1e-4, 1e-4, 60, 10);
            assertGradient("batch norm dBeta", dBeta, bd, p -> dot(r, Reference.batchNorm(xd, n, ch, sp, gd, p, EPS)),
                    1e-4, 1e-4, 60, 11);
        }
    }

    @Test
    void evaluationUsesTheRunningStatisticsAndTheirConstantGradient() {
        var rng = new SplittableRandom(9);
        int n = 3, ch = 2, sp = 4;
        float[] x = uniform(rng, n * ch * sp), gamma = {1.5f, -0.5f}, beta = {0.25f, 2f};
        float[] runningMean = {0.2f, -0.1f}, runningVar = {0.5f, 2f}, out = new float[x.length];
        BatchNormKernels.evalForward(x, n, ch, sp, gamma, beta, EPS, runningMean, runningVar, out);
        float[] dy = uniform(rng, x.length), dx = new float[x.length], dGamma = new float[ch], dBeta = new float[ch];
        float[] invStd = new float[ch];
        for (int c = 0; c < ch; c++) invStd[c] = (float) (1 / Math.sqrt(runningVar[c] + EPS));
        BatchNormKernels.backward(x, dy, n, ch, sp, gamma, runningMean, invStd, false, dx, dGamma, dBeta);
        double[] y = new double[x.length], gx = new double[x.length], gGamma = new double[ch], gBeta = new double[ch];
        for (int i = 0; i < x.length; i++) {
            int c = (i / sp) % ch;
            double s = 1 / Math.sqrt(runningVar[c] + EPS), xhat = (x[i] - runningMean[c]) * s;
            y[i] = gamma[c] * xhat + beta[c];
            gx[i] = dy[i] * gamma[c] * s;
            gGamma[c] += dy[i] * xhat;
            gBeta[c] += dy[i];
        }
        assertClose("eval batch norm", y, out, 1e-6);
        assertClose("eval batch norm dx", gx, dx, 1e-6);
        assertClose("eval batch norm dGamma", gGamma, dGamma, 1e-6);
        assertClose("eval batch norm dBeta", gBeta, dBeta, 1e-6);
    }

    @Test
    void refusesToTrainOnASingleValuePerChannel() {
        var e = assertThrows(IllegalArgumentException.class, () -> BatchNormKernels.trainForward(new float[2], 1, 2, 1,
                new float[2], new float[2], EPS, 0.1, new float[2], new float[2], new float[2], new float[2], new float[2]));
        assertEquals("batch * spatial must be > 1 to normalize with batch statistics, got 1", e.getMessage());
    }
}
