package dev.latent.reduction.tsne;

/**
 * A region quadtree over 2-D points, each cell holding its point count and centre of mass, for the
 * Barnes-Hut approximation of t-SNE's repulsive forces.
 * <p>A cell splits into four while it holds more than one point; a cell at depth {@link #MAX_DEPTH} (which
 * only coincident or nearly coincident points reach) stays a leaf holding all of them. Built on one thread
 * in a fixed order, so it is the same for any thread count.
 * <p>Reference: J. Barnes and P. Hut, "A hierarchical O(N log N) force-calculation algorithm", Nature 324,
 * 1986; L. van der Maaten, "Accelerating t-SNE using Tree-Based Algorithms", JMLR 15, 2014.
 */
final class QuadTree {
    static final int MAX_DEPTH = 48;

    private final int[] perm;
    private double[] halfWidth = new double[16];
    private double[] comX = new double[16];
    private double[] comY = new double[16];
    private int[] count = new int[16];
    private int[] firstChild = new int[16];
    private int[] start = new int[16];
    private int nodes;
    private final double[] y;

    private QuadTree(double[] y, int n) {
        this.y = y;
        this.perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
    }

    /** The tree over the {@code n} points of {@code y} ({@code n x 2}, row-major). */
    static QuadTree of(double[] y, int n) {
        QuadTree t = new QuadTree(y, n);
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, y[2 * i]);
            maxX = Math.max(maxX, y[2 * i]);
            minY = Math.min(minY, y[2 * i + 1]);
            maxY = Math.max(maxY, y[2 * i + 1]);
        }
        double hw = Math.max(maxX - minX, maxY - minY) / 2 + 1e-12;
        t.alloc(1);
        t.build(0, 0, n, (minX + maxX) / 2, (minY + maxY) / 2, hw, 0, new int[n]);
        return t;
    }

    private int alloc(int k) {
        int first = nodes;
        nodes += k;
        if (nodes > count.length) {
            int cap = Math.max(nodes, 2 * count.length);
            halfWidth = java.util.Arrays.copyOf(halfWidth, cap);
            comX = java.util.Arrays.copyOf(comX, cap);
            comY = java.util.Arrays.copyOf(comY, cap);
            count = java.util.Arrays.copyOf(count, cap);
            firstChild = java.util.Arrays.copyOf(firstChild, cap);
            start = java.util.Arrays.copyOf(start, cap);
        }
        return first;
    }

    private void build(int node, int lo, int hi, double cx, double cy, double hw, int depth, int[] tmp) {
        double sx = 0, sy = 0;
        for (int e = lo; e < hi; e++) {
            sx += y[2 * perm[e]];
            sy += y[2 * perm[e] + 1];
        }
        int c = hi - lo;
        halfWidth[node] = hw;
        count[node] = c;
        comX[node] = c > 0 ? sx / c : cx;
        comY[node] = c > 0 ? sy / c : cy;
        start[node] = lo;
        firstChild[node] = -1;
        if (c <= 1 || depth >= MAX_DEPTH) return;
        int[] bounds = new int[5];
        for (int e = lo; e < hi; e++) bounds[quadrant(perm[e], cx, cy) + 1]++;
        bounds[0] = lo;
        for (int q = 0; q < 4; q++) bounds[q + 1] += bounds[q];
        int[] fill = {bounds[0], bounds[1], bounds[2], bounds[3]};
        for (int e = lo; e < hi; e++) tmp[fill[quadrant(perm[e], cx, cy)]++] = perm[e];
        System.arraycopy(tmp, lo, perm, lo, c);
        int first = alloc(4);
        firstChild[node] = first;
        double h = hw / 2;
        for (int q = 0; q < 4; q++) {
            double qx = (q & 1) != 0 ? cx + h : cx - h;
            double qy = (q & 2) != 0 ? cy + h : cy - h;
            build(first + q, bounds[q], bounds[q + 1], qx, qy, h, depth + 1, tmp);
        }
    }

    private int quadrant(int i, double cx, double cy) {
        return (y[2 * i] >= cx ? 1 : 0) + (y[2 * i + 1] >= cy ? 2 : 0);
    }

    /**
     * Writes into {@code out} the repulsive sum {@code sum_j w_ij^(1 + 1/dof) (y_i - y_j)} (two coordinates) and
     * {@code sum_j w_ij} over all {@code j != i}, summarizing a cell when {@code width^2 < theta2 d^2}, where
     * {@code w = (1 + d^2 / dof)^-dof}.
     */
    void repulsion(int i, double[] pts, double theta2, double dof, int[] stack, double[] out) {
        assert pts == y;
        repulsionAt(pts[2 * i], pts[2 * i + 1], i, theta2, dof, stack, out);
    }

    /**
     * As {@link #repulsion} for the point {@code (xi, yi)}, over the tree's points other than {@code skip} (-1 for
     * none): for a point that is not in the tree.
     */
    void repulsionAt(double xi, double yi, int skip, double theta2, double dof, int[] stack, double[] out) {
        if (dof != 1) {
            repulsionDof(xi, yi, skip, theta2, dof, stack, out);
            return;
        }
        double fx = 0, fy = 0, z = 0;
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int node = stack[--top];
            int c = count[node];
            if (c == 0) continue;
            if (firstChild[node] < 0) {
                for (int e = start[node]; e < start[node] + c; e++) {
                    int j = perm[e];
                    if (j == skip) continue;
                    double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
                    double w = 1 / (1 + dx * dx + dy * dy);
                    z += w;
                    fx += w * w * dx;
                    fy += w * w * dy;
                }
                continue;
            }
            double dx = xi - comX[node], dy = yi - comY[node];
            double d2 = dx * dx + dy * dy;
            double width = 2 * halfWidth[node];
            if (width * width < theta2 * d2) {
                double w = 1 / (1 + d2);
                z += c * w;
                fx += c * w * w * dx;
                fy += c * w * w * dy;
            } else {
                int f = firstChild[node];
                for (int q = 0; q < 4; q++) stack[top++] = f + q;
            }
        }
        out[0] = fx;
        out[1] = fy;
        out[2] = z;
    }

    private void repulsionDof(double xi, double yi, int skip, double theta2, double dof, int[] stack, double[] out) {
        double fx = 0, fy = 0, z = 0;
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int node = stack[--top];
            int c = count[node];
            if (c == 0) continue;
            if (firstChild[node] < 0) {
                for (int e = start[node]; e < start[node] + c; e++) {
                    int j = perm[e];
                    if (j == skip) continue;
                    double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
                    double t = 1 / (1 + (dx * dx + dy * dy) / dof);
                    double w = Math.pow(t, dof);
                    z += w;
                    fx += w * t * dx;
                    fy += w * t * dy;
                }
                continue;
            }
            double dx = xi - comX[node], dy = yi - comY[node];
            double d2 = dx * dx + dy * dy;
            double width = 2 * halfWidth[node];
            if (width * width < theta2 * d2) {
                double t = 1 / (1 + d2 / dof);
                double w = Math.pow(t, dof);
                z += c * w;
                fx += c * w * t * dx;
                fy += c * w * t * dy;
            } else {
                int f = firstChild[node];
                for (int q = 0; q < 4; q++) stack[top++] = f + q;
            }
        }
        out[0] = fx;
        out[1] = fy;
        out[2] = z;
    }
}
