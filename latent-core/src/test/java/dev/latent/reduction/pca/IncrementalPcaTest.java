package dev.latent.reduction.pca;

import dev.latent.Estimator;
import dev.latent.EstimatorContract;
import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncrementalPcaTest implements EstimatorContract<PcaModel> {
    @Override
    public Estimator<PcaModel> estimator(long seed) {
        return new IncrementalPca(4, 700, false);   // no randomness: the seed changes nothing
    }

    @Override
    public Matrix data() {
        return Reference.gaussian(new SplittableRandom(2), 2500, 16, Reference.geometric(16, 5, 0.7), 3);
    }

    @Override
    public void assertSameModel(PcaModel expected, PcaModel actual) {
        assertEquals(expected.components(), actual.components(), "components should be identical");
        assertArrayEquals(expected.mean(), actual.mean(), 0f, "means should be identical");
        assertArrayEquals(expected.explainedVariance(), actual.explainedVariance(), 0.0,
                "explained variances should be identical");
    }

    private static void assertMatches(PcaModel expected, PcaModel actual, double tol) {
        int k = expected.k();
        assertArrayEquals(expected.mean(), actual.mean(), 1e-4f, "means should agree");
        assertEquals(expected.totalVariance(), actual.totalVariance(), 1e-9 * expected.totalVariance(), "total variance");
        for (int r = 0; r < k; r++) {
            double w = expected.explainedVariance()[r];
            assertEquals(w, actual.explainedVariance()[r], tol * w, "variance " + r);
            assertEquals(expected.explainedVarianceRatio()[r], actual.explainedVarianceRatio()[r],
                    tol * expected.explainedVarianceRatio()[r], "variance ratio " + r);
        }
        assertArrayEquals(expected.components().values(), actual.components().values(), (float) tol,
                "components should agree, signs included");
    }

    @Test
    void matchesBatchPcaWhenNothingIsTruncated() {
        // k = d: every batch merge is exact, whatever the spectrum
        Matrix x = Reference.gaussian(new SplittableRandom(5), 1000, 8, Reference.geometric(8, 4, 0.6), 50);
        PcaModel batch = Pca.of(8).withSolver(PcaSolver.SVD).fit(x);
        assertMatches(batch, new IncrementalPca(8, 130, false).fit(x), 1e-4);
    }

    @Test
    void matchesBatchPcaOnDataOfRankK() {
        // the centred data spans 3 directions, so 3 components lose nothing between batches
        Matrix x = Reference.gaussian(new SplittableRandom(6), 1200, 20, new double[] {5, 3, 1}, 10);
        PcaModel batch = Pca.of(3).withSolver(PcaSolver.COVARIANCE).fit(x);
        assertMatches(batch, new IncrementalPca(3, 100, false).fit(x), 1e-4);
    }

    @Tag("slow")
    @Test
    void approximatesBatchPcaOnFullRankData() {
        Matrix x = Reference.gaussian(new SplittableRandom(7), 2000, 30, Reference.geometric(30, 8, 0.6), 0);
        PcaModel batch = Pca.of(5).withSolver(PcaSolver.COVARIANCE).fit(x);
        PcaModel inc = new IncrementalPca(5, 500, false).fit(x);
        for (int r = 0; r < 5; r++) {
            double w = batch.explainedVariance()[r];
            assertEquals(w, inc.explainedVariance()[r], 2e-2 * w, "variance " + r + " within 2%");
        }
    }

    @Test
    void fitsADatasetBatchByBatchLikeTheMatrix() {
        Matrix x = data();
        IncrementalPca inc = new IncrementalPca(4, 700, true);
        PcaModel fromMatrix = inc.fit(x);
        PcaModel fromDataset = inc.fit(Dataset.of("blobs", x.copy()));
        assertSameModel(fromMatrix, fromDataset);
        assertTrue(fromDataset.whiten(), "the model whitens as asked");
        assertEquals(4, fromDataset.report().iterations(), "2500 rows in batches of 700 is 4 batches");
    }

    @Test
    void foldsAShortLastBatchIntoThePreviousOne() {
        // 1003 rows, batches of 100, 5 components: the tail of 3 rows joins the tenth batch
        Matrix x = Reference.gaussian(new SplittableRandom(8), 1003, 6, Reference.geometric(6, 2, 0.7), 0);
        PcaModel m = new IncrementalPca(5, 100, false).fit(x);
        assertEquals(10, m.report().iterations(), "ten batches");
        assertEquals(1003, m.samples());
    }

    @Test
    void reportsANaNInADatasetByItsGlobalRow() {
        Matrix x = data();
        x.set(1500, 3, Float.NaN);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new IncrementalPca(4, 700, false).fit(Dataset.of("d", x)));
        assertEquals("data has NaN at row 1500, column 3", e.getMessage());
    }

    @Test
    void rejectsBatchesSmallerThanTheComponents() {
        assertEquals("batchSize must be >= 5, got 4",
                assertThrows(IllegalArgumentException.class, () -> new IncrementalPca(5, 4, false)).getMessage());
    }

    @Test
    void rejectsMoreComponentsThanColumns() {
        Matrix x = Reference.gaussian(new SplittableRandom(1), 50, 3, new double[] {1, 1, 1}, 0);
        var e = assertThrows(IllegalArgumentException.class, () -> IncrementalPca.of(4).fit(x));
        assertEquals("components must be <= min(rows, columns) = 3 for 50 x 3 data, got 4", e.getMessage());
    }

    @Test
    void matchesBatchPcaWithAlwaysZeroColumns() {
        // like blank pixels: columns 0 and 5 are 0 in every row
        Matrix x = Reference.gaussian(new SplittableRandom(9), 600, 8, new double[] {4, 2, 1}, 1);
        for (int i = 0; i < 600; i++) {
            x.set(i, 0, 0f);
            x.set(i, 5, 0f);
        }
        PcaModel batch = Pca.of(3).withSolver(PcaSolver.COVARIANCE).fit(x);
        assertMatches(batch, new IncrementalPca(3, 90, false).fit(x), 1e-4);
        assertMatches(batch, Pca.of(3).withSolver(PcaSolver.SVD).fit(x), 1e-4);
    }

    @Test
    void constantDataHasZeroVarianceAndZeroRatios() {
        float[] v = new float[30 * 3];
        java.util.Arrays.fill(v, 2.5f);
        PcaModel m = new IncrementalPca(2, 10, false).fit(Matrix.wrap(30, 3, v));
        assertArrayEquals(new double[] {0, 0}, m.explainedVariance(), 0.0, "no variance");
        assertArrayEquals(new double[] {0, 0}, m.explainedVarianceRatio(), 0.0, "ratios defined as 0");
    }
}
