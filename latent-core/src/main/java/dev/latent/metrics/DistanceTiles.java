package dev.latent.metrics;

import dev.latent.data.Matrix;
import dev.latent.internal.Parallel;
import dev.latent.linalg.Gemm;

/**
 * Squared Euclidean distances from a block of query rows to tiles of data rows, computed with {@link Gemm}.
 * <p>Uses {@code |q - x|^2 = |q|^2 + |x|^2 - 2 q.x} on rows centred by the column means (distances do not
 * change under translation, and centring keeps the cancellation error small for data far from the origin).
 * The centred rows are formed tile by tile in a workspace, so the only O(n) state is the row norms; a
 * workspace holds {@code tileRows x d + tileColumns x d + tileRows x tileColumns} floats. Tile sizes depend on
 * {@code d} alone, never on the thread count, so every distance is computed the same way on any pool.
 */
final class DistanceTiles {
    private static final int MAX_TILE_ROWS = 128;
    private static final int MAX_TILE_COLUMNS = 1024;
    private static final int TILE_FLOATS = 1 << 20;

    private final float[] x;
    private final int n;
    private final int d;
    private final int tileColumns;
    private final float[] mean;
    private final float[] norms;

    /** Prepares distances to the rows of {@code data} (column means and centred squared norms). */
    DistanceTiles(Matrix data) {
        this.x = data.values();
        this.n = data.rows();
        this.d = data.cols();
        this.tileColumns = Math.max(16, Math.min(MAX_TILE_COLUMNS, TILE_FLOATS / Math.max(1, d)));
        double[] sum = new double[d];
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) sum[j] += x[row + j];
        }
        this.mean = new float[d];
        for (int j = 0; j < d; j++) mean[j] = (float) (sum[j] / Math.max(1, n));
        this.norms = new float[n];
        Parallel.shared().forEachChunk(n, 1024, (from, to) -> {
            for (int i = from; i < to; i++) {
                int row = i * d;
                double s = 0;
                for (int j = 0; j < d; j++) {
                    float v = x[row + j] - mean[j];
                    s += v * v;
                }
                norms[i] = (float) s;
            }
        });
    }

    int n() {
        return n;
    }

    int tileColumns() {
        return tileColumns;
    }

    /** The largest query block for this width of data, at most {@code cap}. */
    int maxTileRows(int cap) {
        return Math.max(1, Math.min(Math.min(cap, MAX_TILE_ROWS), TILE_FLOATS / Math.max(1, d)));
    }

    /** Scratch space for one block of at most {@code rows} queries; one per chunk, never shared. */
    final class Workspace {
        final float[] queries;
        final float[] queryNorms;
        final int[] queryRows;
        final float[] reference;
        /** Squared distances: query {@code r}, data row {@code j0 + c} at {@code r * tileColumns + c}. */
        final float[] out;
        int count;

        Workspace(int rows) {
            queries = new float[rows * d];
            queryNorms = new float[rows];
            queryRows = new int[rows];
            reference = new float[tileColumns * d];
            out = new float[rows * tileColumns];
        }
    }

    Workspace workspace(int rows) {
        return new Workspace(rows);
    }

    /** Loads the data rows {@code rows[from .. to)} as the current query block. */
    void loadQueries(Workspace w, int[] rows, int from, int to) {
        assert to - from <= w.queryNorms.length;
        w.count = to - from;
        for (int r = 0; r < w.count; r++) {
            int i = rows[from + r];
            center(i, w.queries, r * d);
            w.queryNorms[r] = norms[i];
            w.queryRows[r] = i;
        }
    }

    /**
     * Fills {@code w.out} with the squared distances from the loaded queries to data rows {@code [j0, j0 + cols)};
     * a query's distance to its own row is exactly 0.
     */
    void compute(Workspace w, int j0, int cols) {
        assert cols <= tileColumns && j0 + cols <= n;
        for (int c = 0; c < cols; c++) center(j0 + c, w.reference, c * d);
        Gemm.gemm(false, true, w.count, cols, d, 1f, w.queries, 0, d, w.reference, 0, d, 0f, w.out, 0, tileColumns);
        float[] out = w.out;
        for (int r = 0; r < w.count; r++) {
            int o = r * tileColumns;
            float qn = w.queryNorms[r];
            for (int c = 0; c < cols; c++) {
                float s = qn + norms[j0 + c] - 2f * out[o + c];
                out[o + c] = s > 0f ? s : 0f;
            }
            int self = w.queryRows[r] - j0;
            if (self >= 0 && self < cols) out[o + self] = 0f;
        }
    }

    private void center(int i, float[] dst, int offset) {
        int row = i * d;
        for (int j = 0; j < d; j++) dst[offset + j] = x[row + j] - mean[j];
    }
}
