package dev.latent.clustering.kmeans;

import dev.latent.internal.Parallel;

import java.util.Arrays;
import java.util.SplittableRandom;

/** The seeding methods of {@link KMeansInit}; each returns {@code k x d} centres drawn with {@code rng}. */
final class Seeding {
    private Seeding() {}

    static float[] seed(Problem p, int k, KMeansInit init, SplittableRandom rng, double tolerance) {
        return switch (init) {
            case KMeansInit.PlusPlus pp -> plusPlus(p, k, pp.trials(k), rng);
            case KMeansInit.PlusPlusParallel par -> parallel(p, k, par.rounds(), par.oversampling(), rng, tolerance);
            case KMeansInit.Random r -> random(p, k, rng);
            case KMeansInit.Given g -> g.values().clone();
        };
    }

    /** Greedy k-means++: each centre is the best of {@code trials} candidates drawn by D^2 weighting. */
    static float[] plusPlus(Problem p, int k, int trials, SplittableRandom rng) {
        int n = p.n(), d = p.d();
        float[] x = p.x();
        double[] w = p.w();
        float[] centres = new float[k * d];
        int first = drawByMass(w, null, Kernels.sum(w), rng);
        System.arraycopy(x, first * d, centres, 0, d);
        float[] closest = new float[n];
        double[] pot = new double[1];
        candidateDistances(p, new int[] {first}, closest, closest, pot);
        double current = pot[0];
        int[] candidates = new int[trials];
        float[] candDist = new float[n * trials];
        double[] candPot = new double[trials];
        double[] mass = new double[n];
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += w[i] * closest[i];
                mass[i] = total;
            }
            for (int t = 0; t < trials; t++) candidates[t] = drawByMass(w, mass, rng.nextDouble() * current, rng);
            candidateDistances(p, candidates, closest, candDist, candPot);
            int best = 0;
            for (int t = 1; t < trials; t++) if (candPot[t] < candPot[best]) best = t;
            for (int i = 0; i < n; i++) closest[i] = Math.min(closest[i], candDist[i * trials + best]);
            current = candPot[best];
            System.arraycopy(x, candidates[best] * d, centres, c * d, d);
        }
        return centres;
    }

    /**
     * Draws a row index. With {@code cumulative == null}, draws proportionally to {@code w} (the value is
     * {@code w}'s sum); otherwise returns the first row whose cumulative mass exceeds {@code value}, or the
     * last row with positive mass when rounding leaves none.
     */
    private static int drawByMass(double[] w, double[] cumulative, double value, SplittableRandom rng) {
        int n = w.length;
        if (cumulative == null) {
            double target = rng.nextDouble() * value, total = 0;
            int last = -1;
            for (int i = 0; i < n; i++) {
                if (w[i] <= 0) continue;
                total += w[i];
                last = i;
                if (total > target) return i;
            }
            return last;
        }
        int lo = 0, hi = n - 1;
        if (!(cumulative[hi] > value)) {
            for (int i = n - 1; i > 0; i--) if (cumulative[i] > cumulative[i - 1]) return i;
            return 0;
        }
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > value) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /**
     * For each candidate row t, writes the squared distances from every row to it into
     * {@code out[i * t + ...]} ({@code n x t}), and the weighted potential {@code sum_i w_i min(closest_i, dist_it)}
     * into {@code pot[t]}. Distances come from the {@link CentreKernel}'s dot products, in parallel chunks of
     * {@link Kernels#CHUNK} rows whose partial potentials are added in chunk order.
     * When {@code out == closest} (one candidate, first centre) the potential is the plain weighted sum.
     */
    static void candidateDistances(Problem p, int[] candidates, float[] closest, float[] out, double[] pot) {
        int n = p.n(), d = p.d(), t = candidates.length;
        float[] x = p.x(), norms = p.norms();
        double[] w = p.w();
        float[] cand = new float[t * d];
        float[] candNorms = new float[t];
        for (int c = 0; c < t; c++) {
            System.arraycopy(x, candidates[c] * d, cand, c * d, d);
            candNorms[c] = norms[candidates[c]];
        }
        CentreKernel kernel = CentreKernel.get();
        int panels = kernel.panels(t), width = panels * kernel.lanes();
        float[] packed = kernel.pack(cand, t, d);
        int chunks = Parallel.chunkCount(n, Kernels.CHUNK);
        double[] partial = new double[chunks * t];
        boolean first = closest == out;
        Parallel.shared().forEachChunkIndex(chunks, ch -> {
            int from = ch * Kernels.CHUNK, to = Math.min(n, from + Kernels.CHUNK);
            float[] dots = new float[Kernels.BLOCK * width];
            for (int b0 = from; b0 < to; b0 += Kernels.BLOCK) {
                int b1 = Math.min(to, b0 + Kernels.BLOCK);
                kernel.dots(x, d, b0, b1, packed, panels, dots);
                for (int i = b0; i < b1; i++) {
                    int base = i * t, o = (i - b0) * width;
                    float before = first ? Float.POSITIVE_INFINITY : closest[i];
                    for (int c = 0; c < t; c++) {
                        float dist = Math.max(0f, norms[i] + candNorms[c] - 2f * dots[o + c]);
                        out[base + c] = dist;
                        partial[ch * t + c] += w[i] * Math.min(before, dist);
                    }
                }
            }
        });
        Arrays.fill(pot, 0);
        for (int ch = 0; ch < chunks; ch++) for (int c = 0; c < t; c++) pot[c] += partial[ch * t + c];
    }

    /** k distinct rows with positive weight, uniformly at random (a partial Fisher-Yates shuffle). */
    static float[] random(Problem p, int k, SplittableRandom rng) {
        int n = p.n(), d = p.d();
        int[] rows = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) if (p.w()[i] > 0) rows[m++] = i;
        assert m >= k;
        float[] centres = new float[k * d];
        for (int c = 0; c < k; c++) {
            int j = c + rng.nextInt(m - c);
            int tmp = rows[c];
            rows[c] = rows[j];
            rows[j] = tmp;
            System.arraycopy(p.x(), rows[c] * d, centres, c * d, d);
        }
        return centres;
    }

    /** Rows per chunk for k-means|| sampling; each chunk draws from its own split of the generator. */
    private static final int SAMPLE_CHUNK = 4096;

    /**
     * k-means||: draws candidates in rounds, weights each by the weight of the rows nearest to it, and
     * reclusters the weighted candidates with greedy k-means++ and Lloyd. Falls back to k-means++ on the
     * full data if fewer than k distinct candidates carry weight.
     */
    static float[] parallel(Problem p, int k, int rounds, double oversampling, SplittableRandom rng,
                            double tolerance) {
        int n = p.n(), d = p.d();
        float[] x = p.x();
        double[] w = p.w();
        int first = drawByMass(w, null, Kernels.sum(w), rng);
        int[] chosen = {first};
        int count = 1;
        float[] closest = new float[n];
        float[] scratch = new float[n];
        double[] pot = new double[1];
        candidateDistances(p, new int[] {first}, closest, closest, pot);
        double phi = pot[0];
        double ell = oversampling * k;
        int chunks = Parallel.chunkCount(n, SAMPLE_CHUNK);
        for (int r = 0; r < rounds && phi > 0; r++) {
            SplittableRandom[] rngs = new SplittableRandom[chunks];
            for (int ch = 0; ch < chunks; ch++) rngs[ch] = rng.split();
            int[][] picks = new int[chunks][];
            double phiNow = phi;
            Parallel.shared().forEachChunkIndex(chunks, ch -> {
                int from = ch * SAMPLE_CHUNK, to = Math.min(n, from + SAMPLE_CHUNK), m = 0;
                int[] mine = new int[16];
                SplittableRandom g = rngs[ch];
                for (int i = from; i < to; i++) {
                    double prob = ell * w[i] * closest[i] / phiNow;
                    if (g.nextDouble() < prob) {
                        if (m == mine.length) mine = Arrays.copyOf(mine, 2 * m);
                        mine[m++] = i;
                    }
                }
                picks[ch] = Arrays.copyOf(mine, m);
            });
            int added = 0;
            for (int[] pk : picks) added += pk.length;
            if (added == 0) continue;
            int[] fresh = new int[added];
            int at = 0;
            for (int[] pk : picks) {
                System.arraycopy(pk, 0, fresh, at, pk.length);
                at += pk.length;
            }
            // distances to the new candidates, in groups so that the n x group block stays small
            for (int g0 = 0; g0 < added; g0 += 64) {
                int[] group = Arrays.copyOfRange(fresh, g0, Math.min(added, g0 + 64));
                if (scratch.length < n * group.length) scratch = new float[n * group.length];
                double[] gp = new double[group.length];
                candidateDistances(p, group, closest, scratch, gp);
                int t = group.length;
                for (int i = 0; i < n; i++) {
                    float best = closest[i];
                    for (int c = 0; c < t; c++) best = Math.min(best, scratch[i * t + c]);
                    closest[i] = best;
                }
            }
            phi = 0;
            for (int i = 0; i < n; i++) phi += w[i] * closest[i];
            if (count + added > chosen.length) chosen = Arrays.copyOf(chosen, Math.max(2 * chosen.length, count + added));
            System.arraycopy(fresh, 0, chosen, count, added);
            count += added;
        }
        int m = count;
        float[] cand = new float[m * d];
        for (int c = 0; c < m; c++) System.arraycopy(x, chosen[c] * d, cand, c * d, d);
        int[] nearest = new int[n];
        Kernels.assign(x, p.norms(), n, d, w, cand, m, nearest, new float[n]);
        double[] cw = new double[m];
        for (int i = 0; i < n; i++) cw[nearest[i]] += w[i];
        if (Distinct.count(cand, m, d, cw, k) < k) return plusPlus(p, k, 2 + (int) Math.floor(Math.log(k)), rng);
        Problem sub = Problem.of(cand, m, d, cw);
        float[] start = plusPlus(sub, k, 2 + (int) Math.floor(Math.log(k)), rng);
        double subTol = tolerance * Kernels.meanVariance(cand, m, d);
        return Exact.run(sub, start, k, KMeansAlgorithm.LLOYD, 30, subTol).centres();
    }
}
