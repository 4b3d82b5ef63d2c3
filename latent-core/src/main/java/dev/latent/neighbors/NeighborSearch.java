package dev.latent.neighbors;

import dev.latent.data.Matrix;

/**
 * A searchable set of rows that answers k-nearest-neighbour queries under the Euclidean distance.
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

    /** An exact, brute-force search over a copy of {@code data}; see {@link ExactKnn}. */
    static NeighborSearch exact(Matrix data) {
        return ExactKnn.of(data);
    }
}
