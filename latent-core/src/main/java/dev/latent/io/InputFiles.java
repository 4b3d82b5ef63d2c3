package dev.latent.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/** Opening input files: a clear message for a missing file, and gzip recognized by its magic bytes. */
final class InputFiles {
    private InputFiles() {}

    /** Fails with a message naming {@code file} when it does not exist or is a folder. */
    static void requireFile(Path file) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "no such file");
        if (Files.isDirectory(file)) throw new BadFileException(file, "is a folder, expected a file");
    }

    /** True when the file starts with the gzip magic bytes 1f 8b. */
    static boolean isGzip(Path file) throws IOException {
        requireFile(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(2);
            while (head.hasRemaining() && ch.read(head) >= 0) {
                // keep reading until two bytes or end of file
            }
            return head.position() == 2 && (head.get(0) & 0xFF) == 0x1f && (head.get(1) & 0xFF) == 0x8b;
        }
    }

    /** A buffered stream over the file's content, decompressed when it is gzip. */
    static InputStream open(Path file) throws IOException {
        boolean gzip = isGzip(file);
        InputStream raw = Files.newInputStream(file);
        try {
            return gzip ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16);
        } catch (IOException e) {
            raw.close();
            throw new BadFileException(file, "not a valid gzip stream: " + e.getMessage());
        }
    }

    /**
     * Reads up to {@code length} bytes into {@code out} and returns how many were read (fewer only at the
     * end of the stream); a damaged gzip stream becomes a {@link BadFileException} naming the file.
     */
    static int readFully(Path file, InputStream in, byte[] out, int offset, int length) throws IOException {
        try {
            return in.readNBytes(out, offset, length);
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new BadFileException(file, "damaged or truncated gzip stream (" + e.getMessage() + ")");
        }
    }
}
