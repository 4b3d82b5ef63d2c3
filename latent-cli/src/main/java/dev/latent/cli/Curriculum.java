package dev.latent.cli;

import dev.latent.clustering.hierarchical.Agglomerative;
import dev.latent.clustering.hierarchical.Dendrogram;
import dev.latent.clustering.hierarchical.Linkage;
import dev.latent.clustering.kmeans.ChooseK;
import dev.latent.clustering.kmeans.ChooseKResult;
import dev.latent.clustering.kmeans.KMeans;
import dev.latent.clustering.kmeans.KMeansModel;
import dev.latent.data.Dataset;
import dev.latent.data.FloatStore;
import dev.latent.data.Matrix;
import dev.latent.data.SampleShape;
import dev.latent.io.Json;
import dev.latent.metrics.AdjustedRandIndex;
import dev.latent.metrics.KnnAccuracy;
import dev.latent.metrics.MutualInformation;
import dev.latent.metrics.Reconstruction;
import dev.latent.metrics.Trustworthiness;
import dev.latent.neighbors.Neighbors;
import dev.latent.neural.models.ae.Autoencoder;
import dev.latent.neural.models.ae.AutoencoderModel;
import dev.latent.neural.models.ae.Noise;
import dev.latent.neural.models.vae.Vae;
import dev.latent.neural.models.vae.VaeModel;
import dev.latent.reduction.pca.Pca;
import dev.latent.reduction.pca.PcaModel;
import dev.latent.reduction.tsne.Tsne;
import dev.latent.reduction.umap.Umap;
import dev.latent.report.BarChart;
import dev.latent.report.DendrogramPlot;
import dev.latent.report.Figure;
import dev.latent.report.ImagePanels;
import dev.latent.report.LinePlot;
import dev.latent.report.Report;
import dev.latent.report.ScatterPlot;
import dev.latent.report.Section;
import dev.latent.report.Series;
import dev.latent.report.Table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * The unsupervised-learning curriculum of {@code latent tutorial}: each step fits models on the data, adds a
 * section to the report (figures and two or three sentences), writes its figures as PNG into
 * {@code figures/}, its models into {@code models/} and its numbers into the results.
 * <p>Steps, in the report's order: the data, PCA, t-SNE and UMAP maps, k-means and Ward clustering, an
 * autoencoder (reconstruction, its 2-D code space, denoising, compression, retrieval, anomalies), a VAE (its 2-D
 * latent space, samples, the manifold, interpolation, the beta trade-off), what unsupervised features buy k-NN
 * with few labels, and a table of every figure of merit and run time.
 */
final class Curriculum {
    private static final int K_NEIGHBORS = 10;

    private final TutorialPlan plan;
    private final Dataset train;
    private final Dataset test;
    private final Matrix x;
    private final Matrix xTest;
    private final Path figures;
    private final Path models;
    private final long seed;
    private final Output out;
    private final Json.JsonObject results = Json.object();
    private final Json.JsonObject timings = Json.object();
    private final Json.JsonObject cpuTimings = Json.object();
    private final List<String[]> merits = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    /** Matrices and embeddings shared by later steps. */
    private Matrix pcaCodes, pcaTestCodes, aeCodes, aeTestCodes, vaeCodes, vaeTestCodes;

    Curriculum(TutorialPlan plan, Dataset train, Dataset test, Path dir, long seed, Output out) throws IOException {
        this.plan = plan;
        this.train = train;
        this.test = test;
        this.x = train.toMatrix();
        this.xTest = test.toMatrix();
        this.figures = Results.directory(dir.resolve("figures"));
        this.models = Results.directory(dir.resolve("models"));
        this.seed = seed;
        this.out = out;
    }

    /** Runs every step and returns the report; the results and timings are in {@link #results()}. */
    Report run() throws Exception {
        step("data", this::data);
        step("pca", this::pca);
        step("maps", this::maps);
        step("clustering", this::clustering);
        step("autoencoder", this::autoencoder);
        step("vae", this::vae);
        step("features", this::features);
        Table table = Table.of("Every figure of merit and run time", "what", "value");
        for (String[] m : merits) table.row(m[0], m[1]);
        for (var e : timings.members().entrySet()) table.row("time: " + e.getKey(), seconds(e.getValue().asDouble()));
        sections.add(Section.of("Figures of merit").text("Every number of this report in one place, with the "
                + "wall time of each step on this machine.").table(table));
        Report report = Report.of("Latent tutorial: " + plan.name())
                .withIntro(String.format(Locale.ROOT, "Unsupervised learning on %s: %,d training and %,d test samples "
                        + "of %s. Every figure is also a PNG in figures/, every number is in results.json and "
                        + "every trained model is in models/.", plan.name(), train.size(), test.size(), train.shape()));
        for (Section s : sections) report = report.withSection(s);
        return report;
    }

