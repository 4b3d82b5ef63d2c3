package dev.latent.reduction.tsne;

import dev.latent.internal.Parallel;

/**
 * The gradient of t-SNE's objective {@code KL(P || Q)} with the heavy-tailed Student-t kernel of {@code dof}
 * degrees of freedom, {@code w_ij = (1 + |y_i - y_j|^2 / dof)^-dof}, {@code q_ij = w_ij / Z},
 * {@code Z = sum_{k != l} w_kl}: {@code dC/dy_i = 4 sum_j (a p_ij - q_ij) w_ij^(1/dof) (y_i - y_j)} for
 * exaggeration {@code a}. With {@code dof = 1} (the default of t-SNE) {@code w_ij = 1 / (1 + |y_i - y_j|^2)}.
 * <p>The attractive part runs over the sparse entries of {@code P}. The repulsive part
 * {@code sum_j w_ij^(1 + 1/dof) (y_i - y_j)} and {@code Z} are either exact, {@code O(n^2)}, or approximated
 * by Barnes-Hut over a {@link QuadTree} (2-D only: a cell whose width over its distance to the point is below
 * {@code theta} counts as one body at its centre of mass; {@code theta = 0} is exact), or by FFT-accelerated
 * interpolation ({@link FftRepulsion}, 2-D only). Rows run in fixed chunks and partial sums are combined in
 * chunk order, so results do not depend on the thread count.
 * <p>Reference: L. van der Maaten, "Accelerating t-SNE using Tree-Based Algorithms", JMLR 15, 2014;
 * D. Kobak, G. Linderman, S. Steinerberger, Y. Kluger and P. Berens, "Heavy-tailed kernels reveal a finer
 * cluster structure in t-SNE visualisations", ECML PKDD 2019 (the degrees of freedom).
 */
final class Gradient {
    private static final int CHUNK = 64;

    private Gradient() {
    }

    /**
     * Writes the exact gradient at {@code y} ({@code n x dims}, row-major) into {@code grad} and returns
     * {@code KL(P || Q)} (with the unexaggerated {@code P}).
     */
    static double exact(Affinities p, double exaggeration, double[] y, int dims, double[] grad) {
        return exact(p, exaggeration, y, dims, 1, grad);
    }

    /** As {@link #exact(Affinities, double, double[], int, double[])} with {@code dof} degrees of freedom. */
    static double exact(Affinities p, double exaggeration, double[] y, int dims, double dof, double[] grad) {
        return exact(p, exaggeration, y, dims, dof, true, grad);
    }

    /** As {@link #exact(Affinities, double, double[], int, double, double[])}; returns NaN unless {@code withKl}. */
    static double exact(Affinities p, double exaggeration, double[] y, int dims, double dof, boolean withKl,
                        double[] grad) {
        int n = p.n();
        double[] rep = new double[n * dims];
        double[] zParts = Parallel.shared().forChunks(n, CHUNK, (from, to) -> {
            double z = 0;
            for (int i = from; i < to; i++) {
                int oi = i * dims;
                for (int j = 0; j < n; j++) {
                    if (j == i) continue;
                    int oj = j * dims;
                    double d2 = 0;
                    for (int c = 0; c < dims; c++) {
                        double diff = y[oi + c] - y[oj + c];
                        d2 += diff * diff;
                    }
                    double t = 1 / (1 + d2 / dof);
                    double w = dof == 1 ? t : Math.pow(t, dof);
                    z += w;
                    double w2 = w * t;
                    for (int c = 0; c < dims; c++) rep[oi + c] += w2 * (y[oi + c] - y[oj + c]);
                }
            }
            return z;
        });
        return finish(p, exaggeration, y, dims, dof, rep, sum(zParts), withKl, grad);
    }

    /**
     * Writes the Barnes-Hut gradient at {@code y} ({@code n x 2}, row-major) into {@code grad} and returns
     * the estimate of {@code KL(P || Q)} that uses the approximate {@code Z}.
     */
    static double barnesHut(Affinities p, double exaggeration, double[] y, double theta, double[] grad) {
        return barnesHut(p, exaggeration, y, theta, 1, grad);
    }

    /** As {@link #barnesHut(Affinities, double, double[], double, double[])} with {@code dof} degrees of freedom. */
    static double barnesHut(Affinities p, double exaggeration, double[] y, double theta, double dof, double[] grad) {
        return barnesHut(p, exaggeration, y, theta, dof, true, grad);
    }

