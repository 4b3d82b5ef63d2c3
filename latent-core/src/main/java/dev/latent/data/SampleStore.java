package dev.latent.data;

/**
 * Where the samples of a {@link Dataset} live: {@code count()} rows of {@code size()} values.
 * <p>Computation always sees float32 rows ({@link #copyRows}); the store decides how they are kept.
 */
public sealed interface SampleStore permits FloatStore, ByteStore {
    /** The number of rows. */
    int count();

    /** The number of values in each row. */
    int size();

    /** The storage type, as a user would name it. */
    Storage storage();

    /** Writes rows {@code [from, to)} as float32 into {@code out}, starting at {@code offset}. */
    void copyRows(int from, int to, float[] out, int offset);

    /** Writes the given rows, in order, as float32 into {@code out}, starting at {@code offset}. */
    default void copyRows(int[] rows, float[] out, int offset) {
        int d = size();
        for (int r = 0; r < rows.length; r++) copyRows(rows[r], rows[r] + 1, out, offset + r * d);
    }

    /** A store holding only the given rows, in order. */
    SampleStore select(int[] rows);
}
