package dev.latent.io;

import dev.latent.data.Dataset;
import dev.latent.data.FloatStore;
import dev.latent.data.Matrix;
import dev.latent.data.SampleShape;
import dev.latent.internal.Check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads numeric CSV files (plain or gzip-compressed) into float32 datasets.
 * <p>The file is streamed line by line and numbers are parsed by hand, without regular expressions or
 * per-cell strings in the common case. Blank lines are skipped. Cells may be quoted with {@code "}
 * (a doubled {@code ""} inside stands for one quote); a quoted cell cannot span lines. Cells are trimmed
 * of surrounding spaces. Besides decimal numbers, {@code nan}, {@code inf}, {@code infinity} (any case,
 * with a sign) are read as NaN and infinities; finiteness is checked later, where it matters.
 * <p>A label column may hold integers or text. When every label is an integer >= 0, the integers are
 * the labels and there are no class names. Otherwise the distinct labels, sorted (numerically when they
 * are all integers, else as strings), become the class names and each label is its index among them;
 * sorting, rather than order of appearance, keeps the numbering the same across files of one dataset
 * (a training and a test file).
 * <p>Compression is recognized by the gzip magic bytes, whatever the file is called.
 */
public final class Csv {
    private static final char[] CANDIDATES = {',', ';', '\t', ' '};

    private Csv() {}

    /**
     * Reads a CSV file into an unlabelled or labelled dataset of float32 vectors.
     * @throws java.nio.file.NoSuchFileException when the file is missing
     * @throws BadFileException when the file is empty, a row has a different number of cells than the first
     *                          (message: line, expected and actual count), a cell is not a number (message:
     *                          line, 1-based column and the text), or the label column does not exist
     */
    public static Dataset read(Path file, CsvOptions options) throws IOException {
        Check.notNull("file", file);
        Check.notNull("options", options);
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(InputFiles.open(file), decoder), 1 << 16)) {
            return new Reader(file, options, in).read();
        } catch (CharacterCodingException e) {
            throw new BadFileException(file, "is not UTF-8 text (" + e.getMessage() + ")");
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new BadFileException(file, "damaged or truncated gzip stream (" + e.getMessage() + ")");
        }
    }

    /**
     * Writes a matrix as comma-separated text, atomically (a temporary file in the same folder, forced to
     * disk, then renamed), one row per line. Values are written in Java's shortest round-trip form
     * ({@link Float#toString(float)}), so reading the file back gives the same floats bit for bit; NaN and
     * infinities are written as {@code NaN}, {@code Infinity} and {@code -Infinity}.
     * @param columnNames the header row, one name per column, or an empty list for none
     * @throws IllegalArgumentException when {@code columnNames} is neither empty nor one per column, or a
     *                                  name holds a comma, quote or line break
     */
    public static void write(Path file, Matrix x, List<String> columnNames) throws IOException {
        Check.notNull("file", file);
        Check.notNull("x", x);
        Check.notNull("columnNames", columnNames);
        Check.argument(columnNames.isEmpty() || columnNames.size() == x.cols(),
                "columnNames must be empty or have one name per column (" + x.cols() + "), got " + columnNames.size());
        for (String name : columnNames) {
            Check.argument(name.indexOf(',') < 0 && name.indexOf('"') < 0 && name.indexOf('\n') < 0 && name.indexOf('\r') < 0,
                    "column names must not hold a comma, quote or line break, got '" + name + "'");
        }
        int d = x.cols();
        float[] v = x.values();
        AtomicWrites.write(file, out -> {
            var w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            if (!columnNames.isEmpty()) {
                w.write(String.join(",", columnNames));
                w.write('\n');
            }
            for (int i = 0; i < x.rows(); i++) {
                int row = i * d;
                for (int j = 0; j < d; j++) {
                    if (j > 0) w.write(',');
                    w.write(Float.toString(v[row + j]));
                }
                w.write('\n');
            }
            w.flush();
        });
    }

    /** The state of one read. */
    private static final class Reader {
        private final Path file;
        private final CsvOptions options;
        private final BufferedReader in;
        private int lineNumber;
        private char delimiter;
        private final Cells cells = new Cells();
        private final NumberParser number = new NumberParser();
        private int columns;
        private int labelIndex = -1;
        private int features;
        private float[] values = new float[1 << 12];
        private int rows;
        private String[] labelText = new String[0];

        Reader(Path file, CsvOptions options, BufferedReader in) {
            this.file = file;
            this.options = options;
            this.in = in;
        }

        /** The next non-blank line, or null at the end; counts physical lines. */
        private String nextLine() throws IOException {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
                if (!line.isBlank()) return line;
            }
            return null;
        }

        Dataset read() throws IOException {
            String first = nextLine();
            if (first == null) throw new BadFileException(file, "is empty: no rows to read");
            int firstLine = lineNumber;
            String second = nextLine();
            int secondLine = lineNumber;
            delimiter = options.delimiter() != '\0' ? options.delimiter() : detectDelimiter(first, second);

            cells.split(first, delimiter);
            columns = cells.count;
            String[] firstCells = cells.strings(first);
            boolean header = switch (options.header()) {
                case PRESENT -> true;
                case ABSENT -> false;
                case AUTO -> detectHeader(first, second);
            };
            labelIndex = resolveLabel(header ? firstCells : null);
            features = columns - (labelIndex >= 0 ? 1 : 0);
            if (features == 0) throw new BadFileException(file, "has no feature columns besides the label column");
            if (!header) row(first, firstLine);
            if (second == null) {
                if (header) throw new BadFileException(file, "has a header row but no data rows");
            } else {
                row(second, secondLine);
                String line;
                while ((line = nextLine()) != null) row(line, lineNumber);
            }
            Matrix x = Matrix.wrap(rows, features, Arrays.copyOf(values, rows * features));
            if (labelIndex < 0) return Dataset.of(name(), SampleShape.vector(features), new FloatStore(x), new int[0], List.of());
            return labelled(x);
        }

        private String name() {
            String n = file.getFileName().toString();
            for (String ext : new String[] {".gz", ".csv", ".tsv", ".txt"}) {
                if (n.toLowerCase(java.util.Locale.ROOT).endsWith(ext)) n = n.substring(0, n.length() - ext.length());
            }
            return n;
        }

        private char detectDelimiter(String first, String second) {
            for (char c : CANDIDATES) {
                cells.split(first, c);
                int n = cells.count;
                if (n < 2) continue;
                if (second != null) {
                    cells.split(second, c);
                    if (cells.count != n) continue;
                }
                return c;
            }
            return ','; // one column
        }

        private boolean detectHeader(String first, String second) {
            cells.split(first, delimiter);
            String[] a = cells.strings(first);
            if (second == null) {
                for (String cell : a) if (number.parse(cell, 0, cell.length())) return false;
                return true;
            }
            cells.split(second, delimiter);
            String[] b = cells.strings(second);
            for (int j = 0; j < Math.min(a.length, b.length); j++) {
                if (!number.parse(a[j], 0, a[j].length()) && number.parse(b[j], 0, b[j].length())) return true;
            }
            return false;
        }

        private int resolveLabel(String[] headerCells) throws BadFileException {
            String label = options.labelColumn().strip();
            if (label.isEmpty()) return -1;
            if (headerCells != null) {
                for (int j = 0; j < headerCells.length; j++) if (headerCells[j].equals(label)) return j;
            }
            int index = -1;
            boolean digits = true;
            for (int k = 0; k < label.length(); k++) digits &= label.charAt(k) >= '0' && label.charAt(k) <= '9';
            if (digits && label.length() < 10) index = Integer.parseInt(label);
            if (index >= 0) {
                if (index >= columns) {
                    throw new BadFileException(file, "label column " + index + " does not exist: the file has "
                            + columns + " columns (0 to " + (columns - 1) + ")");
                }
                return index;
            }
            if (headerCells == null) {
                throw new BadFileException(file, "label column '" + label + "' is a name, but the file has no header row");
            }
            StringBuilder names = new StringBuilder();
            for (int j = 0; j < Math.min(headerCells.length, 10); j++) names.append(j == 0 ? "" : ", ").append(headerCells[j]);
            if (headerCells.length > 10) names.append(", ...");
            throw new BadFileException(file, "label column '" + label + "' is not in the header (" + names + ")");
        }

        private void row(String line, int lineNo) throws BadFileException {
            cells.split(line, delimiter);
            if (cells.count != columns) {
                throw new BadFileException(file, "line " + lineNo + ": expected " + columns + " columns, got " + cells.count);
            }
            if ((long) (rows + 1) * features > Integer.MAX_VALUE - 8) {
                throw new BadFileException(file, "holds more than 2^31 - 9 values, more than this reader supports");
            }
            int base = rows * features;
            if (base + features > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(2L * values.length, base + features)));
            }
            int o = base;
            for (int j = 0; j < columns; j++) {
                if (j == labelIndex) {
                    if (rows == labelText.length) labelText = Arrays.copyOf(labelText, Math.max(1024, 2 * rows));
                    String t = cells.string(line, j);
                    if (t.isEmpty()) throw new BadFileException(file, "line " + lineNo + ", column " + (j + 1) + ": empty label");
                    labelText[rows] = t;
                    continue;
                }
                boolean ok = cells.quoted[j] != null
                        ? number.parse(cells.quoted[j], 0, cells.quoted[j].length())
                        : number.parse(line, cells.start[j], cells.end[j]);
                if (!ok) {
                    String t = cells.string(line, j);
                    throw new BadFileException(file, "line " + lineNo + ", column " + (j + 1) + ": "
                            + (t.isEmpty() ? "empty cell" : "'" + t + "' is not a number"));
                }
                values[o++] = number.value;
            }
            rows++;
        }

        private Dataset labelled(Matrix x) {
            int[] labels = new int[rows];
            boolean integers = true;
            boolean negative = false;
            for (int i = 0; i < rows && integers; i++) {
                String t = labelText[i];
                integers = isInteger(t);
                if (integers) {
                    labels[i] = Integer.parseInt(t.charAt(0) == '+' ? t.substring(1) : t);
                    negative |= labels[i] < 0;
                }
            }
            SampleShape shape = SampleShape.vector(features);
            if (integers && !negative) return Dataset.of(name(), shape, new FloatStore(x), labels, List.of());
            List<String> names = new ArrayList<>();
            if (integers) {
                TreeSet<Integer> distinct = new TreeSet<>();
                for (int l : labels) distinct.add(l);
                for (int l : distinct) names.add(Integer.toString(l));
                Map<Integer, Integer> index = new HashMap<>();
                for (int c = 0; c < names.size(); c++) index.put(Integer.parseInt(names.get(c)), c);
                for (int i = 0; i < rows; i++) labels[i] = index.get(labels[i]);
            } else {
                names.addAll(new TreeSet<>(Arrays.asList(labelText).subList(0, rows)));
                Map<String, Integer> index = new HashMap<>();
                for (int c = 0; c < names.size(); c++) index.put(names.get(c), c);
                for (int i = 0; i < rows; i++) labels[i] = index.get(labelText[i]);
            }
            return Dataset.of(name(), shape, new FloatStore(x), labels, names);
        }

        private static boolean isInteger(String t) {
            int k = t.charAt(0) == '-' || t.charAt(0) == '+' ? 1 : 0;
            if (k == t.length() || t.length() - k > 9) return false;
            for (; k < t.length(); k++) if (t.charAt(k) < '0' || t.charAt(k) > '9') return false;
            return true;
        }
    }

    /** The cell boundaries of one line, reused from line to line. */
    static final class Cells {
        int count;
        int[] start = new int[16];
        int[] end = new int[16];
        String[] quoted = new String[16]; // the unquoted text of a quoted cell, else null

        /** Splits {@code line} at {@code delimiter}; with a space, runs of spaces and tabs separate cells. */
        void split(String line, char delimiter) {
            count = 0;
            int n = line.length();
            int p = 0;
            boolean spaces = delimiter == ' ';
            if (spaces) while (p < n && isBlank(line.charAt(p))) p++;
            while (true) {
                while (p < n && (line.charAt(p) == ' ' || line.charAt(p) == '\t') && line.charAt(p) != delimiter) p++;
                ensure(count + 1);
                if (p < n && line.charAt(p) == '"') {
                    StringBuilder sb = new StringBuilder();
                    p++;
                    while (p < n) {
                        char c = line.charAt(p++);
                        if (c == '"') {
                            if (p < n && line.charAt(p) == '"') {
                                sb.append('"');
                                p++;
                            } else {
                                break;
                            }
                        } else {
                            sb.append(c);
                        }
                    }
                    quoted[count] = sb.toString().strip();
                    start[count] = p;
                    end[count] = p;
                    while (p < n && line.charAt(p) != delimiter && !(spaces && isBlank(line.charAt(p)))) p++;
                } else {
                    quoted[count] = null;
                    int s = p;
                    while (p < n && line.charAt(p) != delimiter && !(spaces && line.charAt(p) == '\t')) p++;
                    int e = p;
                    while (e > s && isBlank(line.charAt(e - 1))) e--;
                    start[count] = s;
                    end[count] = e;
                }
                count++;
                if (spaces) {
                    while (p < n && isBlank(line.charAt(p))) p++;
                    if (p >= n) return;
                } else {
                    if (p >= n) return;
                    p++; // past the delimiter
                }
            }
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }

        private void ensure(int n) {
            if (n > start.length) {
                start = Arrays.copyOf(start, 2 * n);
                end = Arrays.copyOf(end, 2 * n);
                quoted = Arrays.copyOf(quoted, 2 * n);
            }
        }

        /** The text of cell {@code j}. */
        String string(String line, int j) {
            return quoted[j] != null ? quoted[j] : line.substring(start[j], end[j]);
        }

        /** The texts of all cells. */
        String[] strings(String line) {
            String[] out = new String[count];
            for (int j = 0; j < count; j++) out[j] = string(line, j);
            return out;
        }
    }

    /**
     * Parses a decimal number, {@code nan}, {@code inf} or {@code infinity} (any case, with a sign) into a
     * correctly rounded float. Short decimals take an exact fast path (a float mantissa below 2^24 multiplied
     * or divided by an exact power of ten, one rounding); others go to {@link Float#parseFloat} once the
     * text has been checked to be a plain decimal number.
     */
    static final class NumberParser {
        private static final float[] POW10 = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};
        float value;

        /** Parses {@code s[start, end)}; returns false when it is not a number. */
        boolean parse(CharSequence s, int start, int end) {
            int p = start;
            if (p >= end) return false;
            boolean negative = false;
            char c = s.charAt(p);
            if (c == '-' || c == '+') {
                negative = c == '-';
                p++;
            }
            long mantissa = 0;
            int digits = 0;        // significant digits kept in the mantissa
            int dropped = 0;       // integer digits beyond what the mantissa holds
            int fraction = 0;      // digits after the point kept in the mantissa
            boolean any = false;
            boolean exact = true;
            while (p < end && (c = s.charAt(p)) >= '0' && c <= '9') {
                any = true;
                if (digits < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    if (mantissa != 0) digits++;
                } else {
                    dropped++;
                    exact = false;
                }
                p++;
            }
            if (p < end && s.charAt(p) == '.') {
                p++;
                while (p < end && (c = s.charAt(p)) >= '0' && c <= '9') {
                    any = true;
                    if (digits < 18) {
                        mantissa = mantissa * 10 + (c - '0');
                        if (mantissa != 0) digits++;
                        fraction++;
                    } else {
                        exact = false;
                    }
                    p++;
                }
            }
            if (!any) return special(s, p, end, negative);
            int exponent = 0;
            if (p < end && ((c = s.charAt(p)) == 'e' || c == 'E')) {
                p++;
                boolean expNegative = false;
                if (p < end && ((c = s.charAt(p)) == '-' || c == '+')) {
                    expNegative = c == '-';
                    p++;
                }
                int expStart = p;
                while (p < end && (c = s.charAt(p)) >= '0' && c <= '9') {
                    if (exponent < 100_000) exponent = exponent * 10 + (c - '0');
                    p++;
                }
                if (p == expStart) return false;
                if (expNegative) exponent = -exponent;
            }
            if (p != end) return false;
            int scale = exponent - fraction + dropped;
            if (exact && mantissa < (1 << 24) && scale >= -10 && scale <= 10) {
                float m = mantissa;
                float v = scale >= 0 ? m * POW10[scale] : m / POW10[-scale];
                value = negative ? -v : v;
                return true;
            }
            value = Float.parseFloat(s.subSequence(start, end).toString());
            return true;
        }

        private boolean special(CharSequence s, int p, int end, boolean negative) {
            int n = end - p;
            if (n == 3 && regionIs(s, p, "nan")) {
                value = Float.NaN;
                return true;
            }
            if ((n == 3 && regionIs(s, p, "inf")) || (n == 8 && regionIs(s, p, "infinity"))) {
                value = negative ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
                return true;
            }
            return false;
        }

        private static boolean regionIs(CharSequence s, int p, String lower) {
            for (int k = 0; k < lower.length(); k++) {
                if (Character.toLowerCase(s.charAt(p + k)) != lower.charAt(k)) return false;
            }
            return true;
        }
    }
}
