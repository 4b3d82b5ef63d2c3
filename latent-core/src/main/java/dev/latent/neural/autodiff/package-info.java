/**
 * Reverse-mode automatic differentiation: {@link dev.latent.neural.autodiff.Node} values with backward
 * rules, the differentiable {@link dev.latent.neural.autodiff.Functions}, and
 * {@link dev.latent.neural.autodiff.GradCheck} for testing gradients against finite differences.
 */
package dev.latent.neural.autodiff;
