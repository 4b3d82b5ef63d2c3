package dev.latent.neural.autodiff;

import dev.latent.neural.layers.Parameter;
import dev.latent.neural.tensor.Ops;
import dev.latent.neural.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NodeTest {
    @Test void aNodeUsedTwiceReceivesTheSumOfBothGradients() {
        // y = x * x + x at x = 3: dy/dx = 2x + 1 = 7
        Node x = Node.variable(Tensor.scalar(3f));
        Node y = x.mul(x).add(x);
        y.backward();
        assertEquals(12f, y.value().item(), "3 * 3 + 3");
        assertEquals(7f, x.grad().item(), "2 * 3 + 1");
    }

    @Test void aBroadcastBiasGetsItsGradientSummedOverRows() {
        // out = x + b with x 2x3 and b of length 3; loss = sum(out * w): db_j = w_0j + w_1j
        Node x = Node.input(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        Node b = Node.variable(Tensor.of(new float[] {10, 20, 30}, 3));
        Node w = Node.input(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        Node out = x.add(b);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, out.value().data(), "x + b per row");
        out.mul(w).sum().backward();
        assertArrayEquals(new float[] {5, 7, 9}, b.grad().data(), "column sums of w");
        assertFalse(x.requiresGrad(), "an input needs no gradient");
    }

    @Test void backwardNeedsAScalar() {
        Node x = Node.variable(Tensor.zeros(2));
        var e = assertThrows(IllegalStateException.class, () -> Functions.scale(x, 2f).backward());
        assertEquals("backward() needs a scalar, got shape [2]", e.getMessage());
    }

    @Test void aLongChainBackPropagatesWithoutDeepRecursion() {
        // 100,000 nodes each adding 1: the gradient of the sum with respect to the start is 1
        Node x = Node.variable(Tensor.scalar(0f));
        Node h = x;
        Node one = Node.input(Tensor.scalar(1f));
        for (int i = 0; i < 100_000; i++) h = h.add(one);
        h.backward();
        assertEquals(100_000f, h.value().item(), "100,000 additions of 1");
        assertEquals(1f, x.grad().item(), "d(x + n)/dx");
    }

    @Test void aParameterNodeAddsIntoTheParameterGradientAcrossPasses() {
        Parameter p = Parameter.of("p", Tensor.of(new float[] {2f}, 1));
        p.node().square().sum().backward(); // d(p^2)/dp = 4
        p.node().square().sum().backward(); // accumulates: 8
        assertEquals(8f, p.grad().data()[0], "two passes of 2p at p = 2");
        p.zeroGrad();
        assertEquals(0f, p.grad().data()[0], "zeroed");
    }

    @Test void gradCheckCatchesAWrongRule() {
        Parameter p = Parameter.of("p", Tensor.of(new float[] {0.5f, -1.5f}, 2));
        AssertionError e = assertThrows(AssertionError.class, () -> GradCheck.assertMatches(() -> {
            Node a = p.node();
            Node out = Node.of(Ops.mul(a.value(), a.value()), a);
            out.onBackward(g -> a.addGrad(Ops.mul(g, a.value()))); // wrong: misses the factor 2
            return out.sum();
        }, List.of(p), 1e-2, 1e-2));
        assertEquals("gradient of p at 0: expected (finite differences) ", e.getMessage().substring(0, 50));
    }

    @Test void aGradientOfTheWrongShapeIsRejected() {
        Node b = Node.variable(Tensor.zeros(3));
        var e = assertThrows(IllegalArgumentException.class, () -> b.addGrad(Tensor.zeros(2, 4)));
        assertEquals("shapes [3] and [2, 4] do not broadcast", e.getMessage());
    }
}
