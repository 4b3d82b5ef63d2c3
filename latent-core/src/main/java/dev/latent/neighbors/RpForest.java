package dev.latent.neighbors;

import dev.latent.internal.Parallel;
import dev.latent.linalg.Gemm;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A forest of random-projection trees whose leaves hold at most {@code leafSize} rows each.
 * <p>Each tree splits a node by the hyperplane halfway between two of its rows drawn at random (normal
 * {@code x_a - x_b}, through their midpoint); rows exactly on the plane go to a random side, and a split that
 * leaves one side empty (as when the node holds copies of one row) cuts the node in two halves instead.
 * A node stores only its two rows (a query recomputes the plane), so a tree costs {@code O(n)} ints.
 * When rows have more than {@value #PROJECTED} columns, the trees split their product with a
 * {@code d x }{@value #PROJECTED} Gaussian matrix instead (one GEMM of {@code 2 n d }{@value #PROJECTED} flops):
 * random projection roughly keeps distances, and a tree then reads {@value #PROJECTED} floats per row
 * and level rather than {@code d}. Building a tree costs {@code O(n p log(n / leafSize))} time for
 * {@code p = min(d, }{@value #PROJECTED}{@code )}. Trees are built in parallel, each from its own random generator
 * split from the seed in tree order, so the forest does not depend on the thread count.
 * <p>Reference: S. Dasgupta and Y. Freund, "Random projection trees and low dimensional manifolds",
 * STOC 2008.
 */
final class RpForest {
    private static final int LEAF = -2;
    private static final int HALVES = -1;

    /** One tree: nodes in creation order (node 0 is the root), leaves as ranges of {@code order}. */
    static final class Tree {
        final int[] order;
        final int[] leafOf;
        int[] lo = new int[64], hi = new int[64], left = new int[64], right = new int[64];
        int[] a = new int[64], b = new int[64];
        int nodes;

        Tree(int n) {
            order = new int[n];
            leafOf = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
        }

        int add(int from, int to) {
            if (nodes == lo.length) {
                int c = nodes * 2;
                lo = Arrays.copyOf(lo, c);
                hi = Arrays.copyOf(hi, c);
                left = Arrays.copyOf(left, c);
                right = Arrays.copyOf(right, c);
                a = Arrays.copyOf(a, c);
                b = Arrays.copyOf(b, c);
            }
            lo[nodes] = from;
            hi[nodes] = to;
            a[nodes] = LEAF;
            return nodes++;
        }

        /** The leaf nodes, in node order. */
        int[] leaves() {
            int count = 0;
            for (int v = 0; v < nodes; v++) if (a[v] == LEAF) count++;
            int[] out = new int[count];
            for (int v = 0, c = 0; v < nodes; v++) if (a[v] == LEAF) out[c++] = v;
            return out;
        }

        /** The rows in the leaf of node {@code leaf}: {@code order[lo(leaf) .. hi(leaf))}. */
        int leafStart(int leaf) {
            return lo[leaf];
        }

        int leafEnd(int leaf) {
            return hi[leaf];
        }
    }

    /** Rows with more columns than this are split in a random projection to this many. */
    static final int PROJECTED = 64;

    final Tree[] trees;
    /** The rows the trees split ({@code d} columns): the data, or its random projection. */
    private final float[] x;
    private final int d;
    /** The {@code dataColumns x d} projection, or null when the trees split the data itself. */
    private final float[] projection;
    private final int dataColumns;

    private RpForest(Tree[] trees, float[] x, int d, float[] projection, int dataColumns) {
        this.trees = trees;
        this.x = x;
        this.d = d;
        this.projection = projection;
        this.dataColumns = dataColumns;
    }

    /** Builds {@code count} trees over the {@code n} rows of {@code x} (row-major, {@code d} columns). */
    static RpForest build(float[] x, int n, int d, int count, int leafSize, SplittableRandom rng) {
        float[] projection = null;
        float[] split = x;
        int p = d;
        if (d > PROJECTED) {
            p = PROJECTED;
            projection = new float[d * p];
            for (int i = 0; i < projection.length; i++) projection[i] = (float) gaussian(rng);
            split = project(x, n, d, projection, p);
        }
        SplittableRandom[] rngs = new SplittableRandom[count];
        for (int t = 0; t < count; t++) rngs[t] = rng.split();
        Tree[] trees = new Tree[count];
        float[] rows = split;
        int cols = p;
        Parallel.shared().forEachChunkIndex(count, t -> trees[t] = buildTree(rows, n, cols, leafSize, rngs[t]));
        return new RpForest(trees, split, p, projection, d);
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static float[] project(float[] x, int m, int d, float[] projection, int p) {
        float[] out = new float[m * p];
        if (m > 0) Gemm.gemm(false, false, m, p, d, 1f, x, 0, d, projection, 0, p, 0f, out, 0, p);
        return out;
    }

    /** The {@code m} rows of {@code q} as the trees see them: projected, or {@code q} itself. */
    float[] project(float[] q, int m) {
        return projection == null ? q : project(q, m, dataColumns, projection, d);
    }

    /** The columns of the rows the trees split (the width of {@link #project}'s rows). */
    int columns() {
        return d;
    }

    private static Tree buildTree(float[] x, int n, int d, int leafSize, SplittableRandom rng) {
        DistanceKernel kernel = DistanceKernel.get();
        Tree tree = new Tree(n);
        int[] order = tree.order;
        float[] w = new float[d];
        float[] margin = new float[n];
        int[] stack = new int[64];
        int top = 0;
        stack[top++] = tree.add(0, n);
        while (top > 0) {
            int node = stack[--top];
            int lo = tree.lo[node], hi = tree.hi[node], size = hi - lo;
            if (size <= leafSize) {
                for (int i = lo; i < hi; i++) tree.leafOf[order[i]] = node;
                continue;
            }
            int ia = lo + rng.nextInt(size), ib = lo + rng.nextInt(size - 1);
            if (ib >= ia) ib++;
            int pa = order[ia], pb = order[ib];
            float off = hyperplane(kernel, x, d, pa, pb, w);
            for (int i = lo; i < hi; i++) margin[i] = kernel.dot(w, 0, x, order[i] * d, d) - off;
            // partition: positive margins to the front, negative to the back, zeros to a random side
            int i = lo, j = hi - 1;
            while (i <= j) {
                float m = margin[i];
                boolean toLeft = m > 0 || (m == 0 && rng.nextBoolean());
                if (toLeft) {
                    i++;
                } else {
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                    margin[i] = margin[j];
                    margin[j] = m;
                    j--;
                }
            }
            int mid = i;
            if (mid == lo || mid == hi) {
                mid = lo + size / 2;
                tree.a[node] = HALVES;
            } else {
                tree.a[node] = pa;
                tree.b[node] = pb;
            }
            int l = tree.add(lo, mid), r = tree.add(mid, hi);
            tree.left[node] = l;
            tree.right[node] = r;
            if (top + 2 > stack.length) stack = Arrays.copyOf(stack, stack.length * 2);
            stack[top++] = r;
            stack[top++] = l;
        }
        return tree;
    }

    /**
     * This forest over the rows reordered so that row {@code i} moves to {@code inv[i]}: the same trees and
     * leaves, with every row index mapped through {@code inv}.
     */
    RpForest permuted(int[] inv) {
        float[] xp = new float[x.length];
        for (int i = 0; i < inv.length; i++) System.arraycopy(x, i * d, xp, inv[i] * d, d);
        Tree[] out = new Tree[trees.length];
        for (int t = 0; t < trees.length; t++) {
            Tree s = trees[t], r = new Tree(s.order.length);
            for (int i = 0; i < s.order.length; i++) {
                r.order[i] = inv[s.order[i]];
                r.leafOf[inv[i]] = s.leafOf[i];
            }
            r.nodes = s.nodes;
            r.lo = s.lo.clone();
            r.hi = s.hi.clone();
            r.left = s.left.clone();
            r.right = s.right.clone();
            r.a = s.a.clone();
            r.b = s.b.clone();
            for (int v = 0; v < s.nodes; v++) {
                if (r.a[v] >= 0) {
                    r.a[v] = inv[r.a[v]];
                    r.b[v] = inv[r.b[v]];
                }
            }
            out[t] = r;
        }
        return new RpForest(out, xp, d, projection, dataColumns);
    }

    /** Writes {@code x_a - x_b} to {@code w} and returns the plane's offset {@code w . (x_a + x_b) / 2}. */
    private static float hyperplane(DistanceKernel kernel, float[] x, int d, int pa, int pb, float[] w) {
        int ra = pa * d, rb = pb * d;
        for (int j = 0; j < d; j++) w[j] = x[ra + j] - x[rb + j];
        return 0.5f * (kernel.dot(w, 0, x, ra, d) + kernel.dot(w, 0, x, rb, d));
    }

    /**
     * The leaf of tree {@code t} that the point {@code q[qOff .. qOff + columns())} (a row of {@link #project})
     * falls in (a point on a plane goes to the side of the first row); {@code w} is scratch of
     * {@link #columns()} floats.
     */
    int leaf(int t, float[] q, int qOff, float[] w) {
        DistanceKernel kernel = DistanceKernel.get();
        Tree tree = trees[t];
        int node = 0;
        while (tree.a[node] != LEAF) {
            if (tree.a[node] == HALVES) {
                node = tree.left[node];
                continue;
            }
            float off = hyperplane(kernel, x, d, tree.a[node], tree.b[node], w);
            float m = kernel.dot(w, 0, q, qOff, d) - off;
            node = m >= 0 ? tree.left[node] : tree.right[node];
        }
        return node;
    }
}
