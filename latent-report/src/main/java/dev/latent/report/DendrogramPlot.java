package dev.latent.report;

import dev.latent.clustering.hierarchical.Dendrogram;

import java.util.Arrays;

/**
 * How to draw the merges of an agglomerative clustering as a dendrogram; an immutable value whose
 * {@link #draw} makes the figure from a {@link Dendrogram} or from a linkage matrix in SciPy's layout.
 * <p>For many points only the top of the tree is drawn: the last {@code maxLeaves - 1} merges, whose leaves
 * are the {@code maxLeaves} clusters that cutting the tree into that many would give (SciPy's
 * {@code truncate_mode='lastp'}). A leaf is labelled with its point index, or with its size in parentheses when
 * it is a cluster of several points. Leaves are ordered as {@link Dendrogram#leafOrder()} orders points: the
 * left (lower-id) branch of every merge before the right one; a merge sits midway between its branches, at
 * its height. A cut height, when given, is drawn as a dashed line, and the branches below it take the colour
 * of their cluster.
 * @param title     the title; empty for none
 * @param yLabel    the label of the height axis; empty for none
 * @param width     figure width in pixels, at least 160; default 720
 * @param height    figure height in pixels, at least 160; default 420
 * @param maxLeaves the most leaves drawn, at least 2; default 30
 */
public record DendrogramPlot(String title, String yLabel, int width, int height, int maxLeaves) {
    /** Colour of the branches above the cut (or of all branches without a cut). */
    static final int BRANCH = 0x555555;
    /** Colour of the cut line. */
    static final int CUT = 0xB2182B;

    /** Validates the parameters. */
    public DendrogramPlot {
        Require.notNull("title", title);
        Require.notNull("yLabel", yLabel);
        Require.atLeast("width", width, 160);
        Require.atLeast("height", height, 160);
        Require.atLeast("maxLeaves", maxLeaves, 2);
    }

    /** No title, "height" on the vertical axis, 720 x 420, at most 30 leaves. */
    public static DendrogramPlot defaults() {
        return new DendrogramPlot("", "height", 720, 420, 30);
    }

    public DendrogramPlot withTitle(String title) {
        return new DendrogramPlot(title, yLabel, width, height, maxLeaves);
    }

    public DendrogramPlot withYLabel(String yLabel) {
        return new DendrogramPlot(title, yLabel, width, height, maxLeaves);
    }

    public DendrogramPlot withSize(int width, int height) {
        return new DendrogramPlot(title, yLabel, width, height, maxLeaves);
    }

    public DendrogramPlot withMaxLeaves(int maxLeaves) {
        return new DendrogramPlot(title, yLabel, width, height, maxLeaves);
    }

    /** Draws {@code tree}, with the cut at {@code cutHeight} (NaN for none). */
    public Figure draw(Dendrogram tree, double cutHeight) {
        Require.notNull("tree", tree);
        return draw(tree.linkageMatrix(), cutHeight);
    }

    /**
     * The positions of what is drawn: the leaves left to right, and for each drawn merge its x (in leaf
     * units: leaf {@code p} at {@code p}) and its height.
     * @param leaves    cluster ids of the leaves, left to right (ids below n are points)
     * @param leafSizes the number of points in each leaf
     * @param merges    the drawn merges (rows of the linkage matrix), in merge order
     * @param mergeX    the horizontal position of each drawn merge
     * @param mergeY    the height of each drawn merge
     */
    record Layout(int[] leaves, int[] leafSizes, int[] merges, double[] mergeX, double[] mergeY) {}

    /**
     * Lays out the top {@code maxLeaves - 1} merges of {@code linkage}.
     * @throws IllegalArgumentException when {@code linkage} is not a valid linkage matrix
     */
    Layout layout(double[][] linkage) {
        int n = check(linkage);
        int p = Math.min(maxLeaves, n), first = n - p;   // merges first..n-2 are drawn
        int[] leaves = new int[p], sizes = new int[p];
        double[] x = new double[2 * n - 1];
        int[] stack = new int[2 * n];
        int top = 0, count = 0;
        stack[top++] = 2 * n - 2;
        while (top > 0) {
            int c = stack[--top];
            if (c < n + first) {
                x[c] = count;
                sizes[count] = c < n ? 1 : (int) linkage[c - n][3];
                leaves[count++] = c;
            } else {
                stack[top++] = (int) linkage[c - n][1];   // pushed first, so visited after the left branch
                stack[top++] = (int) linkage[c - n][0];
            }
        }
        assert count == p;
        int m = n - 1 - first;
        int[] merges = new int[m];
        double[] mx = new double[m], my = new double[m];
        for (int r = first; r < n - 1; r++) {
            x[n + r] = (x[(int) linkage[r][0]] + x[(int) linkage[r][1]]) / 2;
            merges[r - first] = r;
            mx[r - first] = x[n + r];
            my[r - first] = linkage[r][2];
        }
        return new Layout(leaves, sizes, merges, mx, my);
    }

