package dev.latent.io;

import dev.latent.internal.Check;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Fetches a URL into a file, verified by SHA-256, never leaving a partial file behind.
 * <p>The body streams into a temporary file in the target's folder (an {@link AtomicWrites.Pending})
 * while its SHA-256 is computed. When the sum matches, the file is forced to disk and renamed over the
 * target in one step; on a mismatch, an HTTP error, a dropped connection, an interruption or any other
 * failure the temporary file is deleted and the target is left as it was.
 * <p>With {@code gunzip} the body is decompressed while it streams, and the sum is that of the
 * decompressed content: a sum recorded from an uncompressed file then verifies a gzip download.
 */
public final class Download {
    /** Receives progress while a download runs. */
    @FunctionalInterface
    public interface Progress {
        /** No progress reports. */
        Progress NONE = (bytes, total) -> {};

        /**
         * Called after each block read.
         * @param bytes bytes received so far (compressed bytes when decompressing)
         * @param total the length the server announced, or -1 when unknown
         */
        void update(long bytes, long total);
    }

    private static final int CONNECT_TIMEOUT_MS = 30_000, READ_TIMEOUT_MS = 60_000;

    private Download() {}

    /**
     * Fetches {@code url} into {@code target}, whose SHA-256 must be {@code sha256}.
     * @param sha256 the expected SHA-256, 64 hex digits (case ignored)
     * @throws IOException naming the URL or file: HTTP errors, a truncated body, or a checksum mismatch
     *                     ("expected ..., got ...")
     */
    public static void fetch(URI url, Path target, String sha256, Progress progress) throws IOException {
        fetch(url, target, sha256, false, progress);
    }

    /**
     * Fetches {@code url} into {@code target}, decompressing the body first when {@code gunzip} is set.
     * @param sha256 the expected SHA-256 of what is written to {@code target}
     * @throws IllegalArgumentException when {@code sha256} is not 64 hex digits
     * @throws IOException naming the URL or file, as for {@link #fetch(URI, Path, String, Progress)}
     */
    public static void fetch(URI url, Path target, String sha256, boolean gunzip, Progress progress) throws IOException {
        Check.notNull("url", url);
        Check.notNull("target", target);
        Check.notNull("progress", progress);
        String expected = checkSum(sha256);
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (AtomicWrites.Pending pending = AtomicWrites.Pending.open(target)) {
            String actual = copy(url, pending.channel(), gunzip, progress);
            if (!actual.equals(expected)) {
                throw new IOException(target + ": SHA-256 mismatch for the download from " + url + ": expected "
                        + expected + ", got " + actual + " (the file was not kept)");
            }
            pending.commit();
        }
    }

    /** Streams the body of {@code url} into {@code channel} and returns its SHA-256; the caller forces and closes it. */
    private static String copy(URI url, FileChannel channel, boolean gunzip, Progress progress) throws IOException {
        URLConnection connection = url.toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(READ_TIMEOUT_MS);
        connection.setRequestProperty("User-Agent", "latent");
        try {
            if (connection instanceof HttpURLConnection http) {
                int status = http.getResponseCode();
                if (status != HttpURLConnection.HTTP_OK) {
                    throw new IOException(url + ": HTTP " + status
                            + (http.getResponseMessage() == null ? "" : " " + http.getResponseMessage()));
                }
            }
            long total = connection.getContentLengthLong();
            MessageDigest digest = sha256();
            long[] received = {0};
            try (InputStream raw = connection.getInputStream();
                 InputStream counted = new CountingStream(raw, received, total, progress);
                 InputStream body = gunzip ? new GZIPInputStream(counted, 1 << 16) : counted) {
                OutputStream out = Channels.newOutputStream(channel);   // unbuffered; closing it would close the channel
                byte[] buf = new byte[1 << 16];
                try {
                    for (int n; (n = body.read(buf)) > 0; ) {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new InterruptedIOException(url + ": download interrupted");
                        }
                        digest.update(buf, 0, n);
                        out.write(buf, 0, n);
                    }
                    if (gunzip) {
                        while (counted.read(buf) > 0) {
                            // bytes after the gzip trailer, if any, are counted but not kept
                        }
                    }
                } catch (InterruptedIOException e) {
                    throw e;
                } catch (IOException e) {
                    throw new IOException(url + ": download failed after " + received[0] + " bytes"
                            + (total >= 0 ? " of " + total : "") + ": " + e.getMessage(), e);
                }
                if (total >= 0 && received[0] != total) {
                    throw new IOException(url + ": connection closed after " + received[0] + " of " + total + " bytes");
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } finally {
            if (connection instanceof HttpURLConnection http) http.disconnect();
        }
    }

    /** The SHA-256 of a file's bytes, as 64 lower-case hex digits. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /** The SHA-256 of everything left in {@code in}, as 64 lower-case hex digits; does not close it. */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) digest.update(buf, 0, n);
        return HexFormat.of().formatHex(digest.digest());
    }

    static String checkSum(String sha256) {
        Check.notNull("sha256", sha256);
        String s = sha256.toLowerCase(Locale.ROOT);
        Check.argument(s.length() == 64 && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')),
                "sha256 must be 64 hex digits, got '" + sha256 + "'");
        return s;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Counts the bytes read through it and reports them. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private final long[] received;
        private final long total;
        private final Progress progress;

        CountingStream(InputStream in, long[] received, long total, Progress progress) {
            super(in);
            this.received = received;
            this.total = total;
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count(n);
            return n;
        }

        private void count(int n) {
            received[0] += n;
            progress.update(received[0], total);
        }
    }
}
