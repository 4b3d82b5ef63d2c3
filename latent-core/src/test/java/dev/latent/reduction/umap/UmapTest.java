package dev.latent.reduction.umap;

import dev.latent.Estimator;
import dev.latent.EstimatorContract;
import dev.latent.data.Matrix;
import dev.latent.metrics.KnnAccuracy;
import dev.latent.neighbors.Metric;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UmapTest implements EstimatorContract<UmapModel> {
    @Override
    public Estimator<UmapModel> estimator(long seed) {
        return Umap.of(2).withEpochs(60).withSeed(seed);
    }

    @Override
    public Matrix data() {
        // 600 rows: three chunks of the layout's 256 heads
        return blobs(1, 200, 8, new int[600]);
    }

    @Override
    public void assertSameModel(UmapModel expected, UmapModel actual) {
        assertEquals(expected.embedding(), actual.embedding(), "embeddings should be identical");
        assertEquals(expected.report().objective(), actual.report().objective(), 0.0, "loss should be identical");
    }

    /** Three Gaussian blobs of {@code per} points in {@code d} dimensions, centres 10 apart on the axes. */
    static Matrix blobs(long seed, int per, int d, int[] labels) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[3 * per * d];
        for (int i = 0; i < 3 * per; i++) {
            labels[i] = i / per;
            for (int c = 0; c < d; c++) v[i * d + c] = (float) (rnd.nextGaussian() + (c == labels[i] ? 10 : 0));
        }
        return Matrix.wrap(3 * per, d, v);
    }

    @Test
    void separatesThreeGaussianBlobsFromASpectralStart() {
        int[] labels = new int[300];
        Matrix x = blobs(2, 100, 10, labels);
        // blobs 10 apart share no neighbours: the graph is disconnected, so this start falls back to random
        UmapModel m = Umap.of(2).withSeed(4).fit(x);
        assertEquals(1.0, KnnAccuracy.leaveOneOut(m.embedding(), labels, 10), 0.0, "10-NN accuracy should be 1");
        assertEquals(UmapInit.RANDOM, m.initialization());
        assertTrue(m.initializationNote().contains("3 connected components"), m.initializationNote());
        assertEquals(500, m.epochs(), "500 epochs up to 10,000 rows");
    }

    @Test
    void separatesTouchingBlobsWithTheSpectralStart() {
        int[] labels = new int[300];
        SplittableRandom rnd = new SplittableRandom(8);
        float[] v = new float[300 * 5];
        for (int i = 0; i < 300; i++) {
            labels[i] = i / 100;
            for (int c = 0; c < 5; c++) v[i * 5 + c] = (float) (rnd.nextGaussian() + (c == labels[i] ? 4.5 : 0));
        }
        UmapModel m = Umap.of(2).withNeighbors(30).withSeed(1).fit(Matrix.wrap(300, 5, v));
        assertEquals(UmapInit.SPECTRAL, m.initialization(), m.initializationNote());
        assertTrue(KnnAccuracy.leaveOneOut(m.embedding(), labels, 10) >= 0.97, "blobs 4.5 apart stay apart");
    }

    @Test
    void randomAndPcaStartsSeparateBlobsToo() {
        int[] labels = new int[300];
        Matrix x = blobs(3, 100, 10, labels);
        for (UmapInit init : new UmapInit[] {UmapInit.RANDOM, UmapInit.PCA}) {
            UmapModel m = Umap.of(2).withInit(init).withEpochs(200).fit(x);
            assertEquals(1.0, KnnAccuracy.leaveOneOut(m.embedding(), labels, 10), 0.0, init + ": 10-NN accuracy 1");
            assertEquals(init, m.initialization());
        }
    }

    @Test
    void cosineMetricSeparatesDirections() {
        // three directions, each row scaled by a random length: only the direction carries the class
        int[] labels = new int[300];
        Matrix x = blobs(5, 100, 10, labels);
        SplittableRandom rnd = new SplittableRandom(6);
        float[] v = x.values();
        for (int i = 0; i < 300; i++) {
            float s = (float) rnd.nextDouble(0.1, 10);
            for (int c = 0; c < 10; c++) v[i * 10 + c] *= s;
        }
        UmapModel m = Umap.of(2).withMetric(Metric.COSINE).withEpochs(200).fit(x);
        assertEquals(1.0, KnnAccuracy.leaveOneOut(m.embedding(), labels, 10), 0.0, "10-NN accuracy should be 1");
    }

    @Test
    void reportsTheCrossEntropyEveryTenthOfTheEpochs() {
        int[] labels = new int[300];
        UmapModel m = Umap.of(2).withInit(UmapInit.RANDOM).withEpochs(100).fit(blobs(7, 100, 6, labels));
        double[] h = m.report().history();
        assertEquals(10, h.length, "ten points of history");
        assertEquals(h[h.length - 1], m.report().objective(), 0.0);
        assertEquals(100, m.report().iterations());
        assertTrue(m.report().objective() > 0 && Double.isFinite(m.report().objective()));
    }

    @Test
    void crossEntropyOfThreePointsMatchesTheHandComputedSum() {
        // edge {0, 1} of weight 0.5; y0 = (0, 0), y1 = (2, 0), y2 = (0, 2); a = b = 1, so q = 1 / (1 + d^2):
        // q01 = 1/5: each of the two entries adds 0.5 log(0.5 / 0.2) + 0.5 log(0.5 / 0.8) = 0.223144
        // non-edges both ways: (0,2) q = 1/5, -log(4/5) = 0.223144; (1,2) q = 1/9, -log(8/9) = 0.117783
        // total 2 (0.223144) + 2 (0.223144 + 0.117783) = 1.128141
        FuzzyGraph g = new FuzzyGraph(3, new int[] {0, 1, 2, 2}, new int[] {1, 0}, new float[] {0.5f, 0.5f});
        float[] y = {0, 0, 2, 0, 0, 2};
        double edge = 0.5 * Math.log(0.5 / 0.2) + 0.5 * Math.log(0.5 / 0.8);
        double expected = 2 * edge + 2 * (-Math.log(0.8) - Math.log(8.0 / 9));
        assertEquals(expected, Umap.crossEntropy(g, y, 2, 1, 1, new SplittableRandom(1)), 1e-6);
        assertEquals(1.128141, expected, 1e-6);
    }

    @Test
    @Tag("slow")
    void transformOfTrainingRowsLandsNearTheirEmbedding() {
        int[] labels = new int[300];
        Matrix x = blobs(9, 100, 10, labels);
        UmapModel m = Umap.of(2).withEpochs(200).fit(x);
        Matrix e = m.embedding(), t = m.transform(x);
        double spread = 0, moved = 0;
        float[] ev = e.values(), tv = t.values();
        double[] mean = new double[2];
        for (int i = 0; i < 300; i++) for (int c = 0; c < 2; c++) mean[c] += ev[i * 2 + c] / 300.0;
        for (int i = 0; i < 300; i++) {
            moved += Math.hypot(tv[2 * i] - ev[2 * i], tv[2 * i + 1] - ev[2 * i + 1]);
            spread += Math.hypot(ev[2 * i] - mean[0], ev[2 * i + 1] - mean[1]);
        }
        assertTrue(moved < 0.1 * spread, "training rows should move little: mean " + moved / 300
                + " against a mean radius of " + spread / 300);
        assertEquals(1.0, KnnAccuracy.score(e, labels, t, labels, 1), 0.0, "each lands in its own blob");
    }

    @Test
    void transformPlacesNewPointsInTheirBlob() {
        int[] labels = new int[300];
        int[] newLabels = new int[60];
        Matrix x = blobs(10, 100, 10, labels);
        Matrix fresh = blobs(11, 20, 10, newLabels);
        UmapModel m = Umap.of(2).withEpochs(150).fit(x);
        Matrix t = m.transform(fresh);
        assertEquals(60, t.rows());
        assertEquals(1.0, KnnAccuracy.score(m.embedding(), labels, t, newLabels, 10), 0.0,
                "new points should land among their blob's points");
        assertEquals(t, m.transform(fresh), "transform is deterministic");
    }

    @Test
    void inverseTransformMapsBlobCentresBackToTheirBlob() {
        int[] labels = new int[300];
        Matrix x = blobs(12, 100, 10, labels);
        UmapModel m = Umap.of(2).withEpochs(150).fit(x);
        float[] e = m.embedding().values();
        float[] centres = new float[6];
        for (int i = 0; i < 300; i++) {
            centres[labels[i] * 2] += e[2 * i] / 100f;
            centres[labels[i] * 2 + 1] += e[2 * i + 1] / 100f;
        }
        Matrix back = m.inverseTransform(Matrix.wrap(3, 2, centres));
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 10; j++) {
                double expected = j == c ? 10 : 0;
                assertEquals(expected, back.get(c, j), 1.5, "blob " + c + ", column " + j);
            }
        }
        // an embedded training point maps back to its own row
        assertEquals(x.rows(5, 6), m.inverseTransform(m.embedding().rows(5, 6)));
    }

    @Test
    void zeroEpochsReturnsTheScaledStart() {
        int[] labels = new int[300];
        UmapModel m = Umap.of(2).withInit(UmapInit.RANDOM).withEpochs(0).fit(blobs(13, 100, 4, labels));
        float[] e = m.embedding().values();
        float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
        for (float v : e) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        assertEquals(0, lo, 1e-5, "the start is rescaled to [0, 10]");
        assertEquals(10, hi, 1e-5, "the start is rescaled to [0, 10]");
    }

    @Test
    void theJavadocExampleRuns() {
        int[] labels = new int[150];
        Matrix x = blobs(14, 50, 5, labels);
        Matrix map = Umap.of(2).withSeed(42).fit(x).embedding();
        assertEquals(150, map.rows());
        assertEquals(2, map.cols());
    }

    @Test
    void rejectsNeighborsNotBelowTheRowCount() {
        Matrix x = blobs(1, 4, 3, new int[12]);
        var e = assertThrows(IllegalArgumentException.class, () -> Umap.of(2).withNeighbors(12).fit(x));
        assertEquals("neighbors must be < 12 (the rows of x), got 12", e.getMessage());
    }

    @Test
    void rejectsFewerThanThreeRows() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Umap.of(2).withNeighbors(2).fit(Matrix.of(2, 2, 0, 0, 1, 1)));
        assertEquals("x must have at least 3 rows (UMAP needs neighbours), got 2", e.getMessage());
    }

    @Test
    void rejectsConstantData() {
        Matrix x = Matrix.of(4, 2, 1, 2, 1, 2, 1, 2, 1, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> Umap.of(2).withNeighbors(2).fit(x));
        assertTrue(e.getMessage().startsWith("x must not be constant"), e.getMessage());
    }

    @Test
    void rejectsZeroRowsUnderTheCosineMetric() {
        Matrix x = Matrix.of(4, 2, 1, 2, 0, 0, 3, 1, 2, 2);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Umap.of(2).withNeighbors(2).withMetric(Metric.COSINE).fit(x));
        assertTrue(e.getMessage().contains("row of zeros at row 1"), e.getMessage());
    }

    @Test
    void rejectsBadHyperparametersNamingThem() {
        assertEquals("neighbors must be >= 2, got 1",
                assertThrows(IllegalArgumentException.class, () -> Umap.of(2).withNeighbors(1)).getMessage());
        assertEquals("minDist must be <= spread (1.0), got 1.5",
                assertThrows(IllegalArgumentException.class, () -> Umap.of(2).withMinDist(1.5)).getMessage());
        assertEquals("epochs must be >= 0 or AUTO_EPOCHS (-1), got -3",
                assertThrows(IllegalArgumentException.class, () -> Umap.of(2).withEpochs(-3)).getMessage());
        assertEquals("components must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Umap.of(0)).getMessage());
    }

    @Test
    void transformRejectsTheWrongColumnCount() {
        int[] labels = new int[150];
        UmapModel m = Umap.of(2).withEpochs(10).fit(blobs(15, 50, 5, labels));
        var e = assertThrows(IllegalArgumentException.class, () -> m.transform(Matrix.zeros(3, 4)));
        assertEquals("x must have 5 columns, got 4", e.getMessage());
    }
}
