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

    @Test void writtenFileGetsTheFolderDefaultPermissionsNotOwnerOnly() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain.txt"));   // permissions from the process umask
        Path written = dir.resolve("written.txt");
        AtomicWrites.write(written, out -> out.write("x".getBytes()));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written),
                "an atomically written file should get the same permissions as a plainly created one");
    }

    @Test void successfulWriteReplacesTheContent() throws IOException {
        Path target = Files.writeString(dir.resolve("a.txt"), "old");
        AtomicWrites.write(target, out -> out.write("new".getBytes()));
        assertEquals("new", Files.readString(target));
    }

    @Test void pendingFileReplacesTheTargetOnlyOnCommit() throws IOException {
        Path target = Files.writeString(dir.resolve("cache.bin"), "old");
        try (AtomicWrites.Pending p = AtomicWrites.Pending.open(target)) {
            p.channel().write(java.nio.ByteBuffer.wrap("body".getBytes()), 4);   // positional: body after a header
            p.channel().write(java.nio.ByteBuffer.wrap("head".getBytes()), 0);
            assertEquals("old", Files.readString(target), "not replaced before the commit");
            p.commit();
        }
        assertEquals("headbody", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test void pendingFileClosedWithoutCommitLeavesNothing() throws IOException {
        Path old = Files.writeString(dir.resolve("old.bin"), "old");
        try (AtomicWrites.Pending p = AtomicWrites.Pending.open(old)) {
            p.channel().write(java.nio.ByteBuffer.wrap(new byte[100_000]));
        }
        assertEquals("old", Files.readString(old));
        try (AtomicWrites.Pending p = AtomicWrites.Pending.open(dir.resolve("new.bin"))) {
            p.channel().write(java.nio.ByteBuffer.wrap(new byte[10]));
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(old), files.toList(), "no temporary file and no new file");
        }
    }

    @Test void pendingFileNeedsAnExistingFolder() {
        Path target = dir.resolve("missing").resolve("a.bin");
        IOException e = assertThrows(java.nio.file.NoSuchFileException.class, () -> AtomicWrites.Pending.open(target));
        assertTrue(e.getMessage().contains(dir.resolve("missing").toString()), e.getMessage());
    }
}
