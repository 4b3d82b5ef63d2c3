package dev.latent.clustering.hierarchical;

import dev.latent.internal.Parallel;

/**
 * The n(n-1)/2 Euclidean distances between rows, upper triangle row by row, as float32 in blocks.
 * <p>Entry (i, j), i < j, is at the long index {@code i n - i (i + 1) / 2 + (j - i - 1)}, as in SciPy's
 * condensed matrices; blocks of 2^26 floats hold the entries, so more than 2^31 of them fit.
 */
final class CondensedDistances {
    private static final int SHIFT = 26;
    private static final int BLOCK = 1 << SHIFT;
    private static final long MASK = BLOCK - 1;
    /** Rows per chunk when filling; fixed, so results do not depend on the thread count. */
    static final int CHUNK = 32;

    private final int n;
    private final float[][] blocks;

    private CondensedDistances(int n) {
        this.n = n;
        long entries = entries(n);
        int count = (int) ((entries + BLOCK - 1) >>> SHIFT);
        blocks = new float[count][];
        for (int b = 0; b < count; b++) {
            blocks[b] = new float[(int) Math.min(BLOCK, entries - ((long) b << SHIFT))];
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
        CondensedDistances m = new CondensedDistances(n);
        Parallel.shared().forEachChunk(n, CHUNK, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int iRow = i * d;
                long base = m.index(i, i + 1);
                for (int j = i + 1; j < n; j++) {
                    long k = base + (j - i - 1);
                    m.blocks[(int) (k >>> SHIFT)][(int) (k & MASK)] =
                            (float) Math.sqrt(Distances.squared(x, iRow, x, j * d, d));
                }
            }
        });
        return m;
    }

    private long index(int i, int j) {
        return (long) i * n - (long) i * (i + 1) / 2 + (j - i - 1);
    }

    /** The entry for the pair {i, j}, i != j, in either order. */
    float get(int i, int j) {
        long k = i < j ? index(i, j) : index(j, i);
        return blocks[(int) (k >>> SHIFT)][(int) (k & MASK)];
    }

    void set(int i, int j, float value) {
        long k = i < j ? index(i, j) : index(j, i);
        blocks[(int) (k >>> SHIFT)][(int) (k & MASK)] = value;
    }
}
