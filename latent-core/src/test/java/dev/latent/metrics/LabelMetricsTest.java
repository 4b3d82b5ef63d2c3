package dev.latent.metrics;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelMetricsTest {

    @Test
    void contingencyCountsEveryPairOfLabels() {
        // truth -1,-1,7,7,7 ; predicted 3,5,5,5,3 -> rows (-1, 7), columns (3, 5): [[1, 1], [1, 2]]
        Contingency t = Contingency.of(new int[] {-1, -1, 7, 7, 7}, new int[] {3, 5, 5, 5, 3});
        assertEquals(5, t.n(), "five samples");
        assertEquals(2, t.rows(), "two classes");
        assertEquals(2, t.columns(), "two clusters");
        assertEquals(-1, t.rowLabel(0), "rows in ascending label order");
        assertEquals(7, t.rowLabel(1), "rows in ascending label order");
        assertEquals(3, t.columnLabel(0), "columns in ascending label order");
        assertEquals(5, t.columnLabel(1), "columns in ascending label order");
        assertEquals(1, t.count(0, 0), "(-1, 3)");
        assertEquals(1, t.count(0, 1), "(-1, 5)");
        assertEquals(1, t.count(1, 0), "(7, 3)");
        assertEquals(2, t.count(1, 1), "(7, 5)");
        assertEquals(2, t.rowSum(0), "class -1 has two samples");
        assertEquals(3, t.rowSum(1), "class 7 has three samples");
        assertEquals(2, t.columnSum(0), "cluster 3 has two samples");
        assertEquals(3, t.columnSum(1), "cluster 5 has three samples");
        assertEquals(4, t.cells(), "four non-zero cells");
    }

    @Test
    void contingencyStoresOnlyNonZeroCells() {
        // 0,0,1,1 against 0,0,1,2: cells (0,0)=2, (1,1)=1, (1,2)=1; (0,1), (0,2), (1,0) are empty
        Contingency t = Contingency.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2});
        assertEquals(3, t.cells(), "three non-zero cells");
        assertEquals(0, t.count(0, 2), "empty cell counts zero");
        assertEquals(0, t.count(1, 0), "empty cell counts zero");
        assertEquals(2, t.count(0, 0), "cell (0, 0)");
    }

    @Test
    void adjustedRandIndexOfIdenticalPartitionsIsOne() {
        assertEquals(1.0, AdjustedRandIndex.score(new int[] {0, 0, 1, 1, 2}, new int[] {0, 0, 1, 1, 2}), 0,
                "identical labels");
        assertEquals(1.0, AdjustedRandIndex.score(new int[] {0, 0, 1, 1, 2}, new int[] {9, 9, -4, -4, 0}), 0,
                "same partition, different label values");
        assertEquals(1.0, AdjustedRandIndex.score(new int[] {0, 1, 2}, new int[] {5, 6, 7}), 0,
                "all singletons on both sides (0/0 limit)");
        assertEquals(1.0, AdjustedRandIndex.score(new int[] {4, 4, 4}, new int[] {1, 1, 1}), 0,
                "one cluster on both sides (0/0 limit)");
    }

    @Test
    void adjustedRandIndexMatchesHandComputedTables() {
        // truth {0,0},{1,1}; predicted {0,0},{1},{2}. index = C(2,2) = 1; rows: C(2)+C(2) = 2; columns: C(2) = 1;
        // C(4,2) = 6; expected = 2 * 1 / 6 = 1/3; max = (2 + 1) / 2 = 3/2; ARI = (2/3) / (7/6) = 4/7.
        // (scikit-learn's documentation gives 0.57... for adjusted_rand_score([0, 0, 1, 1], [0, 0, 1, 2]).)
        assertEquals(4.0 / 7.0, AdjustedRandIndex.score(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}), 1e-15,
                "4/7");
        // cells (0,0)=2,(0,1)=1,(1,1)=1,(1,2)=2: index = 1 + 1 = 2; rows C(3)+C(3) = 6; columns 3 * C(2) = 3;
        // C(6,2) = 15; expected = 6 * 3 / 15 = 1.2; max = 4.5; ARI = 0.8 / 3.3 = 8/33
        assertEquals(8.0 / 33.0,
                AdjustedRandIndex.score(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 0, 1, 1, 2, 2}), 1e-15, "8/33");
        // all cells 1: index 0; rows 2, columns 2, C(4,2) = 6; expected 2/3; max 2; ARI = (-2/3) / (4/3) = -1/2
        assertEquals(-0.5, AdjustedRandIndex.score(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}), 1e-15,
                "crossing partitions give -1/2");
        // one class against all singletons: index 0, expected 0, max 3: ARI 0
        assertEquals(0.0, AdjustedRandIndex.score(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3}), 1e-15,
                "one class against singletons gives 0");
    }

    @Test
    void adjustedRandIndexMatchesPairCountingReference() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + rng.nextInt(60);
            int[] a = randomLabels(rng, n, 1 + rng.nextInt(5));
            int[] b = randomLabels(rng, n, 1 + rng.nextInt(5));
            assertEquals(pairCountingAri(a, b), AdjustedRandIndex.score(a, b), 1e-12,
                    "ARI equals the pair-confusion form 2(tp tn - fn fp) / ((tp+fn)(fn+tn) + (tp+fp)(fp+tn))");
        }
    }

    @Test
    void mutualInformationEqualsEntropiesMinusJointEntropy() {
        SplittableRandom rng = new SplittableRandom(6);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + rng.nextInt(80);
            int[] a = randomLabels(rng, n, 1 + rng.nextInt(6));
            int[] b = randomLabels(rng, n, 1 + rng.nextInt(6));
            int[] joint = new int[n];
            for (int i = 0; i < n; i++) joint[i] = a[i] * 100 + b[i];
            double expected = Math.max(0, entropy(a) + entropy(b) - entropy(joint));
            assertEquals(expected, MutualInformation.score(a, b), 1e-12, "MI = H(a) + H(b) - H(a, b)");
        }
    }

    @Test
    void normalizedMutualInformationMatchesHandComputedCase() {
        // truth {0,0},{1,1}; predicted {0,0},{1},{2}.
        // MI = (2/4) ln(4*2/(2*2)) + (1/4) ln(4*1/(2*1)) + (1/4) ln(4*1/(2*1)) = ln 2
        // H(truth) = ln 2; H(predicted) = (1/2) ln 2 + 2 (1/4) ln 4 = 1.5 ln 2; NMI = ln 2 / (1.25 ln 2) = 0.8
        int[] truth = {0, 0, 1, 1}, predicted = {0, 0, 1, 2};
        assertEquals(Math.log(2), MutualInformation.score(truth, predicted), 1e-15, "MI = ln 2");
        assertEquals(0.8, MutualInformation.normalized(truth, predicted), 1e-15, "NMI = 0.8");
    }

    @Test
    void normalizedMutualInformationIsOneForPermutedLabelsAndZeroForIndependentOnes() {
        assertEquals(1.0, MutualInformation.normalized(new int[] {0, 0, 1, 1, 2, 2}, new int[] {2, 2, 0, 0, 1, 1}),
                1e-15, "a permutation of the labels");
        // every cell of the 2x2 table holds n/4: p_ij = p_i p_j, so MI = 0 exactly
        assertEquals(0.0, MutualInformation.normalized(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}), 0,
                "independent labellings");
        assertEquals(1.0, MutualInformation.normalized(new int[] {3, 3, 3}, new int[] {8, 8, 8}), 0,
                "one label on both sides is the limit case 1");
        assertEquals(0.0, MutualInformation.normalized(new int[] {3, 3, 3}, new int[] {0, 1, 2}), 0,
                "one class against any clustering carries no information");
    }

    @Test
    void purityMatchesHandCount() {
        // cluster 0 = {class 0, class 0} -> 2; cluster 1 = {0, 1, 1, 1} -> 3; cluster 2 = {2, 2} -> 2; 7 / 8
        int[] truth = {0, 0, 0, 1, 1, 1, 2, 2};
        int[] predicted = {0, 0, 1, 1, 1, 1, 2, 2};
        assertEquals(7.0 / 8.0, Purity.score(truth, predicted), 1e-15, "7/8");
        // one cluster holding classes of sizes 3, 2, 2: 3 / 7
        assertEquals(3.0 / 7.0, Purity.score(new int[] {0, 0, 0, 1, 1, 2, 2}, new int[7]), 1e-15, "3/7");
        assertEquals(1.0, Purity.score(new int[] {0, 1, 0, 1}, new int[] {0, 1, 2, 3}), 0,
                "singleton clusters are pure");
    }

    @Test
    void relabellingClustersChangesNoLabelMetric() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + rng.nextInt(100);
            int k = 1 + rng.nextInt(6);
            int[] truth = randomLabels(rng, n, 1 + rng.nextInt(6));
            int[] predicted = randomLabels(rng, n, k);
            int[] renamed = relabel(rng, predicted, k);
            int[] renamedTruth = relabel(rng, truth, 6);
            assertEquals(AdjustedRandIndex.score(truth, predicted), AdjustedRandIndex.score(renamedTruth, renamed),
                    1e-12, "ARI unchanged by relabelling");
            assertEquals(MutualInformation.normalized(truth, predicted),
                    MutualInformation.normalized(renamedTruth, renamed), 1e-12, "NMI unchanged by relabelling");
            assertEquals(Purity.score(truth, predicted), Purity.score(renamedTruth, renamed), 1e-15,
                    "purity unchanged by relabelling");
            assertEquals(AdjustedRandIndex.score(truth, predicted), AdjustedRandIndex.score(predicted, truth),
                    1e-12, "ARI is symmetric");
            assertEquals(MutualInformation.normalized(truth, predicted),
                    MutualInformation.normalized(predicted, truth), 1e-12, "NMI is symmetric");
        }
    }

    @Test
    void labelArraysOfDifferentLengthsAreRejectedNamingBothLengths() {
        int[] five = {0, 1, 0, 1, 0}, four = {0, 1, 0, 1};
        for (var metric : java.util.List.<java.util.function.BiConsumer<int[], int[]>>of(
                AdjustedRandIndex::score, MutualInformation::normalized, MutualInformation::score, Purity::score,
                Contingency::of)) {
            var e = assertThrows(IllegalArgumentException.class, () -> metric.accept(five, four));
            assertEquals("truth and predicted must have the same length, got 5 and 4", e.getMessage(),
                    "message names both lengths");
        }
    }

    @Test
    void emptyOrMissingLabelsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> AdjustedRandIndex.score(new int[0], new int[0]));
        assertTrue(e.getMessage().contains("must not be empty"), "empty labellings: " + e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Purity.score(null, new int[] {1}));
        assertEquals("truth must not be null", e.getMessage(), "null truth");
        e = assertThrows(IllegalArgumentException.class, () -> MutualInformation.normalized(new int[] {1}, null));
        assertEquals("predicted must not be null", e.getMessage(), "null predicted");
    }

    static int[] randomLabels(SplittableRandom rng, int n, int k) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = rng.nextInt(k);
        return labels;
    }

    /** Renames labels 0..k-1 by a random permutation shifted to other values. */
    static int[] relabel(SplittableRandom rng, int[] labels, int k) {
        int[] perm = new int[k];
        for (int i = 0; i < k; i++) perm[i] = i;
        for (int i = k - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) out[i] = 10 * perm[labels[i]] - 17;
        return out;
    }

    private static double pairCountingAri(int[] a, int[] b) {
        long tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                boolean sameA = a[i] == a[j], sameB = b[i] == b[j];
                if (sameA && sameB) tp++;
                else if (sameB) fp++;
                else if (sameA) fn++;
                else tn++;
            }
        }
        if (fn == 0 && fp == 0) return 1.0;
        return 2.0 * ((double) tp * tn - (double) fn * fp) / ((double) (tp + fn) * (fn + tn) + (double) (tp + fp) * (fp + tn));
    }

    private static double entropy(int[] labels) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int l : labels) counts.merge(l, 1, Integer::sum);
        double h = 0;
        for (int c : counts.values()) {
            double p = (double) c / labels.length;
            h -= p * Math.log(p);
        }
        return h;
    }
}
