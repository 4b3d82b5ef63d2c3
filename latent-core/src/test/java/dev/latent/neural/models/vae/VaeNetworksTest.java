package dev.latent.neural.models.vae;

import dev.latent.data.SampleShape;
import dev.latent.neural.layers.Conv2d;
import dev.latent.neural.layers.ConvTranspose2d;
import dev.latent.neural.layers.Dense;
import dev.latent.neural.layers.Layer;
import dev.latent.neural.layers.Parameter;
import dev.latent.neural.layers.Sequential;
import dev.latent.neural.models.ae.Architecture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VaeNetworksTest {
    @Test void denseNetworksStartUniformOnPlusMinusOneOverSqrtFanInAsPyTorchsDo() {
        VaeNetworks nets = VaeNetworks.of(Vae.defaults().withHidden(List.of(60)).withLatent(20),
                SampleShape.image(1, 10, 10), 0);
        List<Dense> layers = new ArrayList<>(dense(nets.encoder()));
        layers.addAll(dense(nets.decoder()));
        // 100 -> 60 -> 40 | 20 -> 60 -> 100
        int[][] sizes = {{100, 60}, {60, 40}, {20, 60}, {60, 100}};
        assertEquals(sizes.length, layers.size(), "two dense layers in each network");
        for (int i = 0; i < sizes.length; i++) {
            Dense d = layers.get(i);
            assertEquals(sizes[i][0], d.in(), "fan-in of layer " + i);
            assertEquals(sizes[i][1], d.out(), "fan-out of layer " + i);
            for (var p : d.parameters()) assertUniformOnOneOverSqrt(d.in(), p, "layer " + i);
        }
    }

    @Test void convNetworksStartUniformOnPlusMinusOneOverSqrtFanInAsPyTorchsDo() {
        VaeNetworks nets = VaeNetworks.of(Vae.defaults().withArchitecture(Architecture.CONV)
                .withHidden(List.of(8, 16)).withLatent(4), SampleShape.image(1, 12, 12), 0);
        int convolutions = 0;
        for (Sequential net : List.of(nets.encoder(), nets.decoder())) {
            for (Layer l : net.layers()) {
                // PyTorch's fan-in is the weight's second axis times the kernel's area, for [out, in, k, k]
                // convolutions and [in, out, k, k] transposed ones alike
                Parameter weight;
                if (l instanceof Conv2d c) weight = c.weight();
                else if (l instanceof ConvTranspose2d t) weight = t.weight();
                else continue;
                int[] shape = weight.value().shape();
                int fanIn = shape[1] * shape[2] * shape[3];
                for (var p : l.parameters()) assertUniformOnOneOverSqrt(fanIn, p, l.getClass().getSimpleName());
                convolutions++;
            }
        }
        assertEquals(4, convolutions, "two convolutions and two transposed ones");
    }

    private static void assertUniformOnOneOverSqrt(int fanIn, Parameter p, String layer) {
        double limit = 1 / Math.sqrt(fanIn), squares = 0;
        for (float v : p.value().data()) {
            assertTrue(Math.abs(v) <= limit, p.name() + " of " + layer + " within +-" + limit + ", got " + v);
            assertTrue(v != 0, p.name() + " of " + layer + " drawn, not zero");
            squares += (double) v * v;
        }
        if (p.size() < 40) return;
        // uniform on +-a: E w^2 = a^2 / 3, Var w^2 = 4 a^4 / 45, so the mean square of n draws has a
        // relative standard error of sqrt(0.8 / n); allow 5 of them (with at least 40 draws, zeros would fail)
        double meanSquare = squares / p.size(), expected = limit * limit / 3;
        assertEquals(expected, meanSquare, 5 * Math.sqrt(0.8 / p.size()) * expected, "mean square of the "
                + p.name() + " of " + layer);
    }

    private static List<Dense> dense(Sequential net) {
        List<Dense> out = new ArrayList<>();
        for (Layer l : net.layers()) if (l instanceof Dense d) out.add(d);
        return out;
    }
}
