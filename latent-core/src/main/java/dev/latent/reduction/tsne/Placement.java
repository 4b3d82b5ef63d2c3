package dev.latent.reduction.tsne;

import dev.latent.data.Matrix;
import dev.latent.internal.Parallel;
import dev.latent.neighbors.NeighborSearch;

/**
 * Places new rows into a fixed t-SNE embedding, as openTSNE does: each new row gets its own objective,
 * optimized against the reference points, which do not move.
 * <p>For a new row {@code i}: conditional affinities {@code p_j|i} to its {@code 3 perplexity} nearest reference
 * rows with the fit's perplexity (each row summing to 1, not symmetrized); a start at the {@code p_j|i}-weighted
 * mean of those neighbours' embedded positions; then {@link #ITERATIONS} steps of gradient descent on
 * {@code KL(P_i || Q_i)} with {@code q_j|i = w_ij / Z_i}, {@code Z_i = sum_j w_ij} over all reference points:
 * {@code dC/dy_i = 4 sum_j (p_j|i - q_j|i) w_ij^(1/dof) (y_i - y_j)}. No early exaggeration; momentum 0.8,
 * the fit's adaptive gains, learning rate {@link #LEARNING_RATE} (the rows of {@code P_i} sum to 1, where a
 * fit's sum to about {@code 1/n} and its learning rate is about {@code n/12}), and each step's gradient clipped
 * to norm {@link #MAX_GRAD_NORM} so that a row far from everything cannot jump across the map. New rows do not
 * see each other, so each is optimized on its own, in fixed chunks: results do not depend on the thread count
 * or on which other rows are transformed with it.
 * <p>Cost per new row: a nearest-neighbour query, then per iteration {@code O(k)} for the attraction and a
 * Barnes-Hut query ({@code theta} of the fit, about {@code O(log n)}) for 2-D maps, an exact {@code O(n)} sum
 * otherwise.
 * <p>Reference: P. G. Policar, M. Strazar and B. Zupan, "openTSNE: a modular Python library for t-SNE
 * dimensionality reduction and embedding", bioRxiv 731877, 2019 (Journal of Statistical Software 109, 2024).
 */
final class Placement {
    /** Gradient steps per new row. */
    static final int ITERATIONS = 250;
    /** Step size, in the fit's convention (gradient without its factor 4). */
    static final double LEARNING_RATE = 0.1;
    /** Largest norm of one row's gradient (without its factor 4) in one step. */
    static final double MAX_GRAD_NORM = 0.25;
    private static final double MOMENTUM = 0.8;
    private static final double MIN_GAIN = 0.01;
    private static final int CHUNK = 64;

    private Placement() {
    }

    /**
     * The positions of the rows of {@code x} in the embedding {@code reference} ({@code n x dims}, row-major) of
     * the rows indexed by {@code search}, fitted with {@code params}.
     */
    static float[] place(Tsne params, NeighborSearch search, double[] reference, int dims, Matrix x) {
        int m = x.rows();
        int n = search.size();
        double dof = params.degreesOfFreedom();
        Affinities.Conditional p = Affinities.conditional(search, x, params.perplexity());
        int k = p.k();
        QuadTree tree = dims == 2 ? QuadTree.of(reference, n) : null;
        double theta2 = params.theta() * params.theta();
        float[] out = new float[m * dims];
        Parallel.shared().forEachChunk(m, CHUNK, (from, to) -> {
            double[] yi = new double[dims], grad = new double[dims], update = new double[dims], gains = new double[dims];
            double[] acc = new double[Math.max(3, dims)];
            int[] stack = new int[4 * (QuadTree.MAX_DEPTH + 2)];
            for (int i = from; i < to; i++) {
                int row = i * k;
                java.util.Arrays.fill(yi, 0);
                for (int r = 0; r < k; r++) {
                    int oj = p.indices()[row + r] * dims;
                    for (int c = 0; c < dims; c++) yi[c] += p.values()[row + r] * reference[oj + c];
                }
                java.util.Arrays.fill(update, 0);
                java.util.Arrays.fill(gains, 1);
                for (int it = 0; it < ITERATIONS; it++) {
                    gradient(p, i, yi, reference, n, dims, dof, tree, theta2, stack, acc, grad);
                    double norm2 = 0;
                    for (int c = 0; c < dims; c++) norm2 += grad[c] * grad[c];
                    double clip = norm2 > MAX_GRAD_NORM * MAX_GRAD_NORM ? MAX_GRAD_NORM / Math.sqrt(norm2) : 1;
                    for (int c = 0; c < dims; c++) {
                        double g = grad[c] * clip;
                        gains[c] = Math.max(MIN_GAIN, g * update[c] < 0 ? gains[c] + 0.2 : gains[c] * 0.8);
                        update[c] = MOMENTUM * update[c] - LEARNING_RATE * gains[c] * g;
                        yi[c] += update[c];
                    }
                }
                for (int c = 0; c < dims; c++) out[i * dims + c] = (float) yi[c];
            }
        });
        return out;
    }

    /**
     * Writes the gradient of new row {@code i}'s objective at {@code yi}, without its factor 4, into
     * {@code grad}: {@code sum_j p_j|i t_ij (y_i - y_j) - sum_j w_ij t_ij (y_i - y_j) / Z_i}, {@code t = w^(1/dof)}.
     */
    static void gradient(Affinities.Conditional p, int i, double[] yi, double[] reference, int n, int dims,
                         double dof, QuadTree tree, double theta2, int[] stack, double[] acc, double[] grad) {
        int k = p.k();
        int row = i * k;
        for (int c = 0; c < dims; c++) grad[c] = 0;
        for (int r = 0; r < k; r++) {
            int oj = p.indices()[row + r] * dims;
            double d2 = 0;
            for (int c = 0; c < dims; c++) {
                double diff = yi[c] - reference[oj + c];
                d2 += diff * diff;
            }
            double pt = p.values()[row + r] / (1 + d2 / dof);
            for (int c = 0; c < dims; c++) grad[c] += pt * (yi[c] - reference[oj + c]);
        }
        if (tree != null) {
            tree.repulsionAt(yi[0], yi[1], -1, theta2, dof, stack, acc);
            grad[0] -= acc[0] / acc[2];
            grad[1] -= acc[1] / acc[2];
            return;
        }
        double z = 0;
        double[] rep = acc;
        for (int c = 0; c < dims; c++) rep[c] = 0;
        for (int j = 0; j < n; j++) {
            int oj = j * dims;
            double d2 = 0;
            for (int c = 0; c < dims; c++) {
                double diff = yi[c] - reference[oj + c];
                d2 += diff * diff;
            }
            double t = 1 / (1 + d2 / dof);
            double w = dof == 1 ? t : Math.pow(t, dof);
            z += w;
            for (int c = 0; c < dims; c++) rep[c] += w * t * (yi[c] - reference[oj + c]);
        }
        for (int c = 0; c < dims; c++) grad[c] -= rep[c] / z;
    }
}