    Json.JsonObject results() {
        return results.put("timings", timings).put("cpuTimings", cpuTimings);
    }

    private void step(String name, Callable<Void> body) throws Exception {
        out.text().println("tutorial: " + name);
        out.text().flush();
        long t0 = System.nanoTime();
        double c0 = cpuSeconds();
        body.call();
        timings.put(name, (System.nanoTime() - t0) / 1e9);
        cpuTimings.put(name, cpuSeconds() - c0);
    }

    // ---------------------------------------------------------------- 1. the data

    private Void data() throws IOException {
        Section s = Section.of("The data").text(String.format(Locale.ROOT, "%,d training samples of %s, %s. A "
                + "grid of samples shows what the algorithms below see; the bars show how many samples each class has.",
                train.size(), train.shape(), train.hasLabels() ? train.classCount() + " classes" : "unlabelled"));
        int[] shown = firstPerClass(train, 4);
        s = s.figure(save("samples", ImagePanels.defaults().withTitle("Samples").withColumns(train.classCount())
                .grid(train, shown, List.of())), "The first samples of each class.");
        s = s.figure(save("class-balance", BarChart.defaults().withTitle("Class balance")
                .classBalance(train.labels(), train.classNames())), "Samples per class.");
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        double sum = 0;
        for (float v : x.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        results.put("data", Json.object().put("train", train.size()).put("test", test.size())
                .put("shape", train.shape().toString()).put("min", min).put("max", max)
                .put("mean", sum / x.values().length));
        s = s.table(Table.of("Value ranges (after scaling)", "min", "max", "mean")
                .row(fmt(min), fmt(max), fmt(sum / x.values().length)));
        if (train.shape().isImage() && train.shape().channels() == 4) {
            s = s.text("SAT-6 patches have four bands: red, green, blue and near-infrared. True colour shows them as a "
                    + "person would; false colour puts near-infrared in red, so vegetation glows; NDVI = (NIR - red) / "
                    + "(NIR + red) is high over plants and low over roads, buildings and water.");
            s = s.figure(save("true-colour", ImagePanels.defaults().withTitle("True colour (R, G, B)")
                    .withColumns(train.classCount()).composite(train, shown, 0, 1, 2, List.of())), "True colour.");
            s = s.figure(save("false-colour", ImagePanels.defaults().withTitle("False colour (NIR, R, G)")
                    .withColumns(train.classCount()).composite(train, shown, 3, 0, 1, List.of())), "False colour.");
            s = s.figure(save("ndvi", ImagePanels.defaults().withTitle("NDVI").withColumns(train.classCount())
                    .ndvi(train, shown, 3, 0, List.of())), "NDVI.");
        }
        sections.add(s);
        return null;
    }

    // ---------------------------------------------------------------- 2. PCA

    private Void pca() throws IOException {
        int k = Math.min(50, Math.min(x.rows(), x.cols()));
        PcaModel model = Pca.of(k).withSeed(seed).fit(x);
        pcaCodes = model.transform(x);
        pcaTestCodes = model.transform(xTest);
        model.save(models.resolve("pca.latent"));
        double[] ratio = model.explainedVarianceRatio(), cumulative = new double[k], comps = new double[k];
        double c = 0;
        for (int i = 0; i < k; i++) {
            c += ratio[i];
            cumulative[i] = c;
            comps[i] = i + 1;
        }
        int for90 = 0;
        while (for90 < k - 1 && cumulative[for90] < 0.9) for90++;
        results.put("pca", Json.object().put("components", k).put("cumulativeRatio", c).put("componentsFor90", for90 + 1));
        merits.add(new String[]{"PCA: variance explained by " + k + " components", fmt(c)});
        Section s = Section.of("PCA").text(String.format(Locale.ROOT, "Principal component analysis finds the "
                + "directions of largest variance. %d components explain %.1f%% of the variance%s; the first ones "
                + "are shown as images (red positive, blue negative), and the first two as a map.", k, 100 * c,
                cumulative[k - 1] >= 0.9 ? String.format(Locale.ROOT, " (%d reach 90%%)", for90 + 1) : ""));
        s = s.figure(save("pca-variance", LinePlot.defaults().withTitle("Explained variance").withAxisLabels("components",
                "cumulative ratio").draw(new Series("cumulative", comps, cumulative))), "Cumulative explained variance.");
        if (train.shape().isImage() && train.shape().channels() == 1) {
            Matrix first = model.components().rows(0, Math.min(10, k));
            s = s.figure(save("pca-components", ImagePanels.defaults().withTitle("First components").withColumns(10)
                    .signedRows(first, train.shape().height(), train.shape().width(), List.of())), "Components as images.");
        }
        s = s.figureAsPng(save("pca-scatter", ScatterPlot.defaults().withTitle("PCA: the first two components")
                .byLabel(firstColumns(pcaCodes, 2), train.labels(), train.classNames())), "PCA map, by label.");
        sections.add(s);
        return null;
    }

    // ---------------------------------------------------------------- 3. maps

    private Void maps() throws IOException {
        int n = Math.min(plan.mapSamples(), x.rows());
        Matrix input = pcaCodes.rows(0, n);
        int[] labels = java.util.Arrays.copyOf(train.labels(), n);
        int[] clusters = KMeans.of(train.classCount()).withSeed(seed).fit(x.rows(0, n)).predict(x.rows(0, n));
        Section s = Section.of("t-SNE and UMAP").text(String.format(Locale.ROOT, "t-SNE and UMAP place similar "
                + "samples close together in two dimensions (here %,d samples, from their PCA coordinates). Coloured by "
                + "the true label the classes form islands; coloured by k-means cluster they show what an algorithm "
                + "finds without labels.", n));
        Json.JsonObject maps = Json.object();
        for (String method : List.of("t-SNE", "UMAP")) {
            long t0 = System.nanoTime();
            double c0 = cpuSeconds();
            Umap umap = Umap.defaults().withSeed(seed);
            Matrix map = method.equals("t-SNE")
                    ? Tsne.of(2).withMaxIter(plan.tsneIterations()).withSeed(seed).fit(input).embedding()
                    : (plan.umapEpochs() == 0 ? umap : umap.withEpochs(plan.umapEpochs())).fit(input).embedding();
            double time = (System.nanoTime() - t0) / 1e9, cpu = cpuSeconds() - c0;
            double knn = KnnAccuracy.leaveOneOut(map, labels, K_NEIGHBORS);
            double trust = Trustworthiness.sampled(input, map, K_NEIGHBORS, Math.min(n, 2_000), seed);
            String key = method.equals("t-SNE") ? "tsne" : "umap";
            maps.put(key, Json.object().put("samples", n).put("knnAccuracy", knn).put("trustworthiness", trust)
                    .put("seconds", time).put("cpuSeconds", cpu));
            merits.add(new String[]{method + ": 10-NN accuracy of the map", fmt(knn)});
            merits.add(new String[]{method + ": trustworthiness (k = 10)", fmt(trust)});
            s = s.figureAsPng(save(key + "-labels", ScatterPlot.defaults().withTitle(method + ", by label")
                    .byLabel(map, labels, train.classNames())), method + " coloured by label.");
            s = s.figureAsPng(save(key + "-clusters", ScatterPlot.defaults().withTitle(method + ", by k-means cluster")
                    .byCluster(map, clusters)), method + " coloured by k-means cluster.");
        }
        results.put("maps", maps);
        sections.add(s);
        return null;
    }

    // ---------------------------------------------------------------- 4. clustering

    private Void clustering() throws IOException {
        int n = Math.min(plan.clusterSamples(), x.rows());
        Matrix sample = x.rows(0, n);
        int[] truth = java.util.Arrays.copyOf(train.labels(), n);
        ChooseKResult choice = ChooseK.of(2, plan.maxK()).withSeed(seed).withReferences(0)
                .withSilhouetteSample(Math.min(n, 2_000)).fit(sample);
        int k = train.classCount();
        KMeansModel kmeans = KMeans.of(k).withSeed(seed).fit(sample);
        kmeans.save(models.resolve("kmeans.latent"));
        int[] labels = kmeans.predict(sample);
        double nmi = MutualInformation.normalized(truth, labels), ari = AdjustedRandIndex.score(truth, labels);
        double[] ks = new double[choice.ks().length];
        for (int i = 0; i < ks.length; i++) ks[i] = choice.ks()[i];
        Section s = Section.of("Clustering").text(String.format(Locale.ROOT, "k-means splits the data into k groups "
                + "around centres, drawn here as images. Over k = 2..%d the inertia falls steadily (its elbow: %s) and "
                + "the silhouette peaks at k = %s. With k = %d (the number of classes) the clusters agree with the "
                + "labels with NMI %.3f and ARI %.3f.", plan.maxK(),
                choice.knee().isPresent() ? "k = " + choice.knee().getAsInt() : "none", 
                choice.bestSilhouette().isPresent() ? Integer.toString(choice.bestSilhouette().getAsInt()) : "-", k, nmi, ari));
        if (train.shape().isImage()) {
            Dataset centres = Dataset.of("centres", train.shape(), new FloatStore(kmeans.centroids()), new int[0], List.of());
            s = s.figure(save("kmeans-centres", ImagePanels.defaults().withTitle("k-means centres").withColumns(k)
                    .grid(centres, range(k), List.of())), "The k-means centres.");
        }
        s = s.figure(save("choose-k-inertia", LinePlot.defaults().withTitle("Inertia over k").withAxisLabels("k", "inertia")
                .withMark(k, "k = " + k).draw(new Series("inertia", ks, choice.inertia()))), "Inertia over k.");
        s = s.figure(save("choose-k-silhouette", LinePlot.defaults().withTitle("Silhouette over k").withAxisLabels("k",
                "silhouette").withMark(k, "k = " + k).draw(new Series("silhouette", ks, choice.silhouette()))),
                "Silhouette over k.");

        int m = Math.min(plan.treeSamples(), n);
        Dendrogram tree = Agglomerative.of(Linkage.WARD).fit(x.rows(0, m));
        tree.save(models.resolve("ward.latent"));
        int[] cut = tree.cut(k);
        int[] treeTruth = java.util.Arrays.copyOf(truth, m);
        double wardNmi = MutualInformation.normalized(treeTruth, cut), wardAri = AdjustedRandIndex.score(treeTruth, cut);
        double cutHeight = (tree.height(tree.merges() - k) + tree.height(tree.merges() - k + 1)) / 2;
        s = s.text(String.format(Locale.ROOT, "Ward's agglomerative clustering merges, bottom up, the two groups whose union "
                + "grows the within-group variance least (%,d samples). Cut into %d clusters it scores NMI %.3f and ARI %.3f.",
                m, k, wardNmi, wardAri));
        s = s.figure(save("dendrogram", DendrogramPlot.defaults().withTitle("Ward dendrogram (top merges)")
                .draw(tree, cutHeight)), "The dendrogram with the cut into " + k + " clusters.");
        results.put("clustering", Json.object().put("kmeans", Json.object().put("k", k).put("nmi", nmi).put("ari", ari)
                        .put("inertia", kmeans.inertia()))
                .put("ward", Json.object().put("samples", m).put("nmi", wardNmi).put("ari", wardAri))
                .put("elbow", choice.knee().isPresent() ? choice.knee().getAsInt() : -1)
                .put("bestSilhouette", choice.bestSilhouette().isPresent() ? choice.bestSilhouette().getAsInt() : -1));
        merits.add(new String[]{"k-means (k = " + k + "): NMI / ARI", fmt(nmi) + " / " + fmt(ari)});
        merits.add(new String[]{"Ward (k = " + k + "): NMI / ARI", fmt(wardNmi) + " / " + fmt(wardAri)});
        sections.add(s);
        return null;
    }

    // ---------------------------------------------------------------- 5. autoencoder

    private Void autoencoder() throws IOException {
        Dataset data = train, side = sideData();
        Autoencoder base = Autoencoder.defaults().withHidden(plan.hidden()).withEpochs(plan.epochs()).withSeed(seed);
        AutoencoderModel ae = base.withLatent(32).fit(data);
        ae.save(models.resolve("autoencoder.latent"));
        aeCodes = ae.encode(x);
        aeTestCodes = ae.encode(xTest);
        Matrix back = ae.reconstruct(xTest);
        double psnr = Reconstruction.psnr(xTest, back, 1);
        Section s = Section.of("Autoencoder").text(String.format(Locale.ROOT, "An autoencoder squeezes each sample "
                + "through a 32-value code and rebuilds it. Test reconstructions reach %.1f dB PSNR; the top row shows "
                + "originals, the bottom row their reconstructions.", psnr));
        s = s.figure(pairs("ae-reconstructions", xTest, back, "Reconstructions"), "Test samples and their reconstructions.");

        AutoencoderModel flat = base.withLatent(2).fit(side);
        Matrix codes2 = flat.encode(xTest);
        s = s.text("With a 2-value code the codes can be drawn: classes form clusters although no label was used. "
                + "Decoding random points of that plane mostly gives blurry non-digits, because nothing made the code "
                + "space smooth or filled: an autoencoder is not a generator.");
        s = s.figureAsPng(save("ae-code-space", ScatterPlot.defaults().withTitle("Autoencoder codes (2-D)")
                .byLabel(codes2, test.labels(), test.classNames())), "2-D codes of the test samples.");
        Matrix random = randomInBox(codes2, 20);
        s = s.figure(grid("ae-random-decodings", flat.decode(random), "Decoded random codes"), "Decodings of random codes.");
        Matrix pair = xTest.rows(0, 2);
        s = s.figure(grid("ae-interpolation", interpolate(flat, pair, 10), "Interpolation in code space"),
                "From one test sample to another through the code space.");

        AutoencoderModel denoising = base.withLatent(32).withNoise(Noise.masking(0.3)).fit(side);
        Matrix noisy = masked(xTest.rows(0, 10), 0.3);
        s = s.text("A denoising autoencoder learns to undo corruption: trained on inputs with 30% of the values masked, it "
                + "rebuilds clean samples from masked ones.");
        s = s.figure(pairs("ae-denoising", noisy, denoising.reconstruct(noisy), "Denoising"), "Masked inputs and outputs.");

        double[] sizes = {2, 8, 32};
        double[] psnrs = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            AutoencoderModel m = sizes[i] == 32 ? ae : sizes[i] == 2 ? flat : base.withLatent((int) sizes[i]).fit(side);
            psnrs[i] = Reconstruction.psnr(xTest, m.reconstruct(xTest), 1);
        }
        s = s.text("Compression: the longer the code, the better the reconstruction.");
        s = s.figure(save("ae-compression", LinePlot.defaults().withTitle("Code size against PSNR")
                .withAxisLabels("code size", "PSNR (dB)").draw(new Series("test PSNR", sizes, psnrs))), "Code size and PSNR.");

        Neighbors nn = ae.nearest(xTest.rows(0, 1), x, 9);
        Matrix retrieved = Matrix.zeros(10, x.cols());
        System.arraycopy(xTest.values(), 0, retrieved.values(), 0, x.cols());
        for (int r = 0; r < 9; r++) System.arraycopy(x.values(), nn.index(0, r) * x.cols(), retrieved.values(), (r + 1) * x.cols(), x.cols());
        s = s.text("Retrieval: the nearest training samples to a query, measured between codes.");
        s = s.figure(grid("ae-retrieval", retrieved, "A query and its nearest neighbours"), "The query first.");
        double[] scores = ae.anomalyScores(xTest);
        int[] worst = ReconstructCommand.worst(scores, Math.min(10, scores.length));
        s = s.text("Anomalies: the test samples the autoencoder reconstructs worst.");
        s = s.figure(grid("ae-anomalies", xTest.rows(worst), "Most anomalous test samples"), "By reconstruction error.");
        results.put("autoencoder", Json.object().put("testPsnr", psnr).put("testMse", Reconstruction.mse(xTest, back))
                .put("compression", Json.object().put("2", psnrs[0]).put("8", psnrs[1]).put("32", psnrs[2])));
        merits.add(new String[]{"autoencoder: test PSNR (32-value code)", fmt(psnr) + " dB"});
        sections.add(s);
        return null;
    }

