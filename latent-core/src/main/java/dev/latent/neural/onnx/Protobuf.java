package dev.latent.neural.onnx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes one Protocol Buffers message in the binary wire format, field by field.
 * <p>Only what ONNX files need: varints (wire type 0), 32-bit floats (wire type 5), and length-delimited
 * strings, nested messages and packed floats (wire type 2); other repeated numbers are written unpacked, as
 * ONNX's proto2 schema declares them. Fields are written in the order the
 * caller gives them, so the output is deterministic.
 * <p>Reference: "Encoding", Protocol Buffers documentation, protobuf.dev/programming-guides/encoding.
 */
final class Protobuf {
    private static final int VARINT = 0, LENGTH_DELIMITED = 2, FIXED32 = 5;

    private byte[] bytes = new byte[64];
    private int size;

    /** Writes an int64 or int32 field as a varint (negative values take ten bytes, as the format says). */
    Protobuf int64(int field, long value) {
        tag(field, VARINT);
        varint(value);
        return this;
    }

    /** Writes a float field. */
    Protobuf float32(int field, float value) {
        tag(field, FIXED32);
        fixed32(Float.floatToRawIntBits(value));
        return this;
    }

    /** Writes a string field in UTF-8. */
    Protobuf string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a bytes field. */
    Protobuf bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        varint(value.length);
        append(value, value.length);
        return this;
    }

    /** Writes a nested message field. */
    Protobuf message(int field, Protobuf message) {
        tag(field, LENGTH_DELIMITED);
        varint(message.size);
        append(message.bytes, message.size);
        return this;
    }

    /** Writes a packed repeated float field. */
    Protobuf packedFloats(int field, float[] values) {
        tag(field, LENGTH_DELIMITED);
        varint(4L * values.length);
        ensure(4 * values.length);
        for (float v : values) fixed32(Float.floatToRawIntBits(v));
        return this;
    }

    /** Writes a repeated int64 field unpacked, one entry per value, as proto2 declares it by default. */
    Protobuf int64s(int field, long[] values) {
        for (long v : values) int64(field, v);
        return this;
    }

    /** Writes a repeated float field unpacked, one entry per value. */
    Protobuf floats(int field, float[] values) {
        for (float v : values) float32(field, v);
        return this;
    }

    /** The message written so far. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    private void fixed32(int value) {
        ensure(4);
        for (int shift = 0; shift < 32; shift += 8) bytes[size++] = (byte) (value >>> shift);
    }

    private void append(byte[] source, int length) {
        ensure(length);
        System.arraycopy(source, 0, bytes, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
}
