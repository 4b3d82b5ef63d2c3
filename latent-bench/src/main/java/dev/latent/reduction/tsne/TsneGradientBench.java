package dev.latent.reduction.tsne;

import dev.latent.Latent;
import dev.latent.data.Matrix;
import dev.latent.io.Npy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * CPU time of one t-SNE gradient (Barnes-Hut theta 0.5 against FFT interpolation) on one thread, on maps of
 * several sizes cut from a finished 2-D map: the first {@code n} points of a random permutation of MAP.npy, their
 * coordinates scaled by {@code sqrt(n / N)} so that the density of the smaller map matches a map of {@code n}
 * points (t-SNE maps grow with about the square root of the point count). {@code P} is a random sparse matrix
 * with 90 neighbours per row (the attraction is the same for both methods). Lives in the t-SNE package of the
 * bench module to reach the package-private gradients; run with the bench jar on the class path:
 * {@code java -cp latent-bench/target/benchmarks.jar dev.latent.reduction.tsne.TsneGradientBench MAP.npy
 * 5000 10000 20000 40000 70000}.
 */
public final class TsneGradientBench {
    private TsneGradientBench() {}

    public static void main(String[] args) throws Exception {
        Latent.setThreads(1);
        Matrix map = Npy.read(Path.of(args[0])).toMatrix();
        int total = map.rows();
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        int[] perm = new int[total];
        for (int i = 0; i < total; i++) perm[i] = i;
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = total - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        for (int a = 1; a < args.length; a++) {
            int n = Integer.parseInt(args[a]);
            double scale = Math.sqrt((double) n / total);
            double[] y = new double[2 * n];
            for (int i = 0; i < n; i++) {
                y[2 * i] = map.get(perm[i], 0) * scale;
                y[2 * i + 1] = map.get(perm[i], 1) * scale;
            }
            int k = 90;
            int[] rowPtr = new int[n + 1];
            int[] cols = new int[n * k];
            double[] vals = new double[n * k];
            for (int i = 0; i < n; i++) {
                rowPtr[i + 1] = (i + 1) * k;
                for (int r = 0; r < k; r++) {
                    cols[i * k + r] = rnd.nextInt(n);
                    vals[i * k + r] = 1.0 / (n * k);
                }
                Arrays.sort(cols, i * k, (i + 1) * k);
            }
            Affinities p = new Affinities(n, rowPtr, cols, vals);
            double[] grad = new double[2 * n], rep = new double[2 * n];
            FftRepulsion fft = new FftRepulsion(3);
            double[] bh = new double[7], ff = new double[7];
            for (int rep0 = 0; rep0 < 7; rep0++) {
                long t0 = bean.getCurrentThreadCpuTime();
                Gradient.barnesHut(p, 1, y, 0.5, 1, false, grad);
                long t1 = bean.getCurrentThreadCpuTime();
                Gradient.fft(p, 1, y, 1, fft, rep, false, grad);
                long t2 = bean.getCurrentThreadCpuTime();
                bh[rep0] = (t1 - t0) / 1e6;
                ff[rep0] = (t2 - t1) / 1e6;
            }
            Arrays.sort(bh);
            Arrays.sort(ff);
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (double v : y) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            System.out.printf(Locale.ROOT, "n %d (extent %.0f, %d boxes): barnes-hut %.1f ms, fft %.1f ms (median CPU of 7, 1 thread)%n",
                    n, max - min, fft.lastBoxes(), bh[3], ff[3]);
        }
    }
}
