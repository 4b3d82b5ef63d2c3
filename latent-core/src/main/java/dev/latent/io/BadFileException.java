package dev.latent.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that exists but cannot be read as what it claims to be: a wrong magic number, a truncated
 * body, a ragged or non-numeric CSV row. The message names the file and, where known, the place.
 */
public class BadFileException extends IOException {
    private final transient Path file;

    /** {@code problem} says what is wrong, for example {@code "line 12, column 3: 'abc' is not a number"}. */
    public BadFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
