package dev.latent.neural.models.ae;

import dev.latent.data.Dataset;

/**
 * The smallest and largest value of a dataset, read in blocks of samples.
 * @throws IllegalArgumentException (from {@link #of}) when a value is NaN or infinite, naming its sample and feature
 */
record ValueRange(double min, double max) {
    private static final int BLOCK = 1024;

    static ValueRange of(Dataset data) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        int d = data.features();
        for (int from = 0; from < data.size(); from += BLOCK) {
            int to = Math.min(data.size(), from + BLOCK);
            float[] v = data.batch(from, to).values();
            for (int i = 0; i < v.length; i++) {
                float x = v[i];
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException(data.name() + " has " + x + " at sample " + (from + i / d)
                            + ", feature " + (i % d));
                }
                if (x < min) min = x;
                if (x > max) max = x;
            }
        }
        return new ValueRange(min, max);
    }
}
