package dev.latent.cli;

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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** latent train ae, encode, reconstruct and export, end to end on the bundled digits and on generated blobs. */
@Tag("slow")
class AutoencoderCommandsTest {
    @TempDir Path dir;

    static Cli digits(String... args) {
        return Cli.run(new RegistryDataAccess(), args);
    }

    @Test
    void trainsAConvolutionalAutoencoderOnTheDigitsAndUsesIt() throws IOException {
        Path model = dir.resolve("ae");
        Cli train = digits("train", "ae", "digits", "--arch", "conv", "--hidden", "8,16", "--latent", "10",
                "--epochs", "6", "--batch", "64", "--lr", "3e-3", "--out", model.toString(), "--json");
        assertEquals(0, train.code(), train.err());
        Json.JsonObject t = Json.parse(train.out()).asObject();
        assertEquals(6, t.get("epochs").asInt(), "six epochs");
        Json.JsonArray loss = t.get("trainLoss").asArray();
        assertTrue(loss.get(5).asDouble() < loss.get(0).asDouble(), "the loss falls: " + loss);
        double knn = t.get("metrics").asObject().get("knnAccuracy").asDouble();
        assertTrue(knn > 0.7, "after six short epochs, 10-value codes keep most digits apart (0.79 measured; random "
                + "codes give about 0.1); 10-NN accuracy " + knn);
        for (String f : new String[]{"model.latent", "checkpoint.latent", "codes.npy", "history.csv", "reconstructions.png"}) {
            assertTrue(Files.exists(model.resolve(f)), f + " written");
        }
        assertArrayEquals(new int[]{1797, 10}, Npy.read(model.resolve("codes.npy")).shape(), "one code per digit");
        BufferedImage pairs = ImageIO.read(model.resolve("reconstructions.png").toFile());
        assertTrue(pairs.getHeight() > pairs.getWidth() / 10, "two rows of 8x8 images: " + pairs.getWidth() + " x " + pairs.getHeight());

        Path codes = dir.resolve("codes.npy");
        Cli encode = digits("encode", model.toString(), "digits", "--limit", "100", "--out", codes.toString());
        assertEquals(0, encode.code(), encode.err());
        NpyArray c = Npy.read(codes);
        assertArrayEquals(new int[]{100, 10}, c.shape(), "codes of the first 100 digits");
        float[] all = Npy.read(model.resolve("codes.npy")).toFloats();
        float[] first = c.toFloats();
        for (int i = 0; i < first.length; i++) assertEquals(all[i], first[i], 1e-6, "encode agrees with training's codes at " + i);

        Path recon = dir.resolve("recon");
        Cli r = digits("reconstruct", model.resolve("model.latent").toString(), "digits", "--out", recon.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Json.JsonObject ro = Json.parse(r.out()).asObject();
        assertEquals(t.get("mse").asDouble(), ro.get("mse").asDouble(), 1e-6, "the same error as after training");
        Json.JsonArray anomalies = ro.get("anomalies").asArray();
        assertEquals(10, anomalies.size(), "ten most anomalous digits");
        assertTrue(anomalies.get(0).asObject().get("score").asDouble() >= anomalies.get(9).asObject().get("score").asDouble(),
                "listed worst first");
        float[] scores = Npy.read(recon.resolve("scores.npy")).toFloats();
        assertEquals(1797, scores.length, "a score per digit");
        assertTrue(Files.exists(recon.resolve("anomalies.png")), "the anomalies drawn");

        Path onnx = dir.resolve("onnx");
        Cli export = digits("export", model.toString(), "--onnx", onnx.toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(Files.size(onnx.resolve("encoder.onnx")) > 1000 && Files.size(onnx.resolve("decoder.onnx")) > 1000,
                "both networks exported");
    }

    @Test
    void resumingContinuesTheSameRun() throws IOException {
        Path a = dir.resolve("a"), b = dir.resolve("b");
        String[] common = {"train", "ae", "two", "--hidden", "8", "--latent", "2", "--batch", "8", "--json"};
        Cli straight = Blobs.run(concat(common, "--epochs", "4", "--out", a.toString()));
        assertEquals(0, straight.code(), straight.err());
        assertEquals(0, Blobs.run(concat(common, "--epochs", "2", "--out", b.toString())).code(), "first half");
        Cli resumed = Blobs.run(concat(common, "--epochs", "4", "--resume", "--out", b.toString()));
        assertEquals(0, resumed.code(), resumed.err());
        assertArrayEquals(Npy.read(a.resolve("codes.npy")).toFloats(), Npy.read(b.resolve("codes.npy")).toFloats(),
                "2 + 2 resumed epochs give the codes of 4 straight ones");
    }

    @Test
    void badInputGetsOneClearLine() throws IOException {
        Cli conv = Blobs.run("train", "ae", "two", "--arch", "conv");
        assertEquals(2, conv.code(), "usage error");
        assertEquals("latent: the conv architecture needs image data (channels, height, width), got 2",
                conv.errLines()[0]);
        Cli noise = Blobs.run("train", "ae", "two", "--noise", "blur:3");
        assertEquals(2, noise.code(), "usage error");
        assertTrue(noise.err().contains("expected gaussian:STD or masking:FRACTION, got 'blur:3'"), noise.err());
        Cli resume = Blobs.run("train", "ae", "two", "--resume");
        assertEquals(2, resume.code(), resume.err());
        assertTrue(resume.err().contains("--resume needs --out DIR"), resume.err());

        Path kmeans = dir.resolve("km");
        assertEquals(0, Blobs.run("cluster", "kmeans", "two", "--k", "2", "--out", kmeans.toString()).code());
        Cli wrongKind = Blobs.run("encode", kmeans.toString(), "two", "--out", dir.resolve("c.npy").toString());
        assertEquals(2, wrongKind.code(), wrongKind.err());
        assertTrue(wrongKind.err().contains("holds a kmeans model; this command needs an autoencoder model"), wrongKind.err());
        assertTrue(!Files.exists(dir.resolve("c.npy")), "nothing written");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
