package dev.latent.reduction.umap;

import dev.latent.data.Matrix;
import dev.latent.neighbors.ExactKnn;
import dev.latent.neighbors.Neighbors;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FuzzyGraphTest {
    // Points 0, 1, 3, 7 on a line with neighbors = 3 (the point itself and its 2 nearest others):
    //   row 0 (at 0): 1 at 1, 3 at 3     rho = 1, second neighbour 2 beyond rho
    //   row 1 (at 1): 0 at 1, 3 at 2     rho = 1, 1 beyond
    //   row 2 (at 3): 1 at 2, 0 at 3     rho = 2, 1 beyond
    //   row 3 (at 7): 3 at 4, 1 at 6     rho = 4, 2 beyond
    // The bandwidth makes 1 + exp(-delta / sigma) = log2(3), so each second neighbour gets
    // c = log2(3) - 1 = 0.5849625 (sigma = delta / 0.5362) and each first neighbour 1.
    // Directed: A01 = 1, A02 = c, A10 = 1, A12 = c, A21 = 1, A20 = c, A32 = 1, A31 = c.
    // Union a + b - ab: (0,1) = 1; (0,2) = 2c - c^2 = 0.8277; (1,2) = 1 + c - c = 1; (1,3) = c; (2,3) = 1.
    private static final double C = Math.log(3) / Math.log(2) - 1;

    private static FuzzyGraph lineGraph(double mix) {
        Matrix x = Matrix.of(4, 1, 0, 1, 3, 7);
        Neighbors nb = ExactKnn.searchSelf(x, 2);
        return FuzzyGraph.of(nb, nb.distances(), 1.0, mix);
    }

    @Test
    void fuzzyUnionOfFourPointsOnALineMatchesTheHandComputedWeights() {
        FuzzyGraph g = lineGraph(1.0);
        double[][] expected = {
                {0, 1, 2 * C - C * C, 0},
                {1, 0, 1, C},
                {2 * C - C * C, 1, 0, 1},
                {0, C, 1, 0}};
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(expected[i][j], g.weight(i, j), 1e-4, "weight (" + i + ", " + j + ")");
            }
        }
        assertEquals(10, g.entries(), "five undirected edges, stored both ways");
    }

    @Test
    void fuzzyIntersectionKeepsOnlyMutualEdgesWithProductWeights() {
        // mix 0: A o A^T; (0,1) = 1, (0,2) = c^2, (1,2) = c, and (1,3), (2,3) vanish
        FuzzyGraph g = lineGraph(0.0);
        assertEquals(1, g.weight(0, 1), 1e-4);
        assertEquals(C * C, g.weight(0, 2), 1e-4);
        assertEquals(C, g.weight(2, 1), 1e-4);
        assertEquals(0, g.weight(1, 3), 0.0);
        assertEquals(0, g.weight(3, 2), 0.0);
        assertEquals(6, g.entries());
    }

    @Test
    void graphIsSymmetricWithSortedColumns() {
        SplittableRandom rnd = new SplittableRandom(4);
        float[] v = new float[300 * 5];
        for (int e = 0; e < v.length; e++) v[e] = (float) rnd.nextGaussian();
        Neighbors nb = ExactKnn.searchSelf(Matrix.wrap(300, 5, v), 9);
        FuzzyGraph g = FuzzyGraph.of(nb, nb.distances(), 1.0, 1.0);
        for (int i = 0; i < g.n; i++) {
            for (int e = g.rowPtr[i]; e < g.rowPtr[i + 1]; e++) {
                if (e > g.rowPtr[i]) assertTrue(g.cols[e - 1] < g.cols[e], "columns of row " + i + " ascending");
                assertEquals(g.weights[e], g.weight(g.cols[e], i), 0.0, "symmetric at " + i + ", " + g.cols[e]);
                assertTrue(g.weights[e] > 0 && g.weights[e] <= 1, "weights in (0, 1]");
            }
        }
    }

    @Test
    void bandwidthSearchReachesItsTarget() {
        SplittableRandom rnd = new SplittableRandom(9);
        int n = 50, m = 14;
        float[] dist = new float[n * m];
        for (int i = 0; i < n; i++) {
            double d = 0;
            for (int r = 0; r < m; r++) {
                d += rnd.nextDouble(0.01, 2);
                dist[i * m + r] = (float) d;
            }
        }
        float[] rho = new float[n], sigma = new float[n];
        FuzzyGraph.smoothKnn(dist, n, m, 1.0, true, rho, sigma);
        float[] w = FuzzyGraph.memberships(dist, n, m, rho, sigma);
        double target = Math.log(m + 1) / Math.log(2);
        for (int i = 0; i < n; i++) {
            assertEquals(dist[i * m], rho[i], 0.0, "rho is the nearest positive distance");
            double sum = 0;
            for (int r = 0; r < m; r++) sum += w[i * m + r];
            assertEquals(target, sum, 1e-4, "memberships of row " + i + " add up to log2(k)");
        }
    }

    @Test
    void fractionalLocalConnectivityInterpolatesRho() {
        float[] dist = {0, 1, 3, 6};
        // two positive distances past the duplicate: 1.5 lies halfway from the 1st (1) to the 2nd (3)
        assertEquals(2.0, FuzzyGraph.rho(dist, 0, 4, 1.5), 1e-12);
        assertEquals(0.5, FuzzyGraph.rho(dist, 0, 4, 0.5), 1e-12);
        assertEquals(6.0, FuzzyGraph.rho(dist, 0, 4, 5), 1e-12, "beyond the positive distances: the largest");
    }
}
