package dev.latent.io;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.data.SampleShape;
import dev.latent.io.CsvOptions.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class CsvTest {
    @TempDir Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private Dataset read(String content) throws IOException {
        return Csv.read(file("data.csv", content), CsvOptions.defaults());
    }

    private BadFileException bad(String content, CsvOptions options) throws IOException {
        Path f = file("bad.csv", content);
        BadFileException e = assertThrows(BadFileException.class, () -> Csv.read(f, options));
        assertTrue(e.getMessage().startsWith(f.toString()), "names the file: " + e.getMessage());
        return e;
    }

    @Test void readsCommaSeparatedNumbersUnderADetectedHeader() throws IOException {
        Dataset d = read("a,b,c\n1,2,3\n4.5,-6,7e-1\n");
        assertEquals(SampleShape.vector(3), d.shape());
        assertEquals(Matrix.of(2, 3, 1, 2, 3, 4.5f, -6, 0.7f), d.toMatrix());
        assertFalse(d.hasLabels());
        assertEquals("data", d.name(), "named after the file");
    }

    @Test void numericFirstRowIsData() throws IOException {
        assertEquals(Matrix.of(2, 2, 1, 2, 3, 4), read("1,2\n3,4\n").toMatrix());
    }

    @Test void detectsSemicolonTabAndSpaceDelimiters() throws IOException {
        Matrix expected = Matrix.of(2, 3, 1, 2, 3, 4, 5, 6);
        assertEquals(expected, read("1;2;3\n4;5;6\n").toMatrix(), "semicolon");
        assertEquals(expected, read("1\t2\t3\n4\t5\t6\n").toMatrix(), "tab");
        assertEquals(expected, read("  1   2 3\n4  5    6  \n").toMatrix(), "runs of spaces");
        assertEquals(expected, read("1, 2, 3\n4, 5, 6\n").toMatrix(), "comma and space");
    }

    @Test void semicolonCsvWithDecimalPointsIsNotSplitAtCommas() throws IOException {
        assertEquals(Matrix.of(1, 2, 1.5f, 2.5f), Csv.read(file("x.csv", "1.5;2.5\n"), CsvOptions.defaults()).toMatrix());
    }

    @Test void fixedDelimiterIsUsed() throws IOException {
        Path f = file("pipe.csv", "1|2\n3|4\n");
        assertEquals(Matrix.of(2, 2, 1, 2, 3, 4), Csv.read(f, CsvOptions.defaults().withDelimiter('|')).toMatrix());
    }

    @Test void integerLabelColumnByIndex() throws IOException {
        Path f = file("l.csv", "1,2,0\n3,4,7\n");
        Dataset d = Csv.read(f, CsvOptions.defaults().withLabelColumn("2"));
        assertEquals(Matrix.of(2, 2, 1, 2, 3, 4), d.toMatrix(), "label column removed from the features");
        assertArrayEquals(new int[] {0, 7}, d.labels(), "integer labels kept as they are");
        assertEquals(List.of(), d.classNames());
    }

    @Test void textLabelsBecomeSortedClassNames() throws IOException {
        Path f = file("iris.csv", "x,species,y\n1,setosa,2\n3,virginica,4\n5,setosa,6\n7,versicolor,8\n");
        Dataset d = Csv.read(f, CsvOptions.defaults().withLabelColumn("species"));
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames(), "sorted, not in order of appearance");
        assertArrayEquals(new int[] {0, 2, 0, 1}, d.labels());
        assertEquals(Matrix.of(4, 2, 1, 2, 3, 4, 5, 6, 7, 8), d.toMatrix());
    }

    @Test void negativeIntegerLabelsAreNumberedInNumericOrder() throws IOException {
        Dataset d = Csv.read(file("n.csv", "-1,5\n10,6\n2,7\n-1,8\n"), CsvOptions.defaults().withLabelColumn("0"));
        assertEquals(List.of("-1", "2", "10"), d.classNames(), "numeric, not string, order");
        assertArrayEquals(new int[] {0, 2, 1, 0}, d.labels());
    }

    @Test void quotedCellsMayHoldDelimitersAndQuotes() throws IOException {
        Path f = file("q.csv", "\"x\",\"name\"\n\"1.5\",\"a, \"\"b\"\"\"\n2,c\n");
        Dataset d = Csv.read(f, CsvOptions.defaults().withLabelColumn("name"));
        assertEquals(List.of("a, \"b\"", "c"), d.classNames());
        assertEquals(Matrix.of(2, 1, 1.5f, 2), d.toMatrix());
    }

    @Test void nanAndInfinityCellsParseToTheirValues() throws IOException {
        float[] v = read("nan,-inf,Infinity,+INF,NaN\n").sample(0);
        assertTrue(Float.isNaN(v[0]) && Float.isNaN(v[4]), "nan in any case");
        assertEquals(Float.NEGATIVE_INFINITY, v[1]);
        assertEquals(Float.POSITIVE_INFINITY, v[2]);
        assertEquals(Float.POSITIVE_INFINITY, v[3]);
    }

    @Test void numberParserRoundsLikeFloatParseFloat() {
        var rng = new SplittableRandom(5);
        var parser = new Csv.NumberParser();
        for (int t = 0; t < 20_000; t++) {
            StringBuilder sb = new StringBuilder();
            if (rng.nextInt(3) == 0) sb.append(rng.nextBoolean() ? '-' : '+');
            int intDigits = rng.nextInt(12);
            for (int k = 0; k < intDigits; k++) sb.append((char) ('0' + rng.nextInt(10)));
            if (intDigits == 0 || rng.nextBoolean()) {
                sb.append('.');
                int fracDigits = 1 + rng.nextInt(25);
                for (int k = 0; k < fracDigits; k++) sb.append((char) ('0' + rng.nextInt(10)));
            }
            if (rng.nextInt(3) == 0) sb.append(rng.nextBoolean() ? 'e' : 'E').append(rng.nextInt(-50, 50));
            String s = sb.toString();
            assertTrue(parser.parse(s, 0, s.length()), "parses " + s);
            assertEquals(Float.floatToIntBits(Float.parseFloat(s)), Float.floatToIntBits(parser.value), s);
        }
    }

    @Test void numberParserRefusesWhatIsNotADecimalNumber() {
        var parser = new Csv.NumberParser();
        for (String s : List.of("", "-", ".", "e5", "1e", "1.2.3", "0x10", "1f", "12abc", "nanx", "in", "1 2", "--1")) {
            assertFalse(parser.parse(s, 0, s.length()), "refuses '" + s + "'");
        }
    }

    @Test void readsGzipCsv() throws IOException {
        Path f = dir.resolve("data.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
        }
        Dataset d = Csv.read(f, CsvOptions.defaults());
        assertEquals(Matrix.of(2, 2, 1, 2, 3, 4), d.toMatrix());
        assertEquals("data", d.name(), "both extensions dropped from the name");
    }

    @Test void forcedHeaderSkipsANumericFirstRow() throws IOException {
        Path f = file("h.csv", "10,20\n1,2\n");
        assertEquals(Matrix.of(1, 2, 1, 2), Csv.read(f, CsvOptions.defaults().withHeader(Header.PRESENT)).toMatrix());
    }

    @Test void absentHeaderMakesATextFirstRowAnError() throws IOException {
        BadFileException e = bad("a,b\n1,2\n", CsvOptions.defaults().withHeader(Header.ABSENT));
        assertTrue(e.getMessage().contains("line 1, column 1: 'a' is not a number"), e.getMessage());
    }

    @Test void blankLinesAreSkippedAndLinesCountedAsInTheFile() throws IOException {
        assertEquals(2, read("\na,b\n\n1,2\n\n3,4\n\n").size());
        BadFileException e = bad("a,b\n\n1,2\n3,x\n", CsvOptions.defaults());
        assertTrue(e.getMessage().contains("line 4, column 2: 'x' is not a number"), e.getMessage());
    }

    @Test void byteOrderMarkIsIgnored() throws IOException {
        assertEquals(Matrix.of(1, 2, 1, 2), read("\uFEFFa,b\n1,2\n").toMatrix());
    }

    @Test void raggedRowNamesLineAndBothColumnCounts() throws IOException {
        BadFileException e = bad("a,b,c\n1,2,3\n4,5\n", CsvOptions.defaults());
        assertTrue(e.getMessage().contains("line 3: expected 3 columns, got 2"), e.getMessage());
    }

    @Test void nonNumericCellNamesLineColumnAndText() throws IOException {
        BadFileException e = bad("1,2,3\n4,five,6\n", CsvOptions.defaults());
        assertTrue(e.getMessage().contains("line 2, column 2: 'five' is not a number"), e.getMessage());
    }

    @Test void emptyCellIsNamed() throws IOException {
        BadFileException e = bad("1,2,3\n4,,6\n", CsvOptions.defaults());
        assertTrue(e.getMessage().contains("line 2, column 2: empty cell"), e.getMessage());
    }

    @Test void emptyFileIsRefusedClearly() throws IOException {
        assertTrue(bad("", CsvOptions.defaults()).getMessage().contains("is empty"));
        assertTrue(bad("\n\n  \n", CsvOptions.defaults()).getMessage().contains("is empty"), "only blank lines");
    }

    @Test void headerWithoutDataIsRefused() throws IOException {
        assertTrue(bad("a,b\n", CsvOptions.defaults()).getMessage().contains("no data rows"));
    }

    @Test void missingFileIsNamed() {
        Path f = dir.resolve("absent.csv");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Csv.read(f, CsvOptions.defaults()));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test void unknownLabelColumnsAreRefused() throws IOException {
        assertTrue(bad("a,b\n1,2\n", CsvOptions.defaults().withLabelColumn("c")).getMessage()
                .contains("label column 'c' is not in the header (a, b)"));
        assertTrue(bad("1,2\n3,4\n", CsvOptions.defaults().withLabelColumn("2")).getMessage()
                .contains("label column 2 does not exist"));
        assertTrue(bad("1,2\n3,4\n", CsvOptions.defaults().withLabelColumn("y")).getMessage()
                .contains("no header row"));
    }

    @Test void writtenFilesReadBackBitForBit() throws IOException {
        var rng = new SplittableRandom(8);
        float[] v = new float[50 * 4];
        for (int i = 0; i < v.length; i++) v[i] = Float.intBitsToFloat(rng.nextInt());
        for (int i = 0; i < v.length; i++) if (Float.isNaN(v[i])) v[i] = Float.NaN;   // one NaN bit pattern
        v[0] = Float.POSITIVE_INFINITY;
        v[1] = -0f;
        v[2] = Float.MIN_VALUE;
        Matrix m = Matrix.wrap(50, 4, v);
        Path f = dir.resolve("out.csv");
        Csv.write(f, m, List.of("a", "b", "c", "d"));
        assertTrue(Files.readString(f).startsWith("a,b,c,d\n"), "header first");
        assertEquals(m, Csv.read(f, CsvOptions.defaults()).toMatrix(), "same floats after a round trip");
        Csv.write(f, m, List.of());
        assertEquals(m, Csv.read(f, CsvOptions.defaults().withHeader(Header.ABSENT)).toMatrix(), "without a header");
    }

    @Test void writeRefusesMismatchedColumnNames() {
        Path f = dir.resolve("x.csv");
        assertThrows(IllegalArgumentException.class, () -> Csv.write(f, Matrix.zeros(1, 2), List.of("a")));
        assertThrows(IllegalArgumentException.class, () -> Csv.write(f, Matrix.zeros(1, 1), List.of("a,b")));
        assertFalse(Files.exists(f), "nothing written");
    }

    @Test void optionsRejectAQuoteDelimiter() {
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().withDelimiter('"'));
    }
}
