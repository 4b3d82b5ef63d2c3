package dev.latent.clustering.hierarchical;

/**
 * Complete and average linkage through the nearest-neighbour chain on the condensed distance matrix.
 * <p>O(n^2 d) time to fill the matrix (in parallel), then O(n^2) for the chain; O(n^2) memory for the
 * float32 matrix, which the merges update in place with the Lance-Williams formulas (computed in double).
 * The merged cluster takes the higher of its two slots. Ties go to the chain's predecessor, then to
 * the lowest slot.
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
        boolean average = linkage == Linkage.AVERAGE;
        CondensedDistances dist = CondensedDistances.of(x, n, d, shift);
        int[] size = new int[n];
        int[] active = new int[n];
        int[] position = new int[n];
        for (int s = 0; s < n; s++) {
            size[s] = 1;
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
            float h;
            while (true) {
                a = chain[top - 1];
                int prev = top >= 2 ? chain[top - 2] : -1;
                b = -1;
                h = Float.POSITIVE_INFINITY;
                if (prev >= 0) {
                    b = prev;
                    h = dist.get(a, prev);
                }
                for (int p = 0; p < count; p++) {
                    int t = active[p];
                    if (t == a || t == prev) continue;
                    float v = dist.get(a, t);
                    if (b < 0 || v < h || (v == h && b != prev && t < b)) {
                        h = v;
                        b = t;
                    }
                }
                if (b == prev) break;
                chain[top++] = b;
            }
            top -= 2;
            int keep = Math.max(a, b), drop = Math.min(a, b);
            merges.add(drop, keep, h);
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
            int pos = position[drop];
            int last = active[--count];
            active[pos] = last;
            position[last] = pos;
        }
        return merges;
    }
}
