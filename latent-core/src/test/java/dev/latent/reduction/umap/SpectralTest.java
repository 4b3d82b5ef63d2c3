package dev.latent.reduction.umap;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpectralTest {
    /** A graph from undirected edges {i, j, weight in per mille}, stored both ways with sorted columns. */
    static FuzzyGraph graph(int n, List<int[]> edges) {
        float[][] w = new float[n][n];
        for (int[] e : edges) {
            w[e[0]][e[1]] = e[2] / 1000f;
            w[e[1]][e[0]] = e[2] / 1000f;
        }
        int[] rowPtr = new int[n + 1];
        List<Integer> cols = new ArrayList<>();
        List<Float> vals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (w[i][j] > 0) {
                    cols.add(j);
                    vals.add(w[i][j]);
                }
            }
            rowPtr[i + 1] = cols.size();
        }
        int[] c = new int[cols.size()];
        float[] v = new float[cols.size()];
        for (int e = 0; e < c.length; e++) {
            c[e] = cols.get(e);
            v[e] = vals.get(e);
        }
        return new FuzzyGraph(n, rowPtr, c, v);
    }

    @Test
    void fiedlerVectorSeparatesTwoCliquesJoinedByOneEdge() {
        List<int[]> edges = new ArrayList<>();
        for (int side = 0; side < 2; side++) {
            for (int i = 0; i < 10; i++) {
                for (int j = i + 1; j < 10; j++) edges.add(new int[] {side * 10 + i, side * 10 + j, 1000});
            }
        }
        edges.add(new int[] {9, 10, 1000});
        FuzzyGraph g = graph(20, edges);
        assertEquals(1, Spectral.components(g));
        Spectral.Result r = new Spectral(g).solve(1, 1e-8, 1000, 1);
        assertTrue(r.converged(), "LOBPCG converges on 20 vertices");
        double[] v = r.layout();
        double sign = Math.signum(v[0]);
        for (int i = 0; i < 20; i++) {
            assertEquals(i < 10 ? sign : -sign, Math.signum(v[i]), 0.0, "vertex " + i + " on its clique's side");
        }
    }

    @Test
    void ringIsLaidOutOnACircleInOrder() {
        int n = 24;
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) edges.add(new int[] {i, (i + 1) % n, 1000});
        Spectral.Result r = new Spectral(graph(n, edges)).solve(2, 1e-9, 2000, 3);
        assertTrue(r.converged(), "LOBPCG converges on the ring");
        double[] v = r.layout();
        // the two eigenvectors of 1 - cos(2 pi / n) span cos and sin of 2 pi i / n, of length sqrt(2 / n)
        double radius = Math.sqrt(2.0 / n);
        double previous = Math.atan2(v[1], v[0]);
        double turned = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(radius, Math.hypot(v[2 * i], v[2 * i + 1]), 1e-6, "vertex " + i + " on the circle");
            double angle = Math.atan2(v[2 * i + 1], v[2 * i]);
            double step = Math.IEEEremainder(angle - previous, 2 * Math.PI);
            if (i > 0) assertEquals(2 * Math.PI / n, Math.abs(step), 1e-6, "equal angular steps");
            turned += step;
            previous = angle;
        }
        double last = Math.IEEEremainder(Math.atan2(v[1], v[0]) - previous, 2 * Math.PI);
        assertEquals(2 * Math.PI, Math.abs(turned + last), 1e-6, "one full turn");
    }

    @Test
    void countsConnectedComponents() {
        List<int[]> edges = List.of(new int[] {0, 1, 500}, new int[] {2, 3, 500}, new int[] {3, 4, 500});
        assertEquals(3, Spectral.components(graph(6, edges)), "{0,1}, {2,3,4} and {5}");
    }
}