    // ---------------------------------------------------------------- 6. VAE

    private Void vae() throws IOException {
        Dataset data = train, side = sideData();
        Vae base = Vae.defaults().withHidden(plan.hidden().subList(0, 1)).withEpochs(plan.epochs()).withSeed(seed);
        VaeModel vae = base.withLatent(2).fit(side);
        vae.save(models.resolve("vae.latent"));
        Matrix means = vae.encode(xTest).mean();
        var elbo = vae.elbo(xTest, new int[0], seed);
        Section s = Section.of("Variational autoencoder").text(String.format(Locale.ROOT, "A VAE maps each sample "
                + "to a Gaussian in a latent space kept close to a standard normal, so that the whole space decodes to "
                + "plausible samples. Its 2-D latent means overlap as balls around the origin; samples from the prior "
                + "and the decoded grid over the plane look like the data. Test ELBO: %.1f nats.", elbo.elbo()));
        s = s.figureAsPng(save("vae-latent", ScatterPlot.defaults().withTitle("VAE latent means (2-D)")
                .byLabel(means, test.labels(), test.classNames())), "Latent means of the test samples.");
        s = s.figure(grid("vae-samples", vae.sample(20, -1, seed), "Samples from the prior"), "Samples from N(0, I).");
        s = s.figure(grid("vae-manifold", vae.manifold(10, -1), "The decoded latent grid"), "A 10 x 10 grid over [-2, 2]^2.");
        s = s.figure(grid("vae-interpolation", vae.interpolate(xTest.rows(0, 2), new int[0], 10, true), "Interpolation"),
                "Spherical interpolation between two test samples.");
        double[] betas = {0.5, 1, 4};
        double[] rec = new double[betas.length], kl = new double[betas.length];
        Table tradeoff = Table.of("Reconstruction against KL over beta (test, nats per sample)", "beta", "reconstruction", "KL");
        for (int i = 0; i < betas.length; i++) {
            VaeModel m = betas[i] == 1 ? vae : base.withLatent(2).withBeta(betas[i]).fit(side);
            var e = m.elbo(xTest, new int[0], seed);
            rec[i] = e.reconstruction();
            kl[i] = e.kl();
            tradeoff.row(fmt(betas[i]), fmt(rec[i]), fmt(kl[i]));
        }
        s = s.text("A larger beta weighs the KL term more: codes carry less information (lower KL) and reconstructions get worse.");
        s = s.table(tradeoff);
        VaeModel wide = base.withLatent(20).fit(data);
        vaeCodes = wide.encode(x).mean();
        vaeTestCodes = wide.encode(xTest).mean();
        results.put("vae", Json.object().put("testElbo", elbo.elbo()).put("testReconstruction", elbo.reconstruction())
                .put("testKl", elbo.kl()).put("betas", array(betas)).put("reconstruction", array(rec)).put("kl", array(kl)));
        merits.add(new String[]{"VAE (2-D latent): test ELBO", fmt(elbo.elbo()) + " nats"});
        sections.add(s);
        return null;
    }

