package dev.latent.neighbors;

import dev.latent.data.Matrix;
import dev.latent.internal.Check;

/**
 * Hyperparameters of nearest-neighbour descent, an approximate k-nearest-neighbour graph; an immutable value
 * whose {@link #fit} returns the searchable {@link NnDescentIndex}.
 * <p>The graph of each row's {@code k} neighbours starts from the rows sharing its leaves in a forest of
 * random-projection trees, and is then improved by iterations of the local join: a row's neighbours are
 * likely neighbours of each other, so every pair among a sample of each row's forward and reverse
 * neighbours is compared, and the pair enters both rows' lists if it beats their farthest entry. Only pairs
 * with at least one entry that is new since the last iteration are compared. Iterations stop when fewer
 * than {@code delta n k} entries change. New points are answered by a best-first search of the graph
 * (with reverse edges added) from the leaf of the first tree they fall in.
 * <p>Cost: the forest takes {@code O(n d p + trees n p log(n / leafSize))} time, where {@code p = min(d, 64)}
 * is the width of the random projection its trees split; the leaves give about {@code n leafSize trees / 2}
 * distance evaluations of {@code O(d)} each, and an iteration at most {@code 1.5 n c^2}, where
 * {@code c = ceil(rho k)} is the sample size (fewer as the graph settles); usually five to ten iterations
 * are needed (recall 0.986 on MNIST, 70,000 x 784, at k = 15). Memory beyond the index's copy
 * of the data: while building, a second copy of the data in leaf order, the projected rows
 * ({@code 4 n p} bytes), about {@code 9 n k + 16 n c} bytes for the heaps and samples, {@code 8 n trees}
 * bytes for the forest, and the proposals of one round of the join; kept afterwards, per built degree,
 * the forest, the projected rows and the graph with its reverse edges (up to {@code 8 n k} bytes). The graph does not depend on the thread count (see
 * {@link NnDescentIndex}). Departures from the paper: the samples are drawn by random priority over forward
 * and reverse neighbours together (as in PyNNDescent), with {@code c} new and {@code c} old candidates per
 * row, and the graph starts from random-projection-tree leaves instead of random rows.
 * <p>Reference: W. Dong, M. Charikar and K. Li, "Efficient k-nearest neighbor graph construction for
 * generic similarity measures", WWW 2011; S. Dasgupta and Y. Freund, "Random projection trees and low
 * dimensional manifolds", STOC 2008; L. McInnes, PyNNDescent (search of new points from tree leaves).
 * @param metric    the distance; default {@link Metric#EUCLIDEAN}
 * @param neighbors degree of the graph used to answer queries of new points, and the least degree built for
 *                  {@link NnDescentIndex#querySelf}; at least 1, default 15. Higher is more accurate and slower
 * @param rho       sample rate: each row joins up to {@code ceil(rho k)} new and as many old candidates; {@code > 0},
 *                  default 1. Higher gives better recall per iteration at quadratic cost
 * @param delta     stop when fewer than {@code delta n k} heap entries change in an iteration; {@code >= 0},
 *                  default 0.001
 * @param maxIter   most iterations; 0 (the default) means {@code max(5, round(log2 n))}
 * @param trees     random-projection trees for the initial graph; 0 (the default) means
 *                  {@code min(16, 2 + round(n^0.25 / 2))} (10 for 70,000 rows)
 * @param leafSize  most rows in a tree leaf; 0 (the default) means {@code max(10, k)}, otherwise at least 2
 * @param epsilon   search slack for new points: neighbours of candidates up to {@code 1 + epsilon} times the
 *                  current k-th distance are expanded; {@code >= 0}, default 0.1. Higher is more accurate and slower
 * @param seed      seed of every random choice; default 0
 */
