package dev.latent.metrics;

import java.util.Arrays;

/**
 * The contingency table of two labellings of the same samples: how many samples fall in each pair of labels.
 * <p>Rows are the distinct labels of the first labelling (usually the true classes), columns those of the
 * second (usually the found clusters), both in ascending order of label value. Only non-zero cells are stored,
 * so the table costs O(n) memory even when both labellings have thousands of distinct labels; building it
 * costs O(n log n) time.
 * <p>The adjusted Rand index ({@link AdjustedRandIndex}), mutual information ({@link MutualInformation}) and
 * purity ({@link Purity}) are all functions of this table.
 */
public final class Contingency {
    private final int n;
    private final int[] rowLabels;
    private final int[] columnLabels;
    private final int[] rowSums;
    private final int[] columnSums;
    private final int[] cellRows;      // non-zero cells, sorted by (row, column)
    private final int[] cellColumns;
    private final int[] cellCounts;

    private Contingency(int n, int[] rowLabels, int[] columnLabels, int[] rowSums, int[] columnSums,
                        int[] cellRows, int[] cellColumns, int[] cellCounts) {
        this.n = n;
        this.rowLabels = rowLabels;
        this.columnLabels = columnLabels;
        this.rowSums = rowSums;
        this.columnSums = columnSums;
        this.cellRows = cellRows;
        this.cellColumns = cellColumns;
        this.cellCounts = cellCounts;
    }

    /**
     * The contingency table of {@code truth} (rows) against {@code predicted} (columns).
     * @throws IllegalArgumentException if either is null, they differ in length, or they are empty
     */
    public static Contingency of(int[] truth, int[] predicted) {
        Labels.sameLength("truth", truth, "predicted", predicted);
        Labels a = Labels.encode("truth", truth);
        Labels b = Labels.encode("predicted", predicted);
        int n = truth.length;
        long columns = b.count();
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) keys[i] = a.codes()[i] * columns + b.codes()[i];
        Arrays.sort(keys);
        int cells = 0;
        for (int i = 0; i < n; i++) if (i == 0 || keys[i] != keys[i - 1]) cells++;
        int[] rows = new int[cells], cols = new int[cells], counts = new int[cells];
        int c = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                c++;
                rows[c] = (int) (keys[i] / columns);
                cols[c] = (int) (keys[i] % columns);
            }
            counts[c]++;
        }
        return new Contingency(n, a.values(), b.values(), a.sizes(), b.sizes(), rows, cols, counts);
    }

    /** The number of samples. */
    public int n() {
        return n;
    }

    /** The number of rows: distinct labels in the first labelling. */
    public int rows() {
        return rowLabels.length;
    }

    /** The number of columns: distinct labels in the second labelling. */
    public int columns() {
        return columnLabels.length;
    }

    /** The label of row {@code i}. */
    public int rowLabel(int i) {
        return rowLabels[i];
    }

    /** The label of column {@code j}. */
    public int columnLabel(int j) {
        return columnLabels[j];
    }

    /** The number of samples in row {@code i}. */
    public int rowSum(int i) {
        return rowSums[i];
    }

    /** The number of samples in column {@code j}. */
    public int columnSum(int j) {
        return columnSums[j];
    }

    /** The number of samples in row {@code i} and column {@code j}; O(log cells). */
    public int count(int i, int j) {
        int lo = 0, hi = cellRows.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = cellRows[mid] != i ? Integer.compare(cellRows[mid], i) : Integer.compare(cellColumns[mid], j);
            if (cmp == 0) return cellCounts[mid];
            if (cmp < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return 0;
    }

    /** The number of non-zero cells. */
    public int cells() {
        return cellCounts.length;
    }

    /** The row of non-zero cell {@code c}; cells are ordered by row, then column. */
    public int cellRow(int c) {
        return cellRows[c];
    }

    /** The column of non-zero cell {@code c}. */
    public int cellColumn(int c) {
        return cellColumns[c];
    }

    /** The count of non-zero cell {@code c}. */
    public int cellCount(int c) {
        return cellCounts[c];
    }
}
