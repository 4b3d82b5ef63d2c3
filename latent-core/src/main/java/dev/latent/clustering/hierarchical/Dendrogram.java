package dev.latent.clustering.hierarchical;

import dev.latent.FitReport;
import dev.latent.Model;
import dev.latent.internal.Check;
import dev.latent.io.ModelIO;
import dev.latent.io.ModelReader;
import dev.latent.io.ModelWriter;
import dev.latent.io.SavableModel;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * The merges of an agglomerative clustering, in SciPy's linkage-matrix layout, and the cuts and drawing
 * data derived from them.
 * <p>The {@code n} points are clusters {@code 0..n-1}; merge {@code i} (0-based) joins clusters
 * {@link #left(int)} and {@link #right(int)} (left &lt; right) at {@link #height(int)} into a cluster of
 * {@link #size(int)} points whose id is {@code n + i}. For monotone linkages the merges are sorted by
 * height, ties kept in the order the algorithm made them (a merge always comes after the merges that
 * made its two clusters); for {@link Linkage#CENTROID} and {@link Linkage#MEDIAN}, whose heights may
 * decrease, they stay in the order made. {@link #linkageMatrix()} is the same as
 * {@code scipy.cluster.hierarchy.linkage} gives, up to float32 rounding.
 * {@snippet :
 * Dendrogram tree = Agglomerative.of(Linkage.WARD).fit(x);
 * int[] labels = tree.cut(10);          // 10 clusters, labels 0..9 in order of first appearance
 * double[][] z = tree.linkageMatrix();  // n - 1 rows of (left, right, height, size)
 * }
 * <p>{@link #save} and {@link #load} keep it in a model file of kind {@value #KIND}: the linkage, the merges
 * and the fit report.
 */
public final class Dendrogram implements Model, SavableModel {
    /** The kind of model in its model files. */
    public static final String KIND = "agglomerative";

    private final Agglomerative params;
    private final FitReport report;
    private final int n;
    private final int[] left;
    private final int[] right;
    private final double[] height;
    private final int[] size;

    private Dendrogram(Agglomerative params, FitReport report, int n, int[] left, int[] right, double[] height,
                       int[] size) {
        this.params = params;
        this.report = report;
        this.n = n;
        this.left = left;
        this.right = right;
        this.height = height;
        this.size = size;
    }

    /** How the merges an algorithm made become the rows of a dendrogram. */
    enum Order {
        /** Keep the order made (the generic algorithm, whose merges come in the greedy order). */
        AS_MADE,
        /** Sort by height (the spanning tree's edges, in the order Prim's algorithm found them). */
        SORTED,
        /**
         * Raise each merge to its children's heights, then sort (the nearest-neighbour chain, which makes
         * children before parents; rounding can leave a parent a few ulps below its child).
         */
        CLAMPED_SORTED
    }

    /**
     * Numbers the merges an algorithm made: ordered as {@code order} says, ties kept in the order made,
     * and given SciPy's cluster ids by a union-find pass over the representative points. The report's time
     * runs from {@code startNanos} ({@link System#nanoTime()}) to the end of this numbering.
     */
    static Dendrogram of(Agglomerative params, Merges m, Order order, long startNanos) {
        boolean sort = order != Order.AS_MADE;
        int n = m.n, count = n - 1;
        assert m.count() == count;
        double[] h = m.height.clone();
        int[] parent = new int[n];
        int[] members = new int[n];
        double[] top = new double[n];
        if (order == Order.CLAMPED_SORTED) {
            // Clamp each merge to at least its children's heights, so that sorting keeps children first.
            reset(parent, members);
            for (int i = 0; i < count; i++) {
                int ra = find(parent, m.a[i]), rb = find(parent, m.b[i]);
                h[i] = Math.max(h[i], Math.max(top[ra], top[rb]));
                parent[ra] = rb;
                top[rb] = h[i];
            }
        }
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) rows[i] = i;
        if (sort) stableSortByKey(rows, h);
        int[] id = new int[n];
        for (int p = 0; p < n; p++) id[p] = p;
        reset(parent, members);
        int[] left = new int[count], right = new int[count], size = new int[count];
        double[] height = new double[count];
        for (int r = 0; r < count; r++) {
            int i = rows[r];
            int ra = find(parent, m.a[i]), rb = find(parent, m.b[i]);
            assert ra != rb : "merge " + i + " joins a cluster with itself";
            left[r] = Math.min(id[ra], id[rb]);
            right[r] = Math.max(id[ra], id[rb]);
            height[r] = h[i];
            size[r] = members[ra] + members[rb];
            parent[ra] = rb;
            members[rb] = size[r];
            id[rb] = n + r;
        }
        double highest = 0;
        for (double v : height) highest = Math.max(highest, v);
        FitReport report = FitReport.of(count, true, highest, new double[0],
                Duration.ofNanos(System.nanoTime() - startNanos));
        return new Dendrogram(params, report, n, left, right, height, size);
    }

    private static void reset(int[] parent, int[] members) {
        for (int p = 0; p < parent.length; p++) {
            parent[p] = p;
            members[p] = 1;
        }
    }

    private static int find(int[] parent, int p) {
        while (parent[p] != p) {
            parent[p] = parent[parent[p]];
            p = parent[p];
        }
        return p;
    }

    /** Sorts {@code order} by {@code key[order[i]]}, keeping equal keys in their current order (merge sort). */
    private static void stableSortByKey(int[] order, double[] key) {
        int len = order.length;
        int[] src = order, dst = new int[len];
        for (int width = 1; width < len; width *= 2) {
            for (int lo = 0; lo < len; lo += 2 * width) {
                int mid = Math.min(lo + width, len), hi = Math.min(lo + 2 * width, len);
                int i = lo, j = mid, k = lo;
                while (i < mid && j < hi) dst[k++] = key[src[j]] < key[src[i]] ? src[j++] : src[i++];
                while (i < mid) dst[k++] = src[i++];
                while (j < hi) dst[k++] = src[j++];
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != order) System.arraycopy(src, 0, order, 0, len);
    }

    /** The fit: n - 1 merges as iterations, converged, the highest merge height as objective, the time. */
    @Override
    public FitReport report() {
        return report;
    }

    /** The hyperparameters that built this dendrogram. */
    public Agglomerative params() {
        return params;
    }

    /** The number of points (leaves). */
    public int points() {
        return n;
    }

    /** The number of merges, {@code points() - 1}. */
    public int merges() {
        return n - 1;
    }

    /** The lower id of the two clusters merge {@code i} joins. */
    public int left(int i) {
        Check.index("i", i, n - 1);
        return left[i];
    }

    /** The higher id of the two clusters merge {@code i} joins. */
    public int right(int i) {
        Check.index("i", i, n - 1);
        return right[i];
    }

    /** The linkage distance at which merge {@code i} happens. */
    public double height(int i) {
        Check.index("i", i, n - 1);
        return height[i];
    }

    /** The number of points in the cluster merge {@code i} makes. */
    public int size(int i) {
        Check.index("i", i, n - 1);
        return size[i];
    }

    /** The merge heights, in merge order; a copy. */
    public double[] heights() {
        return height.clone();
    }

    /** The {@code (n - 1) x 4} linkage matrix: left id, right id, height, size per merge, as in SciPy. */
    public double[][] linkageMatrix() {
        double[][] z = new double[n - 1][];
        for (int i = 0; i < n - 1; i++) z[i] = new double[] {left[i], right[i], height[i], size[i]};
        return z;
    }

    /**
     * The flat clustering into {@code k} clusters that undoes the last {@code k - 1} merges.
     * <p>Labels are {@code 0..k-1} in order of first appearance: point 0 has label 0, the first point not
     * in its cluster has label 1, and so on.
     * @throws IllegalArgumentException if {@code k} is not in {@code [1, points()]}
     */
    public int[] cut(int k) {
        Check.atLeast("k", k, 1);
        Check.atMost("k", k, n);
        int[] parent = new int[n];
        for (int p = 0; p < n; p++) parent[p] = p;
        int[] rep = representatives();
        for (int i = 0; i < n - k; i++) union(parent, rep[left[i]], rep[right[i]]);
        return labels(parent);
    }

    /**
     * The flat clustering that keeps every cluster whose merges all happen at or below {@code height}.
     * <p>For monotone linkages that is: apply every merge of height at most {@code height}. Labels are in
     * order of first appearance, as for {@link #cut(int)}.
     * @throws IllegalArgumentException if {@code height} is NaN
     */
    public int[] cutAtHeight(double height) {
        Check.argument(!Double.isNaN(height), "height must be a number, got NaN");
        int[] parent = new int[n];
        for (int p = 0; p < n; p++) parent[p] = p;
        int[] rep = representatives();
        double[] highest = new double[n - 1];   // the highest merge in each merged cluster's subtree
        for (int i = 0; i < n - 1; i++) {
            double hi = this.height[i];
            if (left[i] >= n) hi = Math.max(hi, highest[left[i] - n]);
            if (right[i] >= n) hi = Math.max(hi, highest[right[i] - n]);
            highest[i] = hi;
            if (hi <= height) union(parent, rep[left[i]], rep[right[i]]);
        }
        return labels(parent);
    }

    /** For every cluster id, a point it contains. */
    private int[] representatives() {
        int[] rep = new int[2 * n - 1];
        for (int p = 0; p < n; p++) rep[p] = p;
        for (int i = 0; i < n - 1; i++) rep[n + i] = rep[left[i]];
        return rep;
    }

    private static void union(int[] parent, int p, int q) {
        int rp = find(parent, p), rq = find(parent, q);
        if (rp != rq) parent[rp] = rq;
    }

    private int[] labels(int[] parent) {
        int[] labelOfRoot = new int[n];
        Arrays.fill(labelOfRoot, -1);
        int[] out = new int[n];
        int next = 0;
        for (int p = 0; p < n; p++) {
            int r = find(parent, p);
            if (labelOfRoot[r] < 0) labelOfRoot[r] = next++;
            out[p] = labelOfRoot[r];
        }
        return out;
    }

    /**
     * The points in the order a drawing puts them from left to right: the left (lower-id) branch of every
     * merge before its right branch, as in SciPy's {@code dendrogram(..)['leaves']}.
     */
    public int[] leafOrder() {
        int[] order = new int[n];
        int[] stack = new int[n];
        int top = 0, count = 0;
        stack[top++] = 2 * n - 2;
        while (top > 0) {
            int c = stack[--top];
            if (c < n) {
                order[count++] = c;
            } else {
                stack[top++] = right[c - n];   // pushed first, so visited after the left branch
                stack[top++] = left[c - n];
            }
        }
        return order;
    }

    /**
     * Horizontal positions of all {@code 2n - 1} clusters for drawing: a point sits at its index in
     * {@link #leafOrder()} (0 to n-1), a merged cluster midway between its two parts.
     * <p>Together with {@link #nodeHeights()} this draws the dendrogram: merge {@code i} is the path from
     * {@code (x[left], y[left])} up to {@code (x[left], height(i))}, across to {@code (x[right], height(i))}
     * and down to {@code (x[right], y[right])}.
     */
    public double[] nodeX() {
        double[] x = new double[2 * n - 1];
        int[] order = leafOrder();
        for (int p = 0; p < n; p++) x[order[p]] = p;
        for (int i = 0; i < n - 1; i++) x[n + i] = (x[left[i]] + x[right[i]]) / 2;
        return x;
    }

    /** Vertical positions of all {@code 2n - 1} clusters for drawing: 0 for a point, the merge height otherwise. */
    public double[] nodeHeights() {
        double[] y = new double[2 * n - 1];
        System.arraycopy(height, 0, y, n, n - 1);
        return y;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Writes the linkage, the point count and the merges (left, right and size as int32, height as float64). */
    @Override
    public void writeTo(ModelWriter out) {
        out.put("linkage", params.linkage().name()).put("points", n)
                .ints("left", left).ints("right", right).doubles("height", height).ints("size", size);
        out.provenance("dataShape", new int[] {n});
    }

    /**
     * Loads a dendrogram saved by {@link #save}.
     * @throws dev.latent.io.BadFileException when the file is not an agglomerative model file, is damaged, or
     *                                        its merges do not form a tree
     * @throws IOException                    when it cannot be read
     */
    public static Dendrogram load(Path file) throws IOException {
        return ModelIO.load(file, KIND, Dendrogram::read);
    }

    private static Dendrogram read(ModelReader in) {
        Agglomerative params = Agglomerative.of(Linkage.valueOf(in.string("linkage")));
        int n = in.integer("points");
        int[] left = in.ints("left"), right = in.ints("right"), size = in.ints("size");
        double[] height = in.doubles("height");
        Check.atLeast("points", n, 2);
        int count = n - 1;
        Check.argument(left.length == count && right.length == count && size.length == count
                && height.length == count, "a dendrogram of " + n + " points must have " + count + " merges");
        // every merge joins two distinct clusters that exist and are not yet merged, and adds their sizes
        boolean[] used = new boolean[2 * n - 1];
        for (int i = 0; i < count; i++) {
            int a = left[i], b = right[i];
            if (a < 0 || a >= b || b >= n + i || used[a] || used[b]) {
                throw new IllegalArgumentException("merge " + i + " joins clusters " + a + " and " + b
                        + ", which is not a step of a dendrogram");
            }
            used[a] = true;
            used[b] = true;
            int expected = (a < n ? 1 : size[a - n]) + (b < n ? 1 : size[b - n]);
            Check.argument(size[i] == expected, "merge " + i + " must make a cluster of " + expected
                    + " points, got " + size[i]);
        }
        return new Dendrogram(params, in.report(), n, left, right, height, size);
    }

    @Override
    public String toString() {
        return "Dendrogram of " + n + " points, " + params.linkage() + " linkage";
    }
}
