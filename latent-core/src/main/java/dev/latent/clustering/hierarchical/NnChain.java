package dev.latent.clustering.hierarchical;

/**
 * The nearest-neighbour chain loop shared by the reducible linkages (Ward on centroids, complete and average on
 * the distance matrix); what a dissimilarity is, and how a merge updates it, is the {@link Clusters} strategy's.
 * <p>The chain grows from the lowest-positioned live cluster: each step appends the nearest neighbour of the
 * chain's last element, until that element's nearest neighbour is its predecessor, and then the two merge.
 * Ties go to the predecessor, then to the lowest slot; the merged cluster takes the higher of its two slots.
 * The loop itself costs O(n) memory (the chain and the list of live clusters) and O(n) searches, at most about
 * 3n; their cost is the strategy's.
 * <p>Reference: D. Müllner, "Modern hierarchical, agglomerative clustering algorithms", arXiv:1109.2378,
 * 2011, section 3.2 (NN-chain-linkage).
 */
final class NnChain {
    /** Clusters in slots {@code 0..n-1}, with the dissimilarity and merge update of one linkage. */
    interface Clusters {
        /** The dissimilarity between live clusters {@code s} and {@code t}. */
        double dissimilarity(int s, int t);

        /**
         * The live cluster other than {@code a} and {@code prev} nearest to {@code a} (the lowest slot on ties)
         * when its dissimilarity is strictly below {@code limit}, else -1; the live clusters are
         * {@code active[0..count)}. The dissimilarity found is then {@link #found()}.
         */
        int nearest(int a, int prev, double limit, int[] active, int count);

        /** The dissimilarity of the cluster the last successful {@link #nearest} returned. */
        double found();

        /** The merge height the linkage reports for a dissimilarity. */
        double height(double dissimilarity);

        /** Merges cluster {@code drop} into {@code keep}; {@code active[0..count)} still lists both. */
        void merge(int keep, int drop, int[] active, int count);
    }

    private NnChain() {}

    /** Bytes {@link #run} allocates for {@code n} clusters, beyond the merges: the live list, positions and chain. */
    static long bytes(int n) {
        return 12L * n;
    }

    /** The n - 1 merges of the {@code n} clusters of {@code clusters}, in the order the chain makes them. */
    static Merges run(int n, Clusters clusters) {
        int[] active = new int[n];
        int[] position = new int[n];
        for (int s = 0; s < n; s++) {
            active[s] = s;
            position[s] = s;
        }
        int count = n;
        Merges merges = new Merges(n);
        int[] chain = new int[n];
        int top = 0;
        while (count > 1) {
            if (top == 0) chain[top++] = active[0];
            int a, b;
            double v;
            while (true) {
                a = chain[top - 1];
                int prev = top >= 2 ? chain[top - 2] : -1;
                // only a cluster strictly closer than the predecessor can displace it (ties go to it)
                double limit = prev >= 0 ? clusters.dissimilarity(a, prev) : Double.POSITIVE_INFINITY;
                b = clusters.nearest(a, prev, limit, active, count);
                if (b < 0) {
                    b = prev;
                    v = limit;
                    break;
                }
                v = clusters.found();
                chain[top++] = b;
            }
            top -= 2;
            int keep = Math.max(a, b), drop = Math.min(a, b);
            merges.add(drop, keep, clusters.height(v));
            clusters.merge(keep, drop, active, count);
            int pos = position[drop];
            int last = active[--count];
            active[pos] = last;
            position[last] = pos;
        }
        return merges;
    }
}
