package dev.latent.clustering.hierarchical;

import dev.latent.linalg.Gemm;
import dev.latent.linalg.SymmetricEigen;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Cheap, guaranteed lower bounds on squared Euclidean distances, from the leading principal coordinates.
 * <p>A point {@code c} is mapped to {@code m} coordinates: {@code r = P (c - mu)} on a set of orthonormal axes
 * {@code P} (the top principal axes of a sample of the rows), then {@code rho = ||c - mu - P^T r||}, the
 * norm of the residual outside the axes' span (then zeros up to a multiple of 4). For two points,
 * {@code ||c - c'||^2 = ||P (c - c')||^2 + ||residual difference||^2}, and the residual difference is at least
 * {@code |rho - rho'|} long (triangle inequality), so the squared distance between the coordinates of two points
 * never exceeds their squared distance; it holds most of it when the axes carry most of the variance.
 * Coordinates are stored as float32, in blocks of {@link #BLOCK} points laid out coordinate-major
 * ({@code block * m * BLOCK + coordinate * BLOCK + lane}), so that the bounds of a whole block come out of
 * {@code m} vector subtractions and multiply-adds with no horizontal sums.
 * <p>The bound accounts for every rounding: coordinates are computed in double and rounded once to float, so
 * each point's stored coordinates lie within about {@code 1e-6} of its distance from {@code mu} of the exact
 * ones (the residual norm, from a difference of squares, dominates); {@link #slack} covers two points, with
 * room to spare, for every point within twice the rows' largest distance from {@code mu} (every centroid).
 * {@link #lowerBounds} then shrinks the bound by relative margins far above the float rounding of both the
 * bound and of {@link Distances#squared}. The bound is therefore at most the squared distance that
 * {@link Distances#squared} computes, and a caller that discards a candidate whose bound already exceeds its
 * threshold gets exactly the answer of the unpruned scan. The axes only decide how tight the bound is, never
 * whether it holds: any orthonormal axes would do.
 * <p>Cost: the axes take one symmetric eigendecomposition of a {@code min(d, s) x min(d, s)} matrix from a
 * sample of {@code s <= }{@value #SAMPLE} rows; projecting a point costs {@code m d} multiply-adds; a bound
 * costs {@code m} multiply-adds, reading {@code 4 m} bytes instead of the {@code 4 d} of a distance.
 * <p>Reference: partial distance search in an orthogonal (PCA) basis: C.-D. Bei and R. M. Gray,
 * "An improvement of the minimum distortion encoding algorithm for vector quantization", IEEE Trans.
 * Communications 33, 1985; the residual-norm term: the bound of the triangle inequality on the part outside
 * the projection (as in K. Fukunaga and P. M. Narendra, "A branch and bound algorithm for computing
 * k-nearest neighbors", IEEE Trans. Computers 24, 1975, applied to the residuals).
 */
final class Projection {
    /** Points per block of the coordinate-major layout. */
    static final int BLOCK = 16;
    /** Coordinates per point of the coarse bound (read for every candidate): 31 axes, the residual norm. */
    static final int COORDINATES = 32;
    /** Coordinates per point of the fine bound (read for the candidates the coarse one leaves). */
    static final int FINE_COORDINATES = 128;
    /** Rows sampled to find the axes, at most. */
    static final int SAMPLE = 1000;
    /** Relative margin on the square root of a bound, above the float rounding of its sum of m squares. */
    private static final float ROOT_MARGIN = 1e-5f;
    /** Relative margin on a bound, above the rounding of {@link Distances#squared} and of the bound itself. */
    private static final float MARGIN = 1e-4f;

    final int d;
    /** Coordinates per point, a multiple of 4. */
    final int m;
    /** Principal axes in use: {@code min(d, cap - 1)} for a cap of {@code cap} coordinates. */
    final int axes;
    private final double[] axisValues;   // axes x d, orthonormal rows (or zero rows)
    private final double[] mean;         // d
    private final double normBound;      // largest distance of a row from the mean
    private final ThreadLocal<double[]> centred;   // scratch: the point minus the mean
    /** An upper bound on the summed coordinate errors of two points, in distance units. */
    final float slack;

    private Projection(int d, int cap, double[] axisValues, double[] mean, double normBound, float slack) {
        this.d = d;
        this.m = coordinates(d, cap);
        this.axes = Math.min(d, cap - 1);
        this.axisValues = axisValues;
        this.mean = mean;
        this.normBound = normBound;
        this.slack = slack;
        this.centred = ThreadLocal.withInitial(() -> new double[d]);
    }

    /**
     * Coordinates for {@code d} columns and a cap of {@code cap}: {@code min(d, cap - 1)} axes and the residual,
     * rounded up to a multiple of 4.
     */
    static int coordinates(int d, int cap) {
        return (Math.min(d, cap - 1) + 1 + 3) & ~3;
    }

    /** Floats of a coordinate array for {@code positions} points, in whole blocks. */
    static long floats(int positions, int d, int cap) {
        return (long) blocks(positions) * BLOCK * coordinates(d, cap);
    }

    static int blocks(int positions) {
        return (positions + BLOCK - 1) / BLOCK;
    }

    /**
     * Bytes a projection of {@code cap} coordinates needs for {@code n} points of {@code d} columns: a
     * coordinate array, the axes and, while the axes are found, the sample and the eigendecomposition's matrices.
     */
    static long bytes(int n, int d, int cap) {
        int s = Math.min(n, SAMPLE), e = Math.min(s, d), axes = Math.min(d, cap - 1);
        long finding = 4L * s * d + (d <= s ? 0 : 4L * e * e) + 3L * 8 * e * e + 8L * axes * Math.max(s, d);
        return 4 * floats(n, d, cap) + 8L * axes * d + 8L * d + finding;
    }

    /**
     * The leading principal axes of every {@code n / SAMPLE}-th row of {@code x}, and the slack that makes the
     * bounds safe for every point in the convex hull of the rows (every centroid).
     */
    static Projection of(float[] x, int n, int d, int cap) {
        int real = Math.min(d, cap - 1);
        int s = Math.min(n, SAMPLE);
        double[] mean = new double[d];
        float[] a = new float[s * d];
        for (int r = 0; r < s; r++) {
            int row = (int) ((long) r * n / s) * d;
            for (int j = 0; j < d; j++) mean[j] += x[row + j];
        }
        for (int j = 0; j < d; j++) mean[j] /= s;
        for (int r = 0; r < s; r++) {
            int row = (int) ((long) r * n / s) * d;
            for (int j = 0; j < d; j++) a[r * d + j] = (float) (x[row + j] - mean[j]);
        }
        double[] axes = new double[real * d];
        int k = Math.min(real, Math.min(s, d));
        if (d <= s) {
            // covariance (up to a factor): the upper triangle of A^T A, d x d, in plain loops (run once, a
            // Vector API kernel would mostly run before the JIT has compiled it)
            double[] cd = new double[d * d];
            for (int r = 0; r < s; r++) {
                int ro = r * d;
                for (int i = 0; i < d; i++) {
                    double ai = a[ro + i];
                    if (ai == 0) continue;
                    int co = i * d;
                    for (int j = i; j < d; j++) cd[co + j] += ai * a[ro + j];
                }
            }
            System.arraycopy(SymmetricEigen.of(d, cd, k).vectorsDouble(), 0, axes, 0, k * d);
        } else {
            // Gram matrix A A^T, s x s; its eigenvectors u give the axes A^T u (normalized below)
            float[] g = new float[s * s];
            Gemm.gemm(false, true, s, s, d, 1f, a, 0, d, a, 0, d, 0f, g, 0, s);
            double[] gd = new double[s * s];
            for (int i = 0; i < gd.length; i++) gd[i] = g[i];
            double[] u = SymmetricEigen.of(s, gd, k).vectorsDouble();
            for (int r = 0; r < k; r++) {
                for (int i = 0; i < s; i++) {
                    double w = u[r * s + i];
                    for (int j = 0; j < d; j++) axes[r * d + j] += w * a[i * d + j];
                }
            }
        }
        orthonormalize(axes, k, d);
        // A centroid lies in the hull of the rows, up to its float rounding (2^-24 of its norm per merge
        // level), so within 2 normBound of the mean. Its residual norm comes from a difference of double sums
        // of squares of up to 4 normBound^2, off by at most 2 d 2^-53 of that; for d up to 10^4 its square
        // root is off by under 1e-6 normBound, and the float roundings of the coordinates add 2^-23 normBound.
        // Two points are thus off by under 2.5e-6 normBound, which 2^-17 normBound (7.6e-6) covers.
        double maxNorm = 0, meanNorm = 0;
        for (int i = 0; i < n; i++) {
            double s2 = 0;
            for (int j = 0; j < d; j++) {
                double diff = x[i * d + j] - mean[j];
                s2 += diff * diff;
            }
            maxNorm = Math.max(maxNorm, s2);
        }
        for (int j = 0; j < d; j++) meanNorm += mean[j] * mean[j];
        double normBound = Math.sqrt(maxNorm) + Math.sqrt(meanNorm);
        float slack = Math.nextUp((float) (0x1p-17 * normBound));
        return new Projection(d, cap, axes, mean, normBound, slack);
    }

    /** The projection on this one's first {@code min(d, cap - 1)} axes, with the same mean and slack. */
    Projection truncate(int cap) {
        int keep = Math.min(d, cap - 1);
        return new Projection(d, cap, java.util.Arrays.copyOf(axisValues, keep * d), mean, normBound, slack);
    }

    /** Modified Gram-Schmidt, twice, on the first {@code k} rows; a row that vanishes becomes zero. */
    private static void orthonormalize(double[] v, int k, int d) {
        for (int pass = 0; pass < 2; pass++) {
            for (int r = 0; r < k; r++) {
                int ro = r * d;
                for (int q = 0; q < r; q++) {
                    int qo = q * d;
                    double dot = 0;
                    for (int j = 0; j < d; j++) dot += v[ro + j] * v[qo + j];
                    for (int j = 0; j < d; j++) v[ro + j] -= dot * v[qo + j];
                }
                double norm = 0;
                for (int j = 0; j < d; j++) norm += v[ro + j] * v[ro + j];
                norm = Math.sqrt(norm);
                double scale = norm > 1e-6 ? 1 / norm : 0;   // a vanished row carries no direction
                for (int j = 0; j < d; j++) v[ro + j] *= scale;
            }
        }
    }

    /**
     * Writes the coordinates of {@code src[off, off + d)} to {@code position} of the array {@code out}: the
     * {@link #axes} principal coordinates, then the norm of the residual (the part of {@code c - mu} outside
     * the axes' span), then zeros.
     */
    void project(float[] src, int off, float[] out, int position) {
        project(src, off, out, (position / BLOCK) * m * BLOCK + position % BLOCK, BLOCK);
    }

    /** As {@link #project}, to row {@code row} of a row-major array of {@link #m} columns. */
    void projectRow(float[] src, int off, float[] rows, int row) {
        project(src, off, rows, row * m, 1);
    }

    private void project(float[] src, int off, float[] out, int base, int stride) {
        double[] v = centred.get();
        double total = 0;
        for (int j = 0; j < d; j++) {
            double c = src[off + j] - mean[j];
            v[j] = c;
            total += c * c;
        }
        double captured = Distances.VECTOR ? Simd.project(axisValues, axes, d, v, out, base, stride)
                : scalarProject(axisValues, axes, d, v, out, base, stride);
        assert total <= 4 * normBound * normBound : "a centroid outside the bound the slack assumes";
        out[base + axes * stride] = (float) Math.sqrt(Math.max(total - captured, 0));
        for (int k = axes + 1; k < m; k++) out[base + k * stride] = 0;
    }

    /** Writes the {@code axes} dot products of {@code v} (rounded to float); returns the sum of their squares. */
    static double scalarProject(double[] axisValues, int axes, int d, double[] v, float[] out, int base, int stride) {
        double captured = 0;
        for (int k = 0; k < axes; k++) {
            int ao = k * d;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int j = 0;
            for (; j + 3 < d; j += 4) {
                s0 += axisValues[ao + j] * v[j];
                s1 += axisValues[ao + j + 1] * v[j + 1];
                s2 += axisValues[ao + j + 2] * v[j + 2];
                s3 += axisValues[ao + j + 3] * v[j + 3];
            }
            for (; j < d; j++) s0 += axisValues[ao + j] * v[j];
            double r = (s0 + s1) + (s2 + s3);
            captured += r * r;
            out[base + k * stride] = (float) r;
        }
        return captured;
    }

    /** Copies the coordinates at position {@code from} to position {@code to}. */
    void move(float[] coords, int from, int to) {
        int f = (from / BLOCK) * m * BLOCK + from % BLOCK;
        int t = (to / BLOCK) * m * BLOCK + to % BLOCK;
        for (int k = 0; k < m; k++) coords[t + k * BLOCK] = coords[f + k * BLOCK];
    }

    /** Copies the coordinates at {@code position} into {@code out[0, m)}. */
    void read(float[] coords, int position, float[] out) {
        int base = (position / BLOCK) * m * BLOCK + position % BLOCK;
        for (int k = 0; k < m; k++) out[k] = coords[base + k * BLOCK];
    }

    /**
     * Writes to {@code out[p]}, for every position {@code p} of the blocks covering {@code [from, to)}
     * ({@code from} a multiple of {@link #BLOCK}), a lower bound on the squared distance that
     * {@link Distances#squared} computes between the point at {@code p} and the point whose coordinates are
     * {@code q[0, m)}.
     */
    void lowerBounds(float[] coords, float[] q, int from, int to, float[] out) {
        assert from % BLOCK == 0;
        if (Distances.VECTOR) {
            Simd.lowerBounds(coords, m, q, from, to, slack, out);
        } else {
            scalarLowerBounds(coords, m, q, from, to, slack, out);
        }
    }

    static void scalarLowerBounds(float[] coords, int m, float[] q, int from, int to, float slack, float[] out) {
        for (int b = from / BLOCK, end = blocks(to); b < end; b++) {
            int base = b * m * BLOCK;
            for (int lane = 0; lane < BLOCK; lane++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    double diff = coords[base + k * BLOCK + lane] - q[k];
                    s += diff * diff;
                }
                out[b * BLOCK + lane] = bound((float) s, slack);
            }
        }
    }

    /**
     * Writes to {@code out[from, from + count)}, in increasing order, the {@code count} positions {@code p} of
     * {@code [from, to)} whose bound is at most {@code (scale[p] + offset) * factor} (computed in float), and
     * returns {@code count}. {@code bounds} and {@code scale} must cover the blocks of {@code [from, to)}.
     */
    static int select(float[] bounds, float[] scale, float offset, float factor, int from, int to, int[] out) {
        assert from % BLOCK == 0;
        return Distances.VECTOR ? Simd.select(bounds, scale, offset, factor, from, to, out)
                : scalarSelect(bounds, scale, offset, factor, from, to, out);
    }

    static int scalarSelect(float[] bounds, float[] scale, float offset, float factor, int from, int to, int[] out) {
        int count = 0;
        for (int p = from; p < to; p++) {
            if (bounds[p] <= (scale[p] + offset) * factor) out[from + count++] = p;
        }
        return count;
    }

    /**
     * A lower bound on the squared distance that {@link Distances#squared} computes between the point whose
     * coordinates are row {@code row} of the row-major array {@code rows} and the one whose coordinates are
     * {@code q[0, m)}.
     */
    float rowBound(float[] rows, int row, float[] q) {
        return bound((float) Distances.squared(rows, row * m, q, 0, m), slack);
    }

    /** The safe bound from a sum of squares {@code s} of coordinate differences. */
    static float bound(float s, float slack) {
        float root = Math.max((float) Math.sqrt(s) * (1 - ROOT_MARGIN) - slack, 0f);
        return root * root * (1 - MARGIN);
    }

    /** The Vector API body; loaded only when the incubator module is present. */
    private static final class Simd {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
        private static final int L = S.length();
        private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

        /** {@link #scalarProject} with double lanes, four axes at a time (lane sums in any order: only the bound's tightness depends on it). */
        static double project(double[] axisValues, int axes, int d, double[] v, float[] out, int base, int stride) {
            int lanes = D.length(), upper = d - d % lanes, k = 0;
            double captured = 0;
            for (; k + 3 < axes; k += 4) {
                int a0 = k * d, a1 = a0 + d, a2 = a1 + d, a3 = a2 + d;
                DoubleVector acc0 = DoubleVector.zero(D), acc1 = DoubleVector.zero(D);
                DoubleVector acc2 = DoubleVector.zero(D), acc3 = DoubleVector.zero(D);
                for (int j = 0; j < upper; j += lanes) {
                    DoubleVector x = DoubleVector.fromArray(D, v, j);
                    acc0 = DoubleVector.fromArray(D, axisValues, a0 + j).fma(x, acc0);
                    acc1 = DoubleVector.fromArray(D, axisValues, a1 + j).fma(x, acc1);
                    acc2 = DoubleVector.fromArray(D, axisValues, a2 + j).fma(x, acc2);
                    acc3 = DoubleVector.fromArray(D, axisValues, a3 + j).fma(x, acc3);
                }
                double r0 = acc0.reduceLanes(VectorOperators.ADD), r1 = acc1.reduceLanes(VectorOperators.ADD);
                double r2 = acc2.reduceLanes(VectorOperators.ADD), r3 = acc3.reduceLanes(VectorOperators.ADD);
                for (int j = upper; j < d; j++) {
                    r0 += axisValues[a0 + j] * v[j];
                    r1 += axisValues[a1 + j] * v[j];
                    r2 += axisValues[a2 + j] * v[j];
                    r3 += axisValues[a3 + j] * v[j];
                }
                out[base + k * stride] = (float) r0;
                out[base + (k + 1) * stride] = (float) r1;
                out[base + (k + 2) * stride] = (float) r2;
                out[base + (k + 3) * stride] = (float) r3;
                captured += r0 * r0 + r1 * r1 + r2 * r2 + r3 * r3;
            }
            for (; k < axes; k++) {
                int a0 = k * d;
                double r = 0;
                for (int j = 0; j < d; j++) r += axisValues[a0 + j] * v[j];
                out[base + k * stride] = (float) r;
                captured += r * r;
            }
            return captured;
        }

        static int select(float[] bounds, float[] scale, float offset, float factor, int from, int to, int[] out) {
            int count = 0;
            for (int p = from; p < to; p += L) {
                FloatVector limit = FloatVector.fromArray(S, scale, p).add(offset).mul(factor);
                long bits = FloatVector.fromArray(S, bounds, p).compare(VectorOperators.LE, limit).toLong();
                while (bits != 0) {
                    int q = p + Long.numberOfTrailingZeros(bits);
                    if (q < to) out[from + count++] = q;
                    bits &= bits - 1;
                }
            }
            return count;
        }

        static void lowerBounds(float[] coords, int m, float[] q, int from, int to, float slack, float[] out) {
            float rootScale = 1 - ROOT_MARGIN, scale = 1 - MARGIN;
            for (int b = from / BLOCK, end = blocks(to); b < end; b++) {
                int base = b * m * BLOCK;
                for (int lane = 0; lane < BLOCK; lane += L) {
                    FloatVector acc0 = FloatVector.zero(S), acc1 = FloatVector.zero(S);
                    FloatVector acc2 = FloatVector.zero(S), acc3 = FloatVector.zero(S);
                    for (int k = 0; k < m; k += 4) {
                        int o = base + k * BLOCK + lane;
                        FloatVector v0 = FloatVector.fromArray(S, coords, o).sub(q[k]);
                        FloatVector v1 = FloatVector.fromArray(S, coords, o + BLOCK).sub(q[k + 1]);
                        FloatVector v2 = FloatVector.fromArray(S, coords, o + 2 * BLOCK).sub(q[k + 2]);
                        FloatVector v3 = FloatVector.fromArray(S, coords, o + 3 * BLOCK).sub(q[k + 3]);
                        acc0 = v0.fma(v0, acc0);
                        acc1 = v1.fma(v1, acc1);
                        acc2 = v2.fma(v2, acc2);
                        acc3 = v3.fma(v3, acc3);
                    }
                    FloatVector root = acc0.add(acc1).add(acc2.add(acc3)).lanewise(VectorOperators.SQRT)
                            .mul(rootScale).sub(slack).max(0f);
                    root.mul(root).mul(scale).intoArray(out, b * BLOCK + lane);
                }
            }
        }
    }
}
