package dev.latent.cli;

import dev.latent.io.BadFileException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorHandlerTest {
    @Test
    void badInputIsTwoAndBugsAreOne() {
        assertEquals(2, ErrorHandler.exitCode(new BadFileException(Path.of("a.idx"), "wrong magic number")), "bad file");
        assertEquals(2, ErrorHandler.exitCode(new NumberFormatException("x")), "a kind of IllegalArgumentException");
        assertEquals(2, ErrorHandler.exitCode(new UncheckedIOException(new IOException("x"))), "unwrapped I/O");
        assertEquals(1, ErrorHandler.exitCode(new NullPointerException()), "a bug");
        assertEquals(1, ErrorHandler.exitCode(new IllegalStateException("x")), "a bug");
    }

    @Test
    void fileErrorsNameTheFile() {
        assertEquals("a.npy: no such file or folder", ErrorHandler.message(new NoSuchFileException("a.npy")), "missing");
        assertEquals("d: permission denied", ErrorHandler.message(new AccessDeniedException("d")), "denied");
        assertEquals("a.npy: no such file", ErrorHandler.message(new NoSuchFileException("a.npy", null, "no such file")),
                "a given reason is kept");
        assertEquals("a.idx: wrong magic number",
                ErrorHandler.message(new UncheckedIOException(new BadFileException(Path.of("a.idx"), "wrong magic number"))),
                "unwrapped bad file");
    }

    @Test
    void messagesAreOneLine() {
        assertEquals("first; second", ErrorHandler.message(new IllegalArgumentException("first\n  second\n")), "joined");
        assertEquals("internal error: java.lang.NullPointerException", ErrorHandler.message(new NullPointerException()),
                "class named when there is no message");
    }
}
