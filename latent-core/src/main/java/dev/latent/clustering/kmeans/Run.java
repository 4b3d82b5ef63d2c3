package dev.latent.clustering.kmeans;

/** The outcome of one k-means run from one seeding: centres ({@code k x d}), labels and objective. */
record Run(float[] centres, int[] labels, double inertia, int iterations, boolean converged, double[] history) {}
