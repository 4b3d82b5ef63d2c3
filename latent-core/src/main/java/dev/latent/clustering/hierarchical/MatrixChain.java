package dev.latent.clustering.hierarchical;

/**
 * Complete and average linkage through the nearest-neighbour chain on the condensed distance matrix.
 * <p>O(n^2 d) time to fill the matrix (in parallel), then O(n^2) for the chain; O(n^2) memory for the
 * float32 matrix, which the merges update in place with the Lance-Williams formulas (computed in double).
 * The merged cluster takes the higher of its two slots. Ties go to the chain's predecessor, then to
 * the lowest slot. The chain loop itself is {@link NnChain}'s.
 * <p>Reference: D. Müllner, "Modern hierarchical, agglomerative clustering algorithms", arXiv:1109.2378,
 * 2011, section 3.2 (NN-chain-linkage); F. Murtagh, "A survey of recent advances in hierarchical
 * clustering algorithms", The Computer Journal 26, 1983.
 */
final class MatrixChain {
    private MatrixChain() {}

    static Merges merges(float[] x, int n, int d, Linkage linkage) {
        return merges(x, n, d, linkage, CondensedDistances.SHIFT);
    }

    /** As {@link #merges(float[], int, int, Linkage)}, with matrix blocks of {@code 2^shift} entries. */
    static Merges merges(float[] x, int n, int d, Linkage linkage, int shift) {
        assert linkage == Linkage.COMPLETE || linkage == Linkage.AVERAGE;
        return NnChain.run(n, new Matrix(CondensedDistances.of(x, n, d, shift), n, linkage == Linkage.AVERAGE));
    }

    /** The condensed matrix as the chain's clusters: a scan of a row per search, a Lance-Williams update per merge. */
    private static final class Matrix implements NnChain.Clusters {
        private final CondensedDistances dist;
        private final int[] size;
        private final boolean average;
        private float found;

        Matrix(CondensedDistances dist, int n, boolean average) {
            this.dist = dist;
            this.average = average;
            this.size = new int[n];
            java.util.Arrays.fill(size, 1);
        }

        @Override
        public double dissimilarity(int s, int t) {
            return dist.get(s, t);
        }

        @Override
        public int nearest(int a, int prev, double limit, int[] active, int count) {
            int b = -1;
            float h = Float.POSITIVE_INFINITY;
            for (int p = 0; p < count; p++) {
                int t = active[p];
                if (t == a || t == prev) continue;
                float v = dist.get(a, t);
                if (b < 0 || v < h || (v == h && t < b)) {
                    h = v;
                    b = t;
                }
            }
            if (b < 0 || (prev >= 0 && !(h < limit))) return -1;
            found = h;
            return b;
        }

        @Override
        public double found() {
            return found;
        }

        @Override
        public double height(double dissimilarity) {
            return dissimilarity;
        }

        @Override
        public void merge(int keep, int drop, int[] active, int count) {
            int nk = size[keep], nd = size[drop];
            for (int p = 0; p < count; p++) {
                int t = active[p];
                if (t == keep || t == drop) continue;
                float dk = dist.get(keep, t), dd = dist.get(drop, t);
                float v = average ? (float) (((double) nk * dk + (double) nd * dd) / (nk + nd)) : Math.max(dk, dd);
                dist.set(keep, t, v);
            }
            size[keep] = nk + nd;
            size[drop] = 0;
        }
    }
}
