package dev.latent.reduction.tsne;

import dev.latent.data.Matrix;
import dev.latent.neighbors.ExactKnn;
import dev.latent.neighbors.Neighbors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TsneTransformTest {
    private static final Tsne PARAMS = Tsne.of(2).withPerplexity(15).withEarlyExaggeration(12, 100).withMaxIter(300);

    @Test
    void transformedTrainingRowsLandNearTheirOwnEmbedding() {
        // The nearest embedded training point of a transformed training row should be one of the row's own
        // 15 nearest input neighbours (itself included) for most rows: the map keeps local neighbourhoods
        int[] labels = new int[300];
        Matrix x = TsneTest.blobs(21, 100, 10, 0, labels);
        TsneModel model = PARAMS.fit(x);
        Matrix placed = model.transform(x);
        Matrix map = model.embedding();
        Neighbors input = ExactKnn.searchSelf(x, 14);
        Neighbors landed = ExactKnn.search(map, placed, 1);
        int hits = 0;
        for (int i = 0; i < 300; i++) {
            int j = landed.index(i, 0);
            boolean near = j == i;
            for (int r = 0; r < 14 && !near; r++) near = input.index(i, r) == j;
            if (near) hits++;
        }
        assertTrue(hits >= 0.9 * 300, "at least 90% of rows should land next to an input neighbour, got " + hits);
    }

    @Test
    void newRowsFromABlobLandInThatBlobsRegion() {
        int[] labels = new int[300];
        Matrix x = TsneTest.blobs(22, 100, 10, 0, labels);
        TsneModel model = PARAMS.withMethod(TsneMethod.BARNES_HUT).fit(x);
        int[] newLabels = new int[60];
        Matrix fresh = TsneTest.blobs(23, 20, 10, 0, newLabels);
        Matrix placed = model.transform(fresh);
        Neighbors landed = ExactKnn.search(model.embedding(), placed, 10);
        for (int i = 0; i < 60; i++) {
            for (int r = 0; r < 10; r++) {
                assertEquals(newLabels[i], labels[landed.index(i, r)],
                        "new row " + i + " should land among training rows of its blob");
            }
        }
    }

    @Test
    void aRowLandsInTheSamePlaceWhicheverRowsComeWithItAndForAnyThreadCount() {
        int[] labels = new int[150];
        Matrix x = TsneTest.blobs(24, 50, 10, 0, labels);
        TsneModel model = PARAMS.fit(x);
        Matrix fresh = TsneTest.blobs(25, 30, 10, 0, new int[90]);
        Matrix all = model.transform(fresh);
        Matrix some = model.transform(fresh.rows(80, 90));
        assertEquals(all.rows(80, 90), some, "rows 80-89 should land in the same place alone");
        int threads = dev.latent.Latent.threads();
        try {
            dev.latent.Latent.setThreads(1);
            Matrix one = model.transform(fresh);
            assertEquals(all, one, "1 thread should give the same placement");
        } finally {
            dev.latent.Latent.setThreads(threads);
        }
    }

    @Test
    void transformWorksInThreeDimensionsWithTheExactSum() {
        int[] labels = new int[150];
        Matrix x = TsneTest.blobs(26, 50, 10, 0, labels);
        TsneModel model = Tsne.of(3).withPerplexity(15).withEarlyExaggeration(12, 100).withMaxIter(200).fit(x);
        int[] newLabels = new int[30];
        Matrix placed = model.transform(TsneTest.blobs(27, 10, 10, 0, newLabels));
        assertEquals(3, placed.cols());
        Neighbors landed = ExactKnn.search(model.embedding(), placed, 5);
        for (int i = 0; i < 30; i++) {
            assertEquals(newLabels[i], labels[landed.index(i, 0)], "new row " + i + " should land in its blob");
        }
    }

    @Test
    void aSavedAndLoadedModelPlacesNewRowsIdentically(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        int[] labels = new int[150];
        TsneModel model = PARAMS.withDegreesOfFreedom(0.8).fit(TsneTest.blobs(29, 50, 10, 0, labels));
        java.nio.file.Path file = dir.resolve("tsne.latent");
        model.save(file);
        TsneModel loaded = TsneModel.load(file);
        assertEquals(0.8, loaded.params().degreesOfFreedom(), 0.0, "degrees of freedom kept");
        Matrix fresh = TsneTest.blobs(30, 5, 10, 0, new int[15]);
        assertEquals(model.transform(fresh), loaded.transform(fresh), "same placement after a round trip");
    }

    @Test
    void rejectsRowsWithAnotherColumnCount() {
        TsneModel model = Tsne.of(2).withPerplexity(5).withMaxIter(10).fit(TsneTest.blobs(28, 10, 4, 0, new int[30]));
        var e = assertThrows(IllegalArgumentException.class, () -> model.transform(Matrix.zeros(2, 3)));
        assertTrue(e.getMessage().startsWith("x must have 4 columns"), e.getMessage());
    }
}
