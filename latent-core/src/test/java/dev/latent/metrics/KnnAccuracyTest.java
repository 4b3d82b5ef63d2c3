package dev.latent.metrics;

import dev.latent.neighbors.Neighbors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KnnAccuracyTest {

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
