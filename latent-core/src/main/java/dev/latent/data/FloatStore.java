package dev.latent.data;

import dev.latent.internal.Check;

/** Rows of float32 values held in one row-major array. */
public record FloatStore(Matrix matrix) implements SampleStore {
    public FloatStore {
        Check.notNull("matrix", matrix);
    }

    @Override
    public int count() {
        return matrix.rows();
    }

    @Override
    public int size() {
        return matrix.cols();
    }

    @Override
    public Storage storage() {
        return Storage.FLOAT32;
    }

    @Override
    public void copyRows(int from, int to, float[] out, int offset) {
        int d = matrix.cols();
        System.arraycopy(matrix.values(), from * d, out, offset, (to - from) * d);
    }

    @Override
    public FloatStore select(int[] rows) {
        return new FloatStore(matrix.rows(rows));
    }
}
