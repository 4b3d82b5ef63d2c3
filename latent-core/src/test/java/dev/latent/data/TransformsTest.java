package dev.latent.data;

import dev.latent.data.Transforms.Split;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class TransformsTest {
    /** n samples of d features where sample i holds i * d + j at feature j, with labels i % classes. */
    private static Dataset indexed(int n, int d, int classes) {
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) v[i] = i;
        int[] labels = new int[classes == 0 ? 0 : n];
        for (int i = 0; i < labels.length; i++) labels[i] = i % classes;
        return Dataset.of("idx", SampleShape.vector(d), new FloatStore(Matrix.wrap(n, d, v)), labels, List.of());
    }

    /** Two 1 x 2 x 2 byte images: 0 10 200 255 and 1 2 3 4, labelled 1 and 0. */
    private static Dataset bytes() {
        byte[] b = {0, 10, (byte) 200, (byte) 255, 1, 2, 3, 4};
        return Dataset.of("b", SampleShape.image(1, 2, 2), ByteStore.of(b, 2, 4), new int[] {1, 0}, List.of("a", "b"));
    }

    /** The original index of each sample of a dataset built by {@link #indexed}. */
    private static int[] origins(Dataset d) {
        int[] out = new int[d.size()];
        for (int i = 0; i < out.length; i++) out[i] = (int) d.sample(i)[0] / d.features();
        return out;
    }

    @Test void scalingBytesChangesOnlyTheScale() {
        Dataset raw = bytes();
        Dataset scaled = Transforms.scaleToUnit(raw);
        ByteStore in = (ByteStore) raw.store();
        ByteStore out = (ByteStore) scaled.store();
        assertSame(in.bytes(), out.bytes(), "no copy of the bytes");
        assertEquals(1f / 255f, out.scale());
        assertEquals(0f, scaled.sample(0)[0]);
        assertEquals(10f / 255f, scaled.sample(0)[1], 1e-7);
        assertEquals(1f, scaled.sample(0)[3], 1e-6, "255 maps to 1");
        assertEquals(1f, in.scale(), "input keeps its scale");
        assertArrayEquals(raw.labels(), scaled.labels());
        assertEquals(raw.classNames(), scaled.classNames());
    }

    @Test void scalingFloatsUsesTheGlobalRange() {
        Dataset d = Dataset.of("f", Matrix.of(2, 2, -2, 0, 6, 2));
        Dataset s = Transforms.scaleToUnit(d);
        // range -2 .. 6: (x + 2) / 8
        assertEquals(Matrix.of(2, 2, 0, 0.25f, 1, 0.5f), s.toMatrix());
        assertEquals(Matrix.of(2, 2, -2, 0, 6, 2), d.toMatrix(), "input unchanged");
    }

    @Test void scalingConstantFloatsGivesZeros() {
        assertEquals(Matrix.of(1, 3, 0, 0, 0), Transforms.scaleToUnit(Dataset.of("c", Matrix.of(1, 3, 5, 5, 5))).toMatrix());
    }

    @Test void standardizeMatchesHandComputedValues() {
        // column 0: 1, 2, 3 -> mean 2, population variance 2/3, so +-1 / sqrt(2/3) = +-1.2247449
        // column 1: constant 7 -> 0
        Dataset d = Dataset.of("s", Matrix.of(3, 2, 1, 7, 2, 7, 3, 7));
        Matrix z = Transforms.standardize(d).toMatrix();
        float a = (float) (1 / Math.sqrt(2.0 / 3.0));
        assertArrayEquals(new float[] {-a, 0, 0, 0, a, 0}, z.values(), 1e-6f);
        assertEquals(Matrix.of(3, 2, 1, 7, 2, 7, 3, 7), d.toMatrix(), "input unchanged");
    }

    @Test void standardizedFeaturesHaveMeanZeroAndVarianceOne() {
        var rng = new SplittableRandom(3);
        float[] v = new float[500 * 4];
        for (int i = 0; i < v.length; i++) v[i] = (float) (100 + (i % 4 + 1) * 10 * rng.nextGaussian());
        Matrix z = Transforms.standardize(Dataset.of("g", Matrix.wrap(500, 4, v))).toMatrix();
        for (int j = 0; j < 4; j++) {
            double s = 0, s2 = 0;
            for (int i = 0; i < 500; i++) {
                s += z.get(i, j);
                s2 += z.get(i, j) * (double) z.get(i, j);
            }
            assertEquals(0, s / 500, 1e-5, "mean of feature " + j);
            assertEquals(1, s2 / 500, 1e-4, "variance of feature " + j);
        }
    }

    @Test void standardizeTurnsBytesIntoFloats() {
        Dataset z = Transforms.standardize(bytes());
        assertEquals(Storage.FLOAT32, z.storage());
        // feature 0: 0 and 1 -> -1 and +1
        assertEquals(-1f, z.sample(0)[0], 1e-6);
        assertEquals(1f, z.sample(1)[0], 1e-6);
        assertEquals(SampleShape.image(1, 2, 2), z.shape(), "shape kept");
    }

    @Test void flattenKeepsTheStoreAndMakesVectors() {
        Dataset img = bytes();
        Dataset flat = Transforms.flatten(img);
        assertEquals(SampleShape.vector(4), flat.shape());
        assertSame(img.store(), flat.store(), "same store, no copy");
        assertTrue(img.shape().isImage(), "input keeps its shape");
    }

    @Test void shuffleIsAPermutationThatKeepsLabelsWithTheirSamples() {
        Dataset d = indexed(50, 3, 4);
        Dataset s = Transforms.shuffle(d, 9);
        int[] from = origins(s);
        int[] sorted = from.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) assertEquals(i, sorted[i], "every sample exactly once");
        assertFalse(Arrays.equals(from, sorted), "the order changed");
        for (int i = 0; i < 50; i++) {
            assertEquals(from[i] % 4, s.labels()[i], "label travels with sample " + from[i]);
            assertArrayEquals(d.sample(from[i]), s.sample(i), "whole rows move");
        }
        assertEquals(0f, d.sample(0)[0], "input unchanged");
    }

    @Test void shuffleWithTheSameSeedGivesTheSameOrder() {
        Dataset d = indexed(50, 2, 0);
        assertArrayEquals(origins(Transforms.shuffle(d, 4)), origins(Transforms.shuffle(d, 4)));
        assertFalse(Arrays.equals(origins(Transforms.shuffle(d, 4)), origins(Transforms.shuffle(d, 5))),
                "another seed, another order");
    }

    @Test void stratifiedSplitKeepsClassProportionsWithinOneSample() {
        // classes of unequal size: labels i % 3 on 0..n-1, plus extra samples of class 0
        int[] labels = new int[203];
        for (int i = 0; i < labels.length; i++) labels[i] = i < 150 ? i % 3 : 0;
        float[] v = new float[labels.length];
        for (int i = 0; i < v.length; i++) v[i] = i;
        Dataset d = Dataset.of("u", SampleShape.vector(1), new FloatStore(Matrix.wrap(v.length, 1, v)), labels, List.of());
        int[] perClass = new int[3];
        for (int l : labels) perClass[l]++;
        for (double fraction : new double[] {0.1, 0.25, 0.5, 0.8}) {
            for (long seed = 0; seed < 5; seed++) {
                Split s = Transforms.split(d, fraction, seed);
                int[] testCount = new int[3];
                for (int l : s.test().labels()) testCount[l]++;
                for (int c = 0; c < 3; c++) {
                    assertEquals(fraction * perClass[c], testCount[c], 1.0,
                            "class " + c + " share at fraction " + fraction + ", seed " + seed);
                }
                assertEquals(labels.length, s.train().size() + s.test().size(), "nothing lost");
            }
        }
    }

    @Test void splitPartsAreDisjointCoverEverythingAndKeepOrder() {
        Dataset d = indexed(40, 2, 0);
        Split s = Transforms.split(d, 0.25, 1);
        assertEquals(10, s.test().size(), "round(40 * 0.25)");
        int[] train = origins(s.train());
        int[] test = origins(s.test());
        boolean[] seen = new boolean[40];
        for (int i : train) seen[i] = true;
        for (int i : test) {
            assertFalse(seen[i], "sample " + i + " in both parts");
            seen[i] = true;
        }
        for (boolean b : seen) assertTrue(b, "every sample in one part");
        for (int k = 1; k < train.length; k++) assertTrue(train[k - 1] < train[k], "training part in original order");
        for (int k = 1; k < test.length; k++) assertTrue(test[k - 1] < test[k], "test part in original order");
    }

    @Test void splitWithTheSameSeedIsTheSame() {
        Dataset d = indexed(60, 1, 3);
        assertArrayEquals(origins(Transforms.split(d, 0.3, 7).test()), origins(Transforms.split(d, 0.3, 7).test()));
        assertFalse(Arrays.equals(origins(Transforms.split(d, 0.3, 7).test()), origins(Transforms.split(d, 0.3, 8).test())));
    }

    @Test void splitRefusesBadFractionsAndEmptyParts() {
        Dataset d = indexed(10, 1, 0);
        assertThrows(IllegalArgumentException.class, () -> Transforms.split(d, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Transforms.split(d, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Transforms.split(d, 0.01, 1));
        assertTrue(e.getMessage().contains("test part of 10 samples empty"), e.getMessage());
    }

    @Test void limitTakesTheFirstSamples() {
        Dataset d = indexed(10, 2, 3);
        Dataset l = Transforms.limit(d, 4);
        assertArrayEquals(new int[] {0, 1, 2, 3}, origins(l));
        assertArrayEquals(new int[] {0, 1, 2, 0}, l.labels());
        assertEquals(10, Transforms.limit(d, 99).size(), "more than there are: all");
        assertThrows(IllegalArgumentException.class, () -> Transforms.limit(d, 0));
    }

    @Test void limitSlicesBytesWithoutCopying() {
        Dataset scaled = Transforms.scaleToUnit(bytes());
        Dataset l = Transforms.limit(scaled, 1);
        assertEquals(1, l.size());
        assertEquals(((ByteStore) scaled.store()).bytes().heapBase().orElseThrow(),
                ((ByteStore) l.store()).bytes().heapBase().orElseThrow(), "the same byte array");
        assertEquals(Storage.UINT8, l.storage());
        assertEquals(200f / 255f, l.sample(0)[2], 1e-7, "scale kept");
        assertArrayEquals(new int[] {1}, l.labels());
        assertEquals(List.of("a", "b"), l.classNames());
    }

    @Test void gaussianNoiseHasTheRequestedSpread() {
        Dataset d = Dataset.of("z", Matrix.zeros(1000, 100));
        Dataset noisy = Transforms.gaussianNoise(d, 0.5, 2);
        float[] v = noisy.toMatrix().values();
        double s = 0, s2 = 0;
        for (float x : v) {
            s += x;
            s2 += x * (double) x;
        }
        double mean = s / v.length;
        assertEquals(0, mean, 0.01, "noise mean");
        assertEquals(0.5, Math.sqrt(s2 / v.length - mean * mean), 0.01, "noise standard deviation");
        assertEquals(Matrix.zeros(1000, 100), d.toMatrix(), "input unchanged");
        assertEquals(noisy.toMatrix(), Transforms.gaussianNoise(d, 0.5, 2).toMatrix(), "same seed, same noise");
        assertEquals(Storage.FLOAT32, Transforms.gaussianNoise(bytes(), 1, 0).storage());
    }

    @Test void gaussianNoiseOfZeroSigmaChangesNothing() {
        Dataset b = bytes();
        assertEquals(b.toMatrix(), Transforms.gaussianNoise(b, 0, 1).toMatrix());
        assertThrows(IllegalArgumentException.class, () -> Transforms.gaussianNoise(b, -1, 1));
    }

    @Test void maskingNoiseZeroesTheRequestedFraction() {
        float[] ones = new float[100_000];
        Arrays.fill(ones, 1f);
        Dataset d = Dataset.of("ones", Matrix.wrap(1000, 100, ones));
        Dataset masked = Transforms.maskingNoise(d, 0.3, 5);
        int zeros = 0;
        for (float x : masked.toMatrix().values()) {
            if (x == 0f) zeros++;
            else assertEquals(1f, x, "unmasked values unchanged");
        }
        assertEquals(0.3, zeros / 100_000.0, 0.01, "masked share");
        assertEquals(masked.toMatrix(), Transforms.maskingNoise(d, 0.3, 5).toMatrix(), "same seed, same mask");
        assertEquals(d.toMatrix(), Transforms.maskingNoise(d, 0, 5).toMatrix(), "fraction 0 masks nothing");
        assertEquals(Matrix.zeros(1000, 100), Transforms.maskingNoise(d, 1, 5).toMatrix(), "fraction 1 masks all");
        assertEquals(1f, ones[0], "input unchanged");
    }

    @Test
    void bytesOfAnotherFullScaleAreDividedByIt() {
        // the bundled digits are 4-bit: raw 0, 8 and 16 mean black, half and full intensity
        Dataset d = Dataset.of("d", SampleShape.vector(3), ByteStore.of(new byte[]{0, 8, 16}, 1, 3).withFullScale(16),
                new int[0], List.of());
        assertArrayEquals(new float[]{0f, 0.5f, 1f}, Transforms.scaleToUnit(d).sample(0), "raw / 16");
        Dataset limited = Transforms.limit(Transforms.scaleToUnit(d), 1);
        assertEquals(16, ((ByteStore) limited.store()).fullScale(), "limit keeps the full scale");
        var e = assertThrows(IllegalArgumentException.class, () -> ByteStore.of(new byte[1], 1, 1).withFullScale(0));
        assertEquals("fullScale must be >= 1, got 0", e.getMessage());
    }
}