    /**
     * Draws the tree of the linkage matrix {@code linkage} ({@code n - 1} rows of left id, right id, height,
     * size), with the cut at {@code cutHeight} (NaN for none).
     * @throws IllegalArgumentException when {@code linkage} is empty, a row is not 4 values, an id does not name
     *                                  an earlier cluster, a height is NaN, infinite or negative, or
     *                                  {@code cutHeight} is infinite
     */
    public Figure draw(double[][] linkage, double cutHeight) {
        Require.argument(!Double.isInfinite(cutHeight), "cutHeight must be finite or NaN, got " + cutHeight);
        Layout layout = layout(linkage);
        int n = linkage.length + 1, p = layout.leaves().length, m = layout.merges().length;
        double maxH = 0;
        for (double h : layout.mergeY()) maxH = Math.max(maxH, h);
        if (!Double.isNaN(cutHeight)) maxH = Math.max(maxH, cutHeight);
        Ticks yTicks = Ticks.of(0, maxH > 0 ? maxH : 1, Axes.TICKS);   // identical points merge at 0
        String[] names = new String[p];
        double longest = 0;
        for (int i = 0; i < p; i++) {
            names[i] = layout.leaves()[i] < n ? Integer.toString(layout.leaves()[i]) : "(" + layout.leafSizes()[i] + ")";
            longest = Math.max(longest, Canvas.textWidth(names[i], 10));
        }
        double slot = (width - Axes.LEFT - Axes.RIGHT) / (double) p;
        boolean vertical = longest > slot - 2;
        double bottom = height - (vertical ? longest + 14 : 24);
        Require.argument(bottom - Axes.TOP >= 40, "the figure of " + height + " pixels is too low for its leaf labels");
        Axes axes = new Axes(Axes.LEFT, Axes.TOP, width - Axes.RIGHT, bottom, -0.5, p - 0.5, null,
                yTicks.lo(), yTicks.hi(), yTicks);
        Canvas c = new Canvas(width, height);
        c.title(title);
        axes.grid(c, false, true);
        // colour each subtree that lies wholly below the cut
        int[] color = new int[m];
        Arrays.fill(color, BRANCH);
        if (!Double.isNaN(cutHeight)) {
            int first = n - 1 - m, next = 0;
            int[] clusterColor = new int[2 * n - 1];
            Arrays.fill(clusterColor, -1);
            for (int k = m - 1; k >= 0; k--) {   // parents before children
                int r = layout.merges()[k], id = n + r;
                if (clusterColor[id] < 0 && linkage[r][2] <= cutHeight) clusterColor[id] = Palette.categorical(next++);
                if (clusterColor[id] >= 0) {
                    color[k] = clusterColor[id];
                    for (int j = 0; j < 2; j++) {
                        int child = (int) linkage[r][j];
                        if (child >= n + first) clusterColor[child] = clusterColor[id];
                    }
                }
            }
        }
        double[] nodeX = new double[2 * n - 1], nodeY = new double[2 * n - 1];
        for (int i = 0; i < p; i++) nodeX[layout.leaves()[i]] = i;
        for (int k = 0; k < m; k++) {
            int r = layout.merges()[k];
            nodeX[n + r] = layout.mergeX()[k];
            nodeY[n + r] = layout.mergeY()[k];
        }
        for (int k = 0; k < m; k++) {
            int r = layout.merges()[k], a = (int) linkage[r][0], b = (int) linkage[r][1];
            double h = axes.y.map(layout.mergeY()[k]);
            c.polyline(new double[] {axes.x.map(nodeX[a]), axes.x.map(nodeX[a]), axes.x.map(nodeX[b]), axes.x.map(nodeX[b])},
                    new double[] {axes.y.map(nodeY[a]), h, h, axes.y.map(nodeY[b])}, color[k], 1.5);
        }
        if (!Double.isNaN(cutHeight)) {
            double y = axes.y.map(cutHeight);
            c.dashed(axes.left, y, axes.right, y, CUT, 1.5);
            c.text(axes.right - 4, y - 5, "cut at " + Ticks.format(cutHeight, 4), 11, Mark.Anchor.END, false, 0, CUT);
        }
        for (int i = 0; i < p; i++) {
            double x = axes.x.map(i);
            if (vertical) c.text(x + 3.5, axes.bottom + 8, names[i], 10, Mark.Anchor.END, false, -90, Canvas.INK);
            else c.text(x, axes.bottom + 16, names[i], 10, Mark.Anchor.MIDDLE);
        }
        axes.frame(c, "", yLabel);
        return c.figure(title);
    }

    /** Checks the linkage matrix and returns the number of points. */
    private static int check(double[][] linkage) {
        Require.notNull("linkage", linkage);
        Require.argument(linkage.length > 0, "linkage must have at least one merge, got 0 rows");
        int n = linkage.length + 1;
        boolean[] used = new boolean[2 * n - 1];
        for (int r = 0; r < n - 1; r++) {
            double[] row = linkage[r];
            Require.argument(row != null && row.length == 4, "linkage row " + r + " must have 4 values (left, right, "
                    + "height, size), got " + (row == null ? "null" : Integer.toString(row.length)));
            for (int j = 0; j < 2; j++) {
                double id = row[j];
                Require.argument(id == Math.rint(id) && id >= 0 && id < n + r, "linkage row " + r
                        + " must join clusters made before it (ids 0 to " + (n + r - 1) + "), got " + id);
            }
            Require.argument(row[0] != row[1], "linkage row " + r + " joins cluster " + row[0] + " with itself");
            for (int j = 0; j < 2; j++) {
                Require.argument(!used[(int) row[j]], "linkage row " + r + " joins cluster " + (int) row[j]
                        + ", which an earlier row already joined");
                used[(int) row[j]] = true;
            }
            Require.argument(Double.isFinite(row[2]) && row[2] >= 0, "linkage row " + r
                    + " must have a finite height >= 0, got " + row[2]);
            Require.argument(row[3] >= 2 && row[3] == Math.rint(row[3]), "linkage row " + r
                    + " must have a whole size >= 2, got " + row[3]);
        }
        return n;
    }
}
