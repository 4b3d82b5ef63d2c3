/**
 * Clustering, embedding and reconstruction quality measures.
 * <p>Internal indices of a clustering, from the data and the labels: {@link dev.latent.metrics.Silhouette}
 * (exact and sampled), {@link dev.latent.metrics.DaviesBouldin}, {@link dev.latent.metrics.CalinskiHarabasz}.
 * Comparisons of two labellings through their {@link dev.latent.metrics.Contingency} table:
 * {@link dev.latent.metrics.AdjustedRandIndex}, {@link dev.latent.metrics.MutualInformation} (raw and
 * normalized), {@link dev.latent.metrics.Purity}. Embedding quality: {@link dev.latent.metrics.Trustworthiness}
 * and {@link dev.latent.metrics.KnnAccuracy}. Autoencoder and inverse-transform quality:
 * {@link dev.latent.metrics.Reconstruction} (MSE, PSNR).
 * <p>Where scikit-learn has the same measure, the definition follows it so that values can be compared; each
 * class says where it departs (the sampled silhouette does, on purpose). Labels are arbitrary {@code int} values: only which samples share a label matters, so
 * renaming clusters never changes a score.
 */
package dev.latent.metrics;
