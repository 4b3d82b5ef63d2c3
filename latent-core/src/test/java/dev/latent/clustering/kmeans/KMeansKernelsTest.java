package dev.latent.clustering.kmeans;

import dev.latent.Latent;
import dev.latent.data.Matrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The assignment kernels of k-means against plain references: dot products, nearest centres, the fused Lloyd step. */
class KMeansKernelsTest {
    private static final CentreKernel[] KERNELS = {CentreKernel.Holder.SCALAR, CentreKernel.get()};

    private static float[] uniform(SplittableRandom rng, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) (2 * rng.nextDouble() - 1);
        return v;
    }

    @Test
    void dotsMatchADoubleReferenceForEveryShapeOfTile() {
        var rng = new SplittableRandom(3);
        int n = 37, d = 19; // neither a multiple of the 8 rows of a tile nor of a vector
        float[] x = uniform(rng, n * d);
        for (CentreKernel kernel : KERNELS) {
            for (int k : new int[] {1, 3, 16, 17, 33, 48, 70, 100}) {
                float[] centres = uniform(rng, k * d);
                int panels = kernel.panels(k), width = panels * kernel.lanes();
                float[] out = new float[n * width];
                kernel.dots(x, d, 0, n, kernel.pack(centres, k, d), panels, out);
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < k; c++) {
                        double s = 0;
                        for (int j = 0; j < d; j++) s += (double) x[i * d + j] * centres[c * d + j];
                        assertEquals(s, out[i * width + c], 1e-5, "row " + i + ", centre " + c + ", k = " + k);
                    }
                }
            }
        }
    }

    @Test
    void aRowsDotsDoNotDependOnTheRowsSharingItsCall() {
        var rng = new SplittableRandom(4);
        int n = 29, d = 40, k = 50;
        float[] x = uniform(rng, n * d);
        CentreKernel kernel = CentreKernel.get();
        int panels = kernel.panels(k), width = panels * kernel.lanes();
        float[] packed = kernel.pack(uniform(rng, k * d), k, d);
        float[] all = new float[n * width];
        kernel.dots(x, d, 0, n, packed, panels, all);
        for (int from = 0; from < n; from += 5) {
            int to = Math.min(n, from + 1 + from % 7);
            float[] part = new float[(to - from) * width];
            kernel.dots(x, d, from, to, packed, panels, part);
            for (int i = from; i < to; i++) {
                for (int c = 0; c < k; c++) {
                    assertEquals(all[i * width + c], part[(i - from) * width + c], 0f, "row " + i + ", centre " + c);
                }
            }
        }
    }

    @Test
    void nearestIsTheFirstSmallestDistanceEvenOnTies() {
        var rng = new SplittableRandom(5);
        for (CentreKernel kernel : KERNELS) {
            for (int k : new int[] {1, 2, 15, 16, 17, 40, 100}) {
                int panels = kernel.panels(k), width = panels * kernel.lanes();
                float[] cNorms = new float[width];
                Arrays.fill(cNorms, Float.POSITIVE_INFINITY);
                for (int trial = 0; trial < 50; trial++) {
                    float[] dots = new float[width];
                    // few distinct values, so that ties are common
                    for (int c = 0; c < k; c++) {
                        cNorms[c] = rng.nextInt(3);
                        dots[c] = rng.nextInt(3);
                    }
                    int expected = 0;
                    for (int c = 1; c < k; c++) {
                        if (cNorms[c] - 2 * dots[c] < cNorms[expected] - 2 * dots[expected]) expected = c;
                    }
                    assertEquals(expected, kernel.nearest(dots, 0, cNorms, k, panels), "k = " + k + ", trial " + trial);
                }
            }
        }
    }

    @Test
    void addScaledGivesTheBitsOfThePlainLoop() {
        var rng = new SplittableRandom(6);
        for (int d : new int[] {1, 7, 8, 33, 784}) {
            float[] x = uniform(rng, d + 3);
            float[] y = uniform(rng, d + 5), expected = y.clone();
            float wi = (float) rng.nextDouble() * 3;
            for (int j = 0; j < d; j++) expected[2 + j] += wi * x[3 + j];
            CentreKernel.get().addScaled(x, 3, wi, y, 2, d);
            assertArrayEquals(expected, y, 0f, "d = " + d);
        }
    }

    @Test
    void theFusedLloydStepGivesTheBitsOfAssignThenMeans() {
        var rng = new SplittableRandom(7);
        int n = 3 * Kernels.MEANS_CHUNK + 123, d = 13, k = 21; // several chunks, the last one short
        float[] x = uniform(rng, n * d);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = i % 10 == 0 ? 0 : rng.nextDouble() * 2;
        float[] norms = Kernels.squaredNorms(x, n, d);
        float[] centres = uniform(rng, k * d);

        int[] labels = new int[n];
        float[] minDist = new float[n];
        float[] means = new float[k * d];
        double[] weights = new double[k];
        double objective = Kernels.assign(x, norms, n, d, w, centres, k, labels, minDist);
        Kernels.means(x, n, d, w, labels, k, means, weights);

        int[] fusedLabels = new int[n];
        float[] fusedDist = new float[n];
        float[] fusedMeans = new float[k * d];
        double[] fusedWeights = new double[k];
        double fusedObjective = Kernels.assignAndMeans(x, norms, n, d, w, centres, k, fusedLabels, fusedDist,
                fusedMeans, fusedWeights);

        assertArrayEquals(labels, fusedLabels, "the same labels");
        assertArrayEquals(minDist, fusedDist, 0f, "the same distances");
        assertArrayEquals(means, fusedMeans, 0f, "the same centres, bit for bit");
        assertArrayEquals(weights, fusedWeights, 0.0, "the same cluster weights");
        assertEquals(objective, fusedObjective, 0.0, "the same objective");
    }

    @Test
    void theFusedLloydStepMatchesANaiveTwoPassStepInDouble() {
        var rng = new SplittableRandom(8);
        int n = 2 * Kernels.MEANS_CHUNK + 77, d = 10, k = 7;
        float[] x = uniform(rng, n * d);
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        float[] centres = uniform(rng, k * d);
        int[] labels = new int[n];
        float[] means = new float[k * d];
        double[] weights = new double[k];
        double objective = Kernels.assignAndMeans(x, Kernels.squaredNorms(x, n, d), n, d, w, centres, k, labels,
                new float[n], means, weights);
        // naive: direct squared distances in double, then sums by label
        double[][] sums = new double[k][d];
        double[] counts = new double[k];
        double naiveObjective = 0;
        int ties = 0;
        for (int i = 0; i < n; i++) {
            double best = Double.POSITIVE_INFINITY, second = Double.POSITIVE_INFINITY;
            int arg = -1;
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double diff = x[i * d + j] - centres[c * d + j];
                    s += diff * diff;
                }
                if (s < best) {
                    second = best;
                    best = s;
                    arg = c;
                } else if (s < second) {
                    second = s;
                }
            }
            if (second - best < 1e-4) {
                ties++; // too close to call in float: skip this row's label check
            } else {
                assertEquals(arg, labels[i], "row " + i + " goes to its nearest centre");
            }
            naiveObjective += best;
            counts[labels[i]]++;
            for (int j = 0; j < d; j++) sums[labels[i]][j] += x[i * d + j];
        }
        assertTrue(ties < n / 100, "few near-ties: " + ties);
        assertEquals(naiveObjective, objective, 1e-5 * naiveObjective, "objective");
        for (int c = 0; c < k; c++) {
            assertEquals(counts[c], weights[c], 0.0, "weight of cluster " + c);
            for (int j = 0; j < d; j++) {
                assertEquals(sums[c][j] / counts[c], means[c * d + j], 1e-6, "centre " + c + ", column " + j);
            }
        }
    }

    @Test
    @Tag("slow")
    void lloydOverSeveralChunksIsIndependentOfTheThreadCount() {
        var rng = new SplittableRandom(9);
        int n = 3 * Kernels.MEANS_CHUNK + 500, d = 6;
        Matrix x = Matrix.wrap(n, d, uniform(rng, n * d));
        KMeans km = KMeans.of(20).withSeed(4).withTolerance(1e-2);
        int threads = Latent.threads();
        try {
            Latent.setThreads(1);
            KMeansModel one = km.fit(x);
            Latent.setThreads(3);
            KMeansModel three = km.fit(x);
            assertEquals(one.centroids(), three.centroids(), "the same centres");
            assertArrayEquals(one.labels(), three.labels(), "the same labels");
            assertArrayEquals(one.report().history(), three.report().history(), 0.0, "the same objectives");
        } finally {
            Latent.setThreads(threads);
        }
    }
}
