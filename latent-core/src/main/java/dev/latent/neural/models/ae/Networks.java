package dev.latent.neural.models.ae;

import dev.latent.data.SampleShape;
import dev.latent.neural.layers.ActivationLayer;
import dev.latent.neural.layers.Conv2d;
import dev.latent.neural.layers.ConvTranspose2d;
import dev.latent.neural.layers.Dense;
import dev.latent.neural.layers.Layer;
import dev.latent.neural.layers.Reshape;
import dev.latent.neural.layers.Sequential;
import dev.latent.neural.tensor.Activation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds an autoencoder's encoder and decoder from its hyperparameters and the shape of a sample, with
 * weights drawn from the seed. Loading a model builds the same layers and then sets their weights.
 * @param encoder        samples to codes
 * @param decoder        codes to reconstructions (logits when {@code logits} is true)
 * @param logits         whether the decoder's output still needs a sigmoid
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
        return params.architecture() == Architecture.DENSE
                ? dense(params, shape, code, output, logits, rng)
                : conv(params, shape, code, output, logits, rng);
    }

    private static Networks dense(Autoencoder p, SampleShape shape, Activation code, Activation output, boolean logits,
                                  SplittableRandom rng) {
        List<Integer> widths = new ArrayList<>();
        widths.add(shape.size());
        widths.addAll(p.hidden());
        List<Layer> enc = new ArrayList<>(List.of(Reshape.of(shape.size())));
        for (int i = 1; i < widths.size(); i++) enc.add(Dense.of(widths.get(i - 1), widths.get(i), p.activation(), rng));
        enc.add(Dense.of(widths.getLast(), p.latent(), code, rng));
        List<Layer> dec = new ArrayList<>();
        int from = p.latent();
        for (int i = widths.size() - 1; i >= 1; i--) {
            dec.add(Dense.of(from, widths.get(i), p.activation(), rng));
            from = widths.get(i);
        }
        dec.add(Dense.of(from, shape.size(), output, rng));
        if (shape.isImage()) dec.add(Reshape.of(shape.channels(), shape.height(), shape.width()));
        return new Networks(Sequential.of(enc), Sequential.of(dec), logits);
    }

    private static Networks conv(Autoencoder p, SampleShape shape, Activation code, Activation output, boolean logits,
                                 SplittableRandom rng) {
        List<Integer> channels = p.hidden();
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
            enc.add(Conv2d.of(chans[i - 1], chans[i], 3, 2, 1, rng));
            enc.add(ActivationLayer.of(p.activation()));
        }
        int flat = chans[layers] * heights[layers] * widths[layers];
        enc.add(Reshape.of(flat));
        enc.add(Dense.of(flat, p.latent(), code, rng));

        List<Layer> dec = new ArrayList<>();
        dec.add(Dense.of(p.latent(), flat, p.activation(), rng));
        dec.add(Reshape.of(chans[layers], heights[layers], widths[layers]));
        for (int i = layers; i >= 1; i--) {
            // a transposed convolution of stride 2 makes 2 h - 1 + outputPadding rows: pick the padding that
            // gives back the encoder's size at this depth
            int padH = heights[i - 1] - (2 * heights[i] - 1), padW = widths[i - 1] - (2 * widths[i] - 1);
            if (padH != padW) {
                throw new IllegalArgumentException("the conv architecture needs a height and width of equal parity, got "
                        + shape.height() + " x " + shape.width());
            }
            dec.add(ConvTranspose2d.of(chans[i], chans[i - 1], 3, 2, 1, padH, rng));
            Activation a = i == 1 ? output : p.activation();
            if (a != Activation.IDENTITY) dec.add(ActivationLayer.of(a));
        }
        return new Networks(Sequential.of(enc), Sequential.of(dec), logits);
    }
}
