package dev.latent.cli;

import dev.latent.clustering.hierarchical.Agglomerative;
import dev.latent.clustering.hierarchical.Dendrogram;
import dev.latent.clustering.hierarchical.Linkage;
import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.io.Json;
import dev.latent.io.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code latent cluster hierarchical DATA --linkage L --k K}: builds the dendrogram, cuts it into flat
 * clusters (k of them, or at a height), reports their quality, and writes the labels and the linkage matrix.
 * <p>The core estimates the memory of a run before allocating and refuses one that cannot fit with a message
 * naming the need and the way out; that message is the command's one line of error (exit code 2).
 */
@Command(name = "hierarchical", sortOptions = false,
        description = {"Cluster DATA by agglomerative clustering and write labels.npy, linkage.npy "
                + "(SciPy's layout: n - 1 rows of left id, right id, height, size, as float32), model.latent "
                + "(the whole tree) and dendrogram.svg/.png (the top 30 merges, with the cut).",
                "Ward and single linkage need O(n) memory; complete and average keep n (n - 1) / 2 distances.",
                "Above 10,000 samples the silhouette is estimated from 10,000 samples drawn with --seed.",
                "uint8 data (images) is scaled to [0, 1] first unless --scale says otherwise."})
final class HierarchicalCommand extends LatentCommand {
    @Parameters(index = "0", paramLabel = "DATA",
            description = DataOptions.DATA_HELP)
    String dataSpec;

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Option(names = "--linkage", paramLabel = "NAME", defaultValue = "ward",
            description = "ward (default), single, complete, average, centroid or median.")
    Linkage linkage;

    @Option(names = "--k", paramLabel = "K", description = "Cut the tree into K clusters.")
    Integer k;

    @Option(names = "--height", paramLabel = "H",
            description = "Cut the tree at height H instead: keep the merges at or below H.")
    Double height;

    @Mixin
    FitOptions fit = new FitOptions();

    @Override
    protected void run(Output out) throws Exception {
        Check.argument(k != null || height != null, "give --k K or --height H to say where to cut the tree");
        Check.argument(k == null || height == null, "give --k or --height, not both");
        if (k != null) Check.atLeast("--k", k, 1);
        if (height != null) Check.argument(!height.isNaN(), "--height must be a number, got NaN");
        Dataset d = loadData(dataSpec, dataOptions, out);
        int n = d.size();
        if (k != null) Check.argument(k <= n, "--k must be <= the number of samples (" + n + "), got " + k);
        Check.argument(n >= 2, "DATA must have at least 2 samples to merge, got " + n);
        Matrix x = Results.features(d, fit.scale, out);
        Path dir = fit.outDir == null ? null : Results.checkFolder(fit.outDir);

        Dendrogram tree = out.time("fit", () -> Agglomerative.of(linkage).fit(x));
        int[] labels = out.time("cut", () -> k != null ? tree.cut(k) : tree.cutAtHeight(height));
        int clusters = Results.distinct(labels);

        Json.JsonObject r = out.result();
        Table table = new Table(false, false);
        String linkageName = linkage.name().toLowerCase(Locale.ROOT);
        table.add("data", String.format(Locale.ROOT, "%s: %,d samples of %,d features (scale: %s)",
                d.name(), n, d.features(), r.get("scale").asString()));
        table.add("linkage", linkageName + ", " + tree.merges() + " merges, highest at "
                + Results.number(tree.height(tree.merges() - 1)));
        table.add("cut", k != null ? "into " + k + " clusters" : "at height " + Results.number(height)
                + ": " + clusters + " cluster" + (clusters == 1 ? "" : "s"));
        if (k != null) {
            // the height band in which the cut into k clusters holds: between merge n-k-1 and merge n-k
            double below = n - k - 1 >= 0 ? tree.height(n - k - 1) : 0, above = k > 1 ? tree.height(n - k) : Double.NaN;
            table.add("cut heights", k > 1 ? "between " + Results.number(below) + " and " + Results.number(above)
                    : "above " + Results.number(below));
        }
        r.put("linkage", linkageName).put("samples", n).put("features", d.features()).put("clusters", clusters);
        if (k != null) r.put("k", k);
        else r.putNull("k");
        if (height != null) r.put("height", height.doubleValue());
        else r.putNull("height");
        r.put("metrics", Results.clusterMetrics(x, labels, d.hasLabels() ? d.labels() : null, common.seed(), out, table));

        Json.JsonObject files = Json.object();
        if (dir != null) {
            out.time("write", () -> {
                Results.directory(dir);
                Path labelsFile = dir.resolve("labels.npy"), linkageFile = dir.resolve("linkage.npy");
                Npy.write(labelsFile, labels);
                Npy.write(linkageFile, linkageMatrix(tree), tree.merges(), 4);
                files.put("labels", labelsFile.toString()).put("linkage", linkageFile.toString());
                files.put("model", Results.writeModel(dir, tree, dataSpec, d, out, name(), common.seed()).toString());
                Figures.dendrogram(dir, tree, k, height, files);
                return null;
            });
            keepResults(dir.resolve(Results.RESULTS_FILE));
            table.add("files", String.join(", ", files.members().values().stream().map(Json::asString).toList()));
        }
        r.put("files", files);
        Results.addTimings(out, table);
        table.print(out.text(), "");
    }

    /** The {@code (n - 1) x 4} linkage matrix, row-major, as float32 (ids are exact below 2^24). */
    static float[] linkageMatrix(Dendrogram tree) {
        int m = tree.merges();
        float[] z = new float[m * 4];
        for (int i = 0; i < m; i++) {
            z[4 * i] = tree.left(i);
            z[4 * i + 1] = tree.right(i);
            z[4 * i + 2] = (float) tree.height(i);
            z[4 * i + 3] = tree.size(i);
        }
        return z;
    }
}
