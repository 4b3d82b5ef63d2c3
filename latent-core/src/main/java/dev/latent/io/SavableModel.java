package dev.latent.io;

import dev.latent.Model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model that {@link ModelIO} can save: it names its kind and writes its hyperparameters and learned
 * arrays to a {@link ModelWriter}. Its fit report is saved with it by {@code ModelIO}.
 * <p>Each implementing class also has a {@code public static X load(Path file)} that calls
 * {@link ModelIO#load} with its kind and a reader, so that a model is saved and loaded with one call each:
 * {@snippet :
 * model.save(Path.of("kmeans.latent"));
 * KMeansModel back = KMeansModel.load(Path.of("kmeans.latent"));
 * }
 */
public interface SavableModel extends Model {
    /** The kind of model, stored in the file and checked on load: lower-case letters, digits and '-'. */
    String kind();

    /** Writes the hyperparameters and learned values (not the fit report, which ModelIO adds). */
    void writeTo(ModelWriter out);

    /**
     * Saves this model to {@code file} atomically: the file is either replaced whole or left as it was.
     * @throws IOException when the file cannot be written; the message names it
     */
    default void save(Path file) throws IOException {
        ModelIO.save(this, file);
    }
}
