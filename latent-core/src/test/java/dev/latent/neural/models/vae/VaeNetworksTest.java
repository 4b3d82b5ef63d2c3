package dev.latent.neural.models.vae;

import dev.latent.data.SampleShape;
import dev.latent.neural.layers.Dense;
import dev.latent.neural.layers.Layer;
import dev.latent.neural.layers.Sequential;
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
            double limit = 1 / Math.sqrt(d.in());
            for (var p : d.parameters()) {
                double squares = 0;
                for (float v : p.value().data()) {
                    assertTrue(Math.abs(v) <= limit, p.name() + " of layer " + i + " within +-" + limit + ", got " + v);
                    squares += (double) v * v;
                }
                // uniform on +-a: E w^2 = a^2 / 3, Var w^2 = 4 a^4 / 45, so the mean square of n draws has a
                // relative standard error of sqrt(0.8 / n); allow 5 of them (at least 40 draws, so zeros fail)
                double meanSquare = squares / p.size(), expected = limit * limit / 3;
                assertEquals(expected, meanSquare, 5 * Math.sqrt(0.8 / p.size()) * expected,
                        "mean square of the " + p.name() + " of layer " + i);
            }
        }
    }

    private static List<Dense> dense(Sequential net) {
        List<Dense> out = new ArrayList<>();
        for (Layer l : net.layers()) if (l instanceof Dense d) out.add(d);
        return out;
    }
}
