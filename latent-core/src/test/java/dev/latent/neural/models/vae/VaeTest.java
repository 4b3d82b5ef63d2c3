package dev.latent.neural.models.vae;

import dev.latent.Estimator;
import dev.latent.EstimatorContract;
import dev.latent.data.Dataset;
import dev.latent.data.FloatStore;
import dev.latent.data.Matrix;
import dev.latent.data.SampleShape;
import dev.latent.neural.autodiff.Functions;
import dev.latent.neural.autodiff.GradCheck;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.layers.Parameter;
import dev.latent.neural.tensor.Tensor;
import dev.latent.neural.tensor.Tensors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("slow")
class VaeTest implements EstimatorContract<VaeModel> {
    @TempDir Path dir;

    @Override
    public Estimator<VaeModel> estimator(long seed) {
        return small().withSeed(seed);
    }

    @Override
    public Matrix data() {
        return blobs(240, 6, new SplittableRandom(3)).toMatrix();
    }

    @Override
    public void assertSameModel(VaeModel expected, VaeModel actual) {
        Matrix x = data();
        assertEquals(expected.encode(x).mean(), actual.encode(x).mean(), "the same code means");
        assertEquals(expected.encode(x).logVariance(), actual.encode(x).logVariance(), "the same code variances");
        assertArrayEquals(expected.history().trainLoss(), actual.history().trainLoss(), "the same losses");
    }

    private static Vae small() {
        return Vae.defaults().withHidden(List.of(8)).withLatent(2).withEpochs(2).withBatchSize(16);
    }

