package dev.latent.metrics;

/**
 * Cluster purity: the fraction of samples that belong to the majority class of their cluster.
 * <p>{@code purity = (1 / n) sum_j max_i n_ij}, with {@code n_ij} the number of samples of class {@code i}
 * in cluster {@code j}. It lies in (0, 1], is 1 when every cluster holds one class, and is not symmetric:
 * putting every sample in its own cluster also gives 1, so it is only meaningful for a fixed number of
 * clusters. Cost: O(n log n) time, O(n) memory.
 * <p>Reference: C. D. Manning, P. Raghavan and H. Schütze, "Introduction to Information Retrieval",
 * Cambridge University Press, 2008, section 16.3.
 */
public final class Purity {
    private Purity() {}

    /**
     * The purity of the clusters {@code predicted} with respect to the classes {@code truth}.
     * @throws IllegalArgumentException if either is null, they differ in length, or they are empty
     */
    public static double score(int[] truth, int[] predicted) {
        return score(Contingency.of(truth, predicted));
    }

    /** The purity of the columns (clusters) of {@code table} with respect to its rows (classes). */
    public static double score(Contingency table) {
        int[] best = new int[table.columns()];
        for (int c = 0; c < table.cells(); c++) {
            int j = table.cellColumn(c);
            best[j] = Math.max(best[j], table.cellCount(c));
        }
        long majority = 0;
        for (int b : best) majority += b;
        return (double) majority / table.n();
    }
}
