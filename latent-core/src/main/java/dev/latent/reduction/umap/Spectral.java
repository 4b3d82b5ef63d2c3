package dev.latent.reduction.umap;

import dev.latent.internal.Parallel;
import dev.latent.linalg.SymmetricEigen;

import java.util.SplittableRandom;

/**
 * The spectral layout of a weighted graph: the eigenvectors of the smallest non-zero eigenvalues of its
 * symmetric normalized Laplacian {@code L = I - D^(-1/2) W D^(-1/2)}.
 * <p>The eigenvectors of {@code L}'s smallest eigenvalues are those of the largest eigenvalues of
 * {@code S = D^(-1/2) W D^(-1/2)}; the largest, 1, belongs to the known vector {@code D^(1/2) 1} of a
 * connected graph, which is projected out of every iterate. The next {@code components} are found by
 * LOBPCG without preconditioner on a block of {@code components + 3} vectors (the extra vectors speed up
 * convergence of the wanted ones): each step takes the Rayleigh-Ritz solution of {@code S} on the span of
 * the current vectors, their residuals and the previous search directions, orthonormalized in double by
 * modified Gram-Schmidt (dropping directions that have become dependent). It stops when every wanted
 * residual {@code |S x - theta x|} is below {@code tolerance}. Only the new residual directions are
 * multiplied by {@code S}; the images of the others are carried along and refreshed every 10 steps.
 * <p>Cost per step: {@code O(nnz (components + 3))} for the sparse products, done in parallel over fixed
 * chunks of rows, plus {@code O(n (components + 3)^2)} dense work; memory {@code O(n (components + 3))}
 * doubles. The result does not depend on the thread count.
 * <p>Reference: A. V. Knyazev, "Toward the Optimal Preconditioned Eigensolver: Locally Optimal Block
 * Preconditioned Conjugate Gradient Method", SIAM J. Sci. Comput. 23(2), 2001; M. Belkin and P. Niyogi,
 * "Laplacian Eigenmaps for Dimensionality Reduction and Data Representation", Neural Computation 15, 2003.
 */
final class Spectral {
    private static final int EXTRA = 3;
    private static final int REFRESH = 10;
    private static final int CHUNK = 2048;
    private static final double DROP = 1e-10;

    /** The outcome: the layout ({@code n x components}, row-major), or none, and how the solver went. */
    record Result(double[] layout, boolean converged, int iterations, double residual) {}

    private final int n;
    private final int[] rowPtr;
    private final int[] cols;
    private final double[] scaled;   // the entries of S
    private final double[] trivial;  // D^(1/2) 1, normalized