public record NnDescent(Metric metric, int neighbors, double rho, double delta, int maxIter, int trees,
                        int leafSize, double epsilon, long seed) {
    public NnDescent {
        Check.notNull("metric", metric);
        Check.atLeast("neighbors", neighbors, 1);
        Check.positive("rho", rho);
        Check.nonNegative("delta", delta);
        Check.atLeast("maxIter", maxIter, 0);
        Check.atLeast("trees", trees, 0);
        if (leafSize != 0) Check.atLeast("leafSize", leafSize, 2);
        Check.nonNegative("epsilon", epsilon);
        Check.argument(Double.isFinite(rho), "rho must be finite, got " + rho);
        Check.argument(Double.isFinite(epsilon), "epsilon must be finite, got " + epsilon);
    }

    /** The defaults: Euclidean, 15 neighbours, rho 1, delta 0.001, automatic iterations, trees and leaves, epsilon 0.1, seed 0. */
    public static NnDescent defaults() {
        return new NnDescent(Metric.EUCLIDEAN, 15, 1.0, 0.001, 0, 0, 0, 0.1, 0L);
    }

    /** The defaults with the given metric. */
    public static NnDescent of(Metric metric) {
        return defaults().withMetric(metric);
    }

    public NnDescent withMetric(Metric metric) {
        return new NnDescent(metric, neighbors, rho, delta, maxIter, trees, leafSize, epsilon, seed);
    }

    public NnDescent withNeighbors(int neighbors) {
        return new NnDescent(metric, neighbors, rho, delta, maxIter, trees, leafSize, epsilon, seed);
    }

    public NnDescent withRho(double rho) {
        return new NnDescent(metric, neighbors, rho, delta, maxIter, trees, leafSize, epsilon, seed);
    }

    public NnDescent withDelta(double delta) {
        return new NnDescent(metric, neighbors, rho, delta, maxIter, trees, leafSize, epsilon, seed);
    }

    public NnDescent withMaxIter(int maxIter) {
        return new NnDescent(metric, neighbors, rho, delta, maxIter, trees, leafSize, epsilon, seed);
    }

    public NnDescent withTrees(int trees) {
        return new NnDescent(metric, neighbors, rho, delta, maxIter, trees, leafSize, epsilon, seed);
    }

    public NnDescent withLeafSize(int leafSize) {
        return new NnDescent(metric, neighbors, rho, delta, maxIter, trees, leafSize, epsilon, seed);
    }

    public NnDescent withEpsilon(double epsilon) {
        return new NnDescent(metric, neighbors, rho, delta, maxIter, trees, leafSize, epsilon, seed);
    }

    public NnDescent withSeed(long seed) {
        return new NnDescent(metric, neighbors, rho, delta, maxIter, trees, leafSize, epsilon, seed);
    }

    /**
     * An index over a copy of {@code data}; graphs are built on first use, one per degree.
     * @throws IllegalArgumentException if {@code data} has fewer than 2 rows or a non-finite value, or (for
     *                                  cosine) a row of zeros
     */
    public NnDescentIndex fit(Matrix data) {
        Check.notNull("data", data);
        Check.rowsAtLeast("data", data, 2, "a row and a neighbour");
        Check.finite("data", data);
        return new NnDescentIndex(this, metric.prepare("data", data), data.rows(), data.cols());
    }

    /** The number of trees for {@code n} rows. */
    int treesFor(int n) {
        return trees > 0 ? trees : (int) Math.min(16, 2 + Math.round(Math.pow(n, 0.25) / 2));
    }

    /** The most iterations for {@code n} rows. */
    int maxIterFor(int n) {
        return maxIter > 0 ? maxIter : (int) Math.max(5, Math.round(Math.log(n) / Math.log(2)));
    }

    /** The leaf size for a graph of degree {@code k}. */
    int leafSizeFor(int k) {
        return leafSize > 0 ? leafSize : Math.max(10, k);
    }

    /** The sample size of the local join for a graph of degree {@code k}. */
    int candidatesFor(int k) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2, Math.ceil(rho * k)));
    }
}
