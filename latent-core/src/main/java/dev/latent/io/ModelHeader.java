package dev.latent.io;

import dev.latent.FitReport;

import java.util.List;

/**
 * The header of a model file, as {@link ModelIO#header} reads it: the kind of model, the format version,
 * the header values (hyperparameters and small learned numbers), the fit report, the provenance (library
 * version, time saved, and what the saver added, such as the dataset) and the name, element type and
 * shape of each array. Reading it does not read the arrays.
 */
public final class ModelHeader {
    private final String kind;
    private final int formatVersion;
    private final Json.JsonObject values;
    private final FitReport report;
    private final Json.JsonObject provenance;
    private final List<ArrayInfo> arrays;
    private final long fileLength;
    private final Json.JsonObject json;

    ModelHeader(String kind, int formatVersion, Json.JsonObject values, FitReport report, Json.JsonObject provenance,
                List<ArrayInfo> arrays, long fileLength, Json.JsonObject json) {
        this.kind = kind;
        this.formatVersion = formatVersion;
        this.values = values;
        this.report = report;
        this.provenance = provenance;
        this.arrays = List.copyOf(arrays);
        this.fileLength = fileLength;
        this.json = json;
    }

    /**
     * An array stored after the header.
     * @param name   its name, unique in the file
     * @param type   {@code "float32"}, {@code "float64"}, {@code "int32"} or {@code "int64"}
     * @param shape  its dimensions, row-major (the last one varies fastest)
     * @param offset where it starts, in bytes from the start of the data section (a multiple of 64)
     */
    public record ArrayInfo(String name, String type, int[] shape, long offset) {
        public ArrayInfo {
            shape = shape.clone();
        }

        /** Its dimensions; a copy. */
        @Override
        public int[] shape() {
            return shape.clone();
        }

        /** The number of elements, the product of the dimensions. */
        public long elements() {
            long n = 1;
            for (int d : shape) n *= d;
            return n;
        }

        /** Its size in bytes. */
        public long bytes() {
            return elements() * ModelIO.ElementType.of(type).size;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ArrayInfo a && a.name.equals(name) && a.type.equals(type)
                    && java.util.Arrays.equals(a.shape, shape) && a.offset == offset;
        }

        @Override
        public int hashCode() {
            return (name.hashCode() * 31 + type.hashCode()) * 31 + java.util.Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return name + " " + type + " " + ModelIO.shapeText(shape);
        }
    }

    /** The kind of model, such as {@code "kmeans"} or {@code "pca"}. */
    public String kind() {
        return kind;
    }

    /** The format version the file was written in. */
    public int formatVersion() {
        return formatVersion;
    }

    /** The header values the model wrote (hyperparameters, small learned values); a copy. */
    public Json.JsonObject values() {
        return copy(values);
    }

    /** The fit report saved with the model. */
    public FitReport report() {
        return report;
    }

    /** Where the model came from: library version, time saved, and what the saver added; a copy. */
    public Json.JsonObject provenance() {
        return copy(provenance);
    }

    /** The arrays, in file order. */
    public List<ArrayInfo> arrays() {
        return arrays;
    }

    /** The length of the whole file in bytes. */
    public long fileLength() {
        return fileLength;
    }

    /** The header as stored in the file; a copy. */
    public Json.JsonObject toJson() {
        return copy(json);
    }

    /** The values without copying, for {@link ModelReader}. */
    Json.JsonObject valuesView() {
        return values;
    }

    private static Json.JsonObject copy(Json.JsonObject o) {
        return Json.parse(o.toString()).asObject();
    }

    @Override
    public String toString() {
        return kind + " model (format " + formatVersion + "), " + arrays.size() + " arrays, " + fileLength + " bytes";
    }
}
