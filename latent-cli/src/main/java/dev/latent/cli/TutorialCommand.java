package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.data.Transforms;
import dev.latent.internal.Check;
import dev.latent.io.Json;
import dev.latent.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code latent tutorial digits|mnist|sat6 --out DIR}: runs the whole unsupervised-learning curriculum on one
 * dataset ({@link Curriculum}) and writes {@code report.html} (self-contained), the figures as PNG, every
 * number in {@code results.json} and the trained models.
 */
@Command(name = "tutorial", sortOptions = false,
        description = {"Run the unsupervised-learning curriculum on a dataset (digits, mnist or sat6) and write "
                + "DIR/report.html (one self-contained file), DIR/figures/*.png, DIR/results.json and DIR/models/.",
                "Steps: the data, PCA, t-SNE and UMAP maps, k-means and Ward clustering, an autoencoder, a VAE, "
                        + "k-NN with few labels on learned features, and a table of every number and run time.",
                "digits runs offline (bundled; a fifth held out as the test set); mnist and sat6 use their test sets."})
final class TutorialCommand extends LatentCommand {
    @Parameters(index = "0", paramLabel = "TUTORIAL", description = "digits, mnist or sat6.")
    String dataset;

    @Option(names = "--quick", description = "Fewer samples and epochs (a few minutes for mnist and sat6).")
    boolean quick;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "A folder of dataset files you already have, searched before the download cache.")
    Path dataDir;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write the report into.")
    Path outDir;

    @Override
    protected void run(Output out) throws Exception {
        TutorialPlan plan = TutorialPlan.of(dataset.toLowerCase(Locale.ROOT), quick);
        Path dir = Results.checkFolder(outDir);
        var source = main().data();
        java.util.Optional<Path> folder = java.util.Optional.ofNullable(dataDir);
        Dataset train = out.time("load", () -> Transforms.scaleToUnit(source.load(plan.train(), folder, out)));
        Dataset test;
        if (plan.test().isEmpty()) {
            Transforms.Split split = Transforms.split(train, 0.2, common.seed());
            train = split.train();
            test = split.test();
        } else {
            test = out.time("load", () -> Transforms.scaleToUnit(source.load(plan.test(), folder, out)));
        }
        Check.argument(train.hasLabels() && test.hasLabels(), "the tutorial needs labelled data");
        train = limit(Transforms.shuffle(train, common.seed()), plan.trainSamples());
        test = limit(test, plan.testSamples());
        Results.directory(dir);
        Curriculum curriculum = new Curriculum(plan, train, test, dir, common.seed(), out);
        Report report = out.time("curriculum", curriculum::run);
        Json.JsonObject results = curriculum.results().put("dataset", plan.name())
                .put("classNames", Json.strings(train.classNames()));
        Path html = dir.resolve("report.html"), json = dir.resolve("results.json");
        out.time("write", () -> {
            report.write(html);
            Results.writeText(json, results.toPrettyString() + "\n");
            return null;
        });
        Json.JsonObject r = out.result();
        r.put("dataset", plan.name()).put("quick", quick).put("results", results)
                .put("files", Json.object().put("report", html.toString()).put("results", json.toString()));
        out.text().println("report: " + html);
    }

    private static Dataset limit(Dataset d, int n) {
        return n == 0 || n >= d.size() ? d : Transforms.limit(d, n);
    }
}
