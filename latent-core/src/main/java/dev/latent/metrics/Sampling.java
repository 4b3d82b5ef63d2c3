package dev.latent.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded choice of distinct row indices for the sampled metrics. */
final class Sampling {
    private Sampling() {}

    /** {@code min(m, n)} distinct indices from {@code [0, n)}, chosen uniformly with {@code seed}, ascending. */
    static int[] distinct(int n, int m, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        if (m >= n) return all;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < m; i++) { // partial Fisher-Yates shuffle: the first m slots are a uniform sample
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = Arrays.copyOf(all, m);
        Arrays.sort(chosen);
        return chosen;
    }
}