    // ---------------------------------------------------------------- 7. features

    private Void features() {
        Table table = Table.of("k-NN accuracy on the test set with a share of the training labels (k = 10, or one "
                + "per 10 labelled samples when fewer than 100 are labelled)",
                "features", "1%", "10%", "100%");
        Json.JsonObject acc = Json.object();
        String[] names = {"raw pixels", "PCA (50)", "autoencoder codes (32)", "VAE means (20)"};
        Matrix[][] pairs = {{x, xTest}, {pcaCodes, pcaTestCodes}, {aeCodes, aeTestCodes}, {vaeCodes, vaeTestCodes}};
        double[] shares = {0.01, 0.1, 1.0};
        int[] order = shuffled(x.rows(), seed), trainLabels = train.labels(), testLabels = test.labels();
        for (int f = 0; f < names.length; f++) {
            String[] row = new String[4];
            row[0] = names[f];
            Json.JsonArray a = Json.array();
            for (int j = 0; j < shares.length; j++) {
                int m = Math.max(1, (int) Math.round(shares[j] * x.rows()));
                int[] picked = java.util.Arrays.copyOf(order, m);
                int[] labels = new int[m];
                for (int i = 0; i < m; i++) labels[i] = trainLabels[picked[i]];
                int k = Math.max(1, Math.min(K_NEIGHBORS, m / 10));
                double score = KnnAccuracy.score(pairs[f][0].rows(picked), labels, pairs[f][1], testLabels, k);
                row[j + 1] = fmt(score);
                a.add(score);
            }
            acc.put(names[f], a);
            table.row((Object[]) row);
            merits.add(new String[]{"k-NN accuracy with all labels: " + names[f], row[3]});
        }
        results.put("knn", acc);
        sections.add(Section.of("What unsupervised features buy").text("Features learned without labels can make "
                + "the few labels one has go further: a 10-nearest-neighbour classifier trained on 1%, 10% and all of "
                + "the training labels, on raw values and on the codes of the models above.").table(table));
        return null;
    }

