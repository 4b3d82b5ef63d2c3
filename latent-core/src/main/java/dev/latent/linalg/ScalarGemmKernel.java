package dev.latent.linalg;

/**
 * The plain-Java kernel: a 4 x 4 register tile of scalar accumulators. Used when the Vector API
 * module is absent or {@code -Dlatent.vector=false}.
 */
final class ScalarGemmKernel implements GemmKernel {
    private static final int MR = 4;
    private static final int NR = 4;

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public int panelWidth(int remaining) { return NR; }
    @Override public int kc() { return 256; }

    @Override
    public void multiply(int kc, float[] a, int ao, float[] b, int bo, int width, float[] tile) {
        assert width == NR;
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        float c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++, ao += MR, bo += NR) {
            float b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2], b3 = b[bo + 3];
            float a0 = a[ao];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            float a1 = a[ao + 1];
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            float a2 = a[ao + 2];
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            float a3 = a[ao + 3];
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        tile[0] = c00; tile[1] = c01; tile[2] = c02; tile[3] = c03;
        tile[4] = c10; tile[5] = c11; tile[6] = c12; tile[7] = c13;
        tile[8] = c20; tile[9] = c21; tile[10] = c22; tile[11] = c23;
        tile[12] = c30; tile[13] = c31; tile[14] = c32; tile[15] = c33;
    }

    @Override
    public void update(float[] tile, int rows, int cols, float alpha, float beta, float[] c, int cOffset, int ldc) {
        for (int r = 0; r < rows; r++) {
            int t = r * NR, o = cOffset + r * ldc;
            if (beta == 0) {
                for (int j = 0; j < cols; j++) c[o + j] = alpha * tile[t + j];
            } else {
                for (int j = 0; j < cols; j++) c[o + j] = alpha * tile[t + j] + beta * c[o + j];
            }
        }
    }

    @Override
    public float dot(int len, float[] x, int xo, float[] y, int yo) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= len; i += 4) {
            s0 += x[xo + i] * y[yo + i];
            s1 += x[xo + i + 1] * y[yo + i + 1];
            s2 += x[xo + i + 2] * y[yo + i + 2];
            s3 += x[xo + i + 3] * y[yo + i + 3];
        }
        for (; i < len; i++) s0 += x[xo + i] * y[yo + i];
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void axpy(int len, float alpha, float[] x, int xo, float[] y, int yo) {
        for (int i = 0; i < len; i++) y[yo + i] += alpha * x[xo + i];
    }
}
