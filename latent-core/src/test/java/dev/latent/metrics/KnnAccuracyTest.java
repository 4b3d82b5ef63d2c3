package dev.latent.metrics;

import dev.latent.data.Matrix;
import dev.latent.neighbors.Neighbors;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KnnAccuracyTest {

    // codes 0, 1, 3, 10, 11, 13 (no tied distances), labels 0, 0, 1, 1, 1, 1
    private static final Matrix LINE = Matrix.of(6, 1, 0, 1, 3, 10, 11, 13);
    private static final int[] LINE_LABELS = {0, 0, 1, 1, 1, 1};

    @Test
    void leaveOneOutWithOneNeighbourMatchesHandCount() {
        // nearest other rows: 0->1 (0 ok), 1->0 (0 ok), 2->1 (label 0, wrong), 3->4, 4->3, 5->4 (all 1, ok): 5/6
        assertEquals(5.0 / 6, KnnAccuracy.leaveOneOut(LINE, LINE_LABELS, 1), 1e-15, "5/6");
    }

    @Test
    void leaveOneOutWithThreeNeighboursMatchesHandCount() {
        // row 0 -> 1, 2, 3: labels 0, 1, 1 -> 1 (wrong); row 1 -> 0, 2, 3: 0, 1, 1 -> 1 (wrong);
        // row 2 -> 1, 0, 3: 0, 0, 1 -> 0 (wrong); rows 3, 4, 5 see 1, 1, 1 (right): 3/6
        assertEquals(0.5, KnnAccuracy.leaveOneOut(LINE, LINE_LABELS, 3), 1e-15, "3/6");
    }

    @Test
    void leaveOneOutTieGoesToTheNearestNeighbour() {
        // k = 2: row 0 -> 1, 2 = labels 0, 1: tie, nearest (row 1) says 0 (right); row 1 -> 0, 2: 0 (right);
        // row 2 -> 1, 0: 0, 0 (wrong); rows 3, 4, 5 right: 5/6
        assertEquals(5.0 / 6, KnnAccuracy.leaveOneOut(LINE, LINE_LABELS, 2), 1e-15, "5/6");
    }

    @Test
    void trainTestAccuracyMatchesHandCount() {
        // train 0 (7), 1 (7), 10 (8), 11 (8); test 2 (7) -> 1: 7 right; 9 (7) -> 10: 8 wrong;
        // 12 (8) -> 11: 8 right; 0.4 (5, a label no training row has) -> 0: 7 wrong. 2/4
        Matrix train = Matrix.of(4, 1, 0, 1, 10, 11);
        Matrix test = Matrix.of(4, 1, 2, 9, 12, 0.4f);
        assertEquals(0.5, KnnAccuracy.score(train, new int[] {7, 7, 8, 8}, test, new int[] {7, 7, 8, 5}, 1), 1e-15,
                "2/4");
    }

    @Test
    void matchesNaiveNeighboursAndVoteOnRandomData() {
        SplittableRandom rng = new SplittableRandom(51);
        int n = 150;
        Matrix codes = SilhouetteTest.randomMatrix(rng, n, 3, 1f);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = codes.get(i, 0) + 0.3 * rng.nextGaussian() > 0 ? 1 : 0;
        for (int k : new int[] {1, 4, 7}) {
            Neighbors nb = TrustworthinessTest.naiveKnn(codes, k);
            int correct = 0;
            for (int i = 0; i < n; i++) {
                int ones = 0;
                for (int r = 0; r < k; r++) ones += labels[nb.index(i, r)];
                int vote = 2 * ones > k ? 1 : 2 * ones < k ? 0 : labels[nb.index(i, 0)];
                if (vote == labels[i]) correct++;
            }
            assertEquals((double) correct / n, KnnAccuracy.leaveOneOut(codes, labels, k), 1e-15, "k = " + k);
        }
    }

    @Test
    void relabellingClassesDoesNotChangeAccuracy() {
        int[] renamed = {5, 5, -2, -2, -2, -2};
        assertEquals(KnnAccuracy.leaveOneOut(LINE, LINE_LABELS, 3), KnnAccuracy.leaveOneOut(LINE, renamed, 3), 0,
                "same classes, same accuracy");
    }

    @Test
    void badInputIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> KnnAccuracy.leaveOneOut(LINE, LINE_LABELS, 6));
        assertEquals("k must be <= n - 1 = 5 (a row is never its own neighbour), got 6", e.getMessage(), "k");
        e = assertThrows(IllegalArgumentException.class, () -> KnnAccuracy.leaveOneOut(LINE, new int[5], 1));
        assertEquals("labels must have one entry per row of codes (6), got 5", e.getMessage(), "labels length");
        e = assertThrows(IllegalArgumentException.class, () -> KnnAccuracy.leaveOneOut(LINE, LINE_LABELS, 0));
        assertEquals("k must be >= 1, got 0", e.getMessage(), "k zero");
        Matrix train = Matrix.of(2, 1, 0, 1);
        e = assertThrows(IllegalArgumentException.class,
                () -> KnnAccuracy.score(train, new int[2], Matrix.of(1, 2, 0, 0), new int[1], 1));
        assertEquals("testCodes must have 1 columns, got 2", e.getMessage(), "width");
        e = assertThrows(IllegalArgumentException.class,
                () -> KnnAccuracy.score(train, new int[2], Matrix.of(1, 1, 0), new int[1], 3));
        assertEquals("k must be <= the number of training rows, 2, got 3", e.getMessage(), "k > train rows");
        e = assertThrows(IllegalArgumentException.class,
                () -> KnnAccuracy.score(train, new int[2], Matrix.of(1, 1, Float.NaN), new int[1], 1));
        assertEquals("testCodes has NaN at row 0, column 0 (1 non-finite value in all)", e.getMessage(), "NaN");
    }

    @Test
    void majorityVoteWinsAndTiesGoToTheNearestTiedLabel() {
        int[] codes = {0, 1, 1, 2, 2, 0};
        int[] votes = new int[3];
        // neighbours 1, 2, 0 -> labels 1, 1, 0: majority 1
        assertEquals(1, KnnAccuracy.vote(new int[] {1, 2, 0}, 0, 3, codes, votes), "two votes beat one");
        // neighbours 0, 3, 1, 4 -> labels 0, 2, 1, 2: label 2 has two votes
        assertEquals(2, KnnAccuracy.vote(new int[] {0, 3, 1, 4}, 0, 4, codes, votes), "majority not nearest");
        // neighbours 3, 1, 2, 4 -> labels 2, 1, 1, 2: 1 and 2 tie with two votes; nearest of them (row 3) is 2
        assertEquals(2, KnnAccuracy.vote(new int[] {3, 1, 2, 4}, 0, 4, codes, votes), "tie to the nearest");
        // neighbours 5, 1, 2, 3, 4 -> labels 0, 1, 1, 2, 2: 1 and 2 tie; 0 is nearest but not tied, so row 1's 1
        assertEquals(1, KnnAccuracy.vote(new int[] {5, 1, 2, 3, 4}, 0, 5, codes, votes),
                "tie to the nearest among the tied labels only");
        assertEquals(0, votes[0] + votes[1] + votes[2], "votes are reset");
    }

    @Test
    void accuracyCountsCorrectVotes() {
        // reference codes 0, 0, 1, 1; four queries with k = 1 neighbours 0, 2, 3, 1 -> votes 0, 1, 1, 0
        // query codes 0, 1, 0, -1 -> correct, correct, wrong, wrong (label unknown to the reference): 2 / 4
        Neighbors nb = new Neighbors(4, 1, new int[] {0, 2, 3, 1}, new float[4]);
        assertEquals(0.5, KnnAccuracy.accuracy(nb, new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, -1}, 2), 0, "2/4");
    }

    @Test
    void labelsAreCodedAgainstTheReferenceValues() {
        assertEquals(java.util.List.of(1, -1, 0, 2),
                java.util.Arrays.stream(KnnAccuracy.codesIn(new int[] {-3, 4, 9}, new int[] {4, 5, -3, 9})).boxed()
                        .toList(), "codes in sorted values, -1 for absent");
    }
}
