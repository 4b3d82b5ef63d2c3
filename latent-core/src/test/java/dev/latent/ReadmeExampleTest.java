package dev.latent;

import dev.latent.clustering.kmeans.KMeans;
import dev.latent.clustering.kmeans.KMeansModel;
import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.data.Transforms;
import dev.latent.io.DatasetRegistry;
import dev.latent.metrics.MutualInformation;
import dev.latent.reduction.pca.Pca;
import dev.latent.reduction.pca.PcaModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library example of README.md, line for line. */
class ReadmeExampleTest {
    @Tag("slow")
    @Test
    void readmeLibraryExampleRunsOnTheBundledDigits(@TempDir Path dir) throws Exception {
        Dataset digits = DatasetRegistry.defaults().load("digits");
        Matrix x = Transforms.scaleToUnit(digits).toMatrix();
        KMeansModel model = KMeans.of(10).withSeed(42).fit(x);
        int[] labels = model.predict(x);
        Path file = dir.resolve("kmeans.latent");   // README: Path.of("kmeans.latent")
        model.save(file);                       // one file: hyperparameters, centres, labels, fit report
        KMeansModel same = KMeansModel.load(file);
        double nmi = MutualInformation.normalized(digits.labels(), labels);
        PcaModel pca = Pca.of(2).fit(x);
        Matrix embedding = pca.transform(x);

        // k-means on the digits recovers much of the digit identity (scikit-learn reports NMI near 0.74)
        assertTrue(nmi > 0.6, "NMI of k-means on digits should exceed 0.6, got " + nmi);
        assertEquals(1797, embedding.rows(), "one embedded row per digit");
        assertEquals(2, embedding.cols(), "two PCA components");
        assertArrayEquals(labels, same.predict(x), "the loaded model predicts as the saved one");
    }
}
