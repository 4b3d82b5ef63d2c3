package dev.latent.reduction.pca;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class KernelsTest {
    @Test
    void completesABasisWhoseMissingDirectionIsSpreadOverAllCoordinates() {
        // rows orthonormal to u = (1, 1, 1, 1) / 2, so the fourth row must be u (every |u_i| = 0.5)
        double h = 0.5, r = Math.sqrt(0.5);
        double[] rows = {
                r, -r, 0, 0,
                0, 0, r, -r,
                h, h, -h, -h,
                0, 0, 0, 0};
        Kernels.completeBasis(rows, 3, 4, 4);
        assertArrayEquals(new double[] {h, h, h, h}, java.util.Arrays.copyOfRange(rows, 12, 16), 1e-12,
                "the only unit vector orthogonal to the three rows, sign rule applied");
    }

    @Test
    void leavesExactlyZeroColumnsOutOfTheSvd() {
        // 3 x 4 with columns 1 and 3 zero: right singular vectors are zero there
        double[] a = {3, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0};
        double[] comp = new double[3 * 4];
        double[] singular = new double[3];
        Kernels.rightSingular(3, 4, a, 3, comp, singular);
        assertArrayEquals(new double[] {3, 2, 0}, singular, 1e-12, "singular values of diag-like data");
        assertArrayEquals(new double[] {1, 0, 0, 0}, java.util.Arrays.copyOfRange(comp, 0, 4), 1e-12, "first vector");
        assertArrayEquals(new double[] {0, 0, 1, 0}, java.util.Arrays.copyOfRange(comp, 4, 8), 1e-12, "second vector");
        double third = 0;
        for (int j = 0; j < 4; j++) third += comp[8 + j] * comp[8 + j];
        assertEquals(1.0, third, 1e-12, "the third vector is a unit completion");
        assertEquals(0.0, comp[8] * comp[0] + comp[10] * comp[6], 1e-12, "orthogonal to the others");
    }
}
