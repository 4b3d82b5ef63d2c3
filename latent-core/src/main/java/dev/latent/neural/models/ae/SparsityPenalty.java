package dev.latent.neural.models.ae;

import dev.latent.neural.autodiff.Node;
import dev.latent.neural.tensor.Tensor;

/** The KL sparsity penalty as a differentiable op (see {@link Sparsity}). */
final class SparsityPenalty {
    private SparsityPenalty() {}

    /** Mean activations are kept this far inside (0, 1), so that the logarithms stay finite. */
    private static final double EDGE = 1e-6;

    /**
     * {@code sum_j rho log(rho / m_j) + (1 - rho) log((1 - rho) / (1 - m_j))} over the mean activations
     * {@code m} of the code units, as a scalar; its derivative in {@code m_j} is
     * {@code -rho / m_j + (1 - rho) / (1 - m_j)}.
     */
    static Node kl(Node meanActivation, double rho) {
        float[] m = meanActivation.value().data();
        double total = 0;
        for (float v : m) {
            double q = clamp(v);
            total += rho * Math.log(rho / q) + (1 - rho) * Math.log((1 - rho) / (1 - q));
        }
        Node out = Node.of(Tensor.scalar((float) total), meanActivation);
        out.onBackward(g -> {
            float scale = g.item();
            float[] d = new float[m.length];
            for (int j = 0; j < m.length; j++) {
                double q = clamp(m[j]);
                d[j] = (float) (scale * (-rho / q + (1 - rho) / (1 - q)));
            }
            meanActivation.addGrad(Tensor.of(d, meanActivation.value().shape()));
        });
        return out;
    }

    private static double clamp(double q) {
        return Math.min(1 - EDGE, Math.max(EDGE, q));
    }
}
