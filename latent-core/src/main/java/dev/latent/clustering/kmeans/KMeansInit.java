package dev.latent.clustering.kmeans;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;

/**
 * How k-means chooses its starting centres.
 * <ul>
 * <li>{@link #PLUS_PLUS}: greedy k-means++ (Arthur and Vassilvitskii 2007). Each new centre is the best,
 *     by the resulting objective, of {@code 2 + floor(ln k)} candidates drawn with probability
 *     proportional to weight times squared distance to the nearest centre so far, as scikit-learn does.
 *     Costs O(n k d log k).</li>
 * <li>{@link #PARALLEL}: k-means|| (Bahmani et al. 2012), for large n: a few rounds each draw about
 *     {@code oversampling * k} points independently, then the weighted candidates are reclustered to k
 *     centres with k-means++ and Lloyd. Costs O(n d k * rounds * oversampling).</li>
 * <li>{@link #RANDOM}: k distinct rows with positive weight, uniformly at random.</li>
 * <li>{@link #given(Matrix)}: the centres the user gives ({@code k x d}); restarts are not repeated, since
 *     they would all be the same.</li>
 * </ul>
 * <p>Reference: D. Arthur and S. Vassilvitskii, "k-means++: The Advantages of Careful Seeding", SODA 2007;
 * B. Bahmani, B. Moseley, A. Vattani, R. Kumar and S. Vassilvitskii, "Scalable K-Means++", PVLDB 5(7), 2012.
 */
public sealed interface KMeansInit {
    /** Greedy k-means++ with {@code 2 + floor(ln k)} local trials per centre; the default. */
    KMeansInit PLUS_PLUS = new PlusPlus(0);
    /** k-means|| with 5 rounds and an oversampling factor of 2 (about {@code 2k} points a round). */
    KMeansInit PARALLEL = new PlusPlusParallel(5, 2.0);
    /** k distinct rows chosen uniformly at random. */
    KMeansInit RANDOM = new Random();

    /** Greedy k-means++ with the given number of local trials per centre (0: {@code 2 + floor(ln k)}). */
    static KMeansInit plusPlus(int localTrials) {
        return new PlusPlus(localTrials);
    }

    /** k-means|| with the given number of rounds and oversampling factor. */
    static KMeansInit parallel(int rounds, double oversampling) {
        return new PlusPlusParallel(rounds, oversampling);
    }

    /** Starts from the given centres, one per row (a copy is kept). */
    static KMeansInit given(Matrix centroids) {
        return new Given(centroids);
    }

    /**
     * Greedy k-means++.
     * @param localTrials candidates tried per centre, {@code >= 0}; 0 (the default) means {@code 2 + floor(ln k)},
     *                    and 1 gives the plain, non-greedy k-means++
     */
    record PlusPlus(int localTrials) implements KMeansInit {
        public PlusPlus {
            Check.atLeast("localTrials", localTrials, 0);
        }

        int trials(int k) {
            return localTrials > 0 ? localTrials : 2 + (int) Math.floor(Math.log(k));
        }
    }

    /**
     * k-means|| (scalable k-means++).
     * @param rounds       sampling rounds, {@code >= 1}; 5 is usually enough (the paper's experiments)
     * @param oversampling points drawn per round, as a multiple of k, {@code > 0}; default 2
     */
    record PlusPlusParallel(int rounds, double oversampling) implements KMeansInit {
        public PlusPlusParallel {
            Check.atLeast("rounds", rounds, 1);
            Check.positive("oversampling", oversampling);
            Check.argument(Double.isFinite(oversampling), "oversampling must be finite, got " + oversampling);
        }
    }

    /** k distinct rows with positive weight, uniformly at random. */
    record Random() implements KMeansInit {}

    /**
     * Centres given by the user.
     * @param centroids the starting centres, one per row: {@code k x d}, finite
     */
    record Given(Matrix centroids) implements KMeansInit {
        public Given {
            Check.notNull("centroids", centroids);
            Check.argument(centroids.rows() > 0, "centroids must have at least 1 row, got 0");
            Check.finite("centroids", centroids);
            centroids = centroids.copy();
        }

        /** The starting centres; a copy. */
        @Override
        public Matrix centroids() {
            return centroids.copy();
        }

        float[] values() {
            return centroids.values();
        }

        int centroidRows() {
            return centroids.rows();
        }

        int centroidCols() {
            return centroids.cols();
        }
    }
}
