package dev.latent.io;

import dev.latent.data.ByteStore;
import dev.latent.data.Dataset;
import dev.latent.data.SampleShape;
import dev.latent.internal.Check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, raw or gzip-compressed.
 * <p>An IDX file is a big-endian header (magic {@code 0x0000TTDD}: type code TT, DD dimensions, then
 * one 32-bit size per dimension) followed by the values in row-major order. Only unsigned bytes
 * (type {@code 0x08}) are read: images {@code 0x00000803} (count, rows, columns) become
 * {@code 1 x rows x columns} images, vectors {@code 0x00000802} (count, features) become plain
 * vectors, and labels are {@code 0x00000801} (count). Compression is recognized by the gzip magic
 * bytes {@code 1f 8b}, whatever the file is called.
 * <p>The samples are kept as bytes in a {@link ByteStore} (raw values 0 to 255, no float copy), read
 * with one bulk read: the 47 MB MNIST training images load in about a tenth of a second.
 * <p>Reference: Y. LeCun, C. Cortes and C. J. C. Burges, "The MNIST database of handwritten digits",
 * http://yann.lecun.com/exdb/mnist/ (the IDX format is described at the bottom of that page).
 */
public final class Idx {
    /** Images of unsigned bytes: count, rows, columns. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Vectors of unsigned bytes: count, features. */
    public static final int VECTORS_MAGIC = 0x00000802;
    /** Labels of unsigned bytes: count. */
    public static final int LABELS_MAGIC = 0x00000801;

    private Idx() {}

    /** An unsigned-byte IDX array: its dimensions (the first is the count) and its values. */
    private record IdxArray(int[] dims, byte[] values) {}

    /**
     * Reads an image (or vector) file and, optionally, its paired label file.
     * @param images the images, magic {@code 0x00000803}, or vectors, magic {@code 0x00000802}
     * @param labels the labels, magic {@code 0x00000801}, one per image; or empty for an unlabelled set
     * @param name   the dataset's name
     * @return a dataset of raw bytes 0 to 255 with labels 0 to 255 and no class names
     * @throws java.nio.file.NoSuchFileException when a file is missing
     * @throws BadFileException when a file has the wrong magic number or is truncated, or when the
     *                          label count differs from the image count
     */
    public static Dataset read(Path images, Optional<Path> labels, String name) throws IOException {
        Check.notNull("images", images);
        Check.notNull("labels", labels);
        Check.notNull("name", name);
        IdxArray x = readArray(images, false);
        SampleShape shape;
        if (x.dims().length == 3) {
            if (x.dims()[1] < 1 || x.dims()[2] < 1) {
                throw new BadFileException(images, "image size must be at least 1 x 1, got "
                        + x.dims()[1] + " x " + x.dims()[2]);
            }
            shape = SampleShape.image(1, x.dims()[1], x.dims()[2]);
        } else {
            if (x.dims()[1] < 1) throw new BadFileException(images, "vector length must be >= 1, got " + x.dims()[1]);
            shape = SampleShape.vector(x.dims()[1]);
        }
        int count = x.dims()[0];
        ByteStore store = ByteStore.of(x.values(), count, shape.size());
        int[] y = new int[0];
        if (labels.isPresent()) {
            Path labelFile = labels.get();
            IdxArray l = readArray(labelFile, true);
            if (l.dims()[0] != count) {
                throw new BadFileException(labelFile, "holds " + l.dims()[0] + " labels but the images file "
                        + images + " holds " + count + " images; the counts must be equal");
            }
            byte[] v = l.values();
            y = new int[count];
            for (int i = 0; i < count; i++) y[i] = v[i] & 0xFF;
        }
        return Dataset.of(name, shape, store, y, List.of());
    }

    /** Reads the labels of an IDX label file ({@code 0x00000801}) as integers 0 to 255. */
    public static int[] readLabels(Path labels) throws IOException {
        Check.notNull("labels", labels);
        byte[] v = readArray(labels, true).values();
        int[] y = new int[v.length];
        for (int i = 0; i < v.length; i++) y[i] = v[i] & 0xFF;
        return y;
    }

