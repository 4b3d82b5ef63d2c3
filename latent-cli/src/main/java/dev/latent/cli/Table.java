package dev.latent.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table: columns padded to their widest cell, numbers aligned right. */
final class Table {
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    /** A table whose column {@code j} is right-aligned when {@code alignRight[j]} is true. */
    Table(boolean... alignRight) {
        this.right = alignRight.clone();
    }

    /** Adds a row with one cell per column. */
    Table add(String... cells) {
        if (cells.length != right.length) {
            throw new IllegalArgumentException("a row must have " + right.length + " cells, got " + cells.length);
        }
        rows.add(cells.clone());
        return this;
    }

    /** Prints the rows, each starting with {@code indent}, columns two spaces apart, no trailing spaces. */
    void print(PrintWriter out, String indent) {
        int[] width = new int[right.length];
        for (String[] r : rows) {
            for (int j = 0; j < r.length; j++) width[j] = Math.max(width[j], r[j].length());
        }
        StringBuilder line = new StringBuilder();
        for (String[] r : rows) {
            line.setLength(0);
            line.append(indent);
            for (int j = 0; j < r.length; j++) {
                if (j > 0) line.append("  ");
                String pad = " ".repeat(width[j] - r[j].length());
                line.append(right[j] ? pad + r[j] : r[j] + pad);
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
