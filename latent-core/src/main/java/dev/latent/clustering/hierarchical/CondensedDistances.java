package dev.latent.clustering.hierarchical;

import dev.latent.internal.Parallel;

/**
 * The n(n-1)/2 Euclidean distances between rows, upper triangle row by row, as float32 in blocks.
 * <p>Entry (i, j), i < j, is at the long index {@code i n - i (i + 1) / 2 + (j - i - 1)}, as in SciPy's
 * condensed matrices; blocks of 2^26 floats hold the entries, so more than 2^31 of them fit.
 */
final class CondensedDistances {
    /** log2 of the entries per block by default. */
    static final int SHIFT = 26;
    /** Rows per chunk when filling; fixed, so results do not depend on the thread count. */
    static final int CHUNK = 32;

    private final int n;
    private final int shift;
    private final long mask;
    private final float[][] blocks;

    private CondensedDistances(int n, int shift) {
        this.n = n;
        this.shift = shift;
        long block = 1L << shift;
        this.mask = block - 1;
        long entries = entries(n);
        int count = (int) ((entries + block - 1) >>> shift);
        blocks = new float[count][];
        for (int b = 0; b < count; b++) {
            blocks[b] = new float[(int) Math.min(block, entries - ((long) b << shift))];
        }
    }

    /** Number of entries for {@code n} points. */
    static long entries(int n) {
        return (long) n * (n - 1) / 2;
    }

    /** Bytes the entries take for {@code n} points. */
    static long bytes(int n) {
        return 4L * entries(n);
    }

    /** The distances between the {@code n} rows of {@code x} (d columns), computed in parallel chunks of rows. */
    static CondensedDistances of(float[] x, int n, int d) {
        return of(x, n, d, SHIFT);
    }

    /** As {@link #of(float[], int, int)}, with blocks of {@code 2^shift} entries (small blocks for tests). */
    static CondensedDistances of(float[] x, int n, int d, int shift) {
        CondensedDistances m = new CondensedDistances(n, shift);
        Parallel.shared().forEachChunk(n, CHUNK, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int iRow = i * d;
                long base = index(n, i, i + 1);
                for (int j = i + 1; j < n; j++) {
                    long k = base + (j - i - 1);
                    m.blocks[(int) (k >>> m.shift)][(int) (k & m.mask)] =
                            (float) Math.sqrt(Distances.squared(x, iRow, x, j * d, d));
                }
            }
        });
        return m;
    }

    /** The position of the pair (i, j), i < j, among the entries for {@code n} points. */
    static long index(int n, int i, int j) {
        return (long) i * n - (long) i * (i + 1) / 2 + (j - i - 1);
    }

    /** The entry for the pair {i, j}, i != j, in either order. */
    float get(int i, int j) {
        long k = i < j ? index(n, i, j) : index(n, j, i);
        return blocks[(int) (k >>> shift)][(int) (k & mask)];
    }

    void set(int i, int j, float value) {
        long k = i < j ? index(n, i, j) : index(n, j, i);
        blocks[(int) (k >>> shift)][(int) (k & mask)] = value;
    }
}
