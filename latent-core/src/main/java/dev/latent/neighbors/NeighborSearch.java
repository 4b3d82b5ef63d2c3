package dev.latent.neighbors;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;

/**
 * A searchable set of rows that answers k-nearest-neighbour queries under a {@link Metric}.
 * <p>Algorithms that need neighbours take a {@code NeighborSearch} instead of naming an index, so the
 * exact search and the approximate indexes can stand in for one another. Results list neighbours nearest
 * first; implementations say whether they are exact and how ties are ordered.
 */
public interface NeighborSearch {
    /**
     * The {@code k} nearest indexed rows of each row of {@code queries}.
     * @throws IllegalArgumentException if {@code k < 1}, {@code k > size()}, or {@code queries} does not
     *                                  have {@link #dimension()} columns
     */
    Neighbors query(Matrix queries, int k);

    /**
     * The {@code k} nearest other indexed rows of each indexed row (a row is never its own neighbour).
     * @throws IllegalArgumentException if {@code k < 1} or {@code k > size() - 1}
     */
    Neighbors querySelf(int k);

    /** The number of indexed rows. */
    int size();

    /** The number of columns of the indexed rows. */
    int dimension();

    /** Row counts up to this get an exact search from {@link #of}, larger ones an approximate one. */
    int EXACT_UP_TO = 4096;

    /** An exact, brute-force Euclidean search over a copy of {@code data}; see {@link ExactKnn}. */
    static NeighborSearch exact(Matrix data) {
        return ExactKnn.of(data);
    }

    /** An exact, brute-force search under {@code metric} over a copy of {@code data}; see {@link ExactKnn}. */
    static NeighborSearch exact(Matrix data, Metric metric) {
        return ExactKnn.of(data, metric);
    }

    /**
     * An approximate search over a copy of {@code data} by nearest-neighbour descent with default settings;
     * see {@link NnDescent} and {@link NnDescentIndex}.
     * @throws IllegalArgumentException if {@code data} has fewer than 2 rows or a non-finite value, or (for
     *                                  cosine) a row of zeros
     */
    static NeighborSearch approximate(Matrix data, Metric metric, long seed) {
        return NnDescent.of(metric).withSeed(seed).fit(data);
    }

    /**
     * The search that suits the size of {@code data}: {@link #exact(Matrix, Metric)} up to
     * {@link #EXACT_UP_TO} rows (where brute force is fast and costs no accuracy), otherwise
     * {@link #approximate}.
     * @throws IllegalArgumentException if {@code data} holds a non-finite value, or (for cosine) a row of
     *                                  zeros
     */
    static NeighborSearch of(Matrix data, Metric metric, long seed) {
        Check.notNull("data", data);
        return data.rows() <= EXACT_UP_TO ? exact(data, metric) : approximate(data, metric, seed);
    }
}
