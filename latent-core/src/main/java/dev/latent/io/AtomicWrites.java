package dev.latent.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that nothing half-written is ever left: the content goes to a temporary file in
 * the same folder, is forced to disk, and is then renamed over the target.
 * <p>{@link #write} takes the whole content as a {@link Body}; {@link Pending} is the same mechanism
 * for writers that need the file channel itself (positional writes, a header written last) or that
 * decide only at the end whether to keep what they wrote.
 */
public final class AtomicWrites {
    private AtomicWrites() {}

    /** What to write into the stream. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code body} to {@code target} atomically; on any failure the target is left as it was. */
    public static void write(Path target, Body body) throws IOException {
        try (Pending p = Pending.open(target)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(p.channel()), 1 << 16);
            body.writeTo(out);
            out.flush();
            p.commit();
        }
    }

    /**
     * A temporary file beside a target that replaces the target only when {@link #commit} succeeds.
     * Closing it without a successful commit deletes the temporary file, so a failure at any point,
     * an exception or a thread interruption included, leaves the target as it was and no other file.
     */
    static final class Pending implements AutoCloseable {
        private final Path target;
        private final Path temp;
        private final FileChannel channel;
        private boolean committed;

        private Pending(Path target, Path temp, FileChannel channel) {
            this.target = target;
            this.temp = temp;
            this.channel = channel;
        }

        /**
         * Starts replacing {@code target}, whose folder must exist.
         * @throws NoSuchFileException when the folder is missing
         * @throws IOException         when the temporary file cannot be created
         */
        static Pending open(Path target) throws IOException {
            Path absolute = target.toAbsolutePath();
            Path dir = absolute.getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                throw new NoSuchFileException(dir.toString(), null, "no such folder to write " + target + " into");
            }
            Path temp = createTemp(dir == null ? Path.of("") : dir, absolute.getFileName().toString());
            try {
                return new Pending(absolute, temp, FileChannel.open(temp, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
        }

        /**
         * Creates an empty, uniquely named hidden file in {@code dir} with the default permissions (unlike
         * {@link Files#createTempFile}, whose owner-only permissions the renamed file would keep).
         */
        private static Path createTemp(Path dir, String name) throws IOException {
            for (int attempt = 0; ; attempt++) {
                Path temp = dir.resolve("." + name + "." + ProcessHandle.current().pid() + "."
                        + Long.toHexString(System.nanoTime()) + ".tmp");
                try {
                    return Files.createFile(temp);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    if (attempt == 100) throw e;
                }
            }
        }

        /** The channel on the temporary file, for writing the content; do not close it. */
        FileChannel channel() {
            return channel;
        }

        /** Forces the content to disk and renames the temporary file over the target. */
        void commit() throws IOException {
            if (committed) throw new IllegalStateException(target + " is already committed");
            channel.force(true);
            channel.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        }

        /** Deletes the temporary file unless {@link #commit} succeeded. */
        @Override
        public void close() throws IOException {
            try {
                if (channel.isOpen()) channel.close();
            } finally {
                if (!committed) Files.deleteIfExists(temp);
            }
        }
    }
}
