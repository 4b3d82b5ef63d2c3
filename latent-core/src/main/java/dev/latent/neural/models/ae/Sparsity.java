package dev.latent.neural.models.ae;

import dev.latent.internal.Check;

/**
 * A penalty that makes codes sparse, added to the reconstruction loss.
 * <p>{@link Kind#L1} adds {@code weight} times the mean absolute code value. {@link Kind#KL} gives the code a
 * sigmoid and adds {@code weight} times the sum over code units of the Kullback-Leibler divergence between a
 * Bernoulli of mean {@code target} and one of the unit's mean activation over the batch.
 * @param kind   none, L1 on the code, or the KL sparsity target
 * @param weight the penalty's weight, at least 0
 * @param target the KL target activation, in (0, 1); unused by the others
 * <p>Reference: A. Ng, "Sparse autoencoder", CS294A lecture notes, Stanford, 2011.
 */
public record Sparsity(Kind kind, double weight, double target) {
    /** The kinds of penalty. */
    public enum Kind { NONE, L1, KL }

    /** No penalty. */
    public static final Sparsity NONE = new Sparsity(Kind.NONE, 0, 0.05);

    public Sparsity {
        Check.notNull("kind", kind);
        Check.nonNegative("sparsity weight", weight);
        if (kind == Kind.KL) {
            Check.argument(target > 0 && target < 1, "sparsity target must be in (0, 1), got " + target);
        }
    }

    /** L1 on the code, with this weight. */
    public static Sparsity l1(double weight) {
        return new Sparsity(Kind.L1, weight, 0.05);
    }

    /** The KL sparsity target {@code target}, with this weight. */
    public static Sparsity kl(double weight, double target) {
        return new Sparsity(Kind.KL, weight, target);
    }
}
