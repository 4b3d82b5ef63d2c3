package dev.latent;

import dev.latent.data.Matrix;
import dev.latent.io.SavableModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks every estimator must pass; an estimator's test class implements this interface and supplies
 * the estimator, some data and a model comparison.
 * <p>Checks: fit leaves its input unchanged; equal seeds give equal models; 1 and 4 threads give equal
 * models; fitting the same estimator twice gives the same model; NaN input is rejected with its row and
 * column named; a ModelIO write and read keeps the model, its report and its predictions identical (the model
 * must be a {@link SavableModel} whose class has a {@code public static load(Path)}, or the test class
 * overrides {@link #reload}).
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

    /**
     * Saves {@code model} to {@code file} and loads it back: by default with {@link SavableModel#save} and the
     * model class's {@code public static load(Path)}.
     */
    @SuppressWarnings("unchecked")
    default M reload(M model, Path file) throws IOException {
        if (!(model instanceof SavableModel savable)) {
            return fail(model.getClass().getSimpleName() + " must implement SavableModel, so that ModelIO saves it");
        }
        savable.save(file);
        Method load;
        try {
            load = model.getClass().getMethod("load", Path.class);
        } catch (NoSuchMethodException e) {
            return fail(model.getClass().getSimpleName() + " must have a public static load(Path)");
        }
        assertTrue(Modifier.isStatic(load.getModifiers()) && load.getReturnType() == model.getClass(),
                "load(Path) must be static and return " + model.getClass().getSimpleName());
        try {
            return (M) load.invoke(null, file);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new AssertionError("load threw " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

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

    @Test
    default void modelFileKeepsTheModelAndItsPredictions(@TempDir Path dir) throws IOException {
        Matrix x = data();
        M model = estimator(7).fit(x);
        M loaded = reload(model, dir.resolve("model.latent"));
        assertSameModel(model, loaded);
        assertEquals(model.report(), loaded.report(), "the fit report should travel in the model file");
        if (model instanceof ClusterModel c) {
            assertArrayEquals(c.predict(x), ((ClusterModel) loaded).predict(x), "predictions should be identical");
        }
        if (model instanceof Transformer t) {
            assertEquals(t.transform(x), ((Transformer) loaded).transform(x), "transforms should be identical");
        }
    }
}
