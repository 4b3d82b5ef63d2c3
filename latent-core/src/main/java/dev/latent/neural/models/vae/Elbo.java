package dev.latent.neural.models.vae;

/**
 * The evidence lower bound of a set of samples and its two terms, means per sample in nats.
 * @param elbo           {@code E_q[log p(x|z)] - KL(q(z|x) || p(z))}; a lower bound on {@code log p(x)}
 * @param reconstruction {@code -E_q[log p(x|z)]}, estimated with one draw of {@code z} per sample
 * @param kl             {@code KL(q(z|x) || N(0, I))}, in closed form
 */
public record Elbo(double elbo, double reconstruction, double kl) {}
