package dev.latent.metrics;

import dev.latent.internal.Check;

import java.util.Arrays;

/**
 * A labelling recoded to dense codes {@code 0 .. count-1}, in ascending order of the original labels.
 * @param codes  the code of each sample
 * @param values the original label of each code, ascending
 * @param sizes  the number of samples with each code
 */
record Labels(int[] codes, int[] values, int[] sizes) {
    /** Recodes {@code labels}; {@code name} names the array in error messages. */
    static Labels encode(String name, int[] labels) {
        Check.notNull(name, labels);
        int[] sorted = labels.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) sorted[distinct++] = sorted[i];
        }
        int[] values = Arrays.copyOf(sorted, distinct);
        int[] codes = new int[labels.length];
        int[] sizes = new int[distinct];
        for (int i = 0; i < labels.length; i++) {
            int c = Arrays.binarySearch(values, labels[i]);
            codes[i] = c;
            sizes[c]++;
        }
        return new Labels(codes, values, sizes);
    }

    /** The number of distinct labels. */
    int count() {
        return values.length;
    }

    /** Checks that two labellings have the same, non-zero length. */
    static void sameLength(String nameA, int[] a, String nameB, int[] b) {
        Check.notNull(nameA, a);
        Check.notNull(nameB, b);
        if (a.length != b.length) {
            throw new IllegalArgumentException(nameA + " and " + nameB + " must have the same length, got "
                    + a.length + " and " + b.length);
        }
        Check.argument(a.length > 0, nameA + " and " + nameB + " must not be empty");
    }

    /** Checks one label per row of {@code x} and a cluster count that the clustering indices are defined for. */
    static Labels forClustering(dev.latent.data.Matrix x, int[] labels) {
        Check.notNull("x", x);
        Check.notNull("labels", labels);
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException("labels must have one entry per row of x (" + x.rows()
                    + "), got " + labels.length);
        }
        Check.finite("x", x);
        Labels encoded = encode("labels", labels);
        int k = encoded.count(), n = x.rows();
        if (k < 2 || k > n - 1) {
            throw new IllegalArgumentException("labels must name between 2 and n - 1 = " + (n - 1)
                    + " clusters, got " + k + " distinct labels for " + n + " rows");
        }
        return encoded;
    }
}
