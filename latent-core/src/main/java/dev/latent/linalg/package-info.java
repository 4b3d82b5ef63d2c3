/** Dense float32 kernels: GEMM, GEMV, norms, distances, eigendecomposition, SVD, exact nearest neighbours. */
package dev.latent.linalg;
