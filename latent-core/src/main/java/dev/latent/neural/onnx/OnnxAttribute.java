package dev.latent.neural.onnx;

import dev.latent.internal.Check;

/**
 * A named attribute of an ONNX node: one integer, one float, a string, or a list of integers or floats.
 * <p>Build one with the factories, e.g. {@code OnnxAttribute.ints("strides", 2, 2)}.
 */
public final class OnnxAttribute {
    private static final int FLOAT = 1, INT = 2, STRING = 3, FLOATS = 6, INTS = 7;

    private final String name;
    private final int type;
    private final long integer;
    private final float number;
    private final String text;
    private final long[] integers;
    private final float[] numbers;

    private OnnxAttribute(String name, int type, long integer, float number, String text, long[] integers,
                          float[] numbers) {
        Check.argument(name != null && !name.isEmpty(), "attribute name must not be empty");
        this.name = name;
        this.type = type;
        this.integer = integer;
        this.number = number;
        this.text = text;
        this.integers = integers;
        this.numbers = numbers;
    }

    /** An INT attribute. */
    public static OnnxAttribute of(String name, long value) {
        return new OnnxAttribute(name, INT, value, 0, "", new long[0], new float[0]);
    }

    /** A FLOAT attribute. */
    public static OnnxAttribute of(String name, float value) {
        return new OnnxAttribute(name, FLOAT, 0, value, "", new long[0], new float[0]);
    }

    /** A STRING attribute. */
    public static OnnxAttribute of(String name, String value) {
        return new OnnxAttribute(name, STRING, 0, 0, Check.notNull(name, value), new long[0], new float[0]);
    }

    /** An INTS attribute. */
    public static OnnxAttribute ints(String name, long... values) {
        return new OnnxAttribute(name, INTS, 0, 0, "", values.clone(), new float[0]);
    }

    /** A FLOATS attribute. */
    public static OnnxAttribute floats(String name, float... values) {
        return new OnnxAttribute(name, FLOATS, 0, 0, "", new long[0], values.clone());
    }

    /** The attribute's name. */
    public String name() {
        return name;
    }

    /** The AttributeProto message: name = 1, f = 2, i = 3, s = 4, floats = 7, ints = 8, type = 20. */
    Protobuf toProto() {
        Protobuf p = new Protobuf().string(1, name);
        switch (type) {
            case FLOAT -> p.float32(2, number);
            case INT -> p.int64(3, integer);
            case STRING -> p.string(4, text);
            case FLOATS -> p.floats(7, numbers);
            case INTS -> p.int64s(8, integers);
            default -> throw new AssertionError(type);
        }
        return p.int64(20, type);
    }
}
