package dev.latent.clustering.hierarchical;

import dev.latent.FitReport;
import dev.latent.data.Matrix;
import dev.latent.io.BadFileException;
import dev.latent.io.ModelIO;
import dev.latent.io.ModelWriter;
import dev.latent.io.SavableModel;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class DendrogramFileTest {
    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(Linkage.class)
    void modelFileKeepsTheMergesAndTheCuts(Linkage linkage) throws IOException {
        var rng = new SplittableRandom(8);
        float[] v = new float[30 * 3];
        for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextGaussian();
        Dendrogram tree = Agglomerative.of(linkage).fit(Matrix.wrap(30, 3, v));
        Path file = dir.resolve("tree.latent");
        tree.save(file);
        Dendrogram back = Dendrogram.load(file);
        assertEquals(linkage, back.params().linkage());
        assertArrayEquals(tree.linkageMatrix(), back.linkageMatrix(), "merges");
        assertEquals(tree.report(), back.report(), "report");
        for (int k = 1; k <= 30; k += 4) assertArrayEquals(tree.cut(k), back.cut(k), "cut into " + k);
        assertArrayEquals(tree.leafOrder(), back.leafOrder(), "leaf order");
        assertEquals(Dendrogram.KIND, ModelIO.kind(file));
    }

    @Test void twoPointTreeRoundTrips() throws IOException {
        // one merge at the distance between (0, 0) and (3, 4), which is 5
        Dendrogram tree = Agglomerative.of(Linkage.SINGLE).fit(Matrix.of(2, 2, 0, 0, 3, 4));
        Path file = dir.resolve("two.latent");
        tree.save(file);
        Dendrogram back = Dendrogram.load(file);
        assertArrayEquals(new double[] {5}, back.heights(), 1e-6);
        assertArrayEquals(new int[] {0, 1}, back.cut(2));
    }

    @Test void mergesThatAreNotATreeAreRefused() throws IOException {
        // checksums right, content impossible: merge 1 joins point 0 again
        Path file = dir.resolve("forged.latent");
        FitReport report = FitReport.of(2, true, 1, new double[0], Duration.ZERO);
        ModelIO.save(new SavableModel() {
            @Override public String kind() {
                return Dendrogram.KIND;
            }

            @Override public void writeTo(ModelWriter out) {
                out.put("linkage", "SINGLE").put("points", 3).ints("left", new int[] {0, 0}).ints("right", new int[] {1, 2})
                        .doubles("height", new double[] {1, 2}).ints("size", new int[] {2, 3});
            }

            @Override public FitReport report() {
                return report;
            }
        }, file);
        var e = assertThrows(BadFileException.class, () -> Dendrogram.load(file));
        assertEquals(file + ": invalid agglomerative model: merge 1 joins clusters 0 and 2, which is not a step of a "
                + "dendrogram", e.getMessage());
    }
}
