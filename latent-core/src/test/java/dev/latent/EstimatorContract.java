package dev.latent;

import dev.latent.data.Matrix;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks every estimator must pass; an estimator's test class implements this interface and supplies
 * the estimator, some data and a model comparison.
 * <p>Checks: fit leaves its input unchanged; equal seeds give equal models; 1 and 4 threads give equal
 * models; fitting the same estimator twice gives the same model; NaN input is rejected with its row and
 * column named. (The ModelIO write-and-read check joins when model files exist.)
 * @param <M> the fitted model
 */
public interface EstimatorContract<M extends Model> {
    /** The estimator under test, with the given seed. */
    Estimator<M> estimator(long seed);

    /**
     * Fresh data the estimator fits, at least 4 rows by 2 columns; large enough to span several parallel
     * chunks, so that the thread-count check means something.
     */
    Matrix data();

    /** Fails unless {@code actual} learned exactly what {@code expected} did. */
    void assertSameModel(M expected, M actual);

    @Test
    default void fitLeavesItsInputUnchanged() {
        Matrix x = data();
        Matrix before = x.copy();
        estimator(1).fit(x);
        assertEquals(before, x, "fit must not modify its input");
    }

    @Test
    default void equalSeedsGiveEqualModels() {
        Matrix x = data();
        assertSameModel(estimator(17).fit(x), estimator(17).fit(x));
    }

    @Test
    default void fittingTwiceGivesTheSameModel() {
        Matrix x = data();
        Estimator<M> e = estimator(5);
        M first = e.fit(x);
        assertSameModel(first, e.fit(x));
    }

    @Test
    default void oneAndFourThreadsGiveEqualModels() {
        Matrix x = data();
        int threads = Latent.threads();
        try {
            Latent.setThreads(1);
            M one = estimator(3).fit(x);
            Latent.setThreads(4);
            M four = estimator(3).fit(x);
            assertSameModel(one, four);
        } finally {
            Latent.setThreads(threads);
        }
    }

    @Test
    default void rejectsNaNNamingItsRowAndColumn() {
        Matrix x = data();
        int row = x.rows() / 2, col = x.cols() - 1;
        x.set(row, col, Float.NaN);
        var e = assertThrows(IllegalArgumentException.class, () -> estimator(1).fit(x));
        assertTrue(e.getMessage().contains("x has NaN at row " + row + ", column " + col),
                "message should name the row and column of the NaN, got: " + e.getMessage());
    }
}
