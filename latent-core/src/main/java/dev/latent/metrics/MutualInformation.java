package dev.latent.metrics;

/**
 * Mutual information between two labellings, raw (in nats) and normalized.
 * <p>With {@code n_ij} the contingency table, {@code a_i} and {@code b_j} its row and column sums and
 * {@code n} the sample count, {@code MI = sum_ij (n_ij / n) ln(n n_ij / (a_i b_j))}, and
 * {@code H(a) = -sum_i (a_i / n) ln(a_i / n)}. The normalized mutual information divides by the
 * arithmetic mean of the two entropies, {@code NMI = MI / ((H(a) + H(b)) / 2)}, which is the default
 * ({@code average_method="arithmetic"}) of scikit-learn's {@code normalized_mutual_info_score}, and follows
 * its limit cases: 1 when both labellings have a single label, 0 whenever the mutual information is 0.
 * NMI is 1 for identical partitions whatever the label values, 0 for independent ones, and symmetric.
 * It is not adjusted for chance. Cost: O(n log n) time, O(n) memory.
 * <p>Reference: N. X. Vinh, J. Epps and J. Bailey, "Information Theoretic Measures for Clusterings
 * Comparison: Variants, Properties, Normalization and Correction for Chance", JMLR 11, 2837-2854, 2010.
 */
public final class MutualInformation {
    private MutualInformation() {}

    /**
     * The mutual information of {@code truth} and {@code predicted}, in nats.
     * @throws IllegalArgumentException if either is null, they differ in length, or they are empty
     */
    public static double score(int[] truth, int[] predicted) {
        return score(Contingency.of(truth, predicted));
    }

    /** The mutual information, in nats, of the two labellings that {@code table} counts; never negative. */
    public static double score(Contingency table) {
        double n = table.n();
        double mi = 0;
        for (int c = 0; c < table.cells(); c++) {
            double nij = table.cellCount(c);
            double ai = table.rowSum(table.cellRow(c));
            double bj = table.columnSum(table.cellColumn(c));
            // all four factors are integers below 2^31, so the products are exact in a double and an
            // independent cell gives ln(1) = 0 exactly
            mi += nij / n * Math.log(n * nij / (ai * bj));
        }
        return Math.max(0.0, mi);
    }

    /**
     * The normalized mutual information (arithmetic-mean normalization) of {@code truth} and {@code predicted}.
     * @throws IllegalArgumentException if either is null, they differ in length, or they are empty
     */
    public static double normalized(int[] truth, int[] predicted) {
        return normalized(Contingency.of(truth, predicted));
    }

    /** The normalized mutual information (arithmetic-mean normalization) of the labellings {@code table} counts. */
    public static double normalized(Contingency table) {
        if (table.rows() == 1 && table.columns() == 1) return 1.0; // neither labelling splits the data
        double mi = score(table);
        if (mi == 0) return 0.0;
        double hRows = 0, hColumns = 0, n = table.n();
        for (int i = 0; i < table.rows(); i++) hRows -= plogp(table.rowSum(i) / n);
        for (int j = 0; j < table.columns(); j++) hColumns -= plogp(table.columnSum(j) / n);
        return mi / (0.5 * (hRows + hColumns));
    }

    private static double plogp(double p) {
        return p * Math.log(p);
    }
}
