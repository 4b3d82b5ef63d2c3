package dev.latent.cli;

import dev.latent.data.Dataset;
import dev.latent.data.Matrix;
import dev.latent.internal.Check;
import dev.latent.io.Json;
import dev.latent.io.ModelIO;
import dev.latent.neural.models.vae.VaeModel;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A variational autoencoder loaded from the MODEL argument, with the scaling its training data had (recorded in
 * the model file's provenance), so that new DATA is scaled the same way.
 */
record TrainedVae(VaeModel model, Path file, Results.Scaling scaling) {

    /** Loads the VAE {@code spec} names; records its file as {@code model}. */
    static TrainedVae load(String spec, Output out) throws Exception {
        Path file = ModelArgument.resolve(spec, VaeModel.KIND);
        VaeModel model = out.time("load model", () -> VaeModel.load(file));
        String scale = ModelIO.header(file).provenance().find("scale").map(Json::asString).orElse("none");
        out.result().put("model", file.toString());
        return new TrainedVae(model, file, Results.Scaling.valueOf(scale.toUpperCase(Locale.ROOT)));
    }

    /**
     * The samples of {@code d} as the model's input: scaled as in training and checked against its shape.
     * @throws IllegalArgumentException when a sample does not have as many values as the model's
     */
    Matrix samples(Dataset d, Output out) throws Exception {
        Check.argument(d.features() == model.sampleShape().size(), "DATA must have samples of "
                + model.sampleShape() + " (" + model.sampleShape().size() + " values) for this model, got "
                + d.shape());
        return Results.features(d, scaling, out);
    }

    /**
     * The labels the model's networks take for the samples of {@code d}: none for an unconditional model, the
     * data's labels for a conditional one.
     * @throws IllegalArgumentException when a conditional model gets data without labels or with more classes
     */
    int[] labels(Dataset d) {
        if (!model.conditional()) return new int[0];
        Check.argument(d.hasLabels(), "this VAE is conditional: DATA needs labels");
        int classes = model.classes();
        for (int label : d.labels()) {
            Check.argument(label < classes, "this VAE knows " + classes + " classes; DATA has label " + label);
        }
        return d.labels();
    }

    /**
     * The class index {@code label} names (an index or a class name): -1 when absent for an unconditional model.
     * @throws IllegalArgumentException when a conditional model gets no label or an unknown one, or an
     *                                  unconditional model gets one
     */
    int label(String label) {
        if (!model.conditional()) {
            Check.argument(label == null, "--label needs a conditional VAE (trained with --conditional), got " + label);
            return -1;
        }
        var names = model.classNames();
        int classes = model.classes();
        String choices = "one of 0 to " + (classes - 1) + (names.isEmpty() ? "" : " or " + names);
        Check.argument(label != null, "this VAE is conditional: --label must name a class, " + choices);
        int i = names.indexOf(label);
        if (i >= 0) return i;
        try {
            i = Integer.parseInt(label.strip());
        } catch (NumberFormatException e) {
            i = -1;
        }
        Check.argument(i >= 0 && i < classes, "--label must be " + choices + ", got " + label);
        return i;
    }
}
