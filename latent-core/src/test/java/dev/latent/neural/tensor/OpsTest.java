package dev.latent.neural.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OpsTest {
    @Test void broadcastsAColumnAgainstARow() {
        // [[1], [2]] * [10, 20, 30] = [[10, 20, 30], [20, 40, 60]]
        Tensor out = Ops.mul(Tensor.of(new float[] {1, 2}, 2, 1), Tensor.of(new float[] {10, 20, 30}, 3));
        assertArrayEquals(new int[] {2, 3}, out.shape(), "shape [2, 1] x [3] broadcasts to [2, 3]");
        assertArrayEquals(new float[] {10, 20, 30, 20, 40, 60}, out.data(), "outer product");
    }

    @Test void sumsOverChosenAxes() {
        // values 0..11 in shape [2, 3, 2]
        float[] v = new float[12];
        for (int i = 0; i < 12; i++) v[i] = i;
        Tensor t = Tensor.of(v, 2, 3, 2);
        // over axis 1: [0+2+4, 1+3+5, 6+8+10, 7+9+11]
        Tensor s = Ops.sum(t, 1);
        assertArrayEquals(new int[] {2, 2}, s.shape(), "axis 1 removed");
        assertArrayEquals(new float[] {6, 9, 24, 27}, s.data(), "sums over the middle axis");
        // over axes 0 and 2: middle index j sums 2j + 2j+1 + 6+2j + 7+2j = 8j + 14
        assertArrayEquals(new float[] {14, 22, 30}, Ops.sum(t, 0, 2).data(), "sums over outer axes");
        assertEquals(66.0, Ops.sum(t), "0 + 1 + ... + 11");
    }

    @Test void sumToIntoIsTheReverseOfBroadcast() {
        Tensor g = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor col = Tensor.zeros(2, 1);
        Ops.sumToInto(g, col);
        assertArrayEquals(new float[] {6, 15}, col.data(), "row sums");
        Tensor scalar = Tensor.scalar(1f);
        Ops.sumToInto(g, scalar);
        assertEquals(22f, scalar.item(), "1 + total 21");
    }

    @Test void incompatibleShapesNameBoth() {
        var e = assertThrows(IllegalArgumentException.class, () -> Ops.add(Tensor.zeros(2, 3), Tensor.zeros(4)));
        assertEquals("shapes [2, 3] and [4] do not broadcast", e.getMessage());
    }

    @Test void tensorRejectsAShapeThatDoesNotFitTheArray() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3));
        assertEquals("shape [2, 3] holds 6 values, got an array of 5", e.getMessage());
    }

    @Test void activationsAreStableAtLargeInputs() {
        float[] x = {-200f, 200f};
        float[] y = new float[2];
        Activation.SIGMOID.forward(x, y, 0, 2, 0f);
        assertArrayEquals(new float[] {0f, 1f}, y, "sigmoid saturates without NaN");
        Activation.SOFTPLUS.forward(x, y, 0, 2, 0f);
        assertArrayEquals(new float[] {0f, 200f}, y, "softplus(x) = x for large x");
    }
}
