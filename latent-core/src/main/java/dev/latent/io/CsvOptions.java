package dev.latent.io;

import dev.latent.internal.Check;

/**
 * How to read a CSV file; {@link #defaults()} detects everything.
 * @param delimiter   the cell separator; {@code '\0'} (the default) detects it among comma, semicolon, tab
 *                    and space, in that order of preference. With a space, runs of spaces count as one.
 * @param header      whether the first row names the columns; {@link Header#AUTO} (the default) takes it as
 *                    a header when it has a non-numeric cell in a column whose second-row cell is numeric
 * @param labelColumn the column holding class labels, by header name or by 0-based index written as text
 *                    ({@code "0"}, {@code "784"}); {@code ""} (the default) for none. A name is looked up
 *                    first, so a header cell {@code "3"} wins over column index 3.
 */
public record CsvOptions(char delimiter, Header header, String labelColumn) {
    /** Whether the first row is a header. */
    public enum Header {
        /** Detect: a header when the first row has a non-numeric cell where the second row is numeric. */
        AUTO,
        /** The first row names the columns. */
        PRESENT,
        /** Every row is data. */
        ABSENT
    }

    public CsvOptions {
        Check.argument(delimiter != '"' && delimiter != '\n' && delimiter != '\r',
                "delimiter must not be a quote or a line break, got " + (int) delimiter);
        Check.notNull("header", header);
        Check.notNull("labelColumn", labelColumn);
    }

    /** Detected delimiter, detected header, no label column. */
    public static CsvOptions defaults() {
        return new CsvOptions('\0', Header.AUTO, "");
    }

    /** The same options with a fixed delimiter ({@code '\0'} to detect). */
    public CsvOptions withDelimiter(char newDelimiter) {
        return new CsvOptions(newDelimiter, header, labelColumn);
    }

    public CsvOptions withHeader(Header newHeader) {
        return new CsvOptions(delimiter, newHeader, labelColumn);
    }

    /** The same options with a label column, by header name or 0-based index as text; {@code ""} for none. */
    public CsvOptions withLabelColumn(String newLabelColumn) {
        return new CsvOptions(delimiter, header, newLabelColumn);
    }
}