    // ---------------------------------------------------------------- helpers

    /** The training samples of the illustrative networks: the first {@code sideSamples} (0 = all). */
    private Dataset sideData() {
        int n = plan.sideSamples();
        return n == 0 || n >= train.size() ? train : dev.latent.data.Transforms.limit(train, n);
    }

    private Figure save(String name, Figure f) throws IOException {
        f.writePng(figures.resolve(name + ".png"));
        return f;
    }

    private Figure grid(String name, Matrix rows, String title) throws IOException {
        Dataset d = Dataset.of(name, train.shape(), new FloatStore(clamp(rows)), new int[0], List.of());
        return save(name, ImagePanels.defaults().withTitle(title).withColumns(10).grid(d, range(rows.rows()), List.of()));
    }

    private Figure pairs(String name, Matrix top, Matrix bottom, String title) throws IOException {
        int m = Math.min(10, top.rows()), d = top.cols();
        Matrix both = Matrix.zeros(2 * m, d);
        System.arraycopy(top.values(), 0, both.values(), 0, m * d);
        System.arraycopy(bottom.values(), 0, both.values(), m * d, m * d);
        return grid(name, both, title);
    }

    private static Matrix clamp(Matrix m) {
        Matrix c = m.copy();
        float[] v = c.values();
        for (int i = 0; i < v.length; i++) v[i] = Math.clamp(v[i], 0f, 1f);
        return c;
    }

