package dev.latent.neural.models;

import dev.latent.data.SampleShape;
import dev.latent.internal.Check;
import dev.latent.neural.layers.ActivationLayer;
import dev.latent.neural.layers.Conv2d;
import dev.latent.neural.layers.ConvTranspose2d;
import dev.latent.neural.layers.Dense;
import dev.latent.neural.layers.Init;
import dev.latent.neural.layers.Layer;
import dev.latent.neural.layers.Reshape;
import dev.latent.neural.layers.Sequential;
import dev.latent.neural.tensor.Activation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A mirrored pair of networks, an encoder from samples to codes and a decoder from codes back to samples, as
 * autoencoders and variational autoencoders use them. Weights are drawn from the generator in layer order, so
 * the same generator gives the same networks. Every layer starts from the given initializer or, when there is
 * none, from its own default ({@link Dense#defaultInit}, He's for the convolutions).
 * @param encoder samples (any shape holding the input size) to rows of {@code codeSize} values
 * @param decoder rows of {@code decoderInputSize} values to samples of the output shape
 */
public record EncoderDecoder(Sequential encoder, Sequential decoder) {
    public EncoderDecoder {
        Check.notNull("encoder", encoder);
        Check.notNull("decoder", decoder);
    }

    /**
     * Fully connected networks: {@code inputSize -> hidden... -> codeSize} and
     * {@code decoderInputSize -> ...hidden reversed -> shape}; the output takes the sample shape (an image
     * shape included).
     * @param code   the activation of the code layer
     * @param output the activation of the output layer
     * @param init   the initializer of every layer, or empty for each layer's default
     */
    public static EncoderDecoder dense(int inputSize, SampleShape shape, List<Integer> hidden, int codeSize,
                                       int decoderInputSize, Activation activation, Activation code,
                                       Activation output, Optional<Init> init, SplittableRandom rng) {
        List<Layer> enc = new ArrayList<>(List.of(Reshape.flatten()));
        int from = inputSize;
        for (int h : hidden) {
            enc.add(dense(from, h, activation, init, rng));
            from = h;
        }
        enc.add(dense(from, codeSize, code, init, rng));
        List<Layer> dec = new ArrayList<>();
        from = decoderInputSize;
        for (int i = hidden.size() - 1; i >= 0; i--) {
            dec.add(dense(from, hidden.get(i), activation, init, rng));
            from = hidden.get(i);
        }
        dec.add(dense(from, shape.size(), output, init, rng));
        if (shape.isImage()) dec.add(Reshape.of(shape.channels(), shape.height(), shape.width()));
        return new EncoderDecoder(Sequential.of(enc), Sequential.of(dec));
    }

    /**
     * Convolutional networks: stride-2 convolutions (kernel 3, padding 1) with the given channel counts, each
     * halving the height and width, then a dense layer to the code; the decoder mirrors them with a dense layer
     * and transposed convolutions whose output padding gives back each size exactly.
     * @throws IllegalArgumentException when the height and width do not halve alike (different parity)
     */
    public static EncoderDecoder conv(SampleShape shape, List<Integer> channels, int codeSize, int decoderInputSize,
                                      Activation activation, Activation code, Activation output,
                                      Optional<Init> init, SplittableRandom rng) {
        Check.argument(shape.isImage(), "the conv architecture needs image data (channels, height, width), got "
                + shape);
        int layers = channels.size();
        int[] heights = new int[layers + 1], widths = new int[layers + 1], chans = new int[layers + 1];
        heights[0] = shape.height();
        widths[0] = shape.width();
        chans[0] = shape.channels();
        List<Layer> enc = new ArrayList<>(List.of(Reshape.of(shape.channels(), shape.height(), shape.width())));
        for (int i = 1; i <= layers; i++) {
            chans[i] = channels.get(i - 1);
            heights[i] = (heights[i - 1] + 1) / 2;     // kernel 3, stride 2, padding 1
            widths[i] = (widths[i - 1] + 1) / 2;
            enc.add(Conv2d.of(chans[i - 1], chans[i], 3, 2, 1, init.orElse(Init.HE), rng));
            enc.add(ActivationLayer.of(activation));
        }
        int flat = chans[layers] * heights[layers] * widths[layers];
        enc.add(Reshape.flatten());
        enc.add(dense(flat, codeSize, code, init, rng));

        List<Layer> dec = new ArrayList<>();
        dec.add(dense(decoderInputSize, flat, activation, init, rng));
        dec.add(Reshape.of(chans[layers], heights[layers], widths[layers]));
        for (int i = layers; i >= 1; i--) {
            // a transposed convolution of stride 2 makes 2 h - 1 + outputPadding rows: pick the padding that
            // gives back the encoder's size at this depth
            int padH = heights[i - 1] - (2 * heights[i] - 1), padW = widths[i - 1] - (2 * widths[i] - 1);
            Check.argument(padH == padW, "the conv architecture needs a height and width of equal parity, got "
                    + shape.height() + " x " + shape.width());
            dec.add(ConvTranspose2d.of(chans[i], chans[i - 1], 3, 2, 1, padH, init.orElse(Init.HE), rng));
            Activation a = i == 1 ? output : activation;
            if (a != Activation.IDENTITY) dec.add(ActivationLayer.of(a));
        }
        return new EncoderDecoder(Sequential.of(enc), Sequential.of(dec));
    }

    private static Dense dense(int in, int out, Activation activation, Optional<Init> init, SplittableRandom rng) {
        Init chosen = init.orElse(Dense.defaultInit(activation));
        return Dense.of(in, out, activation, activation.defaultAlpha(), chosen, rng);
    }
}
