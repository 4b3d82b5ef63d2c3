package dev.latent.clustering.kmeans;

import dev.latent.FitReport;
import dev.latent.data.Matrix;
import dev.latent.io.BadFileException;
import dev.latent.io.ModelIO;
import dev.latent.io.ModelWriter;
import dev.latent.io.SavableModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class KMeansModelFileTest {
    @TempDir Path dir;

    @Test void everyInitAndAlgorithmSurvivesTheModelFile() throws IOException {
        Matrix x = KMeansTest.blobs(new SplittableRandom(4), 200, 3, 3, 5.0);
        Matrix given = Matrix.of(3, 3, 0, 0, 0, 1, 1, 1, -1, 2, 0);
        List<KMeans> fits = List.of(
                KMeans.of(3).withInit(KMeansInit.plusPlus(4)).withAlgorithm(KMeansAlgorithm.ELKAN),
                KMeans.of(3).withInit(KMeansInit.parallel(2, 1.5)).withAlgorithm(KMeansAlgorithm.HAMERLY),
                KMeans.of(3).withInit(KMeansInit.RANDOM).withAlgorithm(KMeansAlgorithm.MINIBATCH).withBatchSize(50),
                KMeans.of(3).withInit(KMeansInit.given(given)).withTolerance(0).withMaxIter(7).withSeed(-5));
        Path file = dir.resolve("k.latent");
        for (KMeans params : fits) {
            KMeansModel m = params.fit(x);
            m.save(file);
            KMeansModel back = KMeansModel.load(file);
            assertEquals(params.withInit(KMeansInit.RANDOM), back.params().withInit(KMeansInit.RANDOM),
                    "hyperparameters of " + params);
            assertEquals(params.init().getClass(), back.params().init().getClass(), "init kind");
            assertEquals(m.centroids(), back.centroids(), "centres");
            assertArrayEquals(m.labels(), back.labels(), "labels");
            assertEquals(m.report(), back.report(), "report");
        }
        KMeansInit.Given back = (KMeansInit.Given) KMeansModel.load(file).params().init();
        assertEquals(given, back.centroids(), "given centres kept");
        assertEquals(new KMeansInit.PlusPlusParallel(2, 1.5), fits.get(1).init());
    }

    @Test void labelOutsideTheClustersIsRefused() throws IOException {
        // a file whose checksums are right but whose content no fit could give
        Path file = dir.resolve("forged.latent");
        FitReport report = FitReport.of(1, true, 0, new double[0], Duration.ZERO);
        ModelIO.save(new SavableModel() {
            @Override public String kind() {
                return KMeansModel.KIND;
            }

            @Override public void writeTo(ModelWriter out) {
                out.put("k", 2).put("maxIter", 10).put("tolerance", 0.0).put("algorithm", "LLOYD").put("nInit", 1)
                        .put("batchSize", 10).put("seed", 0).put("init", "random")
                        .floats("centroids", new float[] {0, 1}, 2, 1).ints("labels", new int[] {0, 1, 7});
            }

            @Override public FitReport report() {
                return report;
            }
        }, file);
        var e = assertThrows(BadFileException.class, () -> KMeansModel.load(file));
        assertEquals(file + ": invalid kmeans model: labels must be in [0, 2), got 7", e.getMessage());
    }
}