    private static IdxArray readArray(Path file, boolean labels) throws IOException {
        if (InputFiles.isGzip(file)) {
            try (InputStream in = InputFiles.open(file)) {
                byte[] magicBytes = new byte[4];
                int got = InputFiles.readFully(file, in, magicBytes, 0, 4);
                int[] dims = parseMagic(file, magicBytes, got, labels);
                byte[] dimBytes = new byte[4 * dims.length];
                got = InputFiles.readFully(file, in, dimBytes, 0, dimBytes.length);
                int header = 4 + dimBytes.length;
                if (got < dimBytes.length) throw truncatedHeader(file, header, 4 + got);
                int size = payloadSize(file, dims, dimBytes);
                byte[] values = new byte[size];
                got = InputFiles.readFully(file, in, values, 0, size);
                if (got < size) throw truncated(file, dims, header, header + got, " after decompression");
                return new IdxArray(dims, values);
            }
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            ByteBuffer head = ByteBuffer.allocate(4);
            readFully(ch, head);
            int[] dims = parseMagic(file, head.array(), head.position(), labels);
            ByteBuffer dimBuffer = ByteBuffer.allocate(4 * dims.length);
            readFully(ch, dimBuffer);
            int header = 4 + dimBuffer.capacity();
            if (dimBuffer.hasRemaining()) throw truncatedHeader(file, header, fileSize);
            int size = payloadSize(file, dims, dimBuffer.array());
            if (fileSize < (long) header + size) throw truncated(file, dims, header, fileSize, "");
            byte[] values = new byte[size];
            ByteBuffer body = ByteBuffer.wrap(values);
            readFully(ch, body);
            if (body.hasRemaining()) throw truncated(file, dims, header, header + body.position(), "");
            return new IdxArray(dims, values);
        }
    }

    /** Bytes asked of the channel at once: one huge read makes the JDK fill a temporary buffer as large. */
    private static final int READ_SLICE = 1 << 20;

    /** Fills {@code buffer} from {@code ch} in slices, stopping early only at the end of the file. */
    private static void readFully(FileChannel ch, ByteBuffer buffer) throws IOException {
        int end = buffer.limit();
        while (buffer.position() < end) {
            buffer.limit(Math.min(end, buffer.position() + READ_SLICE));
            if (ch.read(buffer) < 0) break;
        }
        buffer.limit(end);
    }

    /** Checks the magic number and returns an array of dimensions to be filled in (length = dimension count). */
    private static int[] parseMagic(Path file, byte[] b, int got, boolean labels) throws BadFileException {
        if (got < 4) throw truncatedHeader(file, 4, got);
        int magic = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        if (labels ? magic != LABELS_MAGIC : magic != IMAGES_MAGIC && magic != VECTORS_MAGIC) {
            String expected = labels ? hex(LABELS_MAGIC) + " (unsigned-byte labels)"
                    : hex(IMAGES_MAGIC) + " (unsigned-byte images) or " + hex(VECTORS_MAGIC) + " (unsigned-byte vectors)";
            String hint = (magic >>> 16) != 0 ? "; this is not an IDX file"
                    : ((magic >>> 8) & 0xFF) != 0x08 ? "; only unsigned-byte data (type 0x08) is supported" : "";
            throw new BadFileException(file, "wrong magic number: expected " + expected + ", got " + hex(magic) + hint);
        }
        return new int[magic & 0xFF];
    }

    /** Fills {@code dims} from the big-endian sizes and returns the number of value bytes. */
    private static int payloadSize(Path file, int[] dims, byte[] b) throws BadFileException {
        long size = 1;
        for (int k = 0; k < dims.length; k++) {
            int o = 4 * k;
            dims[k] = ((b[o] & 0xFF) << 24) | ((b[o + 1] & 0xFF) << 16) | ((b[o + 2] & 0xFF) << 8) | (b[o + 3] & 0xFF);
            if (dims[k] < 0) throw new BadFileException(file, "dimension " + k + " is negative: " + dims[k]);
            size *= dims[k];
            if (size > Integer.MAX_VALUE - 8) {
                throw new BadFileException(file, "holds more than 2^31 - 9 values, more than this reader supports");
            }
        }
        return (int) size;
    }

    private static BadFileException truncatedHeader(Path file, long expected, long actual) {
        return new BadFileException(file, "truncated header: expected " + expected + " bytes, got " + actual);
    }

    private static BadFileException truncated(Path file, int[] dims, int header, long actual, String how) {
        StringBuilder shape = new StringBuilder();
        long expected = header;
        long values = 1;
        for (int k = 0; k < dims.length; k++) {
            shape.append(k == 0 ? "" : " x ").append(dims[k]);
            values *= dims[k];
        }
        expected += values;
        return new BadFileException(file, "truncated: expected " + expected + " bytes (a " + header
                + "-byte header and " + shape + " values), got " + actual + how);
    }

    private static String hex(int magic) {
        return String.format("0x%08x", magic);
    }
}
