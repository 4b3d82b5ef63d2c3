package dev.latent.reduction.umap;

import dev.latent.internal.Parallel;

import java.util.SplittableRandom;

/**
 * UMAP's stochastic gradient descent on the fuzzy cross entropy, with umap-learn's edge schedule.
 * <p>Each edge of weight {@code w} is sampled every {@code w_max / w} epochs (edges below
 * {@code w_max / epochs} are dropped first); each sample pulls the head towards the tail and pushes it away
 * from {@code negativeSampleRate} uniformly drawn vertices, with every gradient coordinate clipped to
 * {@code [-4, 4]} and a learning rate that decays linearly to 0 over the epochs. The attraction has
 * coefficient {@code -2ab d^(2(b-1)) / (1 + a d^(2b))} and the repulsion
 * {@code 2 gamma b / ((0.001 + d^2)(1 + a d^(2b)))}, both on squared distances {@code d^2}. A negative
 * sample at exactly the head's position is skipped (umap-learn pushes the head by {@code 4 alpha} along every
 * axis then).
 * <p>Determinism: the heads are cut into fixed chunks of {@value #CHUNK} vertices. Within an epoch a
 * chunk moves only its own heads, each of them read and written in place, while every other vertex (tails
 * and negative samples) is read from a copy of the embedding taken at the start of the epoch; each chunk
 * draws its negative samples from its own generator, split from the seed in chunk order at each epoch. No
 * two chunks write the same memory and none reads what another writes during the epoch, so the result is
 * the same for any thread count. umap-learn instead moves both ends of an edge in place from several
 * threads at once (Hogwild), which makes its results depend on timing. To keep its balance of attraction
 * and repulsion, where each undirected edge pulls each end twice per sample (once as head, once as tail of
 * the reverse entry) and pushes it {@code negativeSampleRate} times, a fit applies the attraction to the
 * head twice in a row ({@code pulls = 2}); a transform, whose tails are fixed, once. The cost of this
 * scheme is the one-epoch-stale view of other chunks' vertices and one copy of the embedding per epoch
 * ({@code O(n components)}), negligible next to the {@code O(entries (1 + negativeSampleRate))} gradient
 * evaluations of an epoch.
 */
final class Layout {
    /** Heads per chunk. */
    static final int CHUNK = 256;
    private static final double CLIP = 4;
    private static final double SQRT2 = Math.sqrt(2);
    private static final double LN2 = Math.log(2);
    private static final double INV_LN2 = 1 / Math.log(2);

    private final int heads;
    private final int[] rowPtr;
    private final int[] tails;
    private final double[] epochsPerSample;
    private final double[] nextSample;
    private final double[] nextNegative;
    private final int dims;
    private final double a;
    private final double b;
    private final double gamma;
    private final double negativeRate;
    private final int pulls;

