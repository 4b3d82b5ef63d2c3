package dev.latent.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AtomicWritesTest {
    @TempDir Path dir;

    @Test void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("model.bin"), "old");
        IOException e = assertThrows(IOException.class, () -> AtomicWrites.write(target, out -> {
            out.write(new byte[100_000]);   // more than the buffer, so part of it reaches the temporary file
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(target), "old content kept");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "temporary file removed");
        }
    }

    @Test void failedFirstWriteLeavesNoFileAtAll() {
        Path target = dir.resolve("new.bin");
        assertThrows(IOException.class, () -> AtomicWrites.write(target, out -> {
            throw new IOException("stop");
        }));
        assertFalse(Files.exists(target));
    }

    @Test void successfulWriteReplacesTheContent() throws IOException {
        Path target = Files.writeString(dir.resolve("a.txt"), "old");
        AtomicWrites.write(target, out -> out.write("new".getBytes()));
        assertEquals("new", Files.readString(target));
    }
}
