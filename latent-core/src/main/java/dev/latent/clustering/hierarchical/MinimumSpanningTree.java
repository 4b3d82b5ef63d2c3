package dev.latent.clustering.hierarchical;

import dev.latent.internal.Parallel;

import java.util.Arrays;

/**
 * Single linkage through Prim's minimum spanning tree on the implicit complete graph of the rows.
 * <p>Each step adds the outside point closest to the tree and then lowers every other outside point's distance
 * to the tree through the new point. Most of those distances cannot lower anything: a lower bound from the
 * leading principal coordinates and the norm of the rest ({@link Projection}: 32 coordinates stored in blocks,
 * read for every candidate, then 128 stored row by row for the candidates the first bound leaves) already
 * exceeds the point's current distance to the tree, and only the points neither bound rules out get their
 * distance computed, stopping once its partial sum exceeds the current one. Bounds never exceed distances, so
 * the tree is bit for bit the one the unpruned algorithm builds. The outside points are kept packed (a removed
 * point's place is taken by the last one), so each step reads only what is still outside.
 * <p>O(n^2 m + n^2 d p) time, where m = 32 and p is the fraction of candidates the bounds cannot rule out
 * (about 2% on 10,000 MNIST images), and O(n) memory: 160 floats of coordinates per point, a few numbers
 * more ({@link #bytes}). Single-linkage merges are the tree's edges sorted by length; Prim's algorithm takes
 * the closest outside point, the lowest-numbered on ties. The scan runs in fixed chunks of positions, and ties
 * are broken by point number rather than by position, so the tree does not depend on the thread count.
 * <p>Reference: D. Müllner, "Modern hierarchical, agglomerative clustering algorithms", arXiv:1109.2378,
 * 2011, section 3.3 (MST-linkage); R. C. Prim, "Shortest connection networks and some generalizations",
 * Bell System Technical Journal 36, 1957; partial distance search: C.-D. Bei and R. M. Gray, IEEE Trans.
 * Communications 33, 1985.
 */
final class MinimumSpanningTree {
    /** Positions per chunk of the distance updates (a multiple of the bound block); fixed, so results do not depend on the thread count. */
    static final int CHUNK = 1024;

    private MinimumSpanningTree() {}

    /** Bytes this algorithm allocates for {@code n} rows of {@code d} columns, beyond the merges. */
    static long bytes(int n, int d) {
        int coarse = Projection.coordinates(d, Projection.COORDINATES);
        return Projection.bytes(n, d, Projection.FINE_COORDINATES) + 4 * Projection.floats(n, d, Projection.COORDINATES)
                + 8L * (coarse - 1) * d + (8L + 4 + 4 + 4 + 4 + 4) * n + 8L * Projection.BLOCK
                + 12L * Parallel.chunkCount(n, CHUNK);
    }

    static Merges merges(float[] x, int n, int d) {
        Projection fine = Projection.of(x, n, d, Projection.FINE_COORDINATES);
        return merges(x, n, d, fine.truncate(Projection.COORDINATES), fine);
    }

    /**
     * The merges, with {@code projection} giving the bounds every candidate gets (stored in blocks) and
     * {@code fine} those the candidates it leaves get (stored row by row).
     */
    static Merges merges(float[] x, int n, int d, Projection projection, Projection fine) {
        int m = projection.m;
        int padded = Projection.blocks(n) * Projection.BLOCK;
        // Outside points, packed in positions 0..count-1; position p holds point id[p].
        float[] coords = new float[Math.toIntExact(Projection.floats(n, d, projection.m))];
        float[] rows = new float[Math.multiplyExact(n, fine.m)];
        double[] best = new double[n];        // squared distance from the point at each position to the tree
        float[] bestUp = new float[padded];   // best rounded up to float, for comparing with bounds
        int[] nearest = new int[n];           // the tree point at that distance
        int[] id = new int[n];
        int[] where = new int[n];             // position of each outside point
        float[] bounds = new float[padded];
        int[] picked = new int[n];            // positions the bounds leave, per chunk from its first position
        Parallel.shared().forEachChunk(n, WardChain.PROJECT_CHUNK, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                projection.project(x, i * d, coords, i);
                fine.projectRow(x, i * d, rows, i);
            }
        });
        for (int i = 0; i < n; i++) {
            id[i] = i;
            where[i] = i;
        }
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        Arrays.fill(bestUp, Float.POSITIVE_INFINITY);
        int chunks = Parallel.chunkCount(n, CHUNK);
        double[] chunkBest = new double[chunks];
        int[] chunkArg = new int[chunks];
        float[] q = new float[m];
        float[] fineQ = new float[fine.m];
        Merges merges = new Merges(n);
        Parallel parallel = Parallel.shared();
        int count = n;
        int v = 0;
        for (int step = 1; step < n; step++) {
            // take v out: its coordinates become the query, the last outside point fills its place
            int pv = where[v];
            projection.read(coords, pv, q);
            System.arraycopy(rows, pv * fine.m, fineQ, 0, fine.m);
            count--;
            if (pv != count) {
                int last = id[count];
                projection.move(coords, count, pv);
                System.arraycopy(rows, count * fine.m, rows, pv * fine.m, fine.m);
                best[pv] = best[count];
                bestUp[pv] = bestUp[count];
                nearest[pv] = nearest[count];
                id[pv] = last;
                where[last] = pv;
            }
            final int from = v, outside = count;
            parallel.forEachChunk(outside, CHUNK, (lo, hi) -> {
                // Only a distance below best[p] matters: skip the points whose bound rules that out, and
                // stop computing the others' distances once past best[p].
                projection.lowerBounds(coords, q, lo, hi, bounds);
                int found = Projection.select(bounds, bestUp, 0f, 1f, lo, hi, picked);
                int vRow = from * d;
                for (int s = lo; s < lo + found; s++) {
                    int p = picked[s];
                    if (fine.rowBound(rows, p, fineQ) > bestUp[p]) continue;
                    double dist = Distances.squaredBounded(x, vRow, x, id[p] * d, d, best[p]);
                    if (dist < best[p]) {
                        best[p] = dist;
                        float up = (float) dist;
                        bestUp[p] = up < dist ? Math.nextUp(up) : up;
                        nearest[p] = from;
                    }
                }
                double min = Double.POSITIVE_INFINITY;
                for (int p = lo; p < hi; p++) if (best[p] < min) min = best[p];
                int arg = -1;
                for (int p = lo; p < hi; p++) {
                    if (best[p] == min && (arg < 0 || id[p] < arg)) arg = id[p];
                }
                chunkBest[lo / CHUNK] = min;
                chunkArg[lo / CHUNK] = arg;
            });
            int next = -1;
            double min = Double.POSITIVE_INFINITY;
            for (int c = 0, end = Parallel.chunkCount(outside, CHUNK); c < end; c++) {
                int j = chunkArg[c];
                if (j >= 0 && (next < 0 || chunkBest[c] < min || (chunkBest[c] == min && j < next))) {
                    min = chunkBest[c];
                    next = j;
                }
            }
            merges.add(nearest[where[next]], next, Math.sqrt(min));
            v = next;
        }
        return merges;
    }
}
