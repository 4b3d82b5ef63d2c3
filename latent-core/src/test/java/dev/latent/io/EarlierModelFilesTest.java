package dev.latent.io;

import dev.latent.clustering.hierarchical.Dendrogram;
import dev.latent.clustering.hierarchical.Linkage;
import dev.latent.clustering.kmeans.KMeansModel;
import dev.latent.data.Matrix;
import dev.latent.reduction.pca.PcaModel;
import dev.latent.reduction.tsne.TsneModel;
import dev.latent.reduction.umap.UmapInit;
import dev.latent.reduction.umap.UmapModel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Model files written by earlier releases keep loading. Each file in {@code src/test/resources/models/vN} was
 * written once by the release of format version N from a hand-computable fit; it is never rewritten.
 */
class EarlierModelFilesTest {
    private static Path v1(String name) {
        try {
            return Path.of(EarlierModelFilesTest.class.getResource("/models/v1/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test void kmeansFileOfVersion1KeepsLoading() throws IOException {
        // KMeans.of(2).withSeed(3) on (0,0),(0,2),(10,0),(10,2): centres (0,1) and (10,1), each point at
        // distance 1 from its centre, so inertia 4
        Path file = v1("kmeans.latent");
        KMeansModel m = KMeansModel.load(file);
        assertEquals(2, m.k());
        assertEquals(3L, m.params().seed(), "seed kept");
        assertEquals(4.0, m.inertia(), 1e-6, "inertia");
        Matrix c = m.centroids();
        int left = c.get(0, 0) < 5 ? 0 : 1;
        assertArrayEquals(new float[] {0, 1, 10, 1}, new float[] {c.get(left, 0), c.get(left, 1),
                c.get(1 - left, 0), c.get(1 - left, 1)}, 1e-6f, "centres");
        int[] labels = m.labels();
        assertTrue(labels[0] == labels[1] && labels[2] == labels[3] && labels[0] != labels[2], "pairs together");
        assertArrayEquals(new int[] {left, 1 - left}, m.predict(Matrix.of(2, 2, 1, 1, 9, 2)), "predicts new points");
        ModelHeader h = ModelIO.header(file);
        assertEquals(1, h.formatVersion());
        assertEquals("four points", h.provenance().get("dataset").asString());
    }

    @Test void agglomerativeFileOfVersion1KeepsLoading() throws IOException {
        // Ward on 0, 2, 6, 12 (AgglomerativeTest works it out): heights 2, sqrt(100 / 3), sqrt(1.5) * 28 / 3
        Dendrogram tree = Dendrogram.load(v1("agglomerative.latent"));
        assertEquals(Linkage.WARD, tree.params().linkage());
        assertEquals(4, tree.points());
        assertArrayEquals(new double[] {2, Math.sqrt(100.0 / 3), Math.sqrt(1.5) * 28 / 3}, tree.heights(), 1e-5);
        assertArrayEquals(new int[] {0, 0, 0, 1}, tree.cut(2), "12 alone at two clusters");
        assertEquals(3, tree.report().iterations(), "one iteration per merge");
    }

    @Test void pcaFileOfVersion1KeepsLoading() throws IOException {
        // ten points (5, -1, 0.5) + t (1, 2, 2) / 3, t = 0..9: one component (1, 2, 2) / 3 with variance
        // sum (t - 4.5)^2 / 9 = 82.5 / 9, mean (5, -1, 0.5) + 4.5 (1, 2, 2) / 3 = (6.5, 2, 3.5)
        PcaModel m = PcaModel.load(v1("pca.latent"));
        assertEquals(1, m.k());
        assertArrayEquals(new float[] {1 / 3f, 2 / 3f, 2 / 3f}, m.component(0), 1e-5f, "component");
        assertArrayEquals(new float[] {6.5f, 2f, 3.5f}, m.mean(), 1e-5f, "mean");
        assertEquals(82.5 / 9, m.explainedVariance()[0], 1e-4, "variance");
        assertEquals(10, m.samples());
        // t = 9 lies 4.5 from the mean along the component
        assertEquals(4.5f, m.transform(Matrix.of(1, 3, 8, 5, 6.5f)).get(0, 0), 1e-5f, "projection");
    }

    @Test void tsneFileOfVersion1KeepsLoading() throws IOException {
        // two triangles of side ~1 far apart, perplexity 2: each triangle stays together in the embedding
        TsneModel m = TsneModel.load(v1("tsne.latent"));
        assertEquals(2.0, m.params().perplexity());
        Matrix y = m.embedding();
        assertEquals(6, y.rows());
        assertEquals(2, y.cols());
        assertEquals(m.klDivergence(), m.report().objective(), 0.0, "the objective is the KL divergence");
        double within = 0, between = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 6; i++) {
            for (int j = i + 1; j < 6; j++) {
                double dx = y.get(i, 0) - y.get(j, 0), dy = y.get(i, 1) - y.get(j, 1), dist = Math.hypot(dx, dy);
                if (i / 3 == j / 3) within = Math.max(within, dist);
                else between = Math.min(between, dist);
            }
        }
        assertTrue(between > within, "triangles apart: closest pair across " + between + ", farthest within " + within);
        assertEquals(1.0, m.params().degreesOfFreedom(), 0.0, "version 1 files mean the Cauchy kernel");
        var e = assertThrows(IllegalStateException.class, () -> m.transform(Matrix.of(1, 2, 0, 0)));
        assertTrue(e.getMessage().contains("format version 1"), e.getMessage());
    }

    @Test void umapFileOfVersion1KeepsLoading() throws IOException {
        // Umap.of(2).withNeighbors(5).withEpochs(100).withSeed(2) on two lines of ten points, (0.1 i, 0) and
        // (100 + 0.1 i, 100): the graph has two components, so the start fell back to random, and each line
        // stays together in the embedding, apart from the other
        UmapModel m = UmapModel.load(v1("umap.latent"));
        assertEquals(5, m.params().neighbors());
        assertEquals(UmapInit.RANDOM, m.initialization(), m.initializationNote());
        Matrix y = m.embedding();
        assertEquals(20, y.rows());
        double within = 0, between = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 20; i++) {
            for (int j = i + 1; j < 20; j++) {
                double dist = Math.hypot(y.get(i, 0) - y.get(j, 0), y.get(i, 1) - y.get(j, 1));
                if (i / 10 == j / 10) within = Math.max(within, dist);
                else between = Math.min(between, dist);
            }
        }
        assertTrue(between > within, "lines apart: closest pair across " + between + ", farthest within " + within);
        // a new point on the first line lands with the first line's points (the index was rebuilt on load)
        Matrix p = m.transform(Matrix.of(1, 2, 0.45f, 0));
        double toFirst = Double.POSITIVE_INFINITY, toSecond = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 20; i++) {
            double dist = Math.hypot(p.get(0, 0) - y.get(i, 0), p.get(0, 1) - y.get(i, 1));
            if (i < 10) toFirst = Math.min(toFirst, dist);
            else toSecond = Math.min(toSecond, dist);
        }
        assertTrue(toFirst < toSecond, "nearer the first line: " + toFirst + " vs " + toSecond);
    }
}