    /**
     * A schedule over the entries of a CSR graph with {@code heads} rows; entries lighter than
     * {@code w_max / epochs} are left out.
     */
    Layout(int heads, int[] rowPtr, int[] cols, float[] weights, int epochs, int dims, double a, double b,
           double gamma, double negativeRate, int pulls) {
        this.heads = heads;
        this.dims = dims;
        this.a = a;
        this.b = b;
        this.gamma = gamma;
        this.negativeRate = negativeRate;
        this.pulls = pulls;
        float max = 0;
        for (int e = 0; e < rowPtr[heads]; e++) max = Math.max(max, weights[e]);
        double cut = epochs > 0 ? max / (double) epochs : 0;
        int kept = 0;
        for (int e = 0; e < rowPtr[heads]; e++) if (weights[e] >= cut && weights[e] > 0) kept++;
        this.rowPtr = new int[heads + 1];
        this.tails = new int[kept];
        this.epochsPerSample = new double[kept];
        int p = 0;
        for (int i = 0; i < heads; i++) {
            for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
                if (weights[e] >= cut && weights[e] > 0) {
                    tails[p] = cols[e];
                    epochsPerSample[p] = max / (double) weights[e];
                    p++;
                }
            }
            this.rowPtr[i + 1] = p;
        }
        this.nextSample = epochsPerSample.clone();
        this.nextNegative = new double[kept];
        for (int e = 0; e < kept; e++) nextNegative[e] = epochsPerSample[e] / negativeRate;
    }

    /** The number of entries kept in the schedule. */
    int entries() {
        return tails.length;
    }

    /**
     * Runs epochs {@code [fromEpoch, toEpoch)} of a schedule of {@code epochs} on {@code head}
     * ({@code heads x dims}, updated in place). Tails and negative samples come from {@code tail}
     * ({@code vertices x dims}); when {@code self} is true, head and tail are the same embedding (a fit): other
     * vertices are then read from a copy taken at each epoch's start, and a head never repels itself.
     */
    void run(float[] head, float[] tail, int vertices, boolean self, int fromEpoch, int toEpoch, int epochs,
             double learningRate, SplittableRandom random) {
        int chunks = Parallel.chunkCount(heads, CHUNK);
        SplittableRandom[] rngs = new SplittableRandom[chunks];
        float[] view = self ? new float[head.length] : tail;
        for (int epoch = fromEpoch; epoch < toEpoch; epoch++) {
            double alpha = learningRate * (1 - epoch / (double) epochs);
            if (self) System.arraycopy(head, 0, view, 0, head.length);
            for (int c = 0; c < chunks; c++) rngs[c] = random.split();
            int now = epoch;
            Parallel.shared().forEachChunk(heads, CHUNK, (from, to) ->
                    epoch(head, view, vertices, self, now, alpha, rngs[from / CHUNK], from, to));
        }
    }

    /** One epoch over heads {@code [from, to)}. */
    private void epoch(float[] head, float[] tail, int vertices, boolean self, int epoch, double alpha,
                       SplittableRandom rng, int from, int to) {
        if (dims == 2) {
            epoch2(head, tail, vertices, self, epoch, alpha, rng, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            int hi = i * dims;
            for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
                if (nextSample[e] > epoch) continue;
                int ti = tails[e] * dims;
                for (int pull = 0; pull < pulls; pull++) attract(head, hi, tail, ti, alpha);
                nextSample[e] += epochsPerSample[e];
                double perNegative = epochsPerSample[e] / negativeRate;
                int negatives = (int) ((epoch - nextNegative[e]) / perNegative);
                for (int s = 0; s < negatives; s++) {
                    int k = below(rng, vertices);
                    if (self && k == i) continue;
                    repel(head, hi, tail, k * dims, alpha);
                }
                nextNegative[e] += negatives * perNegative;
            }
        }
    }

    /** {@link #epoch} for two dimensions, the head kept in registers; the same arithmetic as the general path. */
    private void epoch2(float[] head, float[] tail, int vertices, boolean self, int epoch, double alpha,
                        SplittableRandom rng, int from, int to) {
        double twoAb = -2 * a * b, twoGb = 2 * gamma * b;
        for (int i = from; i < to; i++) {
            int end = rowPtr[i + 1];
            float x = head[2 * i], y = head[2 * i + 1];
            for (int e = rowPtr[i]; e < end; e++) {
                if (nextSample[e] > epoch) continue;
                int t = tails[e] * 2;
                float tx = tail[t], ty = tail[t + 1];
                for (int pull = 0; pull < pulls; pull++) {
                    double dx = x - tx, dy = y - ty;
                    double d2 = dx * dx + dy * dy;
                    if (d2 > 0) {
                        double pb = pow(d2, b);
                        double coef = twoAb * (pb / d2) / (a * pb + 1);
                        x += (float) (clip(coef * dx) * alpha);
                        y += (float) (clip(coef * dy) * alpha);
                    }
                }
                nextSample[e] += epochsPerSample[e];
                double perNegative = epochsPerSample[e] / negativeRate;
                int negatives = (int) ((epoch - nextNegative[e]) / perNegative);
                for (int s = 0; s < negatives; s++) {
                    int k = below(rng, vertices);
                    if (self && k == i) continue;
                    double dx = x - tail[2 * k], dy = y - tail[2 * k + 1];
                    double d2 = dx * dx + dy * dy;
                    if (d2 <= 0) continue;
                    double coef = twoGb / ((0.001 + d2) * (a * pow(d2, b) + 1));
                    x += (float) (clip(coef * dx) * alpha);
                    y += (float) (clip(coef * dy) * alpha);
                }
                nextNegative[e] += negatives * perNegative;
            }
            head[2 * i] = x;
            head[2 * i + 1] = y;
        }
    }

    /**
     * {@code x^p} for positive finite {@code x}, to about 1e-7 relative (far below the noise of the descent)
     * and about ten times faster than {@link Math#pow}, which would dominate the cost of an epoch. With
     * {@code x = 2^e m}, {@code m} in {@code [sqrt(1/2), sqrt(2))}: {@code ln m = 2 atanh(z)},
     * {@code z = (m - 1) / (m + 1)}, by its series to {@code z^9}; then {@code 2^(p log2 x)} splits into
     * {@code 2^k}, set in the exponent bits, and {@code exp(f ln 2)}, {@code |f| <= 1/2}, by its Taylor series
     * to the 8th power.
     */
    static double pow(double x, double p) {
        int e = Math.getExponent(x);
        if (e < Double.MIN_EXPONENT) return Math.pow(x, p); // subnormal
        double m = Double.longBitsToDouble((Double.doubleToRawLongBits(x) & 0x000F_FFFF_FFFF_FFFFL)
                | 0x3FF0_0000_0000_0000L);
        if (m > SQRT2) {
            m *= 0.5;
            e++;
        }
        double z = (m - 1) / (m + 1), z2 = z * z;
        double ln = 2 * z * (1 + z2 * (1.0 / 3 + z2 * (1.0 / 5 + z2 * (1.0 / 7 + z2 * (1.0 / 9)))));
        double y = p * (e + ln * INV_LN2);
        if (!(y < 1000 && y > -1000)) return Math.pow(x, p);
        double k = Math.rint(y);
        double t = (y - k) * LN2;
        double r = 1 + t * (1 + t * (0.5 + t * (1.0 / 6 + t * (1.0 / 24 + t * (1.0 / 120 + t * (1.0 / 720
                + t * (1.0 / 5040 + t * (1.0 / 40320))))))));
        return r * Double.longBitsToDouble((long) ((int) k + 1023) << 52);
    }

    private void attract(float[] head, int hi, float[] tail, int ti, double alpha) {
        double d2 = 0;
        for (int c = 0; c < dims; c++) {
            double diff = head[hi + c] - tail[ti + c];
            d2 += diff * diff;
        }
        if (d2 <= 0) return;
        double pb = pow(d2, b);
        double coef = -2 * a * b * (pb / d2) / (a * pb + 1);
        for (int c = 0; c < dims; c++) {
            double g = clip(coef * (head[hi + c] - tail[ti + c]));
            head[hi + c] += (float) (g * alpha);
        }
    }

    private void repel(float[] head, int hi, float[] tail, int ki, double alpha) {
        double d2 = 0;
        for (int c = 0; c < dims; c++) {
            double diff = head[hi + c] - tail[ki + c];
            d2 += diff * diff;
        }
        if (d2 <= 0) return;
        double coef = 2 * gamma * b / ((0.001 + d2) * (a * pow(d2, b) + 1));
        for (int c = 0; c < dims; c++) {
            double g = clip(coef * (head[hi + c] - tail[ki + c]));
            head[hi + c] += (float) (g * alpha);
        }
    }

    /**
     * A vertex in {@code [0, vertices)} from 32 random bits by multiply-and-shift (no division); the bias,
     * below {@code vertices / 2^32}, is immaterial here.
     */
    private static int below(SplittableRandom rng, int vertices) {
        return (int) (((rng.nextInt() & 0xFFFF_FFFFL) * vertices) >>> 32);
    }

    private static double clip(double v) {
        return v > CLIP ? CLIP : v < -CLIP ? -CLIP : v;
    }
}
