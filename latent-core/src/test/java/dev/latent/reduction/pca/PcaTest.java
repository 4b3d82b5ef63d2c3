package dev.latent.reduction.pca;

import dev.latent.Estimator;
import dev.latent.EstimatorContract;
import dev.latent.data.Matrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcaTest implements EstimatorContract<PcaModel> {
    @Override
    public Estimator<PcaModel> estimator(long seed) {
        return Pca.of(5).withSolver(PcaSolver.RANDOMIZED).withSeed(seed);
    }

    @Override
    public Matrix data() {
        // 5000 rows: three parallel chunks of 2048 rows and two GEMM blocks of 4096
        return Reference.gaussian(new SplittableRandom(2), 5000, 24, Reference.geometric(24, 5, 0.8), 3);
    }

    @Override
    public void assertSameModel(PcaModel expected, PcaModel actual) {
        assertEquals(expected.components(), actual.components(), "components should be identical");
        assertArrayEquals(expected.mean(), actual.mean(), 0f, "means should be identical");
        assertArrayEquals(expected.explainedVariance(), actual.explainedVariance(), 0.0,
                "explained variances should be identical");
        assertArrayEquals(expected.singularValues(), actual.singularValues(), 0.0, "singular values should be identical");
        assertEquals(expected.noiseVariance(), actual.noiseVariance(), 0.0, "noise variances should be identical");
    }

    private static Pca exact(int k, PcaSolver solver) {
        return Pca.of(k).withSolver(solver).withSeed(9);
    }

    @ParameterizedTest
    @EnumSource(value = PcaSolver.class, names = {"COVARIANCE", "SVD", "RANDOMIZED"})
    void pointsOnALineGiveOneComponentWithAllTheVariance(PcaSolver solver) {
        // x_i = (5, -1, 0.5) + t_i (1, 2, 2) / 3 with t = 0, 1, ..., 9: mean t 4.5, variance sum (t - 4.5)^2 / 9 = 82.5 / 9
        float[] v = new float[30];
        for (int i = 0; i < 10; i++) {
            v[3 * i] = 5 + i / 3f;
            v[3 * i + 1] = -1 + 2 * i / 3f;
            v[3 * i + 2] = 0.5f + 2 * i / 3f;
        }
        PcaModel m = exact(2, solver).fit(Matrix.wrap(10, 3, v));
        assertEquals(82.5 / 9, m.explainedVariance()[0], 1e-5, "the first component holds the variance of t");
        assertEquals(1.0, m.explainedVarianceRatio()[0], 1e-6, "the first component holds all the variance");
        assertEquals(0.0, m.explainedVarianceRatio()[1], 1e-6, "the second component holds none");
        assertArrayEquals(new float[] {1 / 3f, 2 / 3f, 2 / 3f}, m.component(0), 1e-5f,
                "the first component is the line's direction, with its largest entry positive");
        assertArrayEquals(new float[] {5 + 1.5f, -1 + 3f, 0.5f + 3f}, m.mean(), 1e-5f, "the mean is the point at t = 4.5");
    }

    @ParameterizedTest
    @EnumSource(value = PcaSolver.class, names = {"COVARIANCE", "SVD", "RANDOMIZED"})
    void componentsAreOrthonormalAndVariancesSorted(PcaSolver solver) {
        var rng = new SplittableRandom(4);
        for (int trial = 0; trial < 6; trial++) {
            int n = 20 + rng.nextInt(200), d = 2 + rng.nextInt(30);
            int k = 1 + rng.nextInt(Math.min(n, d));
            double[] scales = new double[d];
            for (int j = 0; j < d; j++) scales[j] = rng.nextDouble() * 3;
            Matrix x = Reference.gaussian(rng, n, d, scales, 10 * rng.nextDouble());
            PcaModel m = exact(k, solver).withSeed(trial).fit(x);
            Matrix c = m.components();
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    double dot = Reference.dot(Reference.row(c, a), Reference.row(c, b));
                    assertEquals(a == b ? 1.0 : 0.0, dot, 1e-5, "components " + a + " and " + b + " should be orthonormal"
                            + " (n " + n + ", d " + d + ", k " + k + ")");
                }
            }
            double[] var = m.explainedVariance();
            for (int a = 1; a < k; a++) {
                assertTrue(var[a] <= var[a - 1] * (1 + 1e-6), "variances should decrease, got " + var[a - 1] + " then " + var[a]);
            }
        }
    }

    @Tag("slow")
    @ParameterizedTest
    @EnumSource(value = PcaSolver.class, names = {"COVARIANCE", "SVD", "RANDOMIZED"})
    void matchesAnExactDecompositionOfTheCovariance(PcaSolver solver) {
        // a large offset (1000) checks that centring keeps precision; geometric spectrum keeps eigenvalues apart
        Matrix x = Reference.gaussian(new SplittableRandom(8), 3000, 40, Reference.geometric(40, 10, 0.8), 1000);
        Reference.Eigen truth = Reference.eigen(Reference.covariance(x));
        int k = 8;
        PcaModel m = exact(k, solver).fit(x);
        double total = 0;
        for (double w : truth.values()) total += w;
        double[] var = m.explainedVariance(), ratio = m.explainedVarianceRatio();
        Matrix c = m.components();
        double kept = 0;
        for (int r = 0; r < k; r++) {
            double w = truth.values()[r];
            kept += w;
            assertEquals(w, var[r], 1e-4 * w, "variance " + r);
            assertEquals(w / total, ratio[r], 1e-4 * w / total, "variance ratio " + r);
            assertEquals(Math.sqrt(w * 2999), m.singularValues()[r], 1e-4 * Math.sqrt(w * 2999), "singular value " + r);
            double dot = Reference.dot(truth.vectors()[r], Reference.row(c, r));
            assertEquals(1.0, Math.abs(dot), 1e-4, "component " + r + " should match the exact eigenvector up to sign");
        }
        assertEquals(total, m.totalVariance(), 1e-6 * total, "total variance is the trace of the covariance");
        assertEquals((total - kept) / (40 - k), m.noiseVariance(), 1e-4 * (total - kept) / (40 - k),
                "noise variance is the mean of the discarded eigenvalues");
    }

    @Tag("slow")
    @Test
    void covarianceSolverSpansSeveralColumnAndRowBlocks() {
        // 4500 rows (two GEMM row blocks) and 260 columns (three column blocks of the scatter matrix)
        Matrix x = Reference.gaussian(new SplittableRandom(10), 4500, 260, Reference.geometric(60, 6, 0.9), 20);
        Reference.Eigen truth = Reference.eigen(Reference.covariance(x));
        PcaModel m = exact(10, PcaSolver.COVARIANCE).fit(x);
        Matrix c = m.components();
        for (int r = 0; r < 10; r++) {
            double w = truth.values()[r];
            assertEquals(w, m.explainedVariance()[r], 1e-4 * w, "variance " + r);
            assertEquals(1.0, Math.abs(Reference.dot(truth.vectors()[r], Reference.row(c, r))), 1e-4,
                    "component " + r + " up to sign");
        }
    }

    @Test
    void solversAgreeWithEachOtherAndPickTheSameSigns() {
        Matrix x = Reference.gaussian(new SplittableRandom(12), 800, 30, Reference.geometric(30, 4, 0.75), 2);
        PcaModel cov = exact(6, PcaSolver.COVARIANCE).fit(x);
        for (PcaSolver s : new PcaSolver[] {PcaSolver.SVD, PcaSolver.RANDOMIZED}) {
            PcaModel other = exact(6, s).fit(x);
            assertArrayEquals(cov.components().values(), other.components().values(), 1e-4f,
                    s + " components should equal the covariance solver's, signs included");
            for (int r = 0; r < 6; r++) {
                double w = cov.explainedVariance()[r];
                assertEquals(w, other.explainedVariance()[r], 1e-5 * w, s + " variance " + r);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = PcaSolver.class, names = {"COVARIANCE", "SVD", "RANDOMIZED"})
    void whiteningGivesUncorrelatedUnitVariance(PcaSolver solver) {
        Matrix x = Reference.gaussian(new SplittableRandom(5), 1000, 12, Reference.geometric(12, 6, 0.7), 4);
        Matrix y = exact(4, solver).withWhiten(true).fitTransform(x);
        double[][] cov = Reference.covariance(y);
        double[] mean = Reference.mean(y);
        for (int a = 0; a < 4; a++) {
            assertEquals(0.0, mean[a], 1e-4, "whitened coordinate " + a + " should have mean 0");
            for (int b = 0; b < 4; b++) {
                assertEquals(a == b ? 1.0 : 0.0, cov[a][b], 1e-4, "whitened covariance at " + a + ", " + b);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = PcaSolver.class, names = {"COVARIANCE", "SVD", "RANDOMIZED"})
    void inverseTransformUndoesTransformWithAllComponents(PcaSolver solver) {
        Matrix x = Reference.gaussian(new SplittableRandom(6), 300, 10, Reference.geometric(10, 3, 0.8), 5);
        for (boolean whiten : new boolean[] {false, true}) {
            PcaModel m = exact(10, solver).withWhiten(whiten).fit(x);
            Matrix back = m.inverseTransform(m.transform(x));
            assertArrayEquals(x.values(), back.values(), 2e-4f, "round trip with whiten " + whiten);
        }
    }

    @Test
    void transformProjectsCentredRowsOnTheComponents() {
        Matrix x = Reference.gaussian(new SplittableRandom(7), 200, 9, Reference.geometric(9, 2, 0.8), 1);
        PcaModel m = Pca.of(3).fit(x);
        Matrix y = m.transform(x);
        float[] mean = m.mean();
        Matrix c = m.components();
        for (int i = 0; i < x.rows(); i++) {
            for (int r = 0; r < 3; r++) {
                double s = 0;
                for (int j = 0; j < 9; j++) s += (x.get(i, j) - (double) mean[j]) * c.get(r, j);
                assertEquals(s, y.get(i, r), 1e-4, "coordinate " + r + " of row " + i);
            }
        }
        // the variance of each coordinate over the training rows is its explained variance
        double[][] cov = Reference.covariance(y);
        for (int r = 0; r < 3; r++) {
            assertEquals(m.explainedVariance()[r], cov[r][r], 1e-4 * cov[r][r], "variance of coordinate " + r);
        }
    }

    @ParameterizedTest
    @EnumSource(value = PcaSolver.class, names = {"COVARIANCE", "SVD", "RANDOMIZED"})
    void constantDataHasZeroVarianceAndZeroRatios(PcaSolver solver) {
        float[] v = new float[20 * 4];
        for (int i = 0; i < 20; i++) for (int j = 0; j < 4; j++) v[i * 4 + j] = j + 0.5f;
        Matrix x = Matrix.wrap(20, 4, v);
        PcaModel m = exact(2, solver).fit(x);
        assertArrayEquals(new double[] {0, 0}, m.explainedVariance(), 0.0, "constant data has no variance");
        assertArrayEquals(new double[] {0, 0}, m.explainedVarianceRatio(), 0.0, "ratios of zero variance are defined as 0");
        assertEquals(0.0, m.noiseVariance(), 0.0, "no noise variance either");
        Matrix c = m.components();
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                assertEquals(a == b ? 1.0 : 0.0, Reference.dot(Reference.row(c, a), Reference.row(c, b)), 1e-6,
                        "components of constant data are still orthonormal");
            }
        }
        assertArrayEquals(new float[40], m.transform(x).values(), 0f, "every row maps to the origin");
        assertArrayEquals(new float[40], exact(2, solver).withWhiten(true).fitTransform(x).values(), 0f,
                "whitening zero-variance coordinates gives 0, not NaN");
    }

    @Test
    void rankBelowComponentsCompletesTheBasisWithZeroVariance() {
        // rank-2 data in 6 dimensions, 4 components asked: the last two have variance 0
        Matrix x = Reference.gaussian(new SplittableRandom(3), 100, 6, new double[] {3, 1}, 2);
        for (PcaSolver s : new PcaSolver[] {PcaSolver.COVARIANCE, PcaSolver.SVD, PcaSolver.RANDOMIZED}) {
            PcaModel m = exact(4, s).fit(x);
            double[] var = m.explainedVariance();
            assertEquals(1.0, m.explainedVarianceRatio()[0] + m.explainedVarianceRatio()[1], 1e-5,
                    s + ": two components hold all the variance");
            assertEquals(0.0, var[2], 1e-5, s + ": third variance");
            assertEquals(0.0, var[3], 1e-5, s + ": fourth variance");
            Matrix c = m.components();
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    assertEquals(a == b ? 1.0 : 0.0, Reference.dot(Reference.row(c, a), Reference.row(c, b)), 1e-5,
                            s + ": components " + a + " and " + b + " should be orthonormal");
                }
            }
        }
    }

    @Test
    void rejectsMoreComponentsThanRowsOrColumns() {
        Matrix x = Reference.gaussian(new SplittableRandom(1), 10, 3, new double[] {1, 1, 1}, 0);
        var e = assertThrows(IllegalArgumentException.class, () -> Pca.of(4).fit(x));
        assertEquals("components must be <= min(rows, columns) = 3 for 10 x 3 data, got 4", e.getMessage());
        Matrix wide = Reference.gaussian(new SplittableRandom(1), 3, 10, new double[] {1, 1}, 0);
        assertThrows(IllegalArgumentException.class, () -> Pca.of(4).fit(wide), "3 rows allow at most 3 components");
    }

    @Test
    void rejectsFewerThanTwoRows() {
        var e = assertThrows(IllegalArgumentException.class, () -> Pca.of(1).fit(Matrix.of(1, 3, 1, 2, 3)));
        assertEquals("x must have at least 2 rows (a variance needs two), got 1", e.getMessage());
    }

    @Test
    void rejectsInfinityNamingItsRowAndColumn() {
        Matrix x = Matrix.of(3, 2, 1, 2, 3, Float.POSITIVE_INFINITY, 5, 6);
        var e = assertThrows(IllegalArgumentException.class, () -> Pca.of(1).fit(x));
        assertTrue(e.getMessage().startsWith("x has infinity at row 1, column 1"), e.getMessage());
    }

    @Test
    void rejectsBadHyperparameters() {
        assertEquals("components must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Pca.of(0)).getMessage());
        assertEquals("oversampling must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> Pca.of(2).withOversampling(-1)).getMessage());
        assertEquals("powerIterations must be >= -1, got -2",
                assertThrows(IllegalArgumentException.class, () -> Pca.of(2).withPowerIterations(-2)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pca.of(2).withSolver(null));
    }

    @Test
    void transformRejectsTheWrongColumnCount() {
        PcaModel m = Pca.of(1).fit(Matrix.of(3, 2, 1, 2, 3, 5, 5, 7));
        var e = assertThrows(IllegalArgumentException.class, () -> m.transform(Matrix.of(1, 3, 1, 2, 3)));
        assertEquals("x must have 2 columns, got 3", e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> m.inverseTransform(Matrix.of(1, 2, 1, 2)));
        assertEquals("y must have 1 columns, got 2", f.getMessage());
    }

    @Test
    void autoPicksTheCheaperSolverByShape() {
        Pca auto = Pca.of(50);
        // MNIST: 70000 * 784^2 / 2 + 75 * 784^3 = 5.8e10 <= 2 * 70000 * 784 * 60 * 16 = 1.1e11
        assertEquals(PcaSolver.COVARIANCE, auto.solverFor(70_000, 784));
        // 2000 columns: 1.4e11 + 6.0e11 = 7.4e11 > 2 * 70000 * 2000 * 60 * 16 = 2.7e11
        assertEquals(PcaSolver.RANDOMIZED, auto.solverFor(70_000, 2_000));
        // wide, small n: 190 + 10 sampled directions are all 200 rows, so sampling gains nothing; SVD works on 200 x 200
        assertEquals(PcaSolver.SVD, Pca.of(190).solverFor(200, 5_000));
        assertEquals(PcaSolver.SVD, auto.withSolver(PcaSolver.SVD).solverFor(70_000, 784), "an explicit solver is kept");
    }

    @Test
    void autoPowerIterationsFollowScikitLearnsRule() {
        assertEquals(7, Pca.of(50).powerIterationsFor(70_000, 784), "50 < 78.4");
        assertEquals(4, Pca.of(80).powerIterationsFor(70_000, 784), "80 >= 78.4");
        assertEquals(2, Pca.of(50).withPowerIterations(2).powerIterationsFor(70_000, 784), "an explicit count is kept");
        PcaModel m = Pca.of(2).withSolver(PcaSolver.RANDOMIZED).fit(data());
        assertEquals(7, m.report().iterations(), "2 < 24 / 10, so the fit ran 7 power iterations");
    }

    @Test
    void differentSeedsGiveTheSameSubspaceWithTheRandomizedSolver() {
        Matrix x = data();
        PcaModel a = estimator(1).fit(x), b = estimator(2).fit(x);
        assertArrayEquals(a.components().values(), b.components().values(), 1e-4f,
                "well-separated components do not depend on the random test vectors");
    }
}
