/**
 * Float32 tensors (row-major, with a shape) and the kernels that compute on them: elementwise
 * arithmetic with broadcasting, reductions, activations.
 */
package dev.latent.neural.tensor;
