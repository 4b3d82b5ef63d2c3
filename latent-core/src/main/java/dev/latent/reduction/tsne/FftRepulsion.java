package dev.latent.reduction.tsne;

import dev.latent.internal.Parallel;

import java.util.Arrays;

/**
 * The repulsive forces and the normalization {@code Z} of 2-D t-SNE by FFT-accelerated polynomial
 * interpolation on an equispaced grid (FIt-SNE); a reusable workspace, so that iterations allocate no grids.
 * <p>With the output kernel {@code w(d) = (1 + d^2 / dof)^-dof} the gradient needs, for every point {@code i},
 * {@code R_i = sum_j K(y_i - y_j) (y_i - y_j)} with {@code K = w^(1 + 1/dof)}, and {@code Z = sum_{i != j} w_ij}.
 * Since {@code w = K (1 + |y_i - y_j|^2 / dof)}, both follow from the four potentials
 * {@code phi_c(y_i) = sum_j K(y_i - y_j) q_c(y_j)} of the charges {@code q = (1, y_j1, y_j2, |y_j|^2)}:
 * {@code R_i = y_i phi_1 - (phi_2, phi_3)} and
 * {@code Z = sum_i [(1 + |y_i|^2 / dof) phi_1 - (2 / dof) (y_i1 phi_2 + y_i2 phi_3) + phi_4 / dof] - n}
 * (the {@code - n} removes the pairs {@code i = j}, where {@code w = 1}). For {@code dof = 1} this is the
 * FIt-SNE formulation with the squared Cauchy kernel; for other values it keeps one kernel where openTSNE
 * convolves a second one for {@code Z}.
 * <p>The potentials are computed as in the paper: the square spanned by the points is cut into
 * {@code boxes x boxes} boxes, at least {@link #MIN_BOXES} per side and at least one per unit of length, each
 * with {@code nodes x nodes} Lagrange interpolation nodes at {@code (k + 1/2) / nodes} of its width, which
 * makes all nodes one equispaced grid of {@code g = boxes nodes} per side. Each point's charges are spread to
 * the nodes of its box with the Lagrange weights of its position, the grid of charges is multiplied by the
 * kernel matrix between nodes (a two-level Toeplitz matrix, embedded in a circulant one of {@code m x m} with
 * {@code m >= 2g} and applied by 2-D FFT), and the node potentials are interpolated back to the points with
 * the same weights. The FFT here is radix-2, so {@code m} is a power of two and the number of boxes is raised
 * to {@code floor(m / (2 nodes))}, which only improves accuracy. The kernel is real and even, so its spectrum
 * is real, and two real charge grids share one complex transform (as real and imaginary parts): two forward and
 * two inverse transforms of the charges and half of one for the kernel per evaluation. Rows and columns that hold only
 * the zero padding are not transformed.
 * <p>Cost: {@code O(n nodes^2)} for spreading and interpolation and {@code O(m^2 log m)} for the FFTs, where
 * {@code m} grows with the extent of the embedding; memory five {@code m x m} grids of doubles. The spreading
 * runs on one thread in point order, everything else in fixed chunks, so results do not depend on the thread
 * count. Error: interpolation of degree {@code nodes - 1} within a box of width at most 1, which for the default
 * of 3 nodes gives forces within a few 1e-3 relative to their norm (checked in the tests against the exact sums).
 * <p>Reference: G. C. Linderman, M. Rachh, J. G. Hoskins, S. Steinerberger and Y. Kluger, "Fast
 * interpolation-based t-SNE for improved visualization of single-cell RNA-seq data", Nature Methods 16, 2019.
 */
final class FftRepulsion {
    /** Fewest boxes per side of the grid. */
    static final int MIN_BOXES = 10;
    /** Default interpolation nodes per box and dimension. */
    static final int DEFAULT_NODES = 3;
    private static final int ROW_CHUNK = 8;
    private static final int COLUMN_CHUNK = 32;
    private static final int POINT_CHUNK = 2048;

    private final int nodes;
    private final double[] nodePos;
    private final double[] denominators;
    private int m;
    private Fft fft;
    private double[] re1 = new double[0], im1 = new double[0], re2 = new double[0], im2 = new double[0];
    private double[] kernel = new double[0];
    private int[] boxOf = new int[0];
    private double[] weightsOf = new double[0];
    private int lastBoxes;

