/** Clustering, embedding and reconstruction quality measures. */
package dev.latent.metrics;
