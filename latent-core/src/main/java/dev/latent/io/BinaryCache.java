package dev.latent.io;

import dev.latent.data.SampleShape;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * A binary copy of a parsed uint8 image dataset, kept beside its text source so that later loads
 * memory-map it instead of parsing again.
 * <p>Layout (little-endian), 64-byte header then the body:
 * <pre>
 *   0  8 bytes  magic "LATENTC\0"
 *   8  int32    format version (1)
 *  12  int32    n, the sample count
 *  16  int32    channels, height, width (3 x int32)
 *  28  int64    size of the images source file in bytes
 *  36  int64    last-modified time of the images source, milliseconds since the epoch
 *  44  int64    size of the labels source file in bytes
 *  52  int64    last-modified time of the labels source
 *  60  int32    CRC-32C of bytes 0 to 59
 *  64  n * channels * height * width bytes, sample by sample, each in CHW order
 *  ..  n int32  labels
 * </pre>
 * The file is written through {@link AtomicWrites.Pending} (a temporary file in the same folder,
 * forced to disk and renamed), so a reader sees either no cache or a complete one. A cache whose stamps differ from the sources, whose
 * header checksum fails or whose length is wrong is treated as absent (and reported through the
 * caller's notes), so that the caller rebuilds it.
 */
final class BinaryCache {
    static final int HEADER_BYTES = 64;
    static final int VERSION = 1;
    private static final byte[] MAGIC = {'L', 'A', 'T', 'E', 'N', 'T', 'C', 0};

    private BinaryCache() {}

    /** The size and modification time of a source file, used to tell whether a cache is stale. */
    record Stamp(long size, long modifiedMillis) {
        static Stamp of(Path file) throws IOException {
            return new Stamp(Files.size(file), Files.getLastModifiedTime(file).toMillis());
        }
    }

    /** What a cache file describes: its sample count and shape, and the sources it was made from. */
    record Header(int count, SampleShape shape, Stamp images, Stamp labels) {
        long pixelBytes() {
            return (long) count * shape.size();
        }

        long fileBytes() {
            return HEADER_BYTES + pixelBytes() + 4L * count;
        }
    }

    /** An opened cache: the pixels as a read-only mapped segment and the labels. */
    record Contents(MemorySegment pixels, int[] labels) {}

    /**
     * Maps the cache at {@code file} if it exists and matches {@code expected} (same sources and
     * shape); otherwise empty, with a note saying why when a cache existed but could not be used.
     */
    static Optional<Contents> open(Path file, Stamp images, Stamp labels, SampleShape shape, Consumer<String> notes)
            throws IOException {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = ch.size();
            if (length < HEADER_BYTES) {
                notes.accept(file + ": cache is truncated (" + length + " bytes); rebuilding it");
                return Optional.empty();
            }
            ByteBuffer head = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (head.hasRemaining()) {
                if (ch.read(head, head.position()) < 0) break;
            }
            head.flip();
            byte[] magic = new byte[MAGIC.length];
            head.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                notes.accept(file + ": not a Latent cache file (bad magic number); rebuilding it");
                return Optional.empty();
            }
            CRC32C crc = new CRC32C();
            crc.update(head.array(), 0, HEADER_BYTES - 4);
            if ((int) crc.getValue() != head.getInt(HEADER_BYTES - 4)) {
                notes.accept(file + ": cache header is damaged (checksum mismatch); rebuilding it");
                return Optional.empty();
            }
            int version = head.getInt(8);
            if (version != VERSION) {
                notes.accept(file + ": cache format version " + version + " is not " + VERSION + "; rebuilding it");
                return Optional.empty();
            }
            int count = head.getInt(12);
            int channels = head.getInt(16), height = head.getInt(20), width = head.getInt(24);
            Stamp cachedImages = new Stamp(head.getLong(28), head.getLong(36));
            Stamp cachedLabels = new Stamp(head.getLong(44), head.getLong(52));
            if (!cachedImages.equals(images) || !cachedLabels.equals(labels)) {
                notes.accept(file + ": the source files changed since the cache was written; rebuilding it");
                return Optional.empty();
            }
            if (count < 0 || channels != shape.channels() || height != shape.height() || width != shape.width()) {
                notes.accept(file + ": cache holds " + count + " samples of " + channels + " x " + height + " x "
                        + width + ", expected samples of " + shape + "; rebuilding it");
                return Optional.empty();
            }
            Header header = new Header(count, shape, images, labels);
            if (length != header.fileBytes()) {
                notes.accept(file + ": cache is " + length + " bytes, expected " + header.fileBytes()
                        + " (truncated?); rebuilding it");
                return Optional.empty();
            }
            // An automatic arena unmaps the file once the dataset that holds the segment is unreachable.
            MemorySegment all = ch.map(FileChannel.MapMode.READ_ONLY, 0, length, Arena.ofAuto());
            MemorySegment pixels = all.asSlice(HEADER_BYTES, header.pixelBytes());
            int[] labelValues = new int[count];
            MemorySegment.copy(all, ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN),
                    HEADER_BYTES + header.pixelBytes(), labelValues, 0, count);
            return Optional.of(new Contents(pixels, labelValues));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Encodes {@code header} as the 64 header bytes, checksum included. */
    static ByteBuffer encode(Header header) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC);
        b.putInt(VERSION);
        b.putInt(header.count());
        b.putInt(header.shape().channels()).putInt(header.shape().height()).putInt(header.shape().width());
        b.putLong(header.images().size()).putLong(header.images().modifiedMillis());
        b.putLong(header.labels().size()).putLong(header.labels().modifiedMillis());
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, HEADER_BYTES - 4);
        b.putInt((int) crc.getValue());
        b.flip();
        return b;
    }

    /**
     * A cache file being written: the body first, then the labels and the header, into an
     * {@link AtomicWrites.Pending} that becomes the target only when {@link #commit} succeeds.
     * Closing without committing deletes the temporary file.
     */
    static final class Writer implements AutoCloseable {
        private final AtomicWrites.Pending pending;
        private final FileChannel channel;
        private long position = HEADER_BYTES;

        private Writer(AtomicWrites.Pending pending) {
            this.pending = pending;
            this.channel = pending.channel();
        }

        /** Starts writing a cache that will replace {@code target}; fails when its folder is not writable. */
        static Writer create(Path target) throws IOException {
            Files.createDirectories(target.toAbsolutePath().getParent());
            return new Writer(AtomicWrites.Pending.open(target));
        }

        /** Appends {@code length} bytes of {@code bytes} to the body. */
        void write(byte[] bytes, int length) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(bytes, 0, length);
            while (buf.hasRemaining()) position += channel.write(buf, position);
        }

        /** Appends the labels, writes the header, forces everything to disk and renames into place. */
        void commit(Header header, int[] labels) throws IOException {
            ByteBuffer lb = ByteBuffer.allocate(4 * labels.length).order(ByteOrder.LITTLE_ENDIAN);
            for (int label : labels) lb.putInt(label);
            lb.flip();
            while (lb.hasRemaining()) position += channel.write(lb, position);
            if (position != header.fileBytes()) {
                throw new IllegalStateException("cache body is " + position + " bytes, expected " + header.fileBytes());
            }
            ByteBuffer head = encode(header);
            long at = 0;
            while (head.hasRemaining()) at += channel.write(head, at);
            pending.commit();
        }

        @Override
        public void close() throws IOException {
            pending.close();
        }
    }
}
