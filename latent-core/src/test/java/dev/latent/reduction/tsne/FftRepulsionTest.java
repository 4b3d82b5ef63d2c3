package dev.latent.reduction.tsne;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FftRepulsionTest {
    /** Exact sums: rep_i = sum_j w^(1 + 1/dof) (y_i - y_j), and Z = sum_{i != j} w_ij. */
    private static double exact(double[] y, int n, double dof, double[] rep) {
        double z = 0;
        for (int i = 0; i < n; i++) {
            double rx = 0, ry = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                double t = 1 / (1 + (dx * dx + dy * dy) / dof);
                double w = Math.pow(t, dof);
                z += w;
                rx += w * t * dx;
                ry += w * t * dy;
            }
            rep[2 * i] = rx;
            rep[2 * i + 1] = ry;
        }
        return z;
    }

    /** Gaussian clusters at random centres: the uneven density of a t-SNE map. */
    static double[] clustered(long seed, int n, double spread) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] centres = new double[20];
        for (int c = 0; c < centres.length; c++) centres[c] = rnd.nextDouble(-spread, spread);
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            int c = rnd.nextInt(10);
            y[2 * i] = centres[2 * c] + rnd.nextGaussian() * spread / 10;
            y[2 * i + 1] = centres[2 * c + 1] + rnd.nextGaussian() * spread / 10;
        }
        return y;
    }

    private static double relativeError(double[] want, double[] got) {
        double diff = 0, norm = 0;
        for (int e = 0; e < want.length; e++) {
            diff += (want[e] - got[e]) * (want[e] - got[e]);
            norm += want[e] * want[e];
        }
        return Math.sqrt(diff / norm);
    }

    @Test
    @Tag("slow")
    void repulsionAndZMatchTheExactSumsWithinTheInterpolationError() {
        // Quadratic interpolation (3 nodes) in boxes of width up to 1, on a kernel that varies on the scale
        // of 1: where most of a point's repulsion comes from many points a few boxes away (spreads 0.5 and 5,
        // boxes 0.1 to 0.8 wide) the error stays below 1e-2 (measured 4e-5 to 6e-3) and Z within 1e-3
        // (measured up to 3e-4); where points are sparse, so the nearest few (in the same or the next box)
        // dominate (spread 60: 1,500 points over 150 x 150, boxes 0.9 wide), below 5e-2 (measured 1e-2 to
        // 2.5e-2) and Z within 1e-2 (measured up to 8e-3). Barnes-Hut with theta 0.5 is at a few 1e-2.
        int n = 1500;
        for (double spread : new double[]{0.5, 5, 60}) {
            for (double dof : new double[]{1, 0.5, 3}) {
                double[] y = clustered((long) (spread * 10 + dof * 100), n, spread);
                double[] want = new double[2 * n], got = new double[2 * n];
                double zWant = exact(y, n, dof, want);
                double zGot = new FftRepulsion(3).repulsion(y, n, dof, got);
                double err = relativeError(want, got);
                double tolerance = spread < 10 ? 1e-2 : 5e-2;
                assertTrue(err < tolerance, "repulsion relative error should be below " + tolerance + " at spread "
                        + spread + ", dof " + dof + ", got " + err);
                assertEquals(zWant, zGot, (spread < 10 ? 1e-3 : 1e-2) * zWant, "Z at spread " + spread + ", dof " + dof);
            }
        }
    }

    @Test
    void moreInterpolationNodesAreMoreAccurate() {
        int n = 800;
        double[] y = clustered(3, n, 20);
        double[] want = new double[2 * n];
        exact(y, n, 1, want);
        double[] two = new double[2 * n], five = new double[2 * n];
        new FftRepulsion(2).repulsion(y, n, 1, two);
        new FftRepulsion(5).repulsion(y, n, 1, five);
        double e2 = relativeError(want, two), e5 = relativeError(want, five);
        assertTrue(e5 < e2 / 10, "5 nodes should be at least 10x more accurate than 2, got " + e5 + " vs " + e2);
    }

    @Test
    void boxesGrowWithTheExtentOfTheEmbedding() {
        FftRepulsion f = new FftRepulsion(3);
        int n = 100;
        double[] rep = new double[2 * n];
        f.repulsion(clustered(4, n, 1), n, 1, rep);
        assertEquals(10, f.lastBoxes(), "10 boxes needed: grid 64 = 2 * 3 * 10 + 4");
        double[] wide = new double[2 * n];
        for (int i = 0; i < n; i++) wide[2 * i] = i; // extent 99: 99 boxes needed, 6 * 99 = 594 -> 1024 / 6
        f.repulsion(wide, n, 1, rep);
        assertEquals(170, f.lastBoxes(), "99 boxes needed: grid 1024 = 2 * 3 * 170 + 4");
    }
}
