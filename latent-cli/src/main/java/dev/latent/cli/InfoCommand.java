package dev.latent.cli;

import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.data.FloatStore;
import dev.latent.data.SampleShape;
import dev.latent.data.Storage;
import dev.latent.io.ImageGrid;
import dev.latent.io.Json;
import dev.latent.io.ModelHeader;
import dev.latent.io.ModelIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** {@code latent info DATA}: what a dataset holds; {@code latent info FILE.latent}: what a model file holds. */
@Command(name = "info",
        description = {"Describe a dataset: samples, sample shape, storage and memory, label counts, value range.",
                "Given a model file (model.latent), describe the model instead: its kind, fit, header values, "
                        + "provenance and arrays, after checking the whole file."},
        sortOptions = false)
final class InfoCommand extends LatentCommand {
    @Parameters(index = "0", paramLabel = "DATA",
            description = DataOptions.DATA_HELP)
    String dataSpec;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write samples.png into DIR: a grid of up to 64 samples picked with --seed "
                    + "(images, or vectors of a square length).")
    Path outDir;

    @Option(names = "--allow-nonfinite",
            description = "Describe data holding NaN or infinite values instead of refusing it, and count them.")
    boolean allowNonFinite;

    @Override
    protected void run(Output out) throws Exception {
        var model = modelFile(dataSpec);
        if (model.isPresent()) {
            describeModel(model.get(), out);
            return;
        }
        Dataset d = loadAllowingNonFinite(dataSpec, dataOptions, out);
        if (!allowNonFinite) {
            try {
                requireFinite(dataSpec, d);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + "; add --allow-nonfinite to describe it anyway", e);
            }
        }
        ValueStats stats;
        try (ProgressBar bar = out.progress("scanning", d.size())) {
            stats = out.time("scan", () -> ValueStats.of(d, bar));
        }
        long bytes = (long) d.size() * d.features() * (d.storage() == Storage.UINT8 ? 1 : 4);
        int[] counts = labelCounts(d);

        Json.JsonObject r = out.result();
        r.put("name", d.name()).put("samples", d.size()).put("shape", shape(d.shape()))
                .put("image", d.shape().isImage()).put("features", d.features())
                .put("storage", d.storage().toString()).put("bytes", bytes)
                .put("values", stats.toJson());
        if (d.hasLabels()) {
            Json.JsonArray classes = Json.array();
            for (int c = 0; c < counts.length; c++) {
                classes.add(Json.object().put("label", c).put("name", className(d, c)).put("count", counts[c]));
            }
            r.put("labels", Json.object().put("classes", counts.length).put("counts", classes));
        } else {
            r.putNull("labels");
        }
        Json.JsonObject files = Json.object();
        Path grid = null;
        if (outDir != null) {
            if (drawable(d.shape())) {
                grid = writeSampleGrid(d, outDir, common.seed(), out);
                files.put("samples", grid.toString());
            } else {
                out.note("note: " + d.name() + " holds vectors of " + d.features()
                        + " values, not images; no samples.png written");
            }
            Results.directory(outDir);
            keepResults(outDir.resolve(Results.RESULTS_FILE));
        }
        r.put("files", files);

        PrintWriter t = out.text();
        Table table = new Table(false, false);
        table.add("name", d.name());
        table.add("samples", Integer.toString(d.size()));
        table.add("sample shape", d.shape().isImage()
                ? d.shape() + " (channels x height x width, " + d.features() + " values)"
                : d.features() + " features");
        table.add("storage", d.storage() + ", " + Output.bytes(bytes) + " in memory");
        table.add("values", stats.values() == 0 ? "no finite values" : String.format(Locale.ROOT,
                "min %s, max %s, mean %s, std %s", number(stats.min()), number(stats.max()),
                number(stats.mean()), number(stats.std())));
        if (stats.nonFinite() > 0) {
            table.add("non-finite", stats.nonFinite() + " values, the first " + (stats.firstIsNan() ? "NaN" : "an infinity")
                    + " at row " + stats.firstRow() + ", column " + stats.firstColumn()
                    + " (the range above leaves them out)");
        }
        table.add("labels", d.hasLabels() ? counts.length + " classes" : "none");
        if (grid != null) table.add("sample grid", grid.toString());
        table.add("load time", Output.duration(out.seconds("load")));
        table.print(t, "");
        if (d.hasLabels()) {
            boolean named = false; // names that say more than the label number
            for (int c = 0; c < counts.length; c++) named |= !className(d, c).equals(Integer.toString(c));
            Table classes = named ? new Table(true, false, true, true) : new Table(true, true, true);
            for (int c = 0; c < counts.length; c++) {
                String percent = String.format(Locale.ROOT, "%.1f%%", 100.0 * counts[c] / Math.max(1, d.size()));
                if (named) classes.add(Integer.toString(c), className(d, c), Integer.toString(counts[c]), percent);
                else classes.add(Integer.toString(c), Integer.toString(counts[c]), percent);
            }
            t.println();
            classes.print(t, "  ");
        }
    }

    /**
     * Describes a model file: checks it whole ({@link ModelIO#check}), then prints its kind, fit report, header
     * values, provenance and arrays; {@code --json} gives the same as {@code model}, {@code fit} and
     * {@code arrays} members.
     */
    private void describeModel(Path file, Output out) throws Exception {
        ModelHeader h = out.time("check", () -> ModelIO.check(file));
        var report = h.report();
        Json.JsonArray arrays = Json.array();
        for (ModelHeader.ArrayInfo a : h.arrays()) {
            arrays.add(Json.object().put("name", a.name()).put("type", a.type()).put("shape", Json.array(a.shape())));
        }
        Json.JsonObject fit = Json.object().put("iterations", report.iterations()).put("converged", report.converged())
                .put("objective", report.objective()).put("seconds", seconds(report.time()))
                .put("version", report.version());
        out.result().put("model", Json.object().put("file", file.toString()).put("kind", h.kind())
                .put("formatVersion", h.formatVersion()).put("bytes", h.fileLength()).put("values", h.values())
                .put("fit", fit).put("provenance", h.provenance()).put("arrays", arrays));

        Table table = new Table(false, false);
        table.add("model file", file + " (" + Output.bytes(h.fileLength()) + ", format version " + h.formatVersion()
                + ", checksum ok)");
        table.add("kind", h.kind());
        table.add("fit", report.iterations() + " iterations, " + (report.converged() ? "converged" : "not converged")
                + ", objective " + number(report.objective()) + ", " + Output.duration(seconds(report.time()))
                + ", Latent " + report.version());
        boolean first = true;
        for (var e : h.values().members().entrySet()) {
            table.add(first ? "values" : "", e.getKey() + " = " + plain(e.getValue()));
            first = false;
        }
        first = true;
        for (var e : h.provenance().members().entrySet()) {
            table.add(first ? "provenance" : "", e.getKey() + " = " + plain(e.getValue()));
            first = false;
        }
        first = true;
        for (ModelHeader.ArrayInfo a : h.arrays()) {
            table.add(first ? "arrays" : "", a.name() + ": " + a.type() + " " + shapeText(a.shape()));
            first = false;
        }
        if (first) table.add("arrays", "none");
        table.print(out.text(), "");
    }

    /** A string without its quotes, any other value as JSON text. */
    private static String plain(Json v) {
        return v instanceof Json.JsonString s ? s.value() : v.toString();
    }

    private static double seconds(java.time.Duration t) {
        return t.getSeconds() + t.getNano() / 1e9;
    }

    /** {@code 10 x 784}, or {@code 3} for one dimension. */
    private static String shapeText(int[] shape) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < shape.length; i++) s.append(i > 0 ? " x " : "").append(shape[i]);
        return s.toString();
    }

    /** The most samples a grid shows, in rows of {@value #GRID_COLUMNS}. */
    static final int GRID_SAMPLES = 64, GRID_COLUMNS = 8;

    /** Writes {@code dir/samples.png}, a grid of up to 64 samples chosen with {@code seed}, in dataset order. */
    static Path writeSampleGrid(Dataset d, Path dir, long seed, Output out) throws Exception {
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new NotDirectoryException(dir.toString());
        Files.createDirectories(dir);
        Path png = dir.resolve("samples.png");
        int[] indices = pick(d.size(), Math.min(GRID_SAMPLES, d.size()), seed);
        out.time("grid", () -> {
            Dataset shown = d.select(indices); // a copy of just the samples drawn
            if (shown.store() instanceof ByteStore b && maxByte(b) < 128) {
                // small integers in bytes (the 8 x 8 digits hold 0 to 16) would draw nearly black as raw
                // bytes; as floats they are stretched from their minimum (black) to their maximum (white)
                shown = shown.withStore(new FloatStore(shown.toMatrix()));
            }
            int[] all = new int[indices.length];
            for (int i = 0; i < all.length; i++) all[i] = i;
            ImageGrid.write(shown, all, Math.min(GRID_COLUMNS, indices.length), png);
            return png;
        });
        return png;
    }

    /** The largest raw byte in {@code b}. */
    static int maxByte(ByteStore b) {
        int max = 0;
        for (int i = 0; i < b.count(); i++) {
            for (int j = 0; j < b.size(); j++) max = Math.max(max, b.raw(i, j));
        }
        return max;
    }

    /** Whether samples of this shape can be drawn: images, and vectors of a square length (28 x 28 = 784). */
    static boolean drawable(SampleShape s) {
        if (s.isImage()) return true;
        int side = (int) Math.round(Math.sqrt(s.size()));
        return side * side == s.size();
    }

    /** {@code k} distinct indices below {@code n}, chosen uniformly with {@code seed}, in increasing order. */
    static int[] pick(int n, int k, long seed) {
        // Floyd's algorithm: k draws, no array of size n
        var rng = new SplittableRandom(seed);
        var chosen = new java.util.TreeSet<Integer>();
        for (int j = n - k; j < n; j++) {
            int t = rng.nextInt(j + 1);
            if (!chosen.add(t)) chosen.add(j);
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The number of samples with each label, for labels 0 to classCount - 1. */
    static int[] labelCounts(Dataset d) {
        int[] counts = new int[Math.max(0, d.classCount())];
        for (int label : d.labels()) {
            if (label >= counts.length) counts = java.util.Arrays.copyOf(counts, label + 1);
            counts[label]++;
        }
        return counts;
    }

    private static String className(Dataset d, int c) {
        List<String> names = d.classNames();
        return c < names.size() ? names.get(c) : Integer.toString(c);
    }

    /** {@code [channels, height, width]} for an image, {@code [features]} for a vector. */
    static Json.JsonArray shape(SampleShape s) {
        return s.isImage() ? Json.array(s.channels(), s.height(), s.width()) : Json.array(s.size());
    }

    /** A value in at most 6 significant digits, without trailing zeros. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e), exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + exponent;
    }
}
