package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.data.FloatStore;
import dev.latent.data.Matrix;
import dev.latent.data.SampleShape;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small generated datasets with a known answer, served under fixed names by {@link #DATA}. */
final class Blobs {
    private Blobs() {}

    /**
     * {@code perBlob} points around each centre, each coordinate within 1 of it (seeded jitter), labelled by
     * blob; centres at least 50 apart make the blobs the only sensible clustering.
     */
    static Dataset blobs(String name, int perBlob, float[][] centres) {
        int d = centres[0].length, n = perBlob * centres.length;
        float[] v = new float[n * d];
        int[] labels = new int[n];
        var rng = new SplittableRandom(11);
        for (int b = 0; b < centres.length; b++) {
            for (int i = 0; i < perBlob; i++) {
                int row = b * perBlob + i;
                labels[row] = b;
                for (int j = 0; j < d; j++) v[row * d + j] = centres[b][j] + (float) rng.nextDouble(-1, 1);
            }
        }
        return Dataset.of(name, SampleShape.vector(d), new FloatStore(Matrix.wrap(n, d, v)), labels, List.of());
    }

    /** Two blobs of 20 points in the plane, around (0, 0) and (100, 100). */
    static Dataset two() {
        return blobs("two", 20, new float[][] {{0, 0}, {100, 100}});
    }

    /** Three blobs of 15 points in the plane, around (0, 0), (50, 0) and (0, 50). */
    static Dataset three() {
        return blobs("three", 15, new float[][] {{0, 0}, {50, 0}, {0, 50}});
    }

    /** 30 points exactly on the line through the origin along (1, 2, 3), unlabelled. */
    static Dataset line() {
        int n = 30;
        float[] v = new float[n * 3];
        for (int i = 0; i < n; i++) {
            v[3 * i] = i;
            v[3 * i + 1] = 2 * i;
            v[3 * i + 2] = 3 * i;
        }
        return Dataset.of("line", Matrix.wrap(n, 3, v));
    }

    /** Two blobs of 20 points in three dimensions, around (0, 0, 0) and (60, -60, 30), labelled. */
    static Dataset twoIn3d() {
        return blobs("two3d", 20, new float[][] {{0, 0, 0}, {60, -60, 30}});
    }

    /** 100,000 points on a line, too many for a condensed distance matrix in the tests' heap. */
    static Dataset huge() {
        int n = 100_000;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i;
        return Dataset.of("huge", Matrix.wrap(n, 1, v));
    }

    /** Two blobs of 5,001 points in three dimensions (10,002 in all, just above the sampling threshold), labelled. */
    static Dataset large() {
        return blobs("large", 5_001, new float[][] {{0, 0, 0}, {60, -60, 30}});
    }

    static final FakeData DATA = new FakeData(Map.of("two", two(), "three", three(), "line", line(),
            "two3d", twoIn3d(), "tiny", MainTest.tinyImages(), "huge", huge(), "large", large()), List.of());

    static Cli run(String... args) {
        return Cli.run(DATA, args);
    }
}
