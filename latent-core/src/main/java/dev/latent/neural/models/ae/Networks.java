package dev.latent.neural.models.ae;

import dev.latent.data.SampleShape;
import dev.latent.neural.layers.Sequential;
import dev.latent.neural.models.EncoderDecoder;
import dev.latent.neural.tensor.Activation;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * An autoencoder's encoder and decoder, built from its hyperparameters and the shape of a sample with weights
 * drawn from the seed. Loading a model builds the same layers and then sets their weights.
 * @param encoder samples to codes
 * @param decoder codes to reconstructions (logits when {@code logits} is true)
 * @param logits  whether the decoder's output still needs a sigmoid
 */
record Networks(Sequential encoder, Sequential decoder, boolean logits) {

    /**
     * The networks of {@code params} for samples of {@code shape}.
     * @param sigmoidOutput whether reconstructions pass through a sigmoid (data in [0, 1])
     */
    static Networks of(Autoencoder params, SampleShape shape, boolean sigmoidOutput) {
        SplittableRandom rng = new SplittableRandom(params.seed());
        Activation code = params.sparsity().kind() == Sparsity.Kind.KL ? Activation.SIGMOID : Activation.IDENTITY;
        boolean logits = params.loss() == Loss.BCE;
        Activation output = sigmoidOutput && !logits ? Activation.SIGMOID : Activation.IDENTITY;
        EncoderDecoder pair = params.architecture() == Architecture.DENSE
                ? EncoderDecoder.dense(shape.size(), shape, params.hidden(), params.latent(), params.latent(),
                        params.activation(), code, output, Optional.empty(), rng)
                : EncoderDecoder.conv(shape, params.hidden(), params.latent(), params.latent(), params.activation(),
                        code, output, Optional.empty(), rng);
        return new Networks(pair.encoder(), pair.decoder(), logits);
    }
}
