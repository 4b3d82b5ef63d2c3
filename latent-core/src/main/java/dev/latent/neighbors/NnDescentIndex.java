package dev.latent.neighbors;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.internal.Parallel;
import dev.latent.linalg.Distances;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An approximate k-nearest-neighbour index built by {@link NnDescent}: answers {@link #querySelf} from the
 * nearest-neighbour-descent graph and {@link #query} by a best-first search of it.
 * <p>Graphs are built on first use and kept, one per degree: {@code querySelf(k)} reads the first {@code k}
 * entries of the graph of degree {@code max(k, neighbors)}, and {@code query} searches the graph of degree
 * {@code neighbors} (both capped at {@code n - 1}). Each graph is a function of the data, the
 * hyperparameters and its degree alone, so results do not depend on the order of calls or on the thread
 * count. Returned distances are recomputed exactly (differences summed in double) and each row's neighbours
 * are sorted by distance, ties broken by the lower index; which rows are returned is approximate.
 * <p>A query of {@code m} rows costs, per row, its random projection ({@code O(64 d)}, one GEMM for all rows),
 * a descent of the first tree ({@code O(64 log n)}) and a search that
 * usually evaluates a few hundred distances; it stops when the nearest unexpanded candidate is farther than
 * {@code 1 + epsilon} times the current k-th distance. Queries run in fixed chunks of 256 rows, each with its
 * own random generator split from the seed in chunk order (used only to pad a leaf with fewer than
 * {@code k} rows), so results do not depend on the thread count. Memory per chunk: {@code 4 n} bytes of
 * visit marks.
 * <p>Safe for concurrent use: graph building is serialized and results are fresh arrays.
 */
public final class NnDescentIndex implements NeighborSearch {
    static final int QUERY_CHUNK = 256;

    private final NnDescent params;
    private final float[] x;
    private final int n;
    private final int d;
    private final Map<Integer, Graph> graphs = new HashMap<>();

    /** A finished graph: sorted neighbour lists and the search graph (forward plus reverse edges, CSR). */
    private record Graph(int degree, RpForest forest, int[] idx, float[] dist, int[] offsets, int[] targets) {}

    NnDescentIndex(NnDescent params, float[] x, int n, int d) {
        this.params = params;
        this.x = x;
        this.n = n;
        this.d = d;
    }

    /** The hyperparameters that built this index. */
    public NnDescent params() {
        return params;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public int dimension() {
        return d;
    }

    /** The metric of this index. */
    public Metric metric() {
        return params.metric();
    }

    /**
     * The approximate {@code k} nearest other indexed rows of each indexed row, nearest first.
     * @throws IllegalArgumentException if {@code k < 1} or {@code k > size() - 1}
     */
    @Override
    public Neighbors querySelf(int k) {
        Check.atLeast("k", k, 1);
        if (k > n - 1) {
            throw new IllegalArgumentException("k must be <= " + (n - 1)
                    + " (the rows of data less the row itself), got " + k);
        }
        Graph g = graph(Math.min(n - 1, Math.max(k, params.neighbors())));
        int[] idx = new int[n * k];
        float[] dist = new float[n * k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(g.idx, i * g.degree, idx, i * k, k);
            System.arraycopy(g.dist, i * g.degree, dist, i * k, k);
        }
        return new Neighbors(n, k, idx, dist);
    }

    /**
     * The approximate {@code k} nearest indexed rows of each row of {@code queries}, nearest first.
     * @throws IllegalArgumentException if {@code k < 1}, {@code k > size()}, {@code queries} does not have
     *                                  {@link #dimension()} columns or holds a non-finite value, or (for
     *                                  cosine) a row of zeros
     */
    @Override
    public Neighbors query(Matrix queries, int k) {
        Check.notNull("queries", queries);
        Check.atLeast("k", k, 1);
        if (k > n) throw new IllegalArgumentException("k must be <= " + n + " (the rows of data), got " + k);
        Check.columns("queries", queries, d);
        Check.finite("queries", queries);
        float[] q = params.metric().prepare("queries", queries);
        Graph g = graph(Math.min(n - 1, params.neighbors()));
        int m = queries.rows();
        int[] outIdx = new int[m * k];
        float[] outDist = new float[m * k];
        int chunks = Parallel.chunkCount(m, QUERY_CHUNK);
        SplittableRandom root = new SplittableRandom(params.seed());
        SplittableRandom[] rngs = new SplittableRandom[chunks];
        for (int c = 0; c < chunks; c++) rngs[c] = root.split();
        double scale = params.metric().squaredScale(params.epsilon());
        float[] pq = g.forest.project(q, m);
        Parallel.shared().forEachChunkIndex(chunks, c -> {
            int from = c * QUERY_CHUNK, to = Math.min(m, from + QUERY_CHUNK);
            new Searcher(g, k, scale, rngs[c]).run(q, pq, from, to, outIdx, outDist);
        });
        return new Neighbors(m, k, outIdx, outDist);
    }

    private synchronized Graph graph(int degree) {
        Graph g = graphs.get(degree);
        if (g == null) {
            g = build(degree);
            graphs.put(degree, g);
        }
        return g;
    }

    /**
     * Builds the graph of degree {@code k}. The descent runs on the rows reordered as the leaves of the first
     * tree list them, so that the rows a local join touches lie near each other in memory.
     */
    private Graph build(int k) {
        SplittableRandom rng = new SplittableRandom(params.seed());
        RpForest forest = RpForest.build(x, n, d, params.treesFor(n), params.leafSizeFor(k), rng.split());
        int[] perm = forest.trees[0].order;
        int[] inv = new int[n];
        for (int i = 0; i < n; i++) inv[perm[i]] = i;
        float[] xp = new float[n * d];
        for (int i = 0; i < n; i++) System.arraycopy(x, perm[i] * d, xp, i * d, d);
        int candidates = Math.min(n - 1, params.candidatesFor(k));
        DescentGraph dg = DescentGraph.build(xp, n, d, k, candidates, params.delta(), params.maxIterFor(n),
                forest.permuted(inv), rng.split());
        int[] idx = new int[n * k];
        float[] dist = new float[n * k];
        Metric metric = params.metric();
        Parallel.shared().forEachChunk(n, DescentGraph.INIT_CHUNK, (from, to) -> {
            double[] exact = new double[k];
            int[] order = new int[k];
            for (int i = from; i < to; i++) {
                int h = inv[i] * k;
                for (int r = 0; r < k; r++) {
                    order[r] = perm[dg.idx[h + r]];
                    exact[r] = Distances.squared(x, i * d, x, order[r] * d, d);
                }
                ExactKnn.sortByDistanceThenIndex(exact, order, k);
                for (int r = 0; r < k; r++) {
                    idx[i * k + r] = order[r];
                    dist[i * k + r] = metric.fromSquared(exact[r]);
                }
            }
        });
        int[][] csr = searchGraph(idx, dist, k);
        return new Graph(k, forest, idx, dist, csr[0], csr[1]);
    }

    /**
     * Each row's forward neighbours followed by up to {@code k} of its reverse neighbours (rows that list
     * it), nearest first, as offsets and targets.
     */
    private int[][] searchGraph(int[] idx, float[] dist, int k) {
        int[] in = new int[n + 1];
        for (int e = 0; e < n * k; e++) in[idx[e] + 1]++;
        for (int i = 0; i < n; i++) in[i + 1] += in[i];
        int[] revSrc = new int[n * k];
        float[] revDist = new float[n * k];
        int[] fill = java.util.Arrays.copyOf(in, n);
        for (int v = 0; v < n; v++) {
            for (int r = 0; r < k; r++) {
                int u = idx[v * k + r], s = fill[u]++;
                revSrc[s] = v;
                revDist[s] = dist[v * k + r];
            }
        }
        int[] offsets = new int[n + 1];
        int[] targets = new int[2 * n * k];
        int t = 0;
        double[] tmpDist = new double[16];
        int[] tmpIdx = new int[16];
        for (int u = 0; u < n; u++) {
            offsets[u] = t;
            for (int r = 0; r < k; r++) targets[t++] = idx[u * k + r];
            int len = in[u + 1] - in[u];
            if (len > tmpIdx.length) {
                tmpDist = new double[len];
                tmpIdx = new int[len];
            }
            int kept = 0;
            for (int s = in[u]; s < in[u + 1]; s++) {
                int v = revSrc[s];
                boolean forward = false;
                for (int r = 0; r < k; r++) {
                    if (idx[u * k + r] == v) {
                        forward = true;
                        break;
                    }
                }
                if (forward) continue;
                tmpIdx[kept] = v;
                tmpDist[kept++] = revDist[s];
            }
            ExactKnn.sortByDistanceThenIndex(tmpDist, tmpIdx, kept);
            for (int r = 0; r < Math.min(kept, k); r++) targets[t++] = tmpIdx[r];
        }
        offsets[n] = t;
        return new int[][] {offsets, java.util.Arrays.copyOf(targets, t)};
    }

    /** Best-first search of one chunk of queries; holds the chunk's scratch. */
    private final class Searcher {
        private final Graph g;
        private final int k;
        private final double scale;
        private final SplittableRandom rng;
        private final DistanceKernel kernel = DistanceKernel.get();
        private final int[] visited = new int[n];
        private int stamp;
        private final int[] resIdx;
        private final float[] resDist;
        private int rs;
        private int[] seedIdx = new int[64];
        private float[] seedDist = new float[64];
        private int ss;
        private final float[] w;

        Searcher(Graph g, int k, double scale, SplittableRandom rng) {
            this.g = g;
            this.k = k;
            this.scale = scale;
            this.rng = rng;
            resIdx = new int[k];
            resDist = new float[k];
            w = new float[g.forest.columns()];
        }

        void run(float[] q, float[] pq, int from, int to, int[] outIdx, float[] outDist) {
            double[] exact = new double[k];
            int[] order = new int[k];
            Metric metric = params.metric();
            for (int i = from; i < to; i++) {
                int qOff = i * d;
                search(q, qOff, pq, i * w.length);
                for (int r = 0; r < k; r++) {
                    order[r] = resIdx[r];
                    exact[r] = Distances.squared(q, qOff, x, order[r] * d, d);
                }
                ExactKnn.sortByDistanceThenIndex(exact, order, k);
                for (int r = 0; r < k; r++) {
                    outIdx[i * k + r] = order[r];
                    outDist[i * k + r] = metric.fromSquared(exact[r]);
                }
            }
        }

        /**
         * Leaves the k nearest rows found for the query at {@code q[qOff ..]} (projected for the trees at
         * {@code pq[pqOff ..]}) in {@code resIdx}, {@code resDist}.
         */
        private void search(float[] q, int qOff, float[] pq, int pqOff) {
            stamp++;
            rs = 0;
            ss = 0;
            RpForest.Tree tree = g.forest.trees[0];
            int leaf = g.forest.leaf(0, pq, pqOff, w);
            for (int s = tree.leafStart(leaf), e = tree.leafEnd(leaf); s < e; s++) visit(q, qOff, tree.order[s]);
            while (rs < k) {
                int u = rng.nextInt(n);
                if (visited[u] != stamp) visit(q, qOff, u);
            }
            double bound = scale * resDist[0];
            int[] offsets = g.offsets, targets = g.targets;
            while (ss > 0) {
                int c = seedIdx[0];
                float dc = seedDist[0];
                popSeed();
                if (dc >= bound) break;
                for (int e = offsets[c], end = offsets[c + 1]; e < end; e++) {
                    int u = targets[e];
                    if (visited[u] == stamp) continue;
                    visited[u] = stamp;
                    float du = kernel.squared(q, qOff, x, u * d, d);
                    if (du < bound) {
                        offerResult(u, du);
                        pushSeed(u, du);
                        bound = scale * resDist[0];
                    }
                }
            }
        }

        private void visit(float[] q, int qOff, int u) {
            visited[u] = stamp;
            float du = kernel.squared(q, qOff, x, u * d, d);
            offerResult(u, du);
            pushSeed(u, du);
        }

        /** Adds (u, du) to the result max-heap, replacing its farthest entry once it holds k. */
        private void offerResult(int u, float du) {
            int pos;
            if (rs < k) {
                pos = rs++;
                while (pos > 0) {
                    int parent = (pos - 1) >>> 1;
                    if (resDist[parent] >= du) break;
                    resIdx[pos] = resIdx[parent];
                    resDist[pos] = resDist[parent];
                    pos = parent;
                }
            } else {
                if (!(du < resDist[0])) return;
                pos = 0;
                while (true) {
                    int c = 2 * pos + 1;
                    if (c >= k) break;
                    if (c + 1 < k && resDist[c + 1] > resDist[c]) c++;
                    if (!(resDist[c] > du)) break;
                    resIdx[pos] = resIdx[c];
                    resDist[pos] = resDist[c];
                    pos = c;
                }
            }
            resIdx[pos] = u;
            resDist[pos] = du;
        }

        /** Adds (u, du) to the min-heap of rows whose neighbours are still to be examined. */
        private void pushSeed(int u, float du) {
            if (ss == seedIdx.length) {
                seedIdx = java.util.Arrays.copyOf(seedIdx, ss * 2);
                seedDist = java.util.Arrays.copyOf(seedDist, ss * 2);
            }
            int pos = ss++;
            while (pos > 0) {
                int parent = (pos - 1) >>> 1;
                if (seedDist[parent] <= du) break;
                seedIdx[pos] = seedIdx[parent];
                seedDist[pos] = seedDist[parent];
                pos = parent;
            }
            seedIdx[pos] = u;
            seedDist[pos] = du;
        }

        /** Removes the nearest entry of the seed heap. */
        private void popSeed() {
            int last = --ss;
            if (last == 0) return;
            int u = seedIdx[last];
            float du = seedDist[last];
            int pos = 0;
            while (true) {
                int c = 2 * pos + 1;
                if (c >= last) break;
                if (c + 1 < last && seedDist[c + 1] < seedDist[c]) c++;
                if (!(seedDist[c] < du)) break;
                seedIdx[pos] = seedIdx[c];
                seedDist[pos] = seedDist[c];
                pos = c;
            }
            seedIdx[pos] = u;
            seedDist[pos] = du;
        }
    }
}
