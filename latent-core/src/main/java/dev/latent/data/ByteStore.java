package dev.latent.data;

import dev.latent.internal.Check;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Rows of unsigned bytes, read as {@code value * scale + offset} in float32.
 * <p>The bytes may live on the heap or in a memory-mapped file, and may exceed 2^31 in total:
 * the full SAT-6 (405,000 x 3,136) takes 1.3 GB this way instead of 5 GB of floats. Scaling to
 * [0, 1] changes {@code scale} and copies nothing.
 * @param bytes  {@code count * size} bytes, row-major
 * @param count  number of rows
 * @param size   values per row
 * @param scale     multiplier applied to each byte (0 to 255)
 * @param offset    added after scaling
 * @param fullScale the raw value that means full intensity, 1 to 255: 255 for 8-bit images, 16 for the 4-bit
 *                  bundled digits; scaling to [0, 1] divides by it
 */
public record ByteStore(MemorySegment bytes, int count, int size, float scale, float offset, int fullScale)
        implements SampleStore {
    public ByteStore {
        Check.notNull("bytes", bytes);
        Check.atLeast("count", count, 0);
        Check.atLeast("size", size, 1);
        Check.argument(bytes.byteSize() == (long) count * size,
                "bytes must hold count * size = " + ((long) count * size) + " bytes, got " + bytes.byteSize());
        Check.argument(Float.isFinite(scale) && Float.isFinite(offset),
                "scale and offset must be finite, got " + scale + " and " + offset);
        Check.atLeast("fullScale", fullScale, 1);
        Check.atMost("fullScale", fullScale, 255);
    }

    /** Bytes of full scale 255 (8-bit images). */
    public ByteStore(MemorySegment bytes, int count, int size, float scale, float offset) {
        this(bytes, count, size, scale, offset, 255);
    }

    /** A store over a heap array of {@code count * size} bytes, read as raw values 0 to 255. */
    public static ByteStore of(byte[] bytes, int count, int size) {
        return new ByteStore(MemorySegment.ofArray(bytes), count, size, 1f, 0f);
    }

    /** The same bytes read through a new affine map {@code value * scale + offset}. */
    public ByteStore withScale(float scale, float offset) {
        return new ByteStore(bytes, count, size, scale, offset, fullScale);
    }

    /** The same bytes with another full-scale value (the raw value of full intensity). */
    public ByteStore withFullScale(int newFullScale) {
        return new ByteStore(bytes, count, size, scale, offset, newFullScale);
    }

    @Override
    public Storage storage() {
        return Storage.UINT8;
    }

    @Override
    public void copyRows(int from, int to, float[] out, int offset) {
        byte[] row = new byte[size];
        for (int i = from; i < to; i++) {
            MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, (long) i * size, row, 0, size);
            int o = offset + (i - from) * size;
            for (int j = 0; j < size; j++) out[o + j] = (row[j] & 0xFF) * scale + this.offset;
        }
    }

    /** The raw byte (0 to 255) at row {@code i}, position {@code j}. */
    public int raw(int i, int j) {
        return bytes.get(ValueLayout.JAVA_BYTE, (long) i * size + j) & 0xFF;
    }

    @Override
    public ByteStore select(int[] rows) {
        byte[] out = new byte[Math.multiplyExact(rows.length, size)];
        for (int r = 0; r < rows.length; r++) {
            Check.index("row index", rows[r], count);
            MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, (long) rows[r] * size, out, r * size, size);
        }
        return new ByteStore(MemorySegment.ofArray(out), rows.length, size, scale, offset, fullScale);
    }
}