    FftRepulsion(int nodes) {
        assert nodes >= 1;
        this.nodes = nodes;
        nodePos = new double[nodes];
        for (int k = 0; k < nodes; k++) nodePos[k] = (k + 0.5) / nodes;
        denominators = new double[nodes];
        for (int k = 0; k < nodes; k++) {
            double den = 1;
            for (int l = 0; l < nodes; l++) if (l != k) den *= nodePos[k] - nodePos[l];
            denominators[k] = den;
        }
    }

    /** The number of boxes per side used by the last call of {@link #repulsion}. */
    int lastBoxes() {
        return lastBoxes;
    }

    /**
     * Writes {@code R_i = sum_j K(y_i - y_j) (y_i - y_j)} with {@code K = w^(1 + 1/dof)} into {@code rep}
     * ({@code n x 2}) for the {@code n} points of {@code y} ({@code n x 2}, row-major) and returns the
     * approximation of {@code Z = sum_{i != j} w_ij}.
     */
    double repulsion(double[] y, int n, double dof, double[] rep) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int e = 0; e < 2 * n; e++) {
            min = Math.min(min, y[e]);
            max = Math.max(max, y[e]);
        }
        double range = Math.max(max - min, 1e-9);
        int needed = (int) Math.max(MIN_BOXES, Math.ceil(range));
        int size = Integer.highestOneBit(2 * needed * nodes - 1) << 1;
        int boxes = size / (2 * nodes);
        lastBoxes = boxes;
        int g = boxes * nodes;
        double width = range / boxes;
        double spacing = width / nodes;
        ensure(size, n);
        Arrays.fill(re1, 0);
        Arrays.fill(im1, 0);
        Arrays.fill(re2, 0);
        Arrays.fill(im2, 0);
        spread(y, n, min, width, boxes);
        forward(g);
        kernelSpectrum(spacing, dof);
        multiply();
        inverse(g);
        double zAll = gather(y, n, dof, rep);
        return zAll - n;
    }

    private void ensure(int size, int n) {
        if (size != m) {
            m = size;
            fft = Fft.of(size);
            int cells = size * size;
            re1 = new double[cells];
            im1 = new double[cells];
            re2 = new double[cells];
            im2 = new double[cells];
            kernel = new double[cells];
        }
        if (boxOf.length < 2 * n) {
            boxOf = new int[2 * n];
            weightsOf = new double[2 * n * nodes];
        }
    }

    /** Lagrange weights of the position {@code t} in {@code [0, 1]} of its box, into {@code out[off ..]}. */
    private void lagrange(double t, double[] out, int off) {
        for (int k = 0; k < nodes; k++) {
            double v = 1;
            for (int l = 0; l < nodes; l++) if (l != k) v *= t - nodePos[l];
            out[off + k] = v / denominators[k];
        }
    }

    /** Finds each point's box and weights, and adds its charges to the nodes of its box. */
    private void spread(double[] y, int n, double min, double width, int boxes) {
        int p = nodes;
        int stride = m;
        for (int e = 0; e < 2 * n; e++) {
            double u = (y[e] - min) / width;
            int b = Math.min((int) u, boxes - 1);
            boxOf[e] = b;
            lagrange(Math.min(u - b, 1.0), weightsOf, e * p);
        }
        for (int i = 0; i < n; i++) {
            double x1 = y[2 * i], x2 = y[2 * i + 1];
            double sq = x1 * x1 + x2 * x2;
            int bx = boxOf[2 * i] * p, by = boxOf[2 * i + 1] * p;
            int wx = 2 * i * p, wy = (2 * i + 1) * p;
            for (int a = 0; a < p; a++) {
                double la = weightsOf[wx + a];
                int row = (bx + a) * stride + by;
                for (int b = 0; b < p; b++) {
                    double l = la * weightsOf[wy + b];
                    re1[row + b] += l;
                    im1[row + b] += l * x1;
                    re2[row + b] += l * x2;
                    im2[row + b] += l * sq;
                }
            }
        }
    }

    /** 2-D forward transform of both charge grids; only the first {@code g} rows hold charges. */
    private void forward(int g) {
        Parallel.shared().forEachChunk(g, ROW_CHUNK, (from, to) -> {
            for (int r = from; r < to; r++) {
                fft.transform(re1, im1, r * m, false);
                fft.transform(re2, im2, r * m, false);
            }
        });
        Parallel.shared().forEachChunk(m, COLUMN_CHUNK, (from, to) -> {
            fft.columns(re1, im1, m, from, to, false);
            fft.columns(re2, im2, m, from, to, false);
        });
    }

    /** 2-D inverse transform of both grids; only the first {@code g} rows of the result are needed. */
    private void inverse(int g) {
        Parallel.shared().forEachChunk(m, COLUMN_CHUNK, (from, to) -> {
            fft.columns(re1, im1, m, from, to, true);
            fft.columns(re2, im2, m, from, to, true);
        });
        Parallel.shared().forEachChunk(g, ROW_CHUNK, (from, to) -> {
            for (int r = from; r < to; r++) {
                fft.transform(re1, im1, r * m, true);
                fft.transform(re2, im2, r * m, true);
            }
        });
    }

    /**
     * The spectrum of the circulant embedding of the kernel between nodes, scaled by {@code 1 / m^2} (the
     * inverse transform's normalization), into {@code kernel}: entry {@code (a, b)} of the generating grid is
     * {@code K} at the offset {@code (min(a, m - a), min(b, m - b))} node spacings. Offsets of {@code g} or
     * more never meet a charge, and filling them this way keeps the grid even in both directions, so every row,
     * every column of the row spectra, and the spectrum itself are real. Two real sequences therefore share one
     * complex transform, as its real and imaginary parts: rows {@code a} and {@code a + m/2}, then columns
     * {@code b} and {@code b + m/2}; half the work of a complex 2-D transform, in place.
     */
    private void kernelSpectrum(double spacing, double dof) {
        int size = m;
        int half = size / 2;
        double power = dof + 1;
        double scale = 1.0 / ((double) size * size);
        Parallel.shared().forEachChunk(half, ROW_CHUNK, (from, to) -> {
            for (int a = from; a < to; a++) {
                for (int r = a; r < size; r += half) {
                    double da = Math.min(r, size - r) * spacing;
                    int row = r * size;
                    for (int b = 0; b < size; b++) {
                        double db = Math.min(b, size - b) * spacing;
                        double t = 1 + (da * da + db * db) / dof;
                        kernel[row + b] = scale * (dof == 1 ? 1 / (t * t) : Math.pow(t, -power));
                    }
                }
                fft.transform(kernel, a * size, kernel, (a + half) * size, false);
            }
        });
        Parallel.shared().forEachChunk(half, COLUMN_CHUNK,
                (from, to) -> fft.columns(kernel, 0, kernel, half, size, from, to, false));
    }

    private void multiply() {
        Parallel.shared().forEachChunk(m, ROW_CHUNK, (from, to) -> {
            for (int e = from * m; e < to * m; e++) {
                double k = kernel[e];
                re1[e] *= k;
                im1[e] *= k;
                re2[e] *= k;
                im2[e] *= k;
            }
        });
    }

    /** Interpolates the potentials back to the points; writes {@code R_i}, returns the sum including i = j. */
    private double gather(double[] y, int n, double dof, double[] rep) {
        int p = nodes;
        int stride = m;
        double[] parts = Parallel.shared().forChunks(n, POINT_CHUNK, (from, to) -> {
            double z = 0;
            for (int i = from; i < to; i++) {
                int bx = boxOf[2 * i] * p, by = boxOf[2 * i + 1] * p;
                int wx = 2 * i * p, wy = (2 * i + 1) * p;
                double p1 = 0, p2 = 0, p3 = 0, p4 = 0;
                for (int a = 0; a < p; a++) {
                    double la = weightsOf[wx + a];
                    int row = (bx + a) * stride + by;
                    for (int b = 0; b < p; b++) {
                        double l = la * weightsOf[wy + b];
                        p1 += l * re1[row + b];
                        p2 += l * im1[row + b];
                        p3 += l * re2[row + b];
                        p4 += l * im2[row + b];
                    }
                }
                double x1 = y[2 * i], x2 = y[2 * i + 1];
                rep[2 * i] = x1 * p1 - p2;
                rep[2 * i + 1] = x2 * p1 - p3;
                z += (1 + (x1 * x1 + x2 * x2) / dof) * p1 - 2 / dof * (x1 * p2 + x2 * p3) + p4 / dof;
            }
            return z;
        });
        double z = 0;
        for (double v : parts) z += v;
        return z;
    }
}
