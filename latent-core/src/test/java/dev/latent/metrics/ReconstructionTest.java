package dev.latent.metrics;

import dev.latent.data.Matrix;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReconstructionTest {

    @Test
    void meanSquaredErrorPerSampleAndOverall() {
        // row 0: errors 1, 0 -> (1 + 0) / 2 = 0.5; row 1: errors 2, 2 -> (4 + 4) / 2 = 4; overall (1 + 0 + 4 + 4) / 4
        Matrix x = Matrix.of(2, 2, 1, 2, 3, 4);
        Matrix y = Matrix.of(2, 2, 0, 2, 5, 2);
        assertArrayEquals(new double[] {0.5, 4.0}, Reconstruction.msePerSample(x, y), 0, "per-row MSE");
        assertEquals(2.25, Reconstruction.mse(x, y), 0, "overall MSE 9/4");
    }

    @Test
    void psnrUsesThePeakValue() {
        // MSE 0.01 with peak 1: 10 log10(1 / 0.01) = 20 dB; with peak 255 and MSE 255^2 / 100 also 20 dB
        Matrix x = Matrix.of(1, 4, 0, 0, 0, 0);
        Matrix y = Matrix.of(1, 4, 0.1f, -0.1f, 0.1f, -0.1f);
        assertEquals(20.0, Reconstruction.psnr(x, y, 1.0), 1e-5, "20 dB at peak 1");
        Matrix z = Matrix.of(1, 4, 25.5f, 25.5f, -25.5f, 25.5f);
        assertEquals(20.0, Reconstruction.psnr(x, z, 255), 1e-9, "20 dB at peak 255");
        assertEquals(Double.POSITIVE_INFINITY, Reconstruction.psnr(x, x.copy(), 1.0), 0, "perfect copy");
    }

    @Test
    void badInputIsRejected() {
        Matrix x = Matrix.of(2, 2, 1, 2, 3, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> Reconstruction.mse(x, Matrix.zeros(2, 3)));
        assertEquals("reconstructed must have the shape of original, 2 x 2, got 2 x 3", e.getMessage(), "shape");
        e = assertThrows(IllegalArgumentException.class, () -> Reconstruction.psnr(x, x, 0));
        assertEquals("peak must be > 0, got 0.0", e.getMessage(), "peak");
        e = assertThrows(IllegalArgumentException.class,
                () -> Reconstruction.mse(x, Matrix.of(2, 2, 1, Float.NaN, 3, 4)));
        assertEquals("reconstructed has NaN at row 0, column 1 (1 non-finite value in all)", e.getMessage(), "NaN");
        e = assertThrows(IllegalArgumentException.class,
                () -> Reconstruction.mse(Matrix.zeros(0, 2), Matrix.zeros(0, 2)));
        assertEquals("original must not be empty, got 0 x 2", e.getMessage(), "empty");
    }
}
