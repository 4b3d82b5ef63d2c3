package dev.latent.io;

import dev.latent.FitReport;
import dev.latent.data.Matrix;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a model's reader gets from {@link ModelIO#load}: the header values and arrays of a model file whose
 * magic number, format version, length and checksum have all been checked.
 * <p>Each getter finds its value by name, in the header or among the arrays (they share one namespace; see
 * {@link ModelWriter}). A missing or mistyped value fails with a {@link BadFileException} naming the file
 * and the key, wrapped in an {@link UncheckedIOException} so that readers can be plain
 * {@link java.util.function.Function}s; {@link ModelIO#load} unwraps it, so its caller sees the
 * {@code BadFileException}. Arrays are handed over, not copied: each call returns the array read from the
 * file, which the model may keep.
 */
public final class ModelReader {
    private final Path file;
    private final ModelHeader header;
    private final Map<String, Object> arrays;

    ModelReader(Path file, ModelHeader header, Map<String, Object> arrays) {
        this.file = file;
        this.header = header;
        this.arrays = arrays;
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** The kind of model the file holds, such as {@code "kmeans"}. */
    public String kind() {
        return header.kind();
    }

    /** The format version the file was written in (at most {@link ModelIO#FORMAT_VERSION}). */
    public int formatVersion() {
        return header.formatVersion();
    }

    /** The whole header: values, report, provenance and the arrays' shapes. */
    public ModelHeader header() {
        return header;
    }

    /** The fit report saved with the model, equal to the saved model's report. */
    public FitReport report() {
        return header.report();
    }

    /** Whether the file has a header value or an array of this name. */
    public boolean has(String name) {
        return header.valuesView().has(name) || arrays.containsKey(name);
    }

    // ---------------------------------------------------------------- header values

    /** Header value {@code name} as any JSON value (for example a nested object). */
    public Json json(String name) {
        return value(name);
    }

    /** Header value {@code name}, a string. */
    public String string(String name) {
        if (value(name) instanceof Json.JsonString s) return s.value();
        throw mistyped(name, "a string");
    }

    /** Header value {@code name}, an integer in the range of int. */
    public int integer(String name) {
        long v = longValue(name);
        if (v != (int) v) throw bad("header value \"" + name + "\" must be a 32-bit integer, got " + v);
        return (int) v;
    }

    /** Header value {@code name}, an integer. */
    public long longValue(String name) {
        return asLong(value(name), name);
    }

    /** Header value {@code name}, a number (NaN and the infinities are kept as the strings that name them). */
    public double number(String name) {
        return asDouble(value(name), name);
    }

    /** Header value {@code name}, true or false. */
    public boolean bool(String name) {
        if (value(name) instanceof Json.JsonBoolean b) return b.value();
        throw mistyped(name, "true or false");
    }

    /** Header array {@code name} of strings. */
    public String[] strings(String name) {
        Json.JsonArray a = headerArray(name, "an array of strings");
        String[] out = new String[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(a.get(i) instanceof Json.JsonString s)) throw mistyped(name, "an array of strings");
            out[i] = s.value();
        }
        return out;
    }

    // ---------------------------------------------------------------- arrays (header or binary)

    /** The int32 array {@code name}, or header array {@code name} of 32-bit integers. */
    public int[] ints(String name) {
        if (!arrays.containsKey(name)) {
            Json.JsonArray a = headerArray(name, "an array of integers");
            int[] out = new int[a.size()];
            for (int i = 0; i < out.length; i++) {
                long v = asLong(a.get(i), name);
                if (v != (int) v) throw bad("header value \"" + name + "\" must hold 32-bit integers, got " + v);
                out[i] = (int) v;
            }
            return out;
        }
        return (int[]) array(name, ModelIO.ElementType.INT32);
    }

    /** The int64 array {@code name}, or header array {@code name} of integers. */
    public long[] longs(String name) {
        if (!arrays.containsKey(name)) {
            Json.JsonArray a = headerArray(name, "an array of integers");
            long[] out = new long[a.size()];
            for (int i = 0; i < out.length; i++) out[i] = asLong(a.get(i), name);
            return out;
        }
        return (long[]) array(name, ModelIO.ElementType.INT64);
    }

    /** The float64 array {@code name}, or header array {@code name} of numbers. */
    public double[] doubles(String name) {
        if (!arrays.containsKey(name)) {
            Json.JsonArray a = headerArray(name, "an array of numbers");
            double[] out = new double[a.size()];
            for (int i = 0; i < out.length; i++) out[i] = asDouble(a.get(i), name);
            return out;
        }
        return (double[]) array(name, ModelIO.ElementType.FLOAT64);
    }

    /** The float32 array {@code name}. */
    public float[] floats(String name) {
        return (float[]) array(name, ModelIO.ElementType.FLOAT32);
    }

    /** The shape of array {@code name}. */
    public int[] shape(String name) {
        return info(name).shape();
    }

    /** The two-dimensional float32 array {@code name} as a matrix (see {@link ModelWriter#matrix}). */
    public Matrix matrix(String name) {
        int[] shape = shape(name);
        if (shape.length != 2) {
            throw bad("array \"" + name + "\" must have 2 dimensions, got shape " + ModelIO.shapeText(shape));
        }
        return Matrix.wrap(shape[0], shape[1], floats(name));
    }

    // ---------------------------------------------------------------- helpers

    private Json value(String name) {
        Json v = header.valuesView().members().get(name);
        if (v != null) return v;
        if (arrays.containsKey(name)) throw bad("\"" + name + "\" is an array, expected a header value");
        throw bad("missing header value \"" + name + "\"");
    }

    private ModelHeader.ArrayInfo info(String name) {
        for (ModelHeader.ArrayInfo a : header.arrays()) if (a.name().equals(name)) return a;
        if (header.valuesView().has(name)) throw bad("\"" + name + "\" is a header value, expected an array");
        throw bad("missing array \"" + name + "\"");
    }

    private Object array(String name, ModelIO.ElementType type) {
        ModelHeader.ArrayInfo a = info(name);
        if (!a.type().equals(type.label)) {
            throw bad("array \"" + name + "\" holds " + a.type() + ", expected " + type.label);
        }
        return arrays.get(name);
    }

    private Json.JsonArray headerArray(String name, String expected) {
        if (value(name) instanceof Json.JsonArray a) return a;
        throw mistyped(name, expected);
    }

    private long asLong(Json v, String name) {
        if (v instanceof Json.JsonNumber n && n.isInteger()) {
            try {
                return Long.parseLong(n.text());
            } catch (NumberFormatException e) {
                throw bad("header value \"" + name + "\" is out of the range of long: " + n.text());
            }
        }
        throw mistyped(name, "an integer");
    }

    private double asDouble(Json v, String name) {
        if (v instanceof Json.JsonNumber n) return n.doubleValue();
        if (v instanceof Json.JsonString s) {
            switch (s.value()) {
                case "NaN" -> { return Double.NaN; }
                case "Infinity" -> { return Double.POSITIVE_INFINITY; }
                case "-Infinity" -> { return Double.NEGATIVE_INFINITY; }
                default -> { }
            }
        }
        throw mistyped(name, "a number");
    }

    private UncheckedIOException mistyped(String name, String expected) {
        String found = header.valuesView().find(name).map(ModelReader::describe).orElse("nothing");
        return bad("header value \"" + name + "\" must be " + expected + ", got " + found);
    }

    private static String describe(Json v) {
        String text = v.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private UncheckedIOException bad(String problem) {
        return new UncheckedIOException(new BadFileException(file, problem));
    }
}