    Spectral(FuzzyGraph g) {
        this.n = g.n;
        this.rowPtr = g.rowPtr;
        this.cols = g.cols;
        double[] degree = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) s += g.weights[e];
            degree[i] = s;
        }
        this.scaled = new double[rowPtr[n]];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double di = degree[i] > 0 ? 1 / Math.sqrt(degree[i]) : 0;
            for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
                int j = cols[e];
                double dj = degree[j] > 0 ? 1 / Math.sqrt(degree[j]) : 0;
                scaled[e] = di * g.weights[e] * dj;
            }
            norm += degree[i];
        }
        this.trivial = new double[n];
        double inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (int i = 0; i < n; i++) trivial[i] = Math.sqrt(degree[i]) * inv;
    }

    /** The number of connected components of the graph (breadth-first search). */
    static int components(FuzzyGraph g) {
        int[] label = new int[g.n];
        java.util.Arrays.fill(label, -1);
        int[] queue = new int[g.n];
        int count = 0;
        for (int s = 0; s < g.n; s++) {
            if (label[s] >= 0) continue;
            int head = 0, tail = 0;
            queue[tail++] = s;
            label[s] = count;
            while (head < tail) {
                int v = queue[head++];
                for (int e = g.rowPtr[v]; e < g.rowPtr[v + 1]; e++) {
                    int w = g.cols[e];
                    if (label[w] < 0) {
                        label[w] = count;
                        queue[tail++] = w;
                    }
                }
            }
            count++;
        }
        return count;
    }

    /**
     * The eigenvectors of the {@code components} largest eigenvalues of {@code S} below the trivial one,
     * as columns of an {@code n x components} row-major array, each of unit length; the graph must be
     * connected and have more than {@code components + 1} vertices.
     */
    Result solve(int components, double tolerance, int maxIter, long seed) {
        int m = Math.min(components + EXTRA, n - 1);
        // basis vectors are stored as rows of length n: vector v is at [v * n, (v + 1) * n)
        double[] x = new double[m * n];
        double[] ax = new double[m * n];
        double[] p = new double[m * n];
        double[] ap = new double[m * n];
        int pCount = 0;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int e = 0; e < x.length; e++) x[e] = rnd.nextDouble() - 0.5;
        int xCount = orthonormalize(x, null, 0, m);
        for (int v = 0; v < xCount; v++) multiply(x, v, ax, v);
        double[] theta = new double[m];
        double[] r = new double[m * n];
        double[] basis = new double[3 * m * n];
        double[] image = new double[3 * m * n];
        int it = 0;
        double worst = Double.POSITIVE_INFINITY;
        boolean converged = false;
        // initial Rayleigh-Ritz on X alone
        rayleighRitz(x, ax, xCount, basis, image, xCount, theta);
        while (it < maxIter) {
            // residuals of the current Ritz pairs
            worst = 0;
            for (int v = 0; v < xCount; v++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    double ri = ax[v * n + i] - theta[v] * x[v * n + i];
                    r[v * n + i] = ri;
                    s += ri * ri;
                }
                if (v < components) worst = Math.max(worst, Math.sqrt(s));
            }
            if (worst < tolerance) {
                converged = true;
                break;
            }
            it++;
            // basis [X, P, R]: X is orthonormal; P and R are orthonormalized against what precedes them
            System.arraycopy(x, 0, basis, 0, xCount * n);
            System.arraycopy(ax, 0, image, 0, xCount * n);
            int q = xCount;
            if (pCount > 0) {
                System.arraycopy(p, 0, basis, q * n, pCount * n);
                System.arraycopy(ap, 0, image, q * n, pCount * n);
                q = orthonormalize(basis, image, q, pCount);
            }
            int before = q;
            System.arraycopy(r, 0, basis, q * n, xCount * n);
            q = orthonormalize(basis, null, q, xCount);
            for (int v = before; v < q; v++) multiply(basis, v, image, v);
            if (it % REFRESH == 0) for (int v = 0; v < before; v++) multiply(basis, v, image, v);
            double[] c = rayleighRitzCoefficients(basis, image, q, xCount, theta);
            // X = Q C, AX = AQ C; P = Q[xCount..q) C[xCount..q), AP likewise
            combine(basis, c, q, xCount, 0, x);
            combine(image, c, q, xCount, 0, ax);
            combine(basis, c, q, xCount, xCount, p);
            combine(image, c, q, xCount, xCount, ap);
            pCount = xCount;
        }
        double[] out = new double[n * components];
        for (int v = 0; v < components; v++) {
            for (int i = 0; i < n; i++) out[i * components + v] = x[v * n + i];
        }
        return new Result(out, converged, it, worst);
    }

    /** {@code out[w] = S v[v]} with the trivial direction removed. */
    private void multiply(double[] vectors, int v, double[] out, int w) {
        int vo = v * n, wo = w * n;
        Parallel.shared().forEachChunk(n, CHUNK, (from, to) -> {
            for (int i = from; i < to; i++) {
                double s = 0;
                for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) s += scaled[e] * vectors[vo + cols[e]];
                out[wo + i] = s;
            }
        });
        // S maps the complement of the trivial vector to itself; remove rounding drift
        double dot = 0;
        for (int i = 0; i < n; i++) dot += trivial[i] * out[wo + i];
        for (int i = 0; i < n; i++) out[wo + i] -= dot * trivial[i];
    }

    /**
     * Orthonormalizes vectors {@code [first, first + count)} of {@code vectors} against the trivial vector,
     * the vectors before {@code first} and each other (modified Gram-Schmidt, twice), applying the same
     * combinations to {@code images} when it is not null; dependent vectors are dropped and the others
     * moved down. Returns the new vector count.
     */
    private int orthonormalize(double[] vectors, double[] images, int first, int count) {
        int q = first;
        for (int v = first; v < first + count; v++) {
            int vo = v * n;
            if (vo != q * n) {
                System.arraycopy(vectors, vo, vectors, q * n, n);
                if (images != null) System.arraycopy(images, vo, images, q * n, n);
            }
            int qo = q * n;
            double original = norm(vectors, qo);
            for (int pass = 0; pass < 2; pass++) {
                double t = 0;
                for (int i = 0; i < n; i++) t += trivial[i] * vectors[qo + i];
                for (int i = 0; i < n; i++) vectors[qo + i] -= t * trivial[i];
                // the deflated operator maps the trivial direction to 0, so the images keep their value
                for (int u = 0; u < q; u++) {
                    int uo = u * n;
                    double dot = 0;
                    for (int i = 0; i < n; i++) dot += vectors[uo + i] * vectors[qo + i];
                    for (int i = 0; i < n; i++) vectors[qo + i] -= dot * vectors[uo + i];
                    if (images != null) for (int i = 0; i < n; i++) images[qo + i] -= dot * images[uo + i];
                }
            }
            double len = norm(vectors, qo);
            if (!(len > DROP * Math.max(original, Double.MIN_NORMAL))) continue;
            double inv = 1 / len;
            for (int i = 0; i < n; i++) vectors[qo + i] *= inv;
            if (images != null) for (int i = 0; i < n; i++) images[qo + i] *= inv;
            q++;
        }
        return q;
    }

    private double norm(double[] v, int o) {
        double s = 0;
        for (int i = 0; i < n; i++) s += v[o + i] * v[o + i];
        return Math.sqrt(s);
    }

    /** Rotates the {@code count} vectors of {@code x} (images in {@code ax}) to Ritz vectors of their span. */
    private void rayleighRitz(double[] x, double[] ax, int count, double[] tmp, double[] tmpImage, int m,
                              double[] theta) {
        System.arraycopy(x, 0, tmp, 0, count * n);
        System.arraycopy(ax, 0, tmpImage, 0, count * n);
        double[] c = rayleighRitzCoefficients(tmp, tmpImage, count, m, theta);
        combine(tmp, c, count, m, 0, x);
        combine(tmpImage, c, count, m, 0, ax);
    }

    /**
     * The {@code q x keep} coefficients (row-major) of the Ritz vectors of the {@code keep} largest Ritz
     * values of {@code S} on the orthonormal basis; the values go to {@code theta}.
     */
    private double[] rayleighRitzCoefficients(double[] basis, double[] image, int q, int keep, double[] theta) {
        double[] h = new double[q * q];
        for (int u = 0; u < q; u++) {
            for (int v = u; v < q; v++) {
                double s = 0;
                int uo = u * n, vo = v * n;
                for (int i = 0; i < n; i++) s += basis[uo + i] * image[vo + i];
                h[u * q + v] = s;
                h[v * q + u] = s;
            }
        }
        // symmetrize (the images are exact only to rounding)
        for (int u = 0; u < q; u++) {
            for (int v = u + 1; v < q; v++) {
                double s = 0.5 * (h[u * q + v] + h[v * q + u]);
                h[u * q + v] = s;
                h[v * q + u] = s;
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(q, h, keep);
        double[] vec = eig.vectorsDouble(); // keep x q, rows are eigenvectors
        double[] c = new double[q * keep];
        for (int v = 0; v < keep; v++) {
            theta[v] = eig.value(v);
            for (int u = 0; u < q; u++) c[u * keep + v] = vec[v * q + u];
        }
        return c;
    }

    /** {@code out[v] = sum_{u >= from} c[u][v] basis[u]} for the {@code keep} columns of {@code c}. */
    private void combine(double[] basis, double[] c, int q, int keep, int from, double[] out) {
        Parallel.shared().forEachChunk(n, CHUNK, (lo, hi) -> {
            for (int v = 0; v < keep; v++) {
                int vo = v * n;
                for (int i = lo; i < hi; i++) {
                    double s = 0;
                    for (int u = from; u < q; u++) s += c[u * keep + v] * basis[u * n + i];
                    out[vo + i] = s;
                }
            }
        });
    }
}
