package dev.latent.cli;

/**
 * How much of each step of a tutorial runs on a dataset: the samples used for the maps and the clustering, the
 * epochs of the networks, and their sizes. The full plans fit the budgets in BENCHMARKS.md on a 2-core machine.
 * @param name            the dataset ({@code digits}, {@code mnist}, {@code sat6})
 * @param train           the registered training set
 * @param test            the registered test set, or empty to hold out a fifth of the training set
 * @param trainSamples    training samples used by the networks and k-NN (0 = all)
 * @param mapSamples      samples embedded by t-SNE and UMAP and clustered by k-means
 * @param treeSamples     samples clustered by Ward's method
 * @param testSamples     test samples scored (0 = all)
 * @param hidden          hidden widths of the dense networks
 * @param epochs          epochs of every network
 * @param maxK            the largest k tried when choosing k
 */
record TutorialPlan(String name, String train, String test, int trainSamples, int mapSamples, int treeSamples,
                    int testSamples, java.util.List<Integer> hidden, int epochs, int maxK) {

    static TutorialPlan of(String dataset, boolean quick) {
        return switch (dataset) {
            case "digits" -> new TutorialPlan("digits", "digits", "", 0, 1_797, 1_797, 0,
                    java.util.List.of(128, 64), quick ? 15 : 40, 15);
            case "mnist" -> quick
                    ? new TutorialPlan("mnist", "mnist", "mnist:test", 10_000, 3_000, 2_000, 2_000,
                            java.util.List.of(256, 128), 3, 15)
                    : new TutorialPlan("mnist", "mnist", "mnist:test", 0, 20_000, 5_000, 0,
                            java.util.List.of(512, 256), 10, 20);
            case "sat6" -> quick
                    ? new TutorialPlan("sat6", "sat6", "sat6:test", 10_000, 3_000, 2_000, 2_000,
                            java.util.List.of(256, 128), 3, 12)
                    : new TutorialPlan("sat6", "sat6", "sat6:test", 0, 20_000, 5_000, 0,
                            java.util.List.of(512, 256), 3, 12);
            default -> throw new IllegalArgumentException("the tutorials are digits, mnist and sat6, got " + dataset);
        };
    }
}
