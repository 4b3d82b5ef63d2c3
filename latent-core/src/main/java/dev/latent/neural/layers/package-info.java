/**
 * Network layers over the autodiff ops: {@link dev.latent.neural.layers.Layer} with its
 * {@link dev.latent.neural.layers.Parameter}s, dense layers, activations, dropout and
 * {@link dev.latent.neural.layers.Sequential} stacks.
 */
package dev.latent.neural.layers;
