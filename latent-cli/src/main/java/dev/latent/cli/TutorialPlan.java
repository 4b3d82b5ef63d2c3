package dev.latent.cli;

import java.util.List;

/**
 * How much of each step of a tutorial runs on a dataset: the samples used for the maps and the clustering, the
 * epochs of the networks, and their sizes. The plans fit the budgets of issue 7 on a 2-core machine (BENCHMARKS.md,
 * "Tutorial", has the measured times) and are large enough for the quality floors that TutorialMnistTest checks:
 * the maps' 10-NN accuracy improves with the number of points embedded, and the k-NN accuracy of the codes with the
 * number of labelled training samples.
 * @param name            the dataset ({@code digits}, {@code mnist}, {@code sat6})
 * @param train           the registered training set
 * @param test            the registered test set, or empty to hold out a fifth of the training set
 * @param trainSamples    training samples used by PCA, the main networks (the 32-value autoencoder and the 20-value
 *                        VAE whose codes k-NN scores) and k-NN (0 = all)
 * @param testSamples     test samples scored (0 = all)
 * @param mapSamples      samples embedded by t-SNE and UMAP
 * @param tsneIterations  t-SNE iterations (its first 250 exaggerated)
 * @param umapEpochs      UMAP layout epochs (0 = UMAP's default for the row count: 500 up to 10,000 rows, else 200)
 * @param clusterSamples  samples clustered by k-means (and over which k is chosen)
 * @param treeSamples     samples clustered by Ward's method
 * @param sideSamples     training samples of the illustrative networks (the 2-value and 8-value autoencoders, the
 *                        denoising one, the 2-D VAEs over beta)
 * @param hidden          hidden widths of the dense networks
 * @param epochs          epochs of every network
 * @param maxK            the largest k tried when choosing k
 */
record TutorialPlan(String name, String train, String test, int trainSamples, int testSamples, int mapSamples,
                    int tsneIterations, int umapEpochs, int clusterSamples, int treeSamples, int sideSamples,
                    List<Integer> hidden, int epochs, int maxK) {

    static TutorialPlan of(String dataset, boolean quick) {
        return switch (dataset) {
            case "digits" -> new TutorialPlan("digits", "digits", "", 0, 0, 1_797, 750, 0, 1_797, 1_797, 0,
                    List.of(128, 64), quick ? 15 : 40, 15);
            case "mnist" -> quick
                    ? new TutorialPlan("mnist", "mnist", "mnist:test", 0, 0, 20_000, 500, 500, 5_000, 3_000,
                            10_000, List.of(256, 128), 3, 12)
                    : new TutorialPlan("mnist", "mnist", "mnist:test", 0, 0, 60_000, 750, 0, 20_000, 10_000,
                            20_000, List.of(512, 256), 10, 20);
            case "sat6" -> quick
                    ? new TutorialPlan("sat6", "sat6", "sat6:test", 10_000, 2_000, 3_000, 750, 0, 3_000, 2_000,
                            10_000, List.of(256, 128), 3, 12)
                    : new TutorialPlan("sat6", "sat6", "sat6:test", 60_000, 10_000, 20_000, 750, 0, 10_000, 5_000,
                            20_000, List.of(512, 256), 3, 12);
            default -> throw new IllegalArgumentException("the tutorials are digits, mnist and sat6, got " + dataset);
        };
    }
}
