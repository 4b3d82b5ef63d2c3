package dev.latent.data;

import dev.latent.internal.Check;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Dataset transforms: scaling, standardizing, flattening, shuffling, splitting, limiting and noise.
 * <p>Each returns a new dataset and never modifies its input. Labels and class names travel with their
 * samples. Random transforms draw from a {@link SplittableRandom} seeded with the given seed, so the same
 * seed on the same data gives the same result.
 */
public final class Transforms {
    private Transforms() {}

    /** The two parts of a split. */
    public record Split(Dataset train, Dataset test) {}

    /**
     * Scales values into [0, 1].
     * <p>A byte store is re-read as {@code raw / fullScale} (255 for 8-bit images, 16 for the bundled digits) by
     * changing its scale, without copying a byte, whatever scale it had before. A float32 store is mapped by its global minimum and maximum over all values,
     * {@code (x - min) / (max - min)}, into a new store; when all values are equal they all become 0.
     * NaN values are ignored when finding the range and stay NaN.
     */
    public static Dataset scaleToUnit(Dataset data) {
        Check.notNull("data", data);
        if (data.store() instanceof ByteStore bytes) return data.withStore(bytes.withScale(1f / bytes.fullScale(), 0f));
        float[] v = ((FloatStore) data.store()).matrix().values();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            if (x < min) min = x;
            if (x > max) max = x;
        }
        double range = (double) max - min;
        double inv = range > 0 && Double.isFinite(range) ? 1.0 / range : 0.0;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) ((v[i] - (double) min) * inv);
        return data.withStore(new FloatStore(Matrix.wrap(data.size(), data.features(), out)));
    }

    /**
     * Standardizes each feature to mean 0 and variance 1 over the samples (the population variance, dividing
     * by n, as scikit-learn's StandardScaler does). A constant feature becomes all 0. The result is float32.
     * <p>Two passes in double precision (means, then squared deviations); O(n d) time and one n x d copy.
     */
    public static Dataset standardize(Dataset data) {
        Check.notNull("data", data);
        Matrix x = data.toMatrix();
        int n = x.rows();
        int d = x.cols();
        float[] v = x.values();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) mean[j] += v[row + j];
        }
        for (int j = 0; j < d; j++) mean[j] /= Math.max(1, n);
        double[] sq = new double[d];
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) {
                double dev = v[row + j] - mean[j];
                sq[j] += dev * dev;
            }
        }
        double[] inv = new double[d];
        for (int j = 0; j < d; j++) {
            double variance = sq[j] / Math.max(1, n);
            inv[j] = variance > 0 ? 1.0 / Math.sqrt(variance) : 0.0;
        }
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) v[row + j] = (float) ((v[row + j] - mean[j]) * inv[j]);
        }
        return data.withStore(new FloatStore(x));
    }

    /** The same samples seen as plain vectors of {@code channels * height * width} values; shares the store. */
    public static Dataset flatten(Dataset data) {
        Check.notNull("data", data);
        return data.withShape(SampleShape.vector(data.features()));
    }

    /** The samples in a random order (a seeded Fisher-Yates shuffle), with their labels. */
    public static Dataset shuffle(Dataset data, long seed) {
        Check.notNull("data", data);
        return data.select(permutation(data.size(), new SplittableRandom(seed)));
    }

    /**
     * Splits the samples at random into a training and a test part.
     * <p>With labels the split is stratified: each class sends {@code round(count * testFraction)} of its
     * samples to the test part, so each class's share of the test part is within one sample of exact, and
     * the test size may differ slightly from {@code round(n * testFraction)}. Without labels the test part
     * has {@code round(n * testFraction)} samples. Both parts keep the samples' original order.
     * @param testFraction the share of samples in the test part, strictly between 0 and 1
     * @throws IllegalArgumentException when the fraction is outside (0, 1) or leaves a part empty
     */
    public static Split split(Dataset data, double testFraction, long seed) {
        Check.notNull("data", data);
        Check.argument(testFraction > 0 && testFraction < 1, "testFraction must be in (0, 1), got " + testFraction);
        int n = data.size();
        SplittableRandom rng = new SplittableRandom(seed);
        boolean[] inTest = new boolean[n];
        int tests = 0;
        if (data.hasLabels()) {
            int[] labels = data.labels();
            int classes = 0;
            for (int l : labels) classes = Math.max(classes, l + 1);
            int[] count = new int[classes];
            for (int l : labels) count[l]++;
            int[][] members = new int[classes][];
            for (int c = 0; c < classes; c++) members[c] = new int[count[c]];
            int[] fill = new int[classes];
            for (int i = 0; i < n; i++) members[labels[i]][fill[labels[i]]++] = i;
            for (int c = 0; c < classes; c++) {
                int[] m = members[c];
                shuffleInPlace(m, rng);
                int k = (int) Math.round(m.length * testFraction);
                for (int r = 0; r < k; r++) inTest[m[r]] = true;
                tests += k;
            }
        } else {
            int[] perm = permutation(n, rng);
            tests = (int) Math.round(n * testFraction);
            for (int r = 0; r < tests; r++) inTest[perm[r]] = true;
        }
        Check.argument(tests > 0 && tests < n, "testFraction " + testFraction + " leaves the "
                + (tests == 0 ? "test" : "training") + " part of " + n + " samples empty");
        int[] test = new int[tests];
        int[] train = new int[n - tests];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            if (inTest[i]) test[a++] = i;
            else train[b++] = i;
        }
        return new Split(data.select(train), data.select(test));
    }

    /**
     * The first {@code n} samples, or all of them when there are fewer. A byte store is sliced without
     * copying; a float32 store is copied.
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public static Dataset limit(Dataset data, int n) {
        Check.notNull("data", data);
        Check.atLeast("n", n, 1);
        int count = Math.min(n, data.size());
        SampleStore store = switch (data.store()) {
            case ByteStore b -> new ByteStore(b.bytes().asSlice(0, (long) count * b.size()), count, b.size(),
                    b.scale(), b.offset(), b.fullScale());
            case FloatStore f -> new FloatStore(f.matrix().rows(0, count));
        };
        int[] labels = data.hasLabels() ? Arrays.copyOf(data.labels(), count) : new int[0];
        return Dataset.of(data.name(), data.shape(), store, labels, data.classNames());
    }

    /**
     * Adds independent Gaussian noise of standard deviation {@code sigma} to every value (as for a
     * denoising autoencoder); the result is float32.
     * <p>Reference: P. Vincent, H. Larochelle, Y. Bengio and P.-A. Manzagol, "Extracting and Composing
     * Robust Features with Denoising Autoencoders", ICML 2008.
     * @param sigma the noise's standard deviation, >= 0
     */
    public static Dataset gaussianNoise(Dataset data, double sigma, long seed) {
        Check.notNull("data", data);
        Check.nonNegative("sigma", sigma);
        Check.argument(Double.isFinite(sigma), "sigma must be finite, got " + sigma);
        Matrix x = data.toMatrix();
        float[] v = x.values();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] + sigma * rng.nextGaussian());
        return data.withStore(new FloatStore(x));
    }

    /**
     * Masking noise: sets each value independently to 0 with probability {@code fraction}; the result is
     * float32.
     * <p>Reference: P. Vincent, H. Larochelle, Y. Bengio and P.-A. Manzagol, "Extracting and Composing
     * Robust Features with Denoising Autoencoders", ICML 2008.
     * @param fraction the probability that a value is masked, in [0, 1]
     */
    public static Dataset maskingNoise(Dataset data, double fraction, long seed) {
        Check.notNull("data", data);
        Check.inRange("fraction", fraction, 0, 1);
        Matrix x = data.toMatrix();
        float[] v = x.values();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < v.length; i++) {
            if (rng.nextDouble() < fraction) v[i] = 0f;
        }
        return data.withStore(new FloatStore(x));
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        shuffleInPlace(p, rng);
        return p;
    }

    /** Fisher-Yates: position i swaps with a uniform position in [0, i], from the end down. */
    private static void shuffleInPlace(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