    private Matrix randomInBox(Matrix codes, int n) {
        float[] lo = {Float.MAX_VALUE, Float.MAX_VALUE}, hi = {-Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < codes.rows(); i++) {
            for (int j = 0; j < 2; j++) {
                lo[j] = Math.min(lo[j], codes.get(i, j));
                hi[j] = Math.max(hi[j], codes.get(i, j));
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix out = Matrix.zeros(n, 2);
        for (int i = 0; i < n; i++) for (int j = 0; j < 2; j++) out.set(i, j, (float) (lo[j] + rng.nextDouble() * (hi[j] - lo[j])));
        return out;
    }

    private static Matrix interpolate(AutoencoderModel model, Matrix pair, int steps) {
        Matrix codes = model.encode(pair);
        int l = codes.cols();
        Matrix path = Matrix.zeros(steps, l);
        for (int s = 0; s < steps; s++) {
            double t = s / (steps - 1.0);
            for (int j = 0; j < l; j++) path.set(s, j, (float) ((1 - t) * codes.get(0, j) + t * codes.get(1, j)));
        }
        return model.decode(path);
    }

    private Matrix masked(Matrix rows, double fraction) {
        Matrix m = rows.copy();
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = m.values();
        for (int i = 0; i < v.length; i++) if (rng.nextDouble() < fraction) v[i] = 0;
        return m;
    }

    private static Matrix firstColumns(Matrix m, int k) {
        Matrix out = Matrix.zeros(m.rows(), k);
        for (int i = 0; i < m.rows(); i++) System.arraycopy(m.values(), i * m.cols(), out.values(), i * k, k);
        return out;
    }

    /** Up to {@code perClass} indexes of each class, class by class. */
    private static int[] firstPerClass(Dataset d, int perClass) {
        int classes = d.classCount();
        int[][] picked = new int[classes][perClass];
        int[] count = new int[classes], labels = d.labels();
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            if (count[c] < perClass) picked[c][count[c]++] = i;
        }
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r < perClass; r++) for (int c = 0; c < classes; c++) if (r < count[c]) out.add(picked[c][r]);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    private static int[] shuffled(int n, long seed) {
        int[] r = range(n);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1), t = r[i];
            r[i] = r[j];
            r[j] = t;
        }
        return r;
    }

    /** CPU time of the whole process (all threads, JIT and GC included) in seconds, or 0 where the JVM cannot tell. */
    private static double cpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) / 1e9 : 0;
    }

    private static Json.JsonArray array(double[] v) {
        Json.JsonArray a = Json.array();
        for (double d : v) a.add(d);
        return a;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String seconds(double s) {
        return Output.duration(s);
    }
}
