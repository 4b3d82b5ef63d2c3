package dev.latent.reduction.tsne;

import dev.latent.Estimator;
import dev.latent.EstimatorContract;
import dev.latent.FitReport;
import dev.latent.data.Matrix;
import dev.latent.metrics.KnnAccuracy;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TsneTest implements EstimatorContract<TsneModel> {
    @Override
    public Estimator<TsneModel> estimator(long seed) {
        return Tsne.of(2).withPerplexity(10).withEarlyExaggeration(12, 50).withMaxIter(100)
                .withInit(TsneInit.RANDOM).withSeed(seed);
    }

    @Override
    public Matrix data() {
        // 150 rows: three chunks of the gradient's 64 rows
        return blobs(1, 50, 10, 0, new int[150]);
    }

    @Override
    public void assertSameModel(TsneModel expected, TsneModel actual) {
        assertEquals(expected.embedding(), actual.embedding(), "embeddings should be identical");
        assertEquals(expected.klDivergence(), actual.klDivergence(), 0.0, "KL should be identical");
    }

    /** Three Gaussian blobs of {@code per} points in {@code d} dimensions, centres 10 apart on the axes. */
    static Matrix blobs(long seed, int per, int d, double offset, int[] labels) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[3 * per * d];
        for (int i = 0; i < 3 * per; i++) {
            labels[i] = i / per;
            for (int c = 0; c < d; c++) {
                v[i * d + c] = (float) (rnd.nextGaussian() + (c == labels[i] ? 10 : 0) + offset);
            }
        }
        return Matrix.wrap(3 * per, d, v);
    }

    @Test
    void separatesThreeGaussianBlobsWithTheExactGradient() {
        int[] labels = new int[150];
        Matrix x = blobs(2, 50, 10, 0, labels);
        // random start, so that the optimization (not the PCA init) has to separate them
        TsneModel m = Tsne.of(2).withPerplexity(15).withEarlyExaggeration(12, 100).withMaxIter(300)
                .withInit(TsneInit.RANDOM).fit(x);
        assertEquals(1.0, KnnAccuracy.leaveOneOut(m.embedding(), labels, 10), 0.0, "10-NN accuracy should be 1");
        assertEquals(150, m.embedding().rows());
        assertEquals(2, m.embedding().cols());
    }

    @Test
    void theJavadocExampleWithDefaultsSeparatesBlobs() {
        int[] labels = new int[150];
        Matrix x = blobs(7, 50, 10, 0, labels);
        Matrix map = Tsne.of(2).fit(x).embedding();
        assertEquals(1.0, KnnAccuracy.leaveOneOut(map, labels, 10), 0.0, "10-NN accuracy should be 1");
    }

    @Test
    void separatesThreeGaussianBlobsWithBarnesHut() {
        int[] labels = new int[150];
        Matrix x = blobs(3, 50, 10, 0, labels);
        TsneModel m = Tsne.of(2).withPerplexity(15).withEarlyExaggeration(12, 100).withMaxIter(300)
                .withMethod(TsneMethod.BARNES_HUT).withInit(TsneInit.RANDOM).fit(x);
        assertEquals(1.0, KnnAccuracy.leaveOneOut(m.embedding(), labels, 10), 0.0, "10-NN accuracy should be 1");
    }

    @Test
    void separatesThreeGaussianBlobsWithFftInterpolation() {
        int[] labels = new int[150];
        Matrix x = blobs(3, 50, 10, 0, labels);
        TsneModel m = Tsne.of(2).withPerplexity(15).withEarlyExaggeration(12, 100).withMaxIter(300)
                .withMethod(TsneMethod.FFT).withInit(TsneInit.RANDOM).fit(x);
        assertEquals(1.0, KnnAccuracy.leaveOneOut(m.embedding(), labels, 10), 0.0, "10-NN accuracy should be 1");
    }

    @Test
    void heavierTailsSeparateBlobsFurther() {
        // dof 0.5 repels far points more strongly than dof 1, so blobs end relatively further apart
        int[] labels = new int[150];
        Matrix x = blobs(8, 50, 10, 0, labels);
        Tsne base = Tsne.of(2).withPerplexity(15).withEarlyExaggeration(12, 100).withMaxIter(300);
        double one = separation(base.fit(x).embedding(), labels);
        double half = separation(base.withDegreesOfFreedom(0.5).fit(x).embedding(), labels);
        assertTrue(half > one, "between/within distance ratio should grow with heavier tails: " + half + " vs " + one);
    }

    /** Mean distance between blob centres over the mean distance of points to their own centre. */
    private static double separation(Matrix y, int[] labels) {
        double[] cx = new double[3], cy = new double[3];
        int[] count = new int[3];
        for (int i = 0; i < y.rows(); i++) {
            cx[labels[i]] += y.get(i, 0);
            cy[labels[i]] += y.get(i, 1);
            count[labels[i]]++;
        }
        for (int c = 0; c < 3; c++) {
            cx[c] /= count[c];
            cy[c] /= count[c];
        }
        double within = 0;
        for (int i = 0; i < y.rows(); i++) within += Math.hypot(y.get(i, 0) - cx[labels[i]], y.get(i, 1) - cy[labels[i]]);
        within /= y.rows();
        double between = (Math.hypot(cx[0] - cx[1], cy[0] - cy[1]) + Math.hypot(cx[0] - cx[2], cy[0] - cy[2])
                + Math.hypot(cx[1] - cx[2], cy[1] - cy[2])) / 3;
        return between / within;
    }

    @Test
    void klDecreasesAfterTheExaggerationPhaseAndIsReportedEveryFiftyIterations() {
        int[] labels = new int[150];
        Matrix x = blobs(4, 50, 10, 0, labels);
        TsneModel m = Tsne.of(2).withPerplexity(15).withEarlyExaggeration(12, 100).withMaxIter(300).fit(x);
        FitReport r = m.report();
        assertEquals(300, r.iterations());
        double[] h = r.history();
        assertEquals(6, h.length, "history should hold one KL every 50 iterations");
        assertTrue(h[5] < h[2], "KL should fall after exaggeration ends: " + java.util.Arrays.toString(h));
        assertEquals(m.klDivergence(), r.objective(), 0.0);
        double[] y = toDouble(m.embedding());
        Affinities p = Affinities.of(x, 15);
        assertEquals(Gradient.kl(p, y, 2), m.klDivergence(), 1e-6 * m.klDivergence(),
                "reported KL should be the KL of the returned embedding");
    }

    @Test
    void klIsFiniteWhenFarNeighboursGetZeroAffinity() {
        // three blobs 1000 apart: each row's 15 neighbours reach into another blob, whose Gaussian weight
        // underflows to exactly 0; such pairs add 0 log 0 = 0 to the KL, not NaN
        var rng = new java.util.SplittableRandom(5);
        float[] v = new float[45 * 5];
        for (int i = 0; i < 45; i++) {
            for (int j = 0; j < 5; j++) v[i * 5 + j] = (float) (1000.0 * (i / 15) + rng.nextDouble());
        }
        TsneModel m = Tsne.of(2).withPerplexity(5).withMaxIter(100).fit(Matrix.wrap(45, 5, v));
        assertTrue(Double.isFinite(m.klDivergence()) && m.klDivergence() >= 0,
                "KL should be finite and non-negative, got " + m.klDivergence());
    }

    @Test
    void pcaInitialisationHasFirstCoordinateStandardDeviationOneTenThousandth() {
        int[] labels = new int[150];
        Matrix x = blobs(5, 50, 10, 0, labels);
        // One iteration of learning rate far below the scale: the embedding barely moves from its start
        TsneModel m = Tsne.of(2).withPerplexity(15).withLearningRate(1e-12).withMaxIter(1).fit(x);
        double[] y = toDouble(m.embedding());
        double mean = 0, var = 0;
        for (int i = 0; i < 150; i++) mean += y[2 * i] / 150;
        for (int i = 0; i < 150; i++) var += (y[2 * i] - mean) * (y[2 * i] - mean) / 150;
        assertEquals(1e-4, Math.sqrt(var), 1e-8, "first coordinate should have std 1e-4");
    }

    @Test
    void autoChoosesTheLearningRateAndMethodFromTheRowCount() {
        Tsne t = Tsne.of(2);
        assertEquals(50.0, t.learningRateFor(300), 0.0);
        assertEquals(6000.0 / 12, t.learningRateFor(6000), 0.0);
        assertEquals(TsneMethod.EXACT, t.methodFor(1000));
        assertEquals(TsneMethod.BARNES_HUT, t.methodFor(1001));
        assertEquals(TsneMethod.BARNES_HUT, t.methodFor(Tsne.BARNES_HUT_MAX_ROWS));
        assertEquals(TsneMethod.FFT, t.methodFor(Tsne.BARNES_HUT_MAX_ROWS + 1));
        assertEquals(TsneMethod.EXACT, Tsne.of(3).methodFor(5000));
    }

    @Test
    void rejectsAPerplexityNotBelowTheRowCount() {
        Matrix x = blobs(6, 2, 4, 0, new int[6]).copy();
        Matrix five = Matrix.wrap(5, 4, java.util.Arrays.copyOf(x.values(), 20));
        var e = assertThrows(IllegalArgumentException.class, () -> Tsne.of(2).fit(five));
        assertEquals("perplexity must be < the number of rows (5), got 30.0", e.getMessage());
    }

    @Test
    void rejectsFewerThanThreeRows() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Tsne.of(2).withPerplexity(1).fit(Matrix.of(2, 2, 0, 1, 2, 3)));
        assertEquals("x must have at least 3 rows (t-SNE needs neighbours), got 2", e.getMessage());
    }

    @Test
    void rejectsBadHyperparameters() {
        assertEquals("perplexity must be positive and finite, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> Tsne.of(2).withPerplexity(-1)).getMessage());
        assertEquals("components must be 2 for the Barnes-Hut method, got 3",
                assertThrows(IllegalArgumentException.class,
                        () -> Tsne.of(3).withMethod(TsneMethod.BARNES_HUT)).getMessage());
        assertEquals("components must be 2 for the FFT method, got 1",
                assertThrows(IllegalArgumentException.class,
                        () -> Tsne.of(1).withMethod(TsneMethod.FFT)).getMessage());
        assertEquals("degreesOfFreedom must be positive and finite, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> Tsne.of(2).withDegreesOfFreedom(0)).getMessage());
        assertEquals("learningRate must be positive or AUTO_LEARNING_RATE (-1), got 0.0",
                assertThrows(IllegalArgumentException.class, () -> Tsne.of(2).withLearningRate(0)).getMessage());
    }

    private static double[] toDouble(Matrix m) {
        float[] v = m.values();
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }
}
