package dev.latent.cli;

import dev.latent.io.BadFileException;
import dev.latent.io.ModelIO;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The MODEL argument of the commands that use a trained model: a model file, or a folder holding model.latent. */
final class ModelArgument {
    private ModelArgument() {}

    /** The MODEL parameter's help text. */
    static final String HELP = "A model file written by 'latent train' (or the --out folder holding its model.latent).";

    /**
     * The model file {@code spec} names, checked to hold a model of {@code kind}.
     * @throws NoSuchFileException when neither the file nor DIR/model.latent exists
     * @throws BadFileException    when the file is not a Latent model file or holds another kind of model
     */
    static Path resolve(String spec, String kind) throws IOException {
        Path p = file(spec);
        String found = ModelIO.kind(p);
        if (!found.equals(kind)) {
            throw new BadFileException(p, "holds a " + found + " model; this command needs " + article(kind) + " " + kind
                    + " model");
        }
        return p;
    }

    /**
     * The model file {@code spec} names, checked to hold a model of one of {@code kinds}; returns the kind found.
     * @throws NoSuchFileException when neither the file nor DIR/model.latent exists
     * @throws BadFileException    when the file is not a Latent model file or holds another kind of model
     */
    static String kind(String spec, String... kinds) throws IOException {
        Path p = file(spec);
        String found = ModelIO.kind(p);
        for (String k : kinds) {
            if (k.equals(found)) return found;
        }
        StringBuilder wanted = new StringBuilder();
        for (int i = 0; i < kinds.length; i++) {
            wanted.append(i == 0 ? "" : i == kinds.length - 1 ? " or " : ", ").append(article(kinds[i])).append(' ')
                    .append(kinds[i]).append(" model");
        }
        throw new BadFileException(p, "holds a " + found + " model; this command needs " + wanted);
    }

    private static String article(String kind) {
        return "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an" : "a";
    }

    /** The file {@code spec} names: itself, or DIR/model.latent for a folder. */
    private static Path file(String spec) throws IOException {
        Path p = Path.of(spec);
        if (Files.isDirectory(p)) p = p.resolve(Results.MODEL_FILE);
        if (!Files.isRegularFile(p)) throw new NoSuchFileException(p.toString(), null, "no model file");
        return p;
    }
}
