package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.data.Transforms;
import dev.latent.io.DatasetRegistry;
import dev.latent.io.Json;
import dev.latent.io.Npy;
import dev.latent.io.NpyArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** latent train vae, generate, interpolate, evaluate, and encode/reconstruct/export of a VAE, end to end. */
@Tag("slow")
class VaeCommandsTest {
    @TempDir Path dir;

    static Cli digits(String... args) {
        return Cli.run(new RegistryDataAccess(), args);
    }

    @Test
    void trainsAVaeOnTheDigitsAndGeneratesInterpolatesAndEvaluatesWithIt() throws IOException {
        Path model = dir.resolve("vae");
        Cli train = digits("train", "vae", "digits", "--latent", "2", "--hidden", "64", "--epochs", "4", "--batch",
                "64", "--lr", "3e-3", "--out", model.toString(), "--json");
        assertEquals(0, train.code(), train.err());
        Json.JsonObject t = Json.parse(train.out()).asObject();
        Json.JsonArray loss = t.get("trainLoss").asArray(), rec = t.get("reconstruction").asArray(),
                kl = t.get("kl").asArray();
        assertEquals(4, loss.size(), "a loss per epoch");
        assertTrue(loss.get(3).asDouble() < loss.get(0).asDouble(), "the loss falls: " + loss);
        for (int e = 0; e < 4; e++) {
            // beta 1 and no warm-up: the loss of an epoch is its two terms added
            assertEquals(rec.get(e).asDouble() + kl.get(e).asDouble(), loss.get(e).asDouble(),
                    1e-3 * loss.get(e).asDouble(), "loss = reconstruction + KL in epoch " + (e + 1));
        }
        Json.JsonObject elbo = t.get("elbo").asObject();
        assertEquals(1797, elbo.get("sample").asInt(), "all digits evaluated");
        assertEquals(-(elbo.get("reconstruction").asDouble() + elbo.get("kl").asDouble()), elbo.get("elbo").asDouble(),
                1e-9, "ELBO = -(reconstruction + KL)");
        // a binary cross-entropy and a KL divergence are never negative
        assertTrue(elbo.get("reconstruction").asDouble() > 0 && elbo.get("kl").asDouble() >= 0, elbo.toString());
        for (String f : new String[]{"model.latent", "checkpoint.latent", "history.csv", "samples.png"}) {
            assertTrue(Files.exists(model.resolve(f)), f + " written");
        }
        List<String> history = Files.readAllLines(model.resolve("history.csv"));
        assertEquals("epoch,loss,reconstruction,kl", history.get(0), "the header");
        assertEquals(5, history.size(), "a line per epoch");

        Path samples = dir.resolve("gen/samples.png");
        Cli gen = digits("generate", model.toString(), "--n", "16", "--seed", "5", "--out", samples.toString());
        assertEquals(0, gen.code(), gen.err());
        NpyArray s = Npy.read(dir.resolve("gen/samples.npy"));
        assertArrayEquals(new int[]{16, 64}, s.shape(), "16 samples of 8x8 digits");
        for (float v : s.toFloats()) assertTrue(v >= 0 && v <= 1, "Bernoulli probabilities: " + v);
        assertTrue(Files.exists(samples), "the samples drawn");
        Cli again = digits("generate", model.toString(), "--n", "16", "--seed", "5", "--out", dir.resolve("b.png").toString());
        assertEquals(0, again.code(), again.err());
        assertArrayEquals(s.toFloats(), Npy.read(dir.resolve("b.npy")).toFloats(), "the same seed draws the same samples");
        digits("generate", model.toString(), "--n", "16", "--seed", "6", "--out", dir.resolve("c.png").toString());
        assertNotEquals(s.toFloats()[0], Npy.read(dir.resolve("c.npy")).toFloats()[0], "another seed, other samples");

        Path grid = dir.resolve("grid.png");
        Cli manifold = digits("generate", model.toString(), "--grid", "5", "--out", grid.toString());
        assertEquals(0, manifold.code(), manifold.err());
        assertArrayEquals(new int[]{25, 64}, Npy.read(dir.resolve("grid.npy")).shape(), "a 5 x 5 grid of decodings");
        BufferedImage g = ImageIO.read(grid.toFile());
        assertEquals(g.getWidth(), g.getHeight(), "5 images to a row and 5 rows make a square");

        Path recon = dir.resolve("recon");
        Cli r = digits("reconstruct", model.toString(), "digits", "--limit", "20", "--out", recon.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        float[] back = Npy.read(recon.resolve("reconstructions.npy")).toFloats();
        Cli strip = digits("interpolate", model.toString(), "digits", "--from", "3", "--to", "7", "--steps", "6",
                "--out", dir.resolve("strip.png").toString());
        assertEquals(0, strip.code(), strip.err());
        NpyArray path = Npy.read(dir.resolve("strip.npy"));
        assertArrayEquals(new int[]{6, 64}, path.shape(), "six decodings");
        float[] p = path.toFloats();
        for (int j = 0; j < 64; j++) {
            assertEquals(back[3 * 64 + j], p[j], 1e-5, "the path starts at the reconstruction of sample 3, value " + j);
            assertEquals(back[7 * 64 + j], p[5 * 64 + j], 1e-5, "the path ends at the reconstruction of sample 7, value " + j);
        }
        Cli slerp = digits("interpolate", model.toString(), "digits", "--from", "3", "--to", "7", "--steps", "6",
                "--spherical", "--out", dir.resolve("arc.png").toString());
        assertEquals(0, slerp.code(), slerp.err());
        float[] arc = Npy.read(dir.resolve("arc.npy")).toFloats();
        for (int j = 0; j < 64; j++) assertEquals(p[j], arc[j], 1e-6, "both paths share their ends");

        Cli eval = digits("evaluate", model.toString(), "digits", "--limit", "200", "--iw", "20", "--json");
        assertEquals(0, eval.code(), eval.err());
        Json.JsonObject ev = Json.parse(eval.out()).asObject();
        double e = ev.get("elbo").asObject().get("elbo").asDouble(), iw = ev.get("iw").asObject().get("bound").asDouble();
        assertTrue(iw > e, "the IW-20 bound is above the ELBO: " + iw + " vs " + e);
        assertTrue(iw < 0, "log p(x) of Bernoulli data is below 0: " + iw);

        Path codes = dir.resolve("codes.npy");
        Cli enc = digits("encode", model.toString(), "digits", "--limit", "30", "--out", codes.toString());
        assertEquals(0, enc.code(), enc.err());
        assertArrayEquals(new int[]{30, 2}, Npy.read(codes).shape(), "code means");
        assertArrayEquals(new int[]{30, 2}, Npy.read(dir.resolve("codes.logvar.npy")).shape(), "code log-variances");

        Path onnx = dir.resolve("onnx");
        Cli export = digits("export", model.toString(), "--onnx", onnx.toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(Files.size(onnx.resolve("encoder.onnx")) > 1000 && Files.size(onnx.resolve("decoder.onnx")) > 1000,
                "both networks exported");
    }

    @Test
    void aConditionalVaeGeneratesTheChosenClass() throws IOException {
        Path model = dir.resolve("cvae");
        Cli train = digits("train", "vae", "digits", "--conditional", "--latent", "4", "--hidden", "128", "--epochs",
                "15", "--batch", "32", "--lr", "3e-3", "--out", model.toString());
        assertEquals(0, train.code(), train.err());
        // the class means of the digits, scaled as for training
        Dataset data = Transforms.scaleToUnit(DatasetRegistry.defaults().load("digits"));
        float[] x = data.toMatrix().values();
        int[] labels = data.labels();
        double[][] centroids = new double[10][64];
        int[] count = new int[10];
        for (int i = 0; i < labels.length; i++) {
            count[labels[i]]++;
            for (int j = 0; j < 64; j++) centroids[labels[i]][j] += x[i * 64 + j];
        }
        for (int c = 0; c < 10; c++) for (int j = 0; j < 64; j++) centroids[c][j] /= count[c];
        for (int label : new int[]{0, 3, 7}) {
            Path png = dir.resolve("class" + label + ".png");
            Cli gen = digits("generate", model.toString(), "--n", "50", "--label", Integer.toString(label), "--out", png.toString());
            assertEquals(0, gen.code(), gen.err());
            float[] s = Npy.read(dir.resolve("class" + label + ".npy")).toFloats();
            double[] mean = new double[64];
            for (int i = 0; i < 50; i++) for (int j = 0; j < 64; j++) mean[j] += s[i * 64 + j] / 50;
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < 10; c++) {
                double dist = 0;
                for (int j = 0; j < 64; j++) dist += (mean[j] - centroids[c][j]) * (mean[j] - centroids[c][j]);
                if (dist < best) { best = dist; nearest = c; }
            }
            assertEquals(label, nearest, "the mean of 50 samples of class " + label + " is nearest that class's mean");
        }
        Cli none = digits("generate", model.toString(), "--out", dir.resolve("x.png").toString());
        assertEquals(2, none.code(), none.err());
        assertTrue(none.errLines()[0].contains("this VAE is conditional: --label must name a class, one of 0 to 9"), none.err());
        Cli bad = digits("generate", model.toString(), "--label", "12", "--out", dir.resolve("x.png").toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("--label must be one of 0 to 9"), bad.err());
        assertFalse(Files.exists(dir.resolve("x.npy")), "nothing written");
    }

    @Test
    void aGaussianVaeLearnsGeneratedVectors() throws IOException {
        Path model = dir.resolve("g");
        Cli train = Blobs.run("train", "vae", "two", "--likelihood", "gaussian_learned", "--latent", "1", "--hidden",
                "16", "--epochs", "30", "--batch", "8", "--lr", "1e-2", "--scale", "standardize", "--out",
                model.toString(), "--json");
        assertEquals(0, train.code(), train.err());
        assertFalse(Files.exists(model.resolve("samples.png")), "points in the plane are not drawn");
        Cli gen = Blobs.run("generate", model.toString(), "--n", "200", "--out", dir.resolve("s.png").toString());
        assertEquals(0, gen.code(), gen.err());
        float[] s = Npy.read(dir.resolve("s.npy")).toFloats();
        // standardized, the blobs sit near (-1, -1) and (1, 1): generated means follow the diagonal x = y
        double diagonal = 0, spread = 0;
        for (int i = 0; i < 200; i++) {
            diagonal += Math.abs(s[2 * i] - s[2 * i + 1]) / 200;
            spread += Math.abs(s[2 * i]) / 200;
        }
        assertTrue(diagonal < 0.3 * spread, "samples lie along the diagonal: |x - y| " + diagonal + ", |x| " + spread);
        Cli eval = Blobs.run("evaluate", model.toString(), "two", "--iw", "50", "--json");
        assertEquals(0, eval.code(), eval.err());
        Json.JsonObject ev = Json.parse(eval.out()).asObject();
        // the IW bound is at least the ELBO in expectation; one draw per point on 40 points gives an ELBO whose
        // spread over seeds (about 0.13 nats here) exceeds the gap, so compare with the mean over 10 seeds (standard
        // error about 0.04), allowing 0.2
        double elbo = 0;
        for (int seed = 0; seed < 10; seed++) {
            Cli e = Blobs.run("evaluate", model.toString(), "two", "--seed", String.valueOf(seed), "--json");
            assertEquals(0, e.code(), e.err());
            elbo += Json.parse(e.out()).asObject().get("elbo").asObject().get("elbo").asDouble() / 10;
        }
        assertTrue(ev.get("iw").asObject().get("bound").asDouble() >= elbo - 0.2,
                "the IW bound is at least the ELBO: " + ev + ", mean ELBO over 10 seeds " + elbo);
    }

    @Test
    void badInputGetsOneClearLine() throws IOException {
        Cli bernoulli = Blobs.run("train", "vae", "two", "--epochs", "1");
        assertEquals(2, bernoulli.code(), bernoulli.err());
        assertTrue(bernoulli.errLines()[0].contains("the Bernoulli decoder needs data in [0, 1]"), bernoulli.err());
        Cli conv = Blobs.run("train", "vae", "two", "--arch", "conv");
        assertEquals(2, conv.code(), conv.err());
        assertEquals("latent: the conv architecture needs image data (channels, height, width), got 2", conv.errLines()[0]);
        Cli likelihood = Blobs.run("train", "vae", "two", "--likelihood", "poisson");
        assertEquals(2, likelihood.code(), likelihood.err());

        Path model = dir.resolve("m");
        assertEquals(0, Blobs.run("train", "vae", "two", "--likelihood", "gaussian", "--latent", "3", "--hidden", "4",
                "--epochs", "1", "--out", model.toString()).code());
        Cli grid = Blobs.run("generate", model.toString(), "--grid", "4", "--out", dir.resolve("g.png").toString());
        assertEquals(2, grid.code(), grid.err());
        assertEquals("latent: --grid needs a VAE with a 2-value code (--latent 2), this one has 3", grid.errLines()[0]);
        Cli label = Blobs.run("generate", model.toString(), "--label", "1", "--out", dir.resolve("g.png").toString());
        assertEquals(2, label.code(), label.err());
        assertTrue(label.errLines()[0].contains("--label needs a conditional VAE"), label.err());
        Cli from = Blobs.run("interpolate", model.toString(), "two", "--from", "0", "--to", "40", "--out",
                dir.resolve("i.png").toString());
        assertEquals(2, from.code(), from.err());
        assertEquals("latent: --to must be a sample index of DATA, 0 to 39, got 40", from.errLines()[0]);
        assertFalse(Files.exists(dir.resolve("g.npy")) || Files.exists(dir.resolve("i.npy")), "nothing written");

        Path kmeans = dir.resolve("km");
        assertEquals(0, Blobs.run("cluster", "kmeans", "two", "--k", "2", "--out", kmeans.toString()).code());
        Cli wrongKind = Blobs.run("evaluate", kmeans.toString(), "two");
        assertEquals(2, wrongKind.code(), wrongKind.err());
        assertTrue(wrongKind.err().contains("holds a kmeans model; this command needs a vae model"), wrongKind.err());
        Cli encode = Blobs.run("encode", kmeans.toString(), "two", "--out", dir.resolve("c.npy").toString());
        assertTrue(encode.err().contains("this command needs an autoencoder model or a vae model"), encode.err());
    }
}
