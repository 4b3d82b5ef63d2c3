package dev.latent.clustering.kmeans;

/**
 * The plain-Java {@link CentreKernel}: one centre per panel (the packed centres are the row-major centres), and
 * each dot product summed in ascending column order.
 */
final class ScalarCentreKernel implements CentreKernel {
    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public void dots(float[] x, int d, int from, int to, float[] packed, int panels, float[] out) {
        for (int i = from; i < to; i++) {
            int row = i * d, o = (i - from) * panels;
            for (int c = 0; c < panels; c++) {
                int base = c * d;
                float s = 0;
                for (int j = 0; j < d; j++) s += x[row + j] * packed[base + j];
                out[o + c] = s;
            }
        }
    }
}