    /** As {@link #barnesHut(Affinities, double, double[], double, double, double[])}; NaN unless {@code withKl}. */
    static double barnesHut(Affinities p, double exaggeration, double[] y, double theta, double dof, boolean withKl,
                            double[] grad) {
        int n = p.n();
        QuadTree tree = QuadTree.of(y, n);
        double[] rep = new double[n * 2];
        double theta2 = theta * theta;
        double[] zParts = Parallel.shared().forChunks(n, CHUNK, (from, to) -> {
            int[] stack = new int[4 * (QuadTree.MAX_DEPTH + 2)];
            double[] acc = new double[3];
            double z = 0;
            for (int i = from; i < to; i++) {
                tree.repulsion(i, y, theta2, dof, stack, acc);
                rep[2 * i] = acc[0];
                rep[2 * i + 1] = acc[1];
                z += acc[2];
            }
            return z;
        });
        return finish(p, exaggeration, y, 2, dof, rep, sum(zParts), withKl, grad);
    }

    /**
     * Writes the gradient at {@code y} ({@code n x 2}, row-major) with the repulsion from FFT-accelerated
     * interpolation into {@code grad}, using the workspace {@code fft} and the scratch {@code rep}
     * ({@code 2n}), and returns the estimate of {@code KL(P || Q)} that uses the approximate {@code Z}.
     */
    static double fft(Affinities p, double exaggeration, double[] y, double dof, FftRepulsion fft, double[] rep,
                      double[] grad) {
        return fft(p, exaggeration, y, dof, fft, rep, true, grad);
    }

    /** As {@link #fft(Affinities, double, double[], double, FftRepulsion, double[], double[])}; NaN unless {@code withKl}. */
    static double fft(Affinities p, double exaggeration, double[] y, double dof, FftRepulsion fft, double[] rep,
                      boolean withKl, double[] grad) {
        double z = fft.repulsion(y, p.n(), dof, rep);
        return finish(p, exaggeration, y, 2, dof, rep, z, withKl, grad);
    }

    /**
     * Adds the attractive part to the repulsive sums, writes the gradient, and returns the KL divergence (NaN
     * unless {@code withKl}: its logarithms cost more than the gradient's attraction).
     */
    private static double finish(Affinities p, double exaggeration, double[] y, int dims, double dof, double[] rep,
                                 double z, boolean withKl, double[] grad) {
        int n = p.n();
        int[] rowPtr = p.rowPtr();
        int[] cols = p.cols();
        double[] vals = p.values();
        double logZ = Math.log(z);
        double invZ = 1 / z;
        if (dims == 2 && !withKl) {
            Parallel.shared().forEachChunk(n, CHUNK, (from, to) -> {
                for (int i = from; i < to; i++) {
                    double x0 = y[2 * i], x1 = y[2 * i + 1];
                    double g0 = 0, g1 = 0;
                    for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
                        int oj = 2 * cols[e];
                        double d0 = x0 - y[oj], d1 = x1 - y[oj + 1];
                        double pt = vals[e] / (1 + (d0 * d0 + d1 * d1) / dof);
                        g0 += pt * d0;
                        g1 += pt * d1;
                    }
                    grad[2 * i] = 4 * (exaggeration * g0 - rep[2 * i] * invZ);
                    grad[2 * i + 1] = 4 * (exaggeration * g1 - rep[2 * i + 1] * invZ);
                }
            });
            return Double.NaN;
        }
        double[] klParts = Parallel.shared().forChunks(n, CHUNK, (from, to) -> {
            double kl = 0;
            for (int i = from; i < to; i++) {
                int oi = i * dims;
                for (int c = 0; c < dims; c++) grad[oi + c] = -rep[oi + c] / z;
                for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
                    int oj = cols[e] * dims;
                    double d2 = 0;
                    for (int c = 0; c < dims; c++) {
                        double diff = y[oi + c] - y[oj + c];
                        d2 += diff * diff;
                    }
                    double t = 1 / (1 + d2 / dof);
                    double pw = exaggeration * vals[e] * t;
                    for (int c = 0; c < dims; c++) grad[oi + c] += pw * (y[oi + c] - y[oj + c]);
                    // log(p / q) = log p - log w + log Z, with log w = -dof log(1 + d2 / dof); 0 log 0 = 0
                    if (withKl && vals[e] > 0) {
                        kl += vals[e] * (Math.log(vals[e]) + dof * Math.log1p(d2 / dof) + logZ);
                    }
                }
                for (int c = 0; c < dims; c++) grad[oi + c] *= 4;
            }
            return kl;
        });
        return withKl ? sum(klParts) : Double.NaN;
    }

    /** {@code KL(P || Q)} at {@code y}, computed exactly. */
    static double kl(Affinities p, double[] y, int dims) {
        return exact(p, 1, y, dims, new double[y.length]);
    }

    /** {@code KL(P || Q)} at {@code y} with {@code dof} degrees of freedom, computed exactly. */
    static double kl(Affinities p, double[] y, int dims, double dof) {
        return exact(p, 1, y, dims, dof, new double[y.length]);
    }

    private static double sum(double[] parts) {
        double s = 0;
        for (double v : parts) s += v;
        return s;
    }
}
