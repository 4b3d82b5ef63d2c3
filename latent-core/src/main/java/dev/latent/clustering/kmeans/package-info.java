/**
 * K-means clustering: {@link dev.latent.clustering.kmeans.KMeans} (the hyperparameters and estimator),
 * {@link dev.latent.clustering.kmeans.KMeansModel} (centres, labels, inertia), seeding
 * ({@link dev.latent.clustering.kmeans.KMeansInit}) and iteration
 * ({@link dev.latent.clustering.kmeans.KMeansAlgorithm}).
 */
package dev.latent.clustering.kmeans;
