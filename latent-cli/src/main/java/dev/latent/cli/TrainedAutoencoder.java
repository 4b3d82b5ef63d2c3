package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.neural.models.ae.AutoencoderModel;

import java.nio.file.Path;

/**
 * An autoencoder loaded from the MODEL argument, with the scaling its training data had (recorded in the
 * model file's provenance), so that new DATA is scaled the same way.
 */
record TrainedAutoencoder(AutoencoderModel model, Path file, Results.Scaling scaling) {

    /** Loads the autoencoder {@code spec} names; records its file as {@code model}. */
    static TrainedAutoencoder load(String spec, Output out) throws Exception {
        Path file = ModelArgument.resolve(spec, AutoencoderModel.KIND);
        AutoencoderModel model = out.time("load model", () -> AutoencoderModel.load(file));
        out.result().put("model", file.toString());
        return new TrainedAutoencoder(model, file, ModelArgument.scaling(file));
    }

    /**
     * The samples of {@code d} as the model's input: scaled as in training and checked against its shape.
     * @throws IllegalArgumentException when a sample does not have as many values as the model's
     */
    Matrix samples(Dataset d, Output out) throws Exception {
        return ModelArgument.samples(d, model.sampleShape(), scaling, out);
    }
}
