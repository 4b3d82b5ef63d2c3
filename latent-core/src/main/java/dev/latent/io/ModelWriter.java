package dev.latent.io;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a {@link SavableModel} hands to {@link ModelIO#save}: named header values (hyperparameters and
 * small learned numbers, kept in the file's JSON header) and named arrays (the learned weights, kept as
 * little-endian binary after the header).
 * <p>Header values and arrays share one namespace: a name may be used once. A {@link ModelReader} finds a
 * value by name wherever it is kept, so {@code ints("labels")} reads either a header array or an int32
 * array. Doubles keep every bit: NaN and the infinities, which JSON cannot hold as numbers, are written as
 * the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 * <p>Arrays are not copied: the writer keeps a reference until {@code save} returns, so a model may pass
 * its own arrays. Every method returns this writer.
 * {@snippet :
 * out.put("k", 8).put("tolerance", 1e-4).put("algorithm", "LLOYD")
 *    .floats("centroids", centroids, 8, 784)
 *    .ints("labels", labels);
 * }
 */
public final class ModelWriter {
    private final Json.JsonObject values = Json.object();
    private final Json.JsonObject provenance = Json.object();
    private final List<Entry> arrays = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    ModelWriter() {}

    /** An array to write: its name, element type, shape and values (one of the four primitive array types). */
    record Entry(String name, ModelIO.ElementType type, int[] shape, Object values, int length) {
        long bytes() {
            return (long) length * type.size;
        }
    }

    // ---------------------------------------------------------------- header values

    /** Sets header value {@code name} to a string. */
    public ModelWriter put(String name, String value) {
        Check.notNull("value", value);
        return value(name, Json.of(value));
    }

    /** Sets header value {@code name} to an integer (written exactly). */
    public ModelWriter put(String name, long value) {
        return value(name, Json.of(value));
    }

    /** Sets header value {@code name} to a number, every bit kept (NaN and infinities as strings). */
    public ModelWriter put(String name, double value) {
        return value(name, number(value));
    }

    /** Sets header value {@code name} to a boolean. */
    public ModelWriter put(String name, boolean value) {
        return value(name, Json.of(value));
    }

    /** Sets header value {@code name} to an array of integers. */
    public ModelWriter put(String name, int[] value) {
        Check.notNull("value", value);
        return value(name, Json.array(value));
    }

    /** Sets header value {@code name} to an array of integers. */
    public ModelWriter put(String name, long[] value) {
        Check.notNull("value", value);
        return value(name, Json.array(value));
    }

    /** Sets header value {@code name} to an array of numbers, every bit kept. */
    public ModelWriter put(String name, double[] value) {
        Check.notNull("value", value);
        Json.JsonArray a = Json.array();
        for (double v : value) a.add(number(v));
        return value(name, a);
    }

    /** Sets header value {@code name} to an array of strings. */
    public ModelWriter put(String name, String[] value) {
        Check.notNull("value", value);
        for (int i = 0; i < value.length; i++) Check.notNull(name + "[" + i + "]", value[i]);
        return value(name, Json.array(value));
    }

    /**
     * Sets header value {@code name} to any JSON value, such as a nested object; read it back with
     * {@link ModelReader#json(String)}. The value is copied.
     */
    public ModelWriter put(String name, Json value) {
        Check.notNull("value", value);
        return value(name, Json.parse(value.toString()));
    }

    private ModelWriter value(String name, Json value) {
        claim(name);
        values.put(name, value);
        return this;
    }

    /** A JSON number, or for NaN and the infinities the string Double.toString gives. */
    static Json number(double v) {
        return Double.isFinite(v) ? Json.of(v) : Json.of(Double.toString(v));
    }

    // ---------------------------------------------------------------- provenance

    /**
     * Adds an entry to the file's provenance: where the model came from (dataset, data shape, command).
     * Informational only: {@code latent info} shows it, loading does not depend on it.
     */
    public ModelWriter provenance(String name, String value) {
        Check.notNull("name", name);
        Check.notNull("value", value);
        provenance.put(name, value);
        return this;
    }

    /** Adds an integer entry to the file's provenance, such as a seed or a row count. */
    public ModelWriter provenance(String name, long value) {
        Check.notNull("name", name);
        provenance.put(name, value);
        return this;
    }

    /** Adds an integer-array entry to the file's provenance, such as the shape of the training data. */
    public ModelWriter provenance(String name, int[] value) {
        Check.notNull("name", name);
        Check.notNull("value", value);
        provenance.put(name, Json.array(value));
        return this;
    }

    // ---------------------------------------------------------------- arrays

    /**
     * Adds a float32 array of the given shape (default: one dimension of {@code values.length}).
     * @throws IllegalArgumentException if the shape has a negative dimension or does not hold
     *                                  {@code values.length} elements, or the name is taken
     */
    public ModelWriter floats(String name, float[] values, int... shape) {
        Check.notNull("values", values);
        return array(name, ModelIO.ElementType.FLOAT32, values, values.length, shape);
    }

    /** Adds a float64 array; see {@link #floats}. */
    public ModelWriter doubles(String name, double[] values, int... shape) {
        Check.notNull("values", values);
        return array(name, ModelIO.ElementType.FLOAT64, values, values.length, shape);
    }

    /** Adds an int32 array; see {@link #floats}. */
    public ModelWriter ints(String name, int[] values, int... shape) {
        Check.notNull("values", values);
        return array(name, ModelIO.ElementType.INT32, values, values.length, shape);
    }

    /** Adds an int64 array; see {@link #floats}. */
    public ModelWriter longs(String name, long[] values, int... shape) {
        Check.notNull("values", values);
        return array(name, ModelIO.ElementType.INT64, values, values.length, shape);
    }

    /** Adds a matrix as a float32 array of shape {@code rows x cols}; read it back with {@link ModelReader#matrix}. */
    public ModelWriter matrix(String name, Matrix m) {
        Check.notNull("m", m);
        return floats(name, m.values(), m.rows(), m.cols());
    }

    private ModelWriter array(String name, ModelIO.ElementType type, Object values, int length, int[] shape) {
        Check.notNull("shape", shape);
        int[] s = shape.length == 0 ? new int[] {length} : shape.clone();
        long count = 1;
        for (int dim : s) {
            Check.atLeast("shape dimension", dim, 0);
            count *= dim;
            Check.argument(count <= Integer.MAX_VALUE, "shape of " + name + " holds more elements than an array");
        }
        Check.argument(count == length, "shape " + ModelIO.shapeText(s) + " of " + name + " holds " + count
                + " elements, but the array has " + length);
        claim(name);
        arrays.add(new Entry(name, type, s, values, length));
        return this;
    }

    private void claim(String name) {
        Check.notNull("name", name);
        Check.argument(!name.isEmpty(), "name must not be empty");
        Check.argument(names.add(name), "name " + name + " is already used in this model file");
    }

    // ---------------------------------------------------------------- for ModelIO

    Json.JsonObject values() {
        return values;
    }

    Json.JsonObject provenance() {
        return provenance;
    }

    List<Entry> arrays() {
        return arrays;
    }
}
