/** JMH benchmarks of Latent's kernels, with native baselines where one exists (OpenBLAS for GEMM). */
package dev.latent.bench;
