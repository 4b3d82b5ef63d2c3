package dev.latent.neighbors;

/** The plain-Java {@link DistanceKernel}: four interleaved float sums, added pairwise at the end. */
final class ScalarDistanceKernel implements DistanceKernel {
    @Override
    public float squared(float[] x, int xOff, float[] y, int yOff, int d) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < d; j += 4) {
            float t0 = x[xOff + j] - y[yOff + j];
            float t1 = x[xOff + j + 1] - y[yOff + j + 1];
            float t2 = x[xOff + j + 2] - y[yOff + j + 2];
            float t3 = x[xOff + j + 3] - y[yOff + j + 3];
            s0 += t0 * t0;
            s1 += t1 * t1;
            s2 += t2 * t2;
            s3 += t3 * t3;
        }
        for (; j < d; j++) {
            float t = x[xOff + j] - y[yOff + j];
            s0 += t * t;
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int d) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < d; j += 4) {
            s0 += x[xOff + j] * y[yOff + j];
            s1 += x[xOff + j + 1] * y[yOff + j + 1];
            s2 += x[xOff + j + 2] * y[yOff + j + 2];
            s3 += x[xOff + j + 3] * y[yOff + j + 3];
        }
        for (; j < d; j++) s0 += x[xOff + j] * y[yOff + j];
        return (s0 + s1) + (s2 + s3);
    }
}
