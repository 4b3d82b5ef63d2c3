/** Readers and writers: IDX, CSV, NumPy .npy, SAT-6, PNG folders; the dataset registry and downloader. */
package dev.latent.io;
