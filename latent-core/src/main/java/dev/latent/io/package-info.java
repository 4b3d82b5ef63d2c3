/**
 * Readers and writers: IDX, CSV, NumPy .npy, SAT-6, PNG folders; the dataset registry and downloader; and
 * model files ({@link dev.latent.io.ModelIO}: versioned, checksummed, written atomically).
 */
package dev.latent.io;
