package dev.latent.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a synthetic SAT-6 dataset of the real size in the exact DeepSat format, for running
 * {@code latent tutorial sat6} on the full dataset where SAT-6 itself cannot be downloaded.
 * <p>Four files go into the folder given: {@code X_train_sat6.csv} (324,000 lines) and {@code X_test_sat6.csv}
 * (81,000 lines) of 3,136 comma-separated integers 0 to 255 (28 x 28 pixels x 4 bands, in pixel row, pixel column,
 * band order; bands red, green, blue, near-infrared), and {@code y_train_sat6.csv} / {@code y_test_sat6.csv} with
 * one one-hot row of six integers per image (classes building, barren land, trees, grassland, road, water). Together
 * about 4.6 GB (the real files, with more three-digit values, take 5.6 GB).
 * <p>Unlike {@link Sat6Benchmark}'s uniform noise the images have class structure, so that the tutorial's
 * clustering, maps and networks have something to find: each class has its own mean colour in the four bands
 * (water dark in near-infrared, vegetation bright in it), and each image adds a random brightness, a texture
 * (stripes for roads, blocks for buildings, blotches for trees) and pixel noise. Classes are drawn uniformly; seed
 * 7 for the training set and 8 for the test set, so the files are the same on every run.
 * <pre>
 * mvn -q -B -pl latent-bench -am package -DskipTests
 * java -cp latent-bench/target/benchmarks.jar dev.latent.bench.Sat6Synthetic DIR [trainRows] [testRows]
 * </pre>
 */
public final class Sat6Synthetic {
    private static final int SIDE = 28, BANDS = 4;
    /** Mean value of each class (rows: building, barren land, trees, grassland, road, water) in R, G, B, NIR. */
    private static final int[][] MEAN = {
            {150, 145, 145, 125}, {165, 140, 115, 175}, {60, 90, 60, 195},
            {115, 145, 90, 185}, {120, 120, 125, 105}, {40, 60, 95, 20}};

    private Sat6Synthetic() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) throw new IllegalArgumentException("usage: Sat6Synthetic DIR [trainRows] [testRows]");
        Path dir = Files.createDirectories(Path.of(args[0]));
        int trainRows = args.length > 1 ? Integer.parseInt(args[1]) : 324_000;
        int testRows = args.length > 2 ? Integer.parseInt(args[2]) : 81_000;
        long start = System.nanoTime();
        write(dir.resolve("X_train_sat6.csv"), dir.resolve("y_train_sat6.csv"), trainRows, 7);
        write(dir.resolve("X_test_sat6.csv"), dir.resolve("y_test_sat6.csv"), testRows, 8);
        System.out.printf(Locale.ROOT, "wrote %,d + %,d images to %s in %.1f s%n", trainRows, testRows, dir,
                (System.nanoTime() - start) / 1e9);
    }

    /** Writes {@code rows} images and their one-hot labels, drawn with {@code seed}. */
    static void write(Path images, Path labels, int rows, long seed) throws IOException {
        byte[][] text = new byte[256][];
        for (int v = 0; v < 256; v++) text[v] = Integer.toString(v).getBytes(StandardCharsets.US_ASCII);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] values = new int[SIDE * SIDE * BANDS];
        byte[] line = new byte[4 * values.length];
        try (OutputStream xo = new BufferedOutputStream(Files.newOutputStream(images), 1 << 22);
             OutputStream yo = new BufferedOutputStream(Files.newOutputStream(labels), 1 << 16)) {
            for (int i = 0; i < rows; i++) {
                int label = rng.nextInt(MEAN.length);
                image(label, rng, values);
                int at = 0;
                for (int k = 0; k < values.length; k++) {
                    if (k > 0) line[at++] = ',';
                    byte[] t = text[values[k]];
                    for (byte b : t) line[at++] = b;
                }
                line[at++] = '\n';
                xo.write(line, 0, at);
                for (int c = 0; c < MEAN.length; c++) {
                    if (c > 0) yo.write(',');
                    yo.write(c == label ? '1' : '0');
                }
                yo.write('\n');
            }
        }
    }

    /** Fills {@code out} (HWC order) with one image of class {@code label}. */
    private static void image(int label, SplittableRandom rng, int[] out) {
        double brightness = 0.8 + 0.4 * rng.nextDouble();
        double angle = rng.nextDouble() * Math.PI, phase = rng.nextDouble() * 2 * Math.PI;
        double fx = Math.cos(angle), fy = Math.sin(angle);
        double cx = rng.nextDouble() * SIDE, cy = rng.nextDouble() * SIDE;
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                double texture = switch (label) {
                    case 0 -> ((r / 7 + c / 7) % 2 == 0 ? 25 : -25);                            // blocks
                    case 4 -> Math.abs((c - cx) * fy - (r - cy) * fx) < 3 ? 40 : -10;         // a stripe
                    case 2 -> 20 * Math.sin(0.9 * (fx * c + fy * r) + phase) * Math.cos(0.7 * r + phase);
                    case 3 -> 10 * Math.sin(0.3 * (fx * c + fy * r) + phase);
                    default -> 5 * Math.sin(0.2 * (fx * c + fy * r) + phase);
                };
                int pixel = (r * SIDE + c) * BANDS;
                for (int b = 0; b < BANDS; b++) {
                    double v = brightness * MEAN[label][b] + texture + 12 * rng.nextGaussian();
                    out[pixel + b] = (int) Math.clamp(Math.round(v), 0, 255);
                }
            }
        }
    }
}
