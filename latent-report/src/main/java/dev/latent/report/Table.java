package dev.latent.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of numbers and text for a {@link Report}: a caption, a header row and rows of cells; an immutable
 * value, built row by row. Cells that read as numbers are aligned right.
 * {@snippet :
 * Table t = Table.of("Clustering quality", "method", "NMI", "ARI").row("k-means", 0.497, 0.366).row("Ward", 0.52, 0.39);
 * }
 * @param caption the caption above the table; may be empty
 * @param header  the column names, at least one
 * @param rows    the rows, each with one cell per column
 */
public record Table(String caption, List<String> header, List<List<String>> rows) {
    /** Copies and checks the cells. @throws IllegalArgumentException when a row has the wrong number of cells */
    public Table {
        Require.notNull("caption", caption);
        Require.notNull("header", header);
        Require.notNull("rows", rows);
        Require.argument(!header.isEmpty(), "header must have at least one column");
        header = List.copyOf(header);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            Require.argument(row != null && row.size() == header.size(), "table row " + r + " must have "
                    + header.size() + " cells, got " + (row == null ? "null" : Integer.toString(row.size())));
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
    }

    /** An empty table with these column names. */
    public static Table of(String caption, String... header) {
        return new Table(caption, List.of(header), List.of());
    }

    /**
     * This table with one more row; numbers are written in at most 6 significant digits ({@code 0.123457},
     * {@code 1500}, {@code 2.5e-7}), other values with {@code toString()}.
     * @throws IllegalArgumentException when the row has not one cell per column, or a cell is null
     */
    public Table row(Object... cells) {
        Require.notNull("cells", cells);
        List<String> row = new ArrayList<>(cells.length);
        for (Object c : cells) row.add(cell(c));
        List<List<String>> more = new ArrayList<>(rows);
        more.add(row);
        return new Table(caption, header, more);
    }

    /** The text of a cell. */
    static String cell(Object c) {
        Require.notNull("cell", c);
        return switch (c) {
            case Double d -> Ticks.format(d, 6);
            case Float f -> Ticks.format(f, 6);
            default -> c.toString();
        };
    }
}
