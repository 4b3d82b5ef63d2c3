/** Nearest-neighbour search: the {@code NeighborSearch} interface, exact (brute-force) search and approximate indexes. */
package dev.latent.neighbors;
