package dev.latent.neighbors;

import dev.latent.internal.Check;

/**
 * The {@code k} nearest neighbours of each of {@code n} query rows, nearest first.
 * <p>Row {@code i}'s neighbours are {@code indices[i * k .. (i + 1) * k)}, with their distances (under the search's
 * metric) at the same positions of {@code distances}. The arrays are shared, not copied: treat them
 * as read-only.
 * @param n         number of query rows
 * @param k         neighbours per row
 * @param indices   row indices into the searched data, {@code n * k} of them
 * @param distances distances under the search's metric, ascending within each row
 */
public record Neighbors(int n, int k, int[] indices, float[] distances) {
    public Neighbors {
        Check.atLeast("n", n, 0);
        Check.atLeast("k", k, 0);
        Check.argument(indices.length == (long) n * k && distances.length == (long) n * k,
                "indices and distances must hold n * k = " + ((long) n * k) + " entries, got "
                        + indices.length + " and " + distances.length);
    }

    /** The index of row {@code i}'s {@code r}-th nearest neighbour (r = 0 is the nearest). */
    public int index(int i, int r) {
        return indices[i * k + r];
    }

    /** The distance from row {@code i} to its {@code r}-th nearest neighbour. */
    public float distance(int i, int r) {
        return distances[i * k + r];
    }
}
