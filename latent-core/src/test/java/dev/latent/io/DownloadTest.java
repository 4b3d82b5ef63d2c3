package dev.latent.io;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DownloadTest {
    /** SHA-256 of the three ASCII bytes "abc" (FIPS 180-2, appendix B.1). */
    static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path dir;
    HttpServer server;
    final byte[] body = new byte[300_000];

    @BeforeEach
    void start() throws IOException {
        new SplittableRandom(5).nextBytes(body);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/abc", ex -> {
            ex.sendResponseHeaders(200, 3);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(new byte[] {'a', 'b', 'c'});
            }
        });
        server.createContext("/body", ex -> {
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.createContext("/body.gz", ex -> {
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
                g.write(body);
            }
            ex.sendResponseHeaders(200, gz.size());
            try (OutputStream o = ex.getResponseBody()) {
                gz.writeTo(o);
            }
        });
        server.createContext("/dropped", ex -> {
            // announces the whole body, sends half of it, then closes the connection
            ex.sendResponseHeaders(200, body.length);
            OutputStream o = ex.getResponseBody();
            o.write(body, 0, body.length / 2);
            o.flush();
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<Path> files() throws IOException {
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void storesTheBodyWhenItsSumMatches() throws IOException {
        Path target = dir.resolve("abc.txt");
        List<long[]> progress = new ArrayList<>();
        Download.fetch(url("/abc"), target, ABC_SHA256.toUpperCase(), (bytes, total) -> progress.add(new long[] {bytes, total}));
        assertEquals("abc", Files.readString(target));
        assertEquals(List.of(target), files(), "only the target, no temporary file");
        long[] last = progress.get(progress.size() - 1);
        assertArrayEquals(new long[] {3, 3}, last, "progress ends at 3 of 3 bytes");
    }

    @Test
    void verifiesTheDecompressedContentOfAGzipBody() throws IOException {
        Path reference = dir.resolve("reference");
        Files.write(reference, body);
        String sum = Download.sha256(reference);
        Path target = dir.resolve("content");
        Download.fetch(url("/body.gz"), target, sum, true, Download.Progress.NONE);
        assertArrayEquals(body, Files.readAllBytes(target));
    }

    @Test
    void deletesTheFileAndNamesBothSumsOnAMismatch() throws IOException {
        Path target = dir.resolve("abc.txt");
        String wrong = "0".repeat(64);
        IOException e = assertThrows(IOException.class,
                () -> Download.fetch(url("/abc"), target, wrong, Download.Progress.NONE));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + wrong + ", got " + ABC_SHA256), e.getMessage());
        assertEquals(List.of(), files(), "nothing left behind");
    }

    @Test
    void keepsAnExistingTargetWhenTheDownloadFails() throws IOException {
        Path target = dir.resolve("abc.txt");
        Files.writeString(target, "old");
        assertThrows(IOException.class, () -> Download.fetch(url("/abc"), target, "1".repeat(64), Download.Progress.NONE));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void reportsANotFoundUrl() throws IOException {
        Path target = dir.resolve("x");
        IOException e = assertThrows(IOException.class,
                () -> Download.fetch(url("/missing"), target, ABC_SHA256, Download.Progress.NONE));
        assertTrue(e.getMessage().contains("HTTP 404") && e.getMessage().contains("/missing"), e.getMessage());
        assertEquals(List.of(), files());
    }

    @Test
    void leavesNoFileWhenTheConnectionDropsMidBody() throws IOException {
        Path reference = dir.resolve("reference");
        Files.write(reference, body);
        String sum = Download.sha256(reference);
        Files.delete(reference);
        Path target = dir.resolve("body");
        IOException e = assertThrows(IOException.class,
                () -> Download.fetch(url("/dropped"), target, sum, Download.Progress.NONE));
        assertTrue(e.getMessage().contains("/dropped"), e.getMessage());
        assertEquals(List.of(), files(), "no partial file");
        assertFalse(Files.exists(target));
    }

    @Test
    void leavesNoFileWhenInterrupted() throws IOException {
        Path reference = dir.resolve("reference");
        Files.write(reference, body);
        String sum = Download.sha256(reference);
        Files.delete(reference);
        Path target = dir.resolve("body");
        try {
            // the progress callback interrupts the downloading thread after the first block
            assertThrows(java.io.InterruptedIOException.class, () -> Download.fetch(url("/body"), target, sum,
                    (bytes, total) -> Thread.currentThread().interrupt()));
        } finally {
            Thread.interrupted();
        }
        assertEquals(List.of(), files(), "no partial file");
    }

    @Test
    void leavesNoFileWhenTheProgressCallbackFails() throws IOException {
        Path target = dir.resolve("abc.txt");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Download.fetch(url("/abc"), target,
                ABC_SHA256, (bytes, total) -> {
                    throw new IllegalStateException("cancelled by the caller");
                }));
        assertEquals("cancelled by the caller", e.getMessage());
        assertEquals(List.of(), files(), "no partial file");
    }

    @Test
    void rejectsASumThatIsNotHex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Download.fetch(url("/abc"), dir.resolve("x"), "abc", Download.Progress.NONE));
        assertEquals("sha256 must be 64 hex digits, got 'abc'", e.getMessage());
    }
}
