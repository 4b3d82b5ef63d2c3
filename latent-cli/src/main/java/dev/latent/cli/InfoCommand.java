package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.data.SampleShape;
import dev.latent.data.Storage;
import dev.latent.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** {@code latent info DATA}: what a dataset holds. */
@Command(name = "info",
        description = "Describe a dataset: samples, sample shape, storage and memory, label counts, value range.",
        sortOptions = false)
final class InfoCommand extends LatentCommand {
    @Parameters(index = "0", paramLabel = "DATA",
            description = "A registered dataset name (see 'latent datasets'), or a .npy, .csv, IDX or image-folder path.")
    String dataSpec;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Option(names = "--allow-nonfinite",
            description = "Describe data holding NaN or infinite values instead of refusing it, and count them.")
    boolean allowNonFinite;

    @Override
    protected void run(Output out) throws Exception {
        Dataset d = loadAllowingNonFinite(dataSpec, dataOptions, out);
        if (!allowNonFinite) {
            try {
                requireFinite(d);
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
        table.add("load time", Output.duration(out.seconds("load")));
        table.print(t, "");
        if (d.hasLabels()) {
            Table classes = new Table(true, false, true, true);
            for (int c = 0; c < counts.length; c++) {
                classes.add(Integer.toString(c), className(d, c), Integer.toString(counts[c]),
                        String.format(Locale.ROOT, "%.1f%%", 100.0 * counts[c] / Math.max(1, d.size())));
            }
            t.println();
            classes.print(t, "  ");
        }
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
        if (s.contains("e")) return s;
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