    /** Three tight blobs on corners of the unit cube in d dimensions, values in [0, 1], labels 0..2. */
    static Dataset blobs(int n, int d, SplittableRandom rng) {
        float[] v = new float[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < d; j++) {
                double centre = (j % 3 == labels[i]) ? 0.9 : 0.1;
                v[i * d + j] = (float) Math.clamp(centre + 0.05 * (rng.nextDouble() - 0.5), 0, 1);
            }
        }
        return Dataset.of("blobs", SampleShape.vector(d), new FloatStore(Matrix.wrap(n, d, v)), labels,
                List.of("a", "b", "c"));
    }

    @Test
    void klMatchesItsClosedFormAndAMonteCarloEstimate() {
        // one row, two dimensions: mu = (0.5, -1), log var = (0.2, -0.7)
        float[] mu = {0.5f, -1f}, lv = {0.2f, -0.7f};
        double closed = 0;
        for (int j = 0; j < 2; j++) closed += 0.5 * (mu[j] * mu[j] + Math.exp(lv[j]) - 1 - lv[j]);
        double ours = VaeOps.kl(Node.input(Tensor.of(mu, 1, 2)), Node.input(Tensor.of(lv, 1, 2))).value().item();
        assertEquals(closed, ours, 1e-6, "KL(N(mu, s^2) || N(0, 1)) = (mu^2 + s^2 - 1 - log s^2) / 2 per dimension");
        var rng = new SplittableRandom(7);     // E_q[log q(z) - log p(z)] from 400,000 draws
        int draws = 400_000;
        double sum = 0;
        for (int s = 0; s < draws; s++) {
            for (int j = 0; j < 2; j++) {
                double e = Tensors.gaussian(rng), sd = Math.exp(0.5 * lv[j]), z = mu[j] + sd * e;
                sum += -0.5 * e * e - Math.log(sd) + 0.5 * z * z;
            }
        }
        assertEquals(closed, sum / draws, 0.01, "Monte Carlo estimate of the KL");
    }

    @Test
    void samplingKlAndGaussianLikelihoodGradientsMatchFiniteDifferences() {
        var rng = new SplittableRandom(5);
        Parameter h = Parameter.of("h", Tensors.uniform(rng, -1f, 1f, 3, 4));
        Parameter lv = Parameter.of("logVariance", Tensors.uniform(rng, -0.5f, 0.5f, 2));
        Tensor eps = Tensors.normal(rng, 1f, 3, 2);               // fixed noise draw: the sample is differentiable
        Tensor target = Tensors.uniform(rng, -1f, 1f, 3, 2);
        GradCheck.assertMatches(() -> {
            Node mu = VaeOps.columns(h.node(), 0, 2), logVar = VaeOps.columns(h.node(), 2, 2);
            Node z = VaeOps.reparameterize(mu, logVar, eps);
            Node nll = VaeOps.gaussianNll(z, target, lv.node());
            return Functions.add(Functions.add(nll, VaeOps.kl(mu, logVar)), Functions.sum(Functions.square(z)));
        }, List.of(h, lv), 1e-2, 1e-2);
    }

    @Test
    void importanceWeightedBoundIsAtLeastTheElboAndRisesWithK() {
        Dataset data = blobs(300, 6, new SplittableRandom(2));
        VaeModel m = Vae.defaults().withHidden(List.of(16)).withLatent(2).withEpochs(20).withBatchSize(32)
                .withLearningRate(1e-2).fit(data);
        Matrix x = data.toMatrix().rows(0, 60);
        double elbo = 0;
        for (int s = 0; s < 20; s++) elbo += m.elbo(x, new int[0], s).elbo() / 20;
        double iw1 = m.importanceWeighted(x, new int[0], 1, 1), iw10 = m.importanceWeighted(x, new int[0], 10, 1),
                iw100 = m.importanceWeighted(x, new int[0], 100, 1);
        assertEquals(elbo, iw1, 0.05 * Math.abs(elbo) + 0.05, "with k = 1 the bound is the ELBO");
        assertTrue(iw10 > elbo && iw100 > iw10, "ELBO " + elbo + " <= IW-10 " + iw10 + " <= IW-100 " + iw100);
        double[] rec = m.reconstructionHistory(), kl = m.klHistory(), loss = m.history().trainLoss();
        for (int e = 0; e < loss.length; e++) {
            assertEquals(loss[e], rec[e] + kl[e], 1e-3 * Math.abs(loss[e]), "the loss is its two terms at epoch " + e);
        }
    }

    @Test
    void recoversAKnownTwoDimensionalGaussian() {
        // x ~ N((1, -2), diag(0.5^2, 1.5^2)): generated samples (decoded prior draws plus the learned noise)
        // have that mean and variance
        var rng = new SplittableRandom(9);
        int n = 2000;
        float[] v = new float[2 * n];
        for (int i = 0; i < n; i++) {
            v[2 * i] = (float) (1 + 0.5 * Tensors.gaussian(rng));
            v[2 * i + 1] = (float) (-2 + 1.5 * Tensors.gaussian(rng));
        }
        VaeModel m = Vae.defaults().withLikelihood(Likelihood.GAUSSIAN_LEARNED).withHidden(List.of(16)).withLatent(2)
                .withEpochs(30).withBatchSize(64).withLearningRate(1e-2).fit(Matrix.wrap(n, 2, v));
        Matrix gen = m.sample(20_000, -1, 4);
        double[] noise = m.outputVariance();
        double[] mean = {1, -2}, var = {0.25, 2.25};
        for (int j = 0; j < 2; j++) {
            double s = 0, sq = 0;
            for (int i = 0; i < gen.rows(); i++) {
                s += gen.get(i, j);
                sq += (double) gen.get(i, j) * gen.get(i, j);
            }
            double mu = s / gen.rows(), total = sq / gen.rows() - mu * mu + noise[j];
            assertEquals(mean[j], mu, 0.15, "generated mean of coordinate " + j);
            assertEquals(var[j], total, 0.25 * var[j], "generated variance of coordinate " + j);
        }
    }

    @Test
    void conditionalVaeGeneratesTheChosenClassAndItsFileLoads() throws Exception {
        Dataset data = blobs(300, 6, new SplittableRandom(4));
        VaeModel m = Vae.defaults().withHidden(List.of(16)).withLatent(2).withConditional(true).withEpochs(30)
                .withBatchSize(32).withLearningRate(1e-2).fit(data);
        for (int label = 0; label < 3; label++) {
            Matrix gen = m.sample(50, label, label);
            int right = 0;
            for (int i = 0; i < 50; i++) {
                int best = -1;
                double bestDist = Double.POSITIVE_INFINITY;
                for (int c = 0; c < 3; c++) {
                    double dist = 0;
                    for (int j = 0; j < 6; j++) dist += Math.pow(gen.get(i, j) - ((j % 3 == c) ? 0.9 : 0.1), 2);
                    if (dist < bestDist) { bestDist = dist; best = c; }
                }
                if (best == label) right++;
            }
            assertTrue(right >= 45, "samples of class " + label + " lie nearest its blob: " + right + " of 50");
        }
        Path file = dir.resolve("cvae.latent");
        m.save(file);
        VaeModel back = VaeModel.load(file);
        Matrix x = data.toMatrix().rows(0, 9);
        int[] labels = java.util.Arrays.copyOf(data.labels(), 9);
        assertEquals(m.reconstruct(x, labels), back.reconstruct(x, labels), "a loaded conditional VAE decodes the same");
        assertEquals(List.of("a", "b", "c"), back.classNames(), "class names travel in the file");
    }

    @Test
    void manifoldInterpolationAndTraversalHaveTheirShapes() {
        Dataset data = blobs(120, 6, new SplittableRandom(6));
        VaeModel m = small().withEpochs(3).fit(data);
        assertEquals(25, m.manifold(5, -1).rows(), "a 5 x 5 grid of decodings");
        Matrix pair = data.toMatrix().rows(0, 2);
        Matrix line = m.interpolate(pair, new int[0], 7, false), arc = m.interpolate(pair, new int[0], 7, true);
        Matrix ends = m.reconstruct(pair, new int[0]);
        for (Matrix path : List.of(line, arc)) {
            assertEquals(7, path.rows(), "seven steps");
            for (int j = 0; j < 6; j++) {
                assertEquals(ends.get(0, j), path.get(0, j), 1e-5, "the path starts at the first reconstruction");
                assertEquals(ends.get(1, j), path.get(6, j), 1e-5, "and ends at the second");
            }
        }
        assertEquals(4, m.traverse(pair.rows(0, 1), new int[0], 1, new double[]{-2, -1, 1, 2}).rows(), "one per value");
    }

    @Test
    void rejectsBadInputWithClearMessages() {
        Dataset data = blobs(30, 6, new SplittableRandom(2));
        var outside = assertThrows(IllegalArgumentException.class, () -> small().fit(Matrix.of(2, 2, 0, 2, 1, 0.5f)));
        assertTrue(outside.getMessage().startsWith("the Bernoulli decoder needs data in [0, 1], got 2.0"), outside.getMessage());
        var unlabelled = assertThrows(IllegalArgumentException.class,
                () -> small().withConditional(true).fit(Dataset.of("x", data.toMatrix())));
        assertEquals("a conditional VAE needs labelled data", unlabelled.getMessage());
        VaeModel m = small().withLatent(3).fit(data);
        var grid = assertThrows(IllegalStateException.class, () -> m.manifold(5, -1));
        assertEquals("the latent manifold needs 2 code dimensions, this model has 3", grid.getMessage());
        var label = assertThrows(IllegalArgumentException.class, () -> m.sample(4, 2, 0));
        assertEquals("this VAE is not conditional; it takes no label, got 2", label.getMessage());
        assertThrows(IllegalStateException.class, m::outputVariance, "a Bernoulli decoder has no output variance");
    }
}
