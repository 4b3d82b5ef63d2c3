package dev.latent.clustering.kmeans;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Sculley's mini-batch k-means from given centres.
 * <p>Each step draws {@code batchSize} rows uniformly with replacement, assigns them to their nearest
 * centres, and moves each centre to the weighted mean of all rows it has been given so far (its old
 * position weighted by its accumulated count, plus the batch rows): the per-centre learning rate
 * {@code 1 / count} of the paper, applied to the whole batch at once. It stops after
 * {@code maxIter} passes over the data ({@code maxIter * ceil(n / batchSize)} steps), when a step moves
 * the centres by at most the tolerance (summed squared movement), or when the smoothed batch inertia
 * (per unit weight, exponentially averaged as scikit-learn does) has not improved for 10 steps.
 * A centre that receives no rows stays where it is. The labels and inertia returned are over all rows.
 * <p>Reference: D. Sculley, "Web-Scale K-Means Clustering", WWW 2010.
 */
final class MiniBatch {
    /** Steps without improvement of the smoothed batch inertia after which the run stops. */
    static final int PATIENCE = 10;

    private MiniBatch() {}

    static Run run(Problem p, float[] start, int k, int maxIter, int batchSize, double tolerance, SplittableRandom rng) {
        int n = p.n(), d = p.d();
        float[] x = p.x();
        double[] w = p.w();
        int b = Math.min(batchSize, n);
        long steps = Math.min(Integer.MAX_VALUE, (long) maxIter * ((n + b - 1) / b));
        float[] centres = start.clone();
        double[] counts = new double[k];
        float[] batch = new float[b * d];
        float[] batchNorms = new float[b];
        double[] batchW = new double[b];
        int[] batchLabels = new int[b];
        float[] batchDist = new float[b];
        double[] sums = new double[k * d];
        double[] clusterW = new double[k];
        double alpha = Math.min(1.0, 2.0 * b / (n + 1.0));
        double smoothed = Double.NaN, best = Double.POSITIVE_INFINITY;
        int stale = 0, step = 0;
        boolean converged = false;
        double[] history = new double[16];
        while (step < steps) {
            double weight = 0;
            for (int r = 0; r < b; r++) {
                int i = rng.nextInt(n);
                System.arraycopy(x, i * d, batch, r * d, d);
                batchNorms[r] = p.norms()[i];
                batchW[r] = w[i];
                weight += w[i];
            }
            double objective = Kernels.assign(batch, batchNorms, b, d, batchW, centres, k, batchLabels, batchDist);
            Arrays.fill(sums, 0);
            Arrays.fill(clusterW, 0);
            for (int r = 0; r < b; r++) {
                double wr = batchW[r];
                if (wr == 0) continue;
                int c = batchLabels[r], row = r * d, base = c * d;
                clusterW[c] += wr;
                for (int j = 0; j < d; j++) sums[base + j] += wr * batch[row + j];
            }
            double shift = 0;
            for (int c = 0; c < k; c++) {
                if (clusterW[c] == 0) continue;
                double old = counts[c], total = old + clusterW[c];
                int base = c * d;
                for (int j = 0; j < d; j++) {
                    float moved = (float) ((centres[base + j] * old + sums[base + j]) / total);
                    double diff = moved - centres[base + j];
                    shift += diff * diff;
                    centres[base + j] = moved;
                }
                counts[c] = total;
            }
            double perWeight = weight > 0 ? objective / weight : 0;
            smoothed = step == 0 ? perWeight : smoothed * (1 - alpha) + perWeight * alpha;
            if (step == history.length) history = Arrays.copyOf(history, 2 * step);
            history[step++] = smoothed;
            if (smoothed < best) {
                best = smoothed;
                stale = 0;
            } else {
                stale++;
            }
            if ((step > 1 && shift <= tolerance) || stale >= PATIENCE) {
                converged = true;
                break;
            }
        }
        int[] labels = new int[n];
        Kernels.assign(x, p.norms(), n, d, w, centres, k, labels, new float[n]);
        double inertia = Kernels.inertia(x, n, d, w, centres, labels);
        return new Run(centres, labels, inertia, step, converged, Arrays.copyOf(history, step));
    }
}
