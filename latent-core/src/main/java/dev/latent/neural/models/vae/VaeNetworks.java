package dev.latent.neural.models.vae;

import dev.latent.data.SampleShape;
import dev.latent.internal.Check;
import dev.latent.neural.autodiff.Node;
import dev.latent.neural.layers.Init;
import dev.latent.neural.layers.Layer;
import dev.latent.neural.layers.Mode;
import dev.latent.neural.layers.Parameter;
import dev.latent.neural.layers.Sequential;
import dev.latent.neural.models.EncoderDecoder;
import dev.latent.neural.models.ae.Architecture;
import dev.latent.neural.tensor.Activation;
import dev.latent.neural.tensor.Tensor;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A VAE's networks: the encoder gives each sample (with its one-hot label, when conditional) the mean and
 * log-variance of its code side by side ({@code 2 latent} values), the decoder maps a code (with the label) to
 * logits or means, and {@link #variance} holds the learned per-value log-variance of a
 * {@link Likelihood#GAUSSIAN_LEARNED} decoder and the generator of the training noise.
 * <p>The dense networks start from {@link Init#FAN_IN_UNIFORM} (PyTorch's default for {@code nn.Linear}: weights
 * and biases uniform on {@code +-1 / sqrt(fanIn)}) in every layer, and so do the conv networks (PyTorch's default
 * for {@code nn.Conv2d} and {@code nn.ConvTranspose2d} too).
 */
record VaeNetworks(Sequential encoder, Sequential decoder, Variance variance, int classes) {

    static VaeNetworks of(Vae params, SampleShape shape, int classes) {
        SplittableRandom rng = new SplittableRandom(params.seed());
        int latent = params.latent();
        Optional<Init> init = Optional.of(Init.FAN_IN_UNIFORM);
        EncoderDecoder pair;
        if (params.architecture() == Architecture.DENSE) {
            pair = EncoderDecoder.dense(shape.size() + classes, shape, params.hidden(), 2 * latent, latent + classes,
                    params.activation(), Activation.IDENTITY, Activation.IDENTITY, init, rng);
        } else {
            Check.argument(classes == 0, "a conditional VAE needs the dense architecture");
            pair = EncoderDecoder.conv(shape, params.hidden(), 2 * latent, latent, params.activation(),
                    Activation.IDENTITY, Activation.IDENTITY, init, rng);
        }
        return new VaeNetworks(pair.encoder(), pair.decoder(),
                new Variance(params.likelihood() == Likelihood.GAUSSIAN_LEARNED, shape.size()), classes);
    }

    /** Every layer that holds state to train or seed, for the training loop. */
    Sequential all() {
        return Sequential.of(variance, encoder, decoder);
    }

    /**
     * The learned log-variance of the decoder's Gaussian (a parameter only when learned) and the generator of
     * the standard-normal draws of training, reseeded by the training loop every epoch so that a resumed run
     * draws the same noise. As a layer it passes its input through.
     */
    static final class Variance implements Layer {
        private final boolean learned;
        private final Parameter logVariance;
        private SplittableRandom rng = new SplittableRandom(0);

        Variance(boolean learned, int features) {
            this.learned = learned;
            this.logVariance = Parameter.of("logVariance", Tensor.zeros(features));
        }

        Parameter logVariance() {
            return logVariance;
        }

        /** A fresh standard-normal tensor of this shape. */
        Tensor normal(int... shape) {
            return dev.latent.neural.tensor.Tensors.normal(rng, 1f, shape);
        }

        @Override
        public Node apply(Node x, Mode mode) {
            return x;
        }

        @Override
        public List<Parameter> parameters() {
            return learned ? List.of(logVariance) : List.of();
        }

        @Override
        public void seed(long seed) {
            rng = new SplittableRandom(seed);
        }
    }
}
