package dev.latent.clustering.kmeans;

/** Counts distinct rows with positive weight, stopping as soon as a limit is reached. */
final class Distinct {
    private Distinct() {}

    /**
     * The number of distinct rows of {@code x} ({@code n x d}) whose weight is positive, or {@code limit}
     * if there are at least that many. Uses an open-addressing table of at most {@code limit} rows, so it
     * costs O(n d) time and O(limit) memory. {@code 0.0} and {@code -0.0} count as equal.
     */
    static int count(float[] x, int n, int d, double[] w, int limit) {
        int capacity = Integer.highestOneBit(Math.max(4, limit) * 2 - 1) << 1;
        int[] table = new int[capacity]; // row index + 1, 0 = empty
        int[] hashes = new int[capacity];
        int mask = capacity - 1, count = 0;
        for (int i = 0; i < n && count < limit; i++) {
            if (!(w[i] > 0)) continue;
            int row = i * d, h = 1;
            for (int j = 0; j < d; j++) {
                float v = x[row + j];
                h = 31 * h + (v == 0f ? 0 : Float.floatToIntBits(v));
            }
            int slot = (h ^ (h >>> 16)) & mask;
            while (true) {
                int other = table[slot] - 1;
                if (other < 0) {
                    table[slot] = i + 1;
                    hashes[slot] = h;
                    count++;
                    break;
                }
                if (hashes[slot] == h && sameRow(x, row, other * d, d)) break;
                slot = (slot + 1) & mask;
            }
        }
        return count;
    }

    private static boolean sameRow(float[] x, int a, int b, int d) {
        for (int j = 0; j < d; j++) if (x[a + j] != x[b + j]) return false;
        return true;
    }
}
