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
        Path p = Path.of(spec);
        if (Files.isDirectory(p)) p = p.resolve(Results.MODEL_FILE);
        if (!Files.isRegularFile(p)) throw new NoSuchFileException(p.toString(), null, "no model file");
        String found = ModelIO.kind(p);
        if (!found.equals(kind)) {
            throw new BadFileException(p, "holds a " + found + " model; this command needs an " + kind + " model");
        }
        return p;
    }
}
