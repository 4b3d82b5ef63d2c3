package dev.latent.metrics;

/**
 * The adjusted Rand index of two labellings: agreement on pairs of samples, corrected for chance.
 * <p>Counting pairs of samples, with {@code n_ij} the contingency table, {@code a_i} its row sums and
 * {@code b_j} its column sums, and {@code C(m) = m (m - 1) / 2}:
 * <pre>
 *   index    = sum_ij C(n_ij)
 *   expected = sum_i C(a_i) * sum_j C(b_j) / C(n)
 *   max      = (sum_i C(a_i) + sum_j C(b_j)) / 2
 *   ARI      = (index - expected) / (max - expected)
 * </pre>
 * It is 1 for identical partitions (whatever the label values), near 0 for independent ones, and may be
 * negative. When both labellings are the same partition the formula is 0/0 and the result is 1, as in
 * scikit-learn's {@code adjusted_rand_score} (this covers one cluster against one cluster and all singletons
 * against all singletons). It is symmetric in its two arguments. Cost: O(n log n) time, O(n) memory.
 * <p>Reference: L. Hubert and P. Arabie, "Comparing partitions", Journal of Classification 2, 193-218, 1985.
 */
public final class AdjustedRandIndex {
    private AdjustedRandIndex() {}

    /**
     * The adjusted Rand index of {@code truth} against {@code predicted}.
     * @throws IllegalArgumentException if either is null, they differ in length, or they are empty
     */
    public static double score(int[] truth, int[] predicted) {
        return score(Contingency.of(truth, predicted));
    }

    /** The adjusted Rand index of the two labellings that {@code table} counts. */
    public static double score(Contingency table) {
        long index = 0, rowPairs = 0, columnPairs = 0;
        for (int c = 0; c < table.cells(); c++) index += pairs(table.cellCount(c));
        for (int i = 0; i < table.rows(); i++) rowPairs += pairs(table.rowSum(i));
        for (int j = 0; j < table.columns(); j++) columnPairs += pairs(table.columnSum(j));
        if (index == rowPairs && index == columnPairs) return 1.0; // the same partition
        double expected = (double) rowPairs * columnPairs / pairs(table.n());
        double max = 0.5 * ((double) rowPairs + columnPairs);
        return (index - expected) / (max - expected);
    }

    private static long pairs(long m) {
        return m * (m - 1) / 2;
    }
}
