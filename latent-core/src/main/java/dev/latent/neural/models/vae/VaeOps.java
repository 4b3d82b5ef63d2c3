package dev.latent.neural.models.vae;

import dev.latent.neural.autodiff.Node;
import dev.latent.neural.tensor.Tensor;

/**
 * The differentiable pieces a VAE adds to the engine: splitting the encoder's output into mean and
 * log-variance, the reparameterized sample, the KL divergence to the standard normal and the Gaussian
 * negative log-likelihood with a learned variance. Each returns a node whose backward rule adds to its inputs'
 * gradients.
 * <p>Reference: D. P. Kingma and M. Welling, "Auto-Encoding Variational Bayes", ICLR 2014 (appendix B for the
 * closed-form KL).
 */
final class VaeOps {
    private VaeOps() {}

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /** Columns {@code [from, from + width)} of the rows of {@code h} ({@code [n, cols]}), as {@code [n, width]}. */
    static Node columns(Node h, int from, int width) {
        Tensor v = h.value();
        int n = v.dim(0), cols = v.dim(1);
        float[] src = v.data(), out = new float[n * width];
        for (int i = 0; i < n; i++) System.arraycopy(src, i * cols + from, out, i * width, width);
        Node result = Node.of(Tensor.of(out, n, width), h);
        result.onBackward(g -> {
            float[] gd = g.data(), back = new float[n * cols];
            for (int i = 0; i < n; i++) System.arraycopy(gd, i * width, back, i * cols + from, width);
            h.addGrad(Tensor.of(back, n, cols));
        });
        return result;
    }

    /** {@code z = mu + exp(logVar / 2) * eps} for a fixed standard-normal draw {@code eps} of the same shape. */
    static Node reparameterize(Node mu, Node logVar, Tensor eps) {
        float[] m = mu.value().data(), lv = logVar.value().data(), e = eps.data();
        float[] z = new float[m.length], sd = new float[m.length];
        for (int i = 0; i < z.length; i++) {
            sd[i] = (float) Math.exp(0.5 * lv[i]);
            z[i] = m[i] + sd[i] * e[i];
        }
        Node out = Node.of(Tensor.of(z, mu.value().shape()), mu, logVar);
        out.onBackward(g -> {
            float[] gd = g.data(), dlv = new float[gd.length];
            for (int i = 0; i < gd.length; i++) dlv[i] = 0.5f * gd[i] * sd[i] * e[i];
            mu.addGrad(g);
            logVar.addGrad(Tensor.of(dlv, logVar.value().shape()));
        });
        return out;
    }

    /**
     * The KL divergence of {@code N(mu, exp(logVar))} from {@code N(0, I)}, summed over the latent dimensions
     * and averaged over the rows: {@code -1/2 sum (1 + logVar - mu^2 - exp(logVar)) / n}.
     */
    static Node kl(Node mu, Node logVar) {
        float[] m = mu.value().data(), lv = logVar.value().data();
        int n = mu.value().dim(0);
        double total = 0;
        for (int i = 0; i < m.length; i++) total += -0.5 * (1 + lv[i] - (double) m[i] * m[i] - Math.exp(lv[i]));
        Node out = Node.of(Tensor.scalar((float) (total / n)), mu, logVar);
        out.onBackward(g -> {
            float scale = g.item() / n;
            float[] dm = new float[m.length], dlv = new float[m.length];
            for (int i = 0; i < m.length; i++) {
                dm[i] = scale * m[i];
                dlv[i] = (float) (scale * 0.5 * (Math.exp(lv[i]) - 1));
            }
            mu.addGrad(Tensor.of(dm, mu.value().shape()));
            logVar.addGrad(Tensor.of(dlv, logVar.value().shape()));
        });
        return out;
    }

    /**
     * The negative log-likelihood of {@code target} under {@code N(mean, exp(logVar))} with one log-variance per
     * feature ({@code logVar} of shape {@code [d]}), summed over the features and averaged over the rows:
     * {@code 1/2 sum ((x - mean)^2 exp(-logVar) + logVar + log 2 pi) / n}.
     */
    static Node gaussianNll(Node mean, Tensor target, Node logVar) {
        float[] mu = mean.value().data(), x = target.data(), lv = logVar.value().data();
        int d = lv.length, n = mu.length / d;
        double total = 0;
        for (int i = 0; i < mu.length; i++) {
            int j = i % d;
            double diff = x[i] - mu[i];
            total += 0.5 * (diff * diff * Math.exp(-lv[j]) + lv[j] + LOG_2PI);
        }
        Node out = Node.of(Tensor.scalar((float) (total / n)), mean, logVar);
        out.onBackward(g -> {
            double scale = g.item() / (double) n;
            float[] dm = new float[mu.length];
            double[] dlv = new double[d];
            for (int i = 0; i < mu.length; i++) {
                int j = i % d;
                double diff = x[i] - mu[i], precision = Math.exp(-lv[j]);
                dm[i] = (float) (-scale * diff * precision);
                dlv[j] += scale * 0.5 * (1 - diff * diff * precision);
            }
            float[] dlvf = new float[d];
            for (int j = 0; j < d; j++) dlvf[j] = (float) dlv[j];
            mean.addGrad(Tensor.of(dm, mean.value().shape()));
            logVar.addGrad(Tensor.of(dlvf, logVar.value().shape()));
        });
        return out;
    }
}
