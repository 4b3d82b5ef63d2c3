package dev.latent.metrics;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.internal.Parallel;
import dev.latent.neighbors.ExactKnn;
import dev.latent.neighbors.Neighbors;

import java.util.Arrays;

/**
 * The accuracy of k-nearest-neighbour classification in an embedding: how well the codes of a model keep the
 * classes of the data apart, without training a classifier.
 * <p>Each query row is given the majority label of its {@code k} nearest neighbours (Euclidean distance in the
 * embedding; neighbours at equal distance are taken in row order). A tie between labels with the same number
 * of votes goes to the label of the nearest neighbour among the tied labels. The accuracy is the fraction of queries whose vote equals their own label.
 * {@code leaveOneOut} classifies every row by the other rows (the row itself is never its own neighbour);
 * {@code score} classifies test rows by training rows. A test label that no training row has is always counted
 * as wrong. Neighbours come from {@link dev.latent.neighbors.ExactKnn}, so the cost is that of an exact search,
 * O(n_test n_train d); voting costs O(n k).
 * <p>Reference: T. M. Cover and P. E. Hart, "Nearest neighbor pattern classification", IEEE Transactions on
 * Information Theory 13(1), 21-27, 1967; used to evaluate embeddings e.g. by L. van der Maaten, "Learning a
 * Parametric Embedding by Preserving Local Structure", AISTATS 2009.
 */
public final class KnnAccuracy {
    private static final int CHUNK = 4096;

    private KnnAccuracy() {}

    /**
     * The leave-one-out k-NN accuracy of {@code codes}: each row is classified by the majority label of its
     * {@code k} nearest other rows.
     * @param codes  the embedding, one row per sample
     * @param labels the class of each row
     * @param k      neighbours per vote, in {@code [1, n - 1]}
     * @throws IllegalArgumentException if {@code labels} does not have one entry per row, {@code k} is out of
     *                                  range, or {@code codes} holds NaN or infinity
     */
    public static double leaveOneOut(Matrix codes, int[] labels, int k) {
        Check.notNull("codes", codes);
        checkLabels("labels", labels, "codes", codes.rows());
        int n = codes.rows();
        Check.atLeast("k", k, 1);
        if (k > n - 1) {
            throw new IllegalArgumentException("k must be <= n - 1 = " + (n - 1)
                    + " (a row is never its own neighbour), got " + k);
        }
        Check.finite("codes", codes);
        Labels encoded = Labels.encode("labels", labels);
        Neighbors neighbors = ExactKnn.searchSelf(codes, k);
        return accuracy(neighbors, encoded.codes(), encoded.codes(), encoded.count());
    }

    /**
     * The k-NN accuracy on test rows classified by the majority label of their {@code k} nearest training rows.
     * @param k neighbours per vote, in {@code [1, trainCodes.rows()]}
     * @throws IllegalArgumentException if a label array does not have one entry per row of its codes, the codes
     *                                  differ in width, there are no test rows, {@code k} is out of range, or the
     *                                  codes hold NaN or infinity
     */
    public static double score(Matrix trainCodes, int[] trainLabels, Matrix testCodes, int[] testLabels, int k) {
        Check.notNull("trainCodes", trainCodes);
        Check.notNull("testCodes", testCodes);
        checkLabels("trainLabels", trainLabels, "trainCodes", trainCodes.rows());
        checkLabels("testLabels", testLabels, "testCodes", testCodes.rows());
        Check.columns("testCodes", testCodes, trainCodes.cols());
        Check.rowsAtLeast("testCodes", testCodes, 1, "rows to classify");
        Check.atLeast("k", k, 1);
        if (k > trainCodes.rows()) {
            throw new IllegalArgumentException("k must be <= the number of training rows, "
                    + trainCodes.rows() + ", got " + k);
        }
        Check.finite("trainCodes", trainCodes);
        Check.finite("testCodes", testCodes);
        Labels train = Labels.encode("trainLabels", trainLabels);
        Neighbors neighbors = ExactKnn.search(trainCodes, testCodes, k);
        return accuracy(neighbors, train.codes(), codesIn(train.values(), testLabels), train.count());
    }

    /**
     * The fraction of queries whose neighbours' majority vote equals their label.
     * @param neighbors         the neighbours of each query, nearest first, as indices into the reference labels
     * @param referenceCodes    label code of each reference row, in {@code [0, classes)}
     * @param queryCodes        label code of each query, or -1 for a label no reference row has
     */
    static double accuracy(Neighbors neighbors, int[] referenceCodes, int[] queryCodes, int classes) {
        int n = neighbors.n(), k = neighbors.k();
        int[] indices = neighbors.indices();
        assert queryCodes.length == n && k >= 1;
        double[] partial = Parallel.shared().forChunks(n, CHUNK, (from, to) -> {
            int[] votes = new int[classes];
            int correct = 0;
            for (int q = from; q < to; q++) {
                int o = q * k;
                if (vote(indices, o, k, referenceCodes, votes) == queryCodes[q]) correct++;
            }
            return correct;
        });
        double correct = 0;
        for (double p : partial) correct += p;
        return correct / n;
    }

    /** The majority label of {@code indices[o .. o + k)}, ties to the nearest; leaves {@code votes} all zero. */
    static int vote(int[] indices, int o, int k, int[] codes, int[] votes) {
        int best = 0;
        for (int r = 0; r < k; r++) best = Math.max(best, ++votes[codes[indices[o + r]]]);
        int winner = -1;
        for (int r = 0; r < k; r++) {
            int c = codes[indices[o + r]];
            if (winner < 0 && votes[c] == best) winner = c;
        }
        for (int r = 0; r < k; r++) votes[codes[indices[o + r]]] = 0;
        return winner;
    }

    /** Codes of {@code labels} in the sorted label values {@code values}; -1 for a value not present. */
    static int[] codesIn(int[] values, int[] labels) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int c = Arrays.binarySearch(values, labels[i]);
            out[i] = c >= 0 ? c : -1;
        }
        return out;
    }

    static void checkLabels(String labelsName, int[] labels, String rowsName, int rows) {
        Check.notNull(labelsName, labels);
        if (labels.length != rows) {
            throw new IllegalArgumentException(labelsName + " must have one entry per row of " + rowsName + " ("
                    + rows + "), got " + labels.length);
        }
    }
}
