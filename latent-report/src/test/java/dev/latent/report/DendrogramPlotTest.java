package dev.latent.report;

import dev.latent.clustering.hierarchical.Agglomerative;
import dev.latent.clustering.hierarchical.Dendrogram;
import dev.latent.clustering.hierarchical.Linkage;
import dev.latent.data.Matrix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DendrogramPlotTest {
    // Single linkage of the 1-D points 0, 1, 5, 11: {0,1} at 1 (cluster 4), {2,4} at 4 (cluster 5), {3,5} at 6.
    // From the root (3, 5): leaf 3, then 5 = (2, 4): leaf 2, then 4 = (0, 1): leaves 0, 1. Order 3, 2, 0, 1;
    // merge 4 midway between positions 2 and 3 (2.5), merge 5 between 1 and 2.5 (1.75), the root between 0 and 1.75.
    private static final double[][] LINKAGE = {{0, 1, 1, 2}, {2, 4, 4, 3}, {3, 5, 6, 4}};

    @Test
    void laysOutAHandBuiltTree() {
        DendrogramPlot.Layout l = DendrogramPlot.defaults().layout(LINKAGE);
        assertArrayEquals(new int[] {3, 2, 0, 1}, l.leaves(), "leaf order");
        assertArrayEquals(new double[] {2.5, 1.75, 0.875}, l.mergeX(), 1e-12, "merge positions");
        assertArrayEquals(new double[] {1, 4, 6}, l.mergeY(), 0, "merge heights");
    }

    @Test
    void agreesWithTheCoreDendrogramOfTheSamePoints() {
        Dendrogram tree = Agglomerative.of(Linkage.SINGLE).fit(Matrix.of(4, 1, 0, 1, 5, 11));
        double[][] z = tree.linkageMatrix();
        for (int r = 0; r < 3; r++) assertArrayEquals(LINKAGE[r], z[r], 1e-6, "linkage row " + r);
        DendrogramPlot.Layout l = DendrogramPlot.defaults().layout(z);
        assertArrayEquals(tree.leafOrder(), l.leaves(), "the core's leaf order");
        double[] nodeX = tree.nodeX();
        for (int r = 0; r < 3; r++) assertEquals(nodeX[4 + r], l.mergeX()[r], 1e-12, "the core's x of merge " + r);
    }

    @Test
    void mergesAreDrawnAtHandComputedPixels() {
        // 720 x 420: leaves at x = 64 + (p + 0.5) * 158 (632 px for 4 leaves); heights 0..6 (ticks 0..6 by 2)
        // over pixels 396 (420 - 24) .. 40, 356 / 6 px per unit: height 1 -> 396 - 59.33
        Figure f = DendrogramPlot.defaults().draw(LINKAGE, Double.NaN);
        List<Mark.Polyline> links = f.marks().stream().filter(m -> m instanceof Mark.Polyline).map(m -> (Mark.Polyline) m).toList();
        assertEquals(3, links.size(), "one link per merge");
        Mark.Polyline first = links.get(0);   // joins point 0 (position 2) and point 1 (position 3) at height 1
        assertArrayEquals(new double[] {459, 459, 617, 617}, first.xs(), 1e-9, "x of the first link");
        double h = 396 - 356.0 / 6;
        assertArrayEquals(new double[] {396, h, h, 396}, first.ys(), 1e-9, "y of the first link");
        Mark.Polyline root = links.get(2);   // joins point 3 (position 0) with merge 5 (at 1.75, height 4) at height 6
        assertArrayEquals(new double[] {143, 143, 64 + 2.25 * 158, 64 + 2.25 * 158}, root.xs(), 1e-9, "x of the root link");
        assertArrayEquals(new double[] {396, 40, 40, 396 - 4 * 356.0 / 6}, root.ys(), 1e-9, "y of the root link");
    }

    @Test
    void truncatesToTheTopMergesAndColoursBelowTheCut() {
        DendrogramPlot p = DendrogramPlot.defaults().withMaxLeaves(3);
        DendrogramPlot.Layout l = p.layout(LINKAGE);
        assertArrayEquals(new int[] {3, 2, 4}, l.leaves(), "cluster 4 becomes a leaf");
        assertArrayEquals(new int[] {1, 1, 2}, l.leafSizes(), "leaf sizes");
        assertArrayEquals(new int[] {1, 2}, l.merges(), "the top two merges");
        Figure f = DendrogramPlot.defaults().draw(LINKAGE, 5);
        List<Mark.Polyline> links = f.marks().stream().filter(m -> m instanceof Mark.Polyline).map(m -> (Mark.Polyline) m).toList();
        assertEquals(Palette.categorical(0), links.get(1).color(), "the cluster {0, 1, 2} under the cut at 5 is coloured");
        assertEquals(Palette.categorical(0), links.get(0).color(), "and so is its own merge {0, 1}");
        assertEquals(DendrogramPlot.BRANCH, links.get(2).color(), "the root above the cut is grey");
        assertTrue(p.draw(LINKAGE, Double.NaN).svg().contains(">(2)</text>"), "the truncated leaf shows its size");
        Xml.parse(f.svg());
    }

    @Test
    void identicalPointsMergeOnTheAxisFloor() {
        Figure f = DendrogramPlot.defaults().draw(new double[][] {{0, 1, 0, 2}, {2, 3, 0, 3}}, Double.NaN);
        List<Mark.Polyline> links = f.marks().stream().filter(m -> m instanceof Mark.Polyline).map(m -> (Mark.Polyline) m).toList();
        for (Mark.Polyline l : links) assertEquals(396, l.ys()[1], 1e-9, "height 0 at the bottom of a 0..1 axis");
    }

    @Test
    void rejectsMalformedLinkage() {
        DendrogramPlot p = DendrogramPlot.defaults();
        var later = assertThrows(IllegalArgumentException.class, () -> p.draw(new double[][] {{0, 2, 1, 2}}, Double.NaN));
        assertEquals("linkage row 0 must join clusters made before it (ids 0 to 1), got 2.0", later.getMessage());
        var nan = assertThrows(IllegalArgumentException.class, () -> p.draw(new double[][] {{0, 1, Double.NaN, 2}}, Double.NaN));
        assertEquals("linkage row 0 must have a finite height >= 0, got NaN", nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.draw(new double[][] {{0, 1, 1, 2}, {0, 2, 2, 2}}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> p.draw(new double[0][], Double.NaN));
    }
}
