package dev.latent.neighbors;

import dev.latent.data.Matrix;

/**
 * The distance under which neighbours are searched.
 * <p>Both metrics are computed internally as squared Euclidean distances: {@link #COSINE} search runs on
 * rows scaled to unit length, where {@code |x - y|^2 / 2 = 1 - cos(x, y)}. A row of zeros has no direction,
 * so cosine search rejects it.
 */
public enum Metric {
    /** The Euclidean distance {@code sqrt(sum_j (x_j - y_j)^2)}. */
    EUCLIDEAN,
    /** The cosine distance {@code 1 - x.y / (|x| |y|)}, in {@code [0, 2]}; rows must not be all zeros. */
    COSINE;

    /**
     * The rows of {@code x} as searched under this metric: a copy, scaled to unit length for {@link #COSINE}.
     * @throws IllegalArgumentException if a row is all zeros under {@link #COSINE}
     */
    float[] prepare(String name, Matrix x) {
        float[] v = x.values().clone();
        if (this == EUCLIDEAN) return v;
        int n = x.rows(), d = x.cols();
        for (int i = 0; i < n; i++) {
            int row = i * d;
            double s = 0;
            for (int j = 0; j < d; j++) s += (double) v[row + j] * v[row + j];
            if (s == 0) {
                throw new IllegalArgumentException(name + " has a row of zeros at row " + i
                        + ", for which the cosine distance is undefined");
            }
            double scale = 1 / Math.sqrt(s);
            for (int j = 0; j < d; j++) v[row + j] = (float) (v[row + j] * scale);
        }
        return v;
    }

    /** This metric's distance between prepared rows whose squared Euclidean distance is {@code squared}. */
    float fromSquared(double squared) {
        return (float) (this == EUCLIDEAN ? Math.sqrt(squared) : 0.5 * squared);
    }

    /** The factor on squared distances of prepared rows that corresponds to {@code 1 + epsilon} on this metric. */
    double squaredScale(double epsilon) {
        return this == EUCLIDEAN ? (1 + epsilon) * (1 + epsilon) : 1 + epsilon;
    }
}
