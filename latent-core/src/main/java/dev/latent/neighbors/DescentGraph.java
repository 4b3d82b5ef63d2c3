package dev.latent.neighbors;

import dev.latent.internal.Parallel;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Builds an approximate k-nearest-neighbour graph by nearest-neighbour descent, seeded from the leaves of a
 * random-projection forest.
 * <p>The graph is one bounded max-heap of {@code k} (row, squared distance, new-flag) entries per row. It
 * starts from the forest: tree by tree, every pair of rows sharing a leaf is compared once and proposed to
 * both rows; rows left with fewer than {@code k} entries get random ones. Each iteration (1) samples, for
 * every row, up to {@code candidates} new and {@code candidates} old neighbours from its forward and reverse
 * lists, by a random priority that is a hash of (seed, iteration, edge), and marks the sampled forward
 * entries old; (2) runs the local join: every pair of new candidates, and every new-old pair, is a proposed
 * edge in both directions (pairs already listed both ways are skipped).
 * <p>Leaf pairs and joins run in rounds of {@link #ROUND_CHUNKS} chunks of {@link #JOIN_CHUNK} rows (or
 * {@link #LEAF_CHUNK} leaves). The chunks of a round compute distances in parallel against the heaps as
 * they stood at the start of the round, and write the proposals that beat the current worst into per-chunk
 * buffers, bucketed by the target row's block; then the {@link #BLOCKS} blocks apply their buckets in
 * parallel, each reading the chunks in chunk order. Every heap therefore sees the same pushes in the same
 * order whatever the thread count, and the graph depends only on the data and the seed. Iterations stop
 * when fewer than {@code delta n k} pushes succeed, or after {@code maxIter}.
 * <p>Memory: the heaps ({@code 9 n k} bytes), the candidate lists ({@code 16 n candidates} bytes) and the
 * buffers of one round (12 bytes per proposal). Time per iteration: about {@code 1.5 n candidates^2}
 * distances of {@code 2d} flops each (fewer as the graph settles), plus {@code O(n k log k)} for the heaps.
 */
final class DescentGraph {
    static final int INIT_CHUNK = 256;
    static final int JOIN_CHUNK = 128;
    static final int ROUND_CHUNKS = 16;
    static final int BLOCKS = 16;
    static final int LEAF_CHUNK = 16;

    final int n;
    final int k;
    /** Heap entries of row {@code i} at {@code [i * k, (i + 1) * k)}; {@code dist} holds squared distances. */
    final int[] idx;
    final float[] dist;
    final byte[] fresh;
    int iterations;
    boolean converged;

    private final float[] x;
    private final int d;
    private final DistanceKernel kernel = DistanceKernel.get();

    private DescentGraph(float[] x, int n, int d, int k) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.k = k;
        this.idx = new int[n * k];
        this.dist = new float[n * k];
        this.fresh = new byte[n * k];
        Arrays.fill(idx, -1);
        Arrays.fill(dist, Float.POSITIVE_INFINITY);
    }

    /**
     * The graph of degree {@code k} over the {@code n} rows of {@code x}, after at most {@code maxIter}
     * iterations; {@code k <= n - 1}.
     */
    static DescentGraph build(float[] x, int n, int d, int k, int candidates, double delta, int maxIter,
                              RpForest forest, SplittableRandom rng) {
        assert k >= 1 && k <= n - 1;
        DescentGraph g = new DescentGraph(x, n, d, k);
        Descent descent = new Descent(g, candidates);
        descent.init(forest, rng);
        long salt = rng.nextLong();
        descent.run(delta, maxIter, salt);
        return g;
    }

    boolean contains(int p, int q) {
        for (int s = p * k, e = s + k; s < e; s++) if (idx[s] == q) return true;
        return false;
    }

    /**
     * Puts {@code q} at squared distance {@code dq} into row {@code p}'s heap, flagged new, if it is nearer
     * than the farthest entry and not already there; returns 1 if it was put, 0 otherwise.
     */
    int push(int p, int q, float dq) {
        int h = p * k;
        if (!(dq < dist[h])) return 0;
        if (contains(p, q)) return 0;
        int pos = 0;
        while (true) {
            int c = 2 * pos + 1;
            if (c >= k) break;
            if (c + 1 < k && dist[h + c + 1] > dist[h + c]) c++;
            if (!(dist[h + c] > dq)) break;
            idx[h + pos] = idx[h + c];
            dist[h + pos] = dist[h + c];
            fresh[h + pos] = fresh[h + c];
            pos = c;
        }
        idx[h + pos] = q;
        dist[h + pos] = dq;
        fresh[h + pos] = 1;
        return 1;
    }

    /** A random priority in {@code [0, 2^31)} for the edge (v, u), from a 64-bit mix of salt, v and u. */
    static int priority(long salt, int v, int u) {
        long z = salt + v * 0x9E3779B97F4A7C15L + u * 0xC2B2AE3D27D4EB4FL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) (z >>> 33);
    }

    /** Proposed edges (target, other, squared distance) of one join chunk for one block of targets. */
    private static final class Updates {
        int[] target = new int[256];
        int[] other = new int[256];
        float[] dist = new float[256];
        int size;

        void add(int t, int o, float v) {
            if (size == target.length) {
                int c = size * 2;
                target = Arrays.copyOf(target, c);
                other = Arrays.copyOf(other, c);
                dist = Arrays.copyOf(dist, c);
            }
            target[size] = t;
            other[size] = o;
            dist[size] = v;
            size++;
        }
    }

    /** The state of the iterations: candidate lists and update buffers. */
    private static final class Descent {
        private final DescentGraph g;
        private final int cap;
        private final int[] newIdx, newPri, newSize, oldIdx, oldPri, oldSize;
        private final Updates[][] buffers = new Updates[ROUND_CHUNKS][BLOCKS];
        private final int blockSize;

        Descent(DescentGraph g, int candidates) {
            this.g = g;
            this.cap = candidates;
            int n = g.n;
            newIdx = new int[n * cap];
            newPri = new int[n * cap];
            newSize = new int[n];
            oldIdx = new int[n * cap];
            oldPri = new int[n * cap];
            oldSize = new int[n];
            for (Updates[] row : buffers) for (int b = 0; b < BLOCKS; b++) row[b] = new Updates();
            blockSize = (n + BLOCKS - 1) / BLOCKS;
        }

        /**
         * Fills the heaps from the leaves, tree by tree (each pair in a leaf is compared once and proposed to
         * both rows), then tops up every heap with random rows until it holds k.
         */
        void init(RpForest forest, SplittableRandom rng) {
            for (RpForest.Tree tree : forest.trees) {
                int[] leaves = tree.leaves();
                rounds(leaves.length, LEAF_CHUNK, (from, to, out) -> joinLeaves(tree, leaves, from, to, out));
            }
            int n = g.n, k = g.k, d = g.d;
            float[] x = g.x;
            int chunks = Parallel.chunkCount(n, INIT_CHUNK);
            SplittableRandom[] rngs = new SplittableRandom[chunks];
            for (int c = 0; c < chunks; c++) rngs[c] = rng.split();
            Parallel.shared().forEachChunkIndex(chunks, c -> {
                int from = c * INIT_CHUNK, to = Math.min(n, from + INIT_CHUNK);
                SplittableRandom r = rngs[c];
                for (int p = from; p < to; p++) {
                    int filled = 0;
                    for (int s = p * k, e = s + k; s < e; s++) if (g.idx[s] >= 0) filled++;
                    while (filled < k) {
                        int q = r.nextInt(n);
                        if (q == p || g.contains(p, q)) continue;
                        g.push(p, q, g.kernel.squared(x, p * d, x, q * d, d));
                        filled++;
                    }
                }
            });
        }

        private void joinLeaves(RpForest.Tree tree, int[] leaves, int from, int to, Updates[] out) {
            float[] x = g.x, dist = g.dist;
            int d = g.d, k = g.k;
            int[] order = tree.order;
            DistanceKernel kernel = g.kernel;
            for (int l = from; l < to; l++) {
                int leaf = leaves[l], lo = tree.leafStart(leaf), hi = tree.leafEnd(leaf);
                for (int i = lo; i < hi; i++) {
                    int p = order[i], pOff = p * d;
                    for (int j = i + 1; j < hi; j++) {
                        int q = order[j];
                        if (g.contains(p, q) && g.contains(q, p)) continue;
                        propose(kernel.squared(x, pOff, x, q * d, d), p, q, dist, k, out);
                    }
                }
            }
        }

        /** Proposals of the items {@code [from, to)} into per-block buffers. */
        @FunctionalInterface
        private interface Proposals {
            void run(int from, int to, Updates[] out);
        }

        /**
         * Runs {@code body} over {@code items} in rounds of {@link #ROUND_CHUNKS} chunks of {@code chunk} items:
         * the chunks of a round propose in parallel, then the blocks apply the proposals in chunk order.
         * Returns the number of successful pushes.
         */
        private long rounds(int items, int chunk, Proposals body) {
            long pushes = 0;
            long[] counts = new long[BLOCKS];
            int roundItems = ROUND_CHUNKS * chunk;
            for (int start = 0; start < items; start += roundItems) {
                int begin = start, chunks = Parallel.chunkCount(Math.min(roundItems, items - start), chunk);
                Parallel.shared().forEachChunkIndex(chunks, c -> {
                    int from = begin + c * chunk;
                    for (Updates u : buffers[c]) u.size = 0;
                    body.run(from, Math.min(items, from + chunk), buffers[c]);
                });
                Parallel.shared().forEachChunkIndex(BLOCKS, b -> {
                    long s = 0;
                    for (int c = 0; c < chunks; c++) {
                        Updates u = buffers[c][b];
                        for (int e = 0; e < u.size; e++) s += g.push(u.target[e], u.other[e], u.dist[e]);
                    }
                    counts[b] = s;
                });
                for (int b = 0; b < BLOCKS; b++) pushes += counts[b];
            }
            return pushes;
        }

        void run(double delta, int maxIter, long salt) {
            double stop = delta * g.n * g.k;
            for (int it = 0; it < maxIter; it++) {
                sample(salt + it * 0x632BE59BD9B4E019L);
                long pushes = rounds(g.n, JOIN_CHUNK, this::joinRows);
                g.iterations = it + 1;
                if (pushes <= stop) {
                    g.converged = true;
                    return;
                }
            }
        }

        /** Fills the new and old candidate lists of every row, then marks the sampled forward entries old. */
        private void sample(long salt) {
            int n = g.n, k = g.k;
            int[] idx = g.idx;
            byte[] fresh = g.fresh;
            Arrays.fill(newSize, 0);
            Arrays.fill(oldSize, 0);
            // each block of target rows scans every edge in the same order, so the partition does not matter
            int threads = Parallel.shared().threads();
            int per = (n + threads - 1) / threads;
            Parallel.shared().forEachChunk(n, per, (from, to) -> {
                for (int v = 0; v < n; v++) {
                    for (int s = v * k, e = s + k; s < e; s++) {
                        int u = idx[s];
                        if (u < 0) continue;
                        boolean isNew = fresh[s] != 0;
                        int pri = priority(salt, v, u);
                        if (v >= from && v < to) offer(isNew, v, u, pri);
                        if (u >= from && u < to) offer(isNew, u, v, pri);
                    }
                }
            });
            Parallel.shared().forEachChunk(n, INIT_CHUNK, (from, to) -> {
                for (int v = from; v < to; v++) {
                    int c = v * cap, cn = newSize[v];
                    for (int s = v * k, e = s + k; s < e; s++) {
                        if (fresh[s] == 0) continue;
                        int u = idx[s];
                        for (int t = c; t < c + cn; t++) {
                            if (newIdx[t] == u) {
                                fresh[s] = 0;
                                break;
                            }
                        }
                    }
                }
            });
        }

        private void offer(boolean isNew, int v, int u, int pri) {
            if (isNew) {
                offer(newIdx, newPri, newSize, v, u, pri);
            } else {
                offer(oldIdx, oldPri, oldSize, v, u, pri);
            }
        }

        /** Adds u to v's list (a max-heap on priority of capacity cap) unless present or outranked. */
        private void offer(int[] ids, int[] pris, int[] sizes, int v, int u, int pri) {
            int h = v * cap, size = sizes[v];
            for (int t = h; t < h + size; t++) if (ids[t] == u) return;
            if (size < cap) {
                int pos = size;
                while (pos > 0) {
                    int parent = (pos - 1) >>> 1;
                    if (pris[h + parent] >= pri) break;
                    ids[h + pos] = ids[h + parent];
                    pris[h + pos] = pris[h + parent];
                    pos = parent;
                }
                ids[h + pos] = u;
                pris[h + pos] = pri;
                sizes[v] = size + 1;
                return;
            }
            if (pri >= pris[h]) return;
            int pos = 0;
            while (true) {
                int c = 2 * pos + 1;
                if (c >= cap) break;
                if (c + 1 < cap && pris[h + c + 1] > pris[h + c]) c++;
                if (pris[h + c] <= pri) break;
                ids[h + pos] = ids[h + c];
                pris[h + pos] = pris[h + c];
                pos = c;
            }
            ids[h + pos] = u;
            pris[h + pos] = pri;
        }

        private void joinRows(int from, int to, Updates[] out) {
            float[] x = g.x, dist = g.dist;
            int d = g.d, k = g.k;
            DistanceKernel kernel = g.kernel;
            for (int v = from; v < to; v++) {
                int h = v * cap, ns = newSize[v], os = oldSize[v];
                for (int i = 0; i < ns; i++) {
                    int p = newIdx[h + i], pOff = p * d;
                    for (int j = i + 1; j < ns; j++) {
                        int q = newIdx[h + j];
                        if (g.contains(p, q) && g.contains(q, p)) continue;
                        propose(kernel.squared(x, pOff, x, q * d, d), p, q, dist, k, out);
                    }
                    for (int j = 0; j < os; j++) {
                        int q = oldIdx[h + j];
                        if (q == p || (g.contains(p, q) && g.contains(q, p))) continue;
                        propose(kernel.squared(x, pOff, x, q * d, d), p, q, dist, k, out);
                    }
                }
            }
        }

        private void propose(float dpq, int p, int q, float[] dist, int k, Updates[] out) {
            if (dpq < dist[p * k]) out[p / blockSize].add(p, q, dpq);
            if (dpq < dist[q * k]) out[q / blockSize].add(q, p, dpq);
        }
    }
}
