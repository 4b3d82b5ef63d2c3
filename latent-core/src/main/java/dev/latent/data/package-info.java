/** Datasets, their storage (float32 or bytes), shapes, loaders' common types and transforms. */
package dev.latent.data;
