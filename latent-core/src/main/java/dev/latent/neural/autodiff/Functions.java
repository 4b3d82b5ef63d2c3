package dev.latent.neural.autodiff;

import dev.latent.internal.Check;
import dev.latent.internal.Parallel;
import dev.latent.linalg.Gemm;
import dev.latent.neural.tensor.Activation;
import dev.latent.neural.tensor.Ops;
import dev.latent.neural.tensor.Tensor;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Differentiable operations on nodes: each computes its value with a kernel and records the rule that
 * sends its gradient to its inputs.
 * <p>Binary elementwise ops broadcast like NumPy; the gradient of a broadcast operand is summed back
 * by {@link Node#addGrad}. Losses return the mean over all elements as a scalar node.
 */
public final class Functions {
    private Functions() {}

    // ---- elementwise arithmetic -------------------------------------------------------------------

    /** {@code a + b}, broadcast (a bias of shape {@code [d]} adds to every row of {@code [n, d]}). */
    public static Node add(Node a, Node b) {
        Node out = Node.of(Ops.add(a.value(), b.value()), a, b);
        out.onBackward(g -> { a.addGrad(g); b.addGrad(g); });
        return out;
    }

    /** {@code a - b}, broadcast. */
    public static Node sub(Node a, Node b) {
        Node out = Node.of(Ops.sub(a.value(), b.value()), a, b);
        out.onBackward(g -> { a.addGrad(g); if (b.requiresGrad()) b.addGrad(Ops.scale(g, -1f)); });
        return out;
    }

    /** {@code a * b} elementwise, broadcast. */
    public static Node mul(Node a, Node b) {
        Node out = Node.of(Ops.mul(a.value(), b.value()), a, b);
        out.onBackward(g -> {
            if (a.requiresGrad()) a.addGrad(Ops.mul(g, b.value()));
            if (b.requiresGrad()) b.addGrad(Ops.mul(g, a.value()));
        });
        return out;
    }

    /** {@code a / b} elementwise, broadcast. */
    public static Node div(Node a, Node b) {
        Node out = Node.of(Ops.div(a.value(), b.value()), a, b);
        out.onBackward(g -> {
            Tensor gOverB = Ops.div(g, b.value());
            if (a.requiresGrad()) a.addGrad(gOverB);
            // d(a/b)/db = -a / b^2 = -(a/b) / b
            if (b.requiresGrad()) b.addGrad(Ops.scale(Ops.mul(gOverB, out.value()), -1f));
        });
        return out;
    }

    /** {@code s * a}. */
    public static Node scale(Node a, float s) {
        Node out = Node.of(Ops.scale(a.value(), s), a);
        out.onBackward(g -> a.addGrad(Ops.scale(g, s)));
        return out;
    }

    /** {@code a * a} elementwise. */
    public static Node square(Node a) {
        Node out = Node.of(Ops.mul(a.value(), a.value()), a);
        out.onBackward(g -> {
            float[] x = a.value().data(), gg = g.data(), d = a.gradBuffer().data();
            for (int i = 0; i < x.length; i++) d[i] += 2 * x[i] * gg[i];
        });
        return out;
    }

    // ---- reductions and shapes --------------------------------------------------------------------

    /** The sum of all values, as a scalar. */
    public static Node sum(Node a) {
        Node out = Node.of(Tensor.scalar((float) Ops.sum(a.value())), a);
        out.onBackward(g -> addConstant(a, g.item()));
        return out;
    }

    /** The mean of all values, as a scalar. */
    public static Node mean(Node a) {
        int n = a.value().size();
        Check.atLeast("size of the tensor to average", n, 1);
        Node out = Node.of(Tensor.scalar((float) (Ops.sum(a.value()) / n)), a);
        out.onBackward(g -> addConstant(a, g.item() / n));
        return out;
    }

    private static void addConstant(Node a, float c) {
        if (!a.requiresGrad()) return;
        float[] d = a.gradBuffer().data();
        for (int i = 0; i < d.length; i++) d[i] += c;
    }

    /** The sum over the given axes, which are removed from the shape. */
    public static Node sum(Node a, int... axes) {
        int[] shape = a.value().shape();
        int[] kept = Ops.keptShape(shape, axes);
        Node out = Node.of(Ops.sum(a.value(), axes), a);
        out.onBackward(g -> a.addGrad(Ops.broadcastTo(g.reshape(kept), shape)));
        return out;
    }

    /** The mean over the given axes, which are removed from the shape. */
    public static Node mean(Node a, int... axes) {
        int[] shape = a.value().shape();
        int[] kept = Ops.keptShape(shape, axes);
        long count = 1;
        for (int ax : axes) count *= shape[ax];
        Check.atLeast("number of values averaged", count, 1);
        float inv = (float) (1.0 / count);
        Node out = Node.of(Ops.scale(Ops.sum(a.value(), axes), inv), a);
        out.onBackward(g -> a.addGrad(Ops.broadcastTo(Ops.scale(g, inv).reshape(kept), shape)));
        return out;
    }

    /** The same values with another shape holding as many. */
    public static Node reshape(Node a, int... shape) {
        int[] from = a.value().shape();
        Node out = Node.of(a.value().reshape(shape), a);
        out.onBackward(g -> a.addGrad(g.reshape(from)));
        return out;
    }

    /** Each sample flattened: shape {@code [n, ...]} becomes {@code [n, product of the rest]}. */
    public static Node flatten(Node a) {
        Tensor v = a.value();
        Check.atLeast("rank of the tensor to flatten", v.rank(), 1);
        int n = v.dim(0);
        return reshape(a, n, n == 0 ? 0 : v.size() / n);
    }

    /**
     * The nodes joined along {@code axis}; their shapes must agree on every other axis.
     * @throws IllegalArgumentException when no node is given, the axis is out of range, or shapes differ
     */
    public static Node concat(int axis, Node... parts) {
        Check.atLeast("number of nodes to concatenate", parts.length, 1);
        int[] shape = parts[0].value().shape();
        Check.index("axis", axis, shape.length);
        int total = 0;
        for (Node p : parts) {
            int[] s = p.value().shape();
            boolean ok = s.length == shape.length;
            for (int i = 0; ok && i < s.length; i++) ok = i == axis || s[i] == shape[i];
            Check.argument(ok, "shapes must agree except on axis " + axis + ", got " + Arrays.toString(shape)
                    + " and " + Arrays.toString(s));
            total += s[axis];
        }
        int outerCount = 1, inner = 1;
        for (int i = 0; i < axis; i++) outerCount *= shape[i];
        for (int i = axis + 1; i < shape.length; i++) inner *= shape[i];
        int outer = outerCount;
        int[] outShape = shape.clone();
        outShape[axis] = total;
        Tensor value = Tensor.zeros(outShape);
        float[] o = value.data();
        int rowLen = total * inner;
        int offset = 0;
        for (Node p : parts) {
            int len = p.value().dim(axis) * inner;
            float[] x = p.value().data();
            for (int r = 0; r < outer; r++) System.arraycopy(x, r * len, o, r * rowLen + offset, len);
            offset += len;
        }
        Node out = Node.of(value, parts);
        int in = inner;
        out.onBackward(g -> {
            float[] gg = g.data();
            int off = 0;
            for (Node p : parts) {
                int len = p.value().dim(axis) * in;
                if (p.requiresGrad()) {
                    float[] d = p.gradBuffer().data();
                    for (int r = 0; r < outer; r++) {
                        int src = r * rowLen + off, dst = r * len;
                        for (int j = 0; j < len; j++) d[dst + j] += gg[src + j];
                    }
                }
                off += len;
            }
        });
        return out;
    }

    // ---- matrix products --------------------------------------------------------------------------

    /** {@code a * b} for matrices ({@code [m, k] x [k, n]}) or batches of matrices ({@code [B, m, k] x [B, k, n]}). */
    public static Node matmul(Node a, Node b) {
        return matmul(a, false, b, false);
    }

    /**
     * {@code op(a) * op(b)}, where {@code op} transposes the last two axes when its flag is set.
     * Both operands are rank 2, or both rank 3 with the same leading (batch) length.
     * @throws IllegalArgumentException when the ranks or the inner dimensions do not agree
     */
    public static Node matmul(Node a, boolean transA, Node b, boolean transB) {
        Tensor av = a.value(), bv = b.value();
        Check.argument((av.rank() == 2 && bv.rank() == 2) || (av.rank() == 3 && bv.rank() == 3 && av.dim(0) == bv.dim(0)),
                "matmul needs two matrices or two batches of the same length, got shapes "
                        + Arrays.toString(av.shape()) + " and " + Arrays.toString(bv.shape()));
        int r = av.rank();
        int batch = r == 3 ? av.dim(0) : 1;
        int ar = av.dim(r - 2), ac = av.dim(r - 1), br = bv.dim(r - 2), bc = bv.dim(r - 1);
        int m = transA ? ac : ar, k = transA ? ar : ac, kb = transB ? bc : br, n = transB ? br : bc;
        Check.argument(k == kb, "inner dimensions must agree, got " + m + " x " + k + " times " + kb + " x " + n);
        Tensor value = r == 3 ? Tensor.zeros(batch, m, n) : Tensor.zeros(m, n);
        int sa = ar * ac, sb = br * bc, sc = m * n;
        for (int p = 0; p < batch; p++) {
            Gemm.gemm(transA, transB, m, n, k, 1f, av.data(), p * sa, ac, bv.data(), p * sb, bc, 0f, value.data(), p * sc, n);
        }
        Node out = Node.of(value, a, b);
        out.onBackward(g -> {
            float[] gg = g.data();
            for (int p = 0; p < batch; p++) {
                int go = p * sc;
                if (a.requiresGrad()) {
                    float[] da = a.gradBuffer().data();
                    if (!transA) { // dA (m x k) = G op(B)^T
                        Gemm.gemm(false, !transB, m, k, n, 1f, gg, go, n, bv.data(), p * sb, bc, 1f, da, p * sa, ac);
                    } else {       // dA (k x m) = op(B) G^T
                        Gemm.gemm(transB, true, k, m, n, 1f, bv.data(), p * sb, bc, gg, go, n, 1f, da, p * sa, ac);
                    }
                }
                if (b.requiresGrad()) {
                    float[] db = b.gradBuffer().data();
                    if (!transB) { // dB (k x n) = op(A)^T G
                        Gemm.gemm(!transA, false, k, n, m, 1f, av.data(), p * sa, ac, gg, go, n, 1f, db, p * sb, bc);
                    } else {       // dB (n x k) = G^T op(A)
                        Gemm.gemm(true, transA, n, k, m, 1f, gg, go, n, av.data(), p * sa, ac, 1f, db, p * sb, bc);
                    }
                }
            }
        });
        return out;
    }

    /**
     * {@code f(x * w + b)} in one node: a dense layer's product, bias and activation, with one pass
     * over the output for the bias and the activation and one for the activation's derivative.
     * @param x     {@code [n, in]}
     * @param w     {@code [in, out]}
     * @param b     {@code [out]}
     * @param alpha the activation's parameter (see {@link Activation})
     */
    public static Node dense(Node x, Node w, Node b, Activation f, float alpha) {
        Tensor xv = x.value(), wv = w.value(), bv = b.value();
        Check.argument(xv.rank() == 2 && wv.rank() == 2 && bv.rank() == 1 && xv.dim(1) == wv.dim(0) && bv.dim(0) == wv.dim(1),
                "dense needs x [n, in], w [in, out], b [out], got " + Arrays.toString(xv.shape()) + ", "
                        + Arrays.toString(wv.shape()) + ", " + Arrays.toString(bv.shape()));
        int n = xv.dim(0), in = xv.dim(1), outDim = wv.dim(1);
        float[] z = new float[n * outDim];
        Gemm.gemm(false, false, n, outDim, in, 1f, xv.data(), 0, in, wv.data(), 0, outDim, 0f, z, 0, outDim);
        float[] bias = bv.data();
        boolean keepZ = !f.derivativeFromOutput();
        float[] y = keepZ ? new float[z.length] : z;
        int rows = rowsPerChunk(outDim);
        forRows(n, rows, (from, to) -> {
            for (int i = from; i < to; i++) {
                int row = i * outDim;
                for (int j = 0; j < outDim; j++) z[row + j] += bias[j];
            }
            f.forward(z, y, from * outDim, to * outDim, alpha);
        });
        Node out = Node.of(Tensor.of(y, n, outDim), x, w, b);
        out.onBackward(g -> {
            float[] gz = new float[y.length];
            float[] gg = g.data();
            forRows(n, rows, (from, to) -> f.backward(keepZ ? z : null, y, gg, gz, from * outDim, to * outDim, alpha));
            if (w.requiresGrad()) {
                Gemm.gemm(true, false, in, outDim, n, 1f, xv.data(), 0, in, gz, 0, outDim, 1f, w.gradBuffer().data(), 0, outDim);
            }
            if (b.requiresGrad()) Ops.columnSumsInto(gz, n, outDim, b.gradBuffer().data());
            if (x.requiresGrad()) {
                Gemm.gemm(false, true, n, in, outDim, 1f, gz, 0, outDim, wv.data(), 0, outDim, 1f, x.gradBuffer().data(), 0, in);
            }
        });
        return out;
    }

    /** Values per chunk of parallel elementwise work. */
    private static final int CHUNK_VALUES = 1 << 14;

    /** Rows of width {@code d} per chunk: a count fixed by the width, never by the thread count. */
    private static int rowsPerChunk(int d) {
        return Math.max(1, CHUNK_VALUES / Math.max(1, d));
    }

    /** Runs {@code body} over rows {@code [0, n)} in chunks of {@code rows}, on the shared pool when there are several. */
    private static void forRows(int n, int rows, Parallel.ChunkTask body) {
        if (n <= rows) body.run(0, n);
        else Parallel.shared().forEachChunk(n, rows, body);
    }

    // ---- activations ------------------------------------------------------------------------------

    /** {@code f(a)} elementwise, with the activation's parameter {@code alpha}. */
    public static Node activation(Node a, Activation f, float alpha) {
        float[] x = a.value().data();
        Tensor value = Tensor.zeros(a.value().shape());
        float[] y = value.data();
        f.forward(x, y, 0, x.length, alpha);
        Node out = Node.of(value, a);
        out.onBackward(g -> {
            float[] d = new float[x.length];
            f.backward(x, y, g.data(), d, 0, d.length, alpha);
            a.addGrad(Tensor.of(d, a.value().shape()));
        });
        return out;
    }

    /** {@code f(a)} with the activation's default parameter. */
    public static Node activation(Node a, Activation f) {
        return activation(a, f, f.defaultAlpha());
    }

    public static Node relu(Node a) {
        return activation(a, Activation.RELU, 0f);
    }

    /** Leaky ReLU with negative slope {@code slope}. */
    public static Node leakyRelu(Node a, float slope) {
        return activation(a, Activation.LEAKY_RELU, slope);
    }

    /** ELU with saturation {@code alpha} ({@code alpha (e^x - 1)} below 0). */
    public static Node elu(Node a, float alpha) {
        Check.positive("alpha", alpha);
        return activation(a, Activation.ELU, alpha);
    }

    public static Node gelu(Node a) {
        return activation(a, Activation.GELU, 0f);
    }

    public static Node sigmoid(Node a) {
        return activation(a, Activation.SIGMOID, 0f);
    }

    public static Node tanh(Node a) {
        return activation(a, Activation.TANH, 0f);
    }

    public static Node softplus(Node a) {
        return activation(a, Activation.SOFTPLUS, 0f);
    }

    // ---- dropout ----------------------------------------------------------------------------------

    /**
     * Inverted dropout: each value is zeroed with probability {@code rate} and the others are divided by
     * {@code 1 - rate}, so the expected value is unchanged. Draws one number per value from {@code rng}.
     * <p>Reference: N. Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from
     * Overfitting", JMLR 15, 2014.
     */
    public static Node dropout(Node a, float rate, SplittableRandom rng) {
        Check.inRange("rate", rate, 0, 1);
        Check.argument(rate < 1, "rate must be < 1, got " + rate);
        float[] x = a.value().data();
        float[] mask = new float[x.length];
        float keep = 1f / (1f - rate);
        for (int i = 0; i < mask.length; i++) mask[i] = rng.nextDouble() >= rate ? keep : 0f;
        Tensor value = Tensor.zeros(a.value().shape());
        float[] y = value.data();
        for (int i = 0; i < y.length; i++) y[i] = x[i] * mask[i];
        Node out = Node.of(value, a);
        out.onBackward(g -> {
            if (!a.requiresGrad()) return;
            float[] gg = g.data(), d = a.gradBuffer().data();
            for (int i = 0; i < d.length; i++) d[i] += gg[i] * mask[i];
        });
        return out;
    }

    // ---- losses -----------------------------------------------------------------------------------

    /** The mean squared error {@code mean((p - t)^2)} over all values, as a scalar. */
    public static Node mse(Node prediction, Node target) {
        checkLossShapes(prediction, target);
        float[] p = prediction.value().data(), t = target.value().data();
        double s = 0;
        for (int i = 0; i < p.length; i++) { double e = p[i] - t[i]; s += e * e; }
        int n = p.length;
        Node out = Node.of(Tensor.scalar((float) (s / n)), prediction, target);
        out.onBackward(g -> {
            float c = (float) (2.0 * g.item() / n);
            if (prediction.requiresGrad()) {
                float[] d = prediction.gradBuffer().data();
                for (int i = 0; i < n; i++) d[i] += c * (p[i] - t[i]);
            }
            if (target.requiresGrad()) {
                float[] d = target.gradBuffer().data();
                for (int i = 0; i < n; i++) d[i] -= c * (p[i] - t[i]);
            }
        });
        return out;
    }

    /** The mean absolute error {@code mean(|p - t|)} over all values, as a scalar (gradient 0 where equal). */
    public static Node l1(Node prediction, Node target) {
        checkLossShapes(prediction, target);
        float[] p = prediction.value().data(), t = target.value().data();
        double s = 0;
        for (int i = 0; i < p.length; i++) s += Math.abs(p[i] - t[i]);
        int n = p.length;
        Node out = Node.of(Tensor.scalar((float) (s / n)), prediction, target);
        out.onBackward(g -> {
            float c = g.item() / n;
            if (prediction.requiresGrad()) {
                float[] d = prediction.gradBuffer().data();
                for (int i = 0; i < n; i++) d[i] += c * Math.signum(p[i] - t[i]);
            }
            if (target.requiresGrad()) {
                float[] d = target.gradBuffer().data();
                for (int i = 0; i < n; i++) d[i] -= c * Math.signum(p[i] - t[i]);
            }
        });
        return out;
    }

    /**
     * Binary cross-entropy between {@code sigmoid(logits)} and targets in [0, 1], averaged over all
     * values, in the stable form {@code max(z, 0) - z t + log(1 + e^-|z|)} that never takes the log of 0.
     * Its gradient with respect to the logits is {@code (sigmoid(z) - t) / count}.
     */
    public static Node binaryCrossEntropyWithLogits(Node logits, Node target) {
        checkLossShapes(logits, target);
        float[] z = logits.value().data(), t = target.value().data();
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            double v = z[i];
            s += Math.max(v, 0) - v * t[i] + Math.log1p(Math.exp(-Math.abs(v)));
        }
        int n = z.length;
        Node out = Node.of(Tensor.scalar((float) (s / n)), logits, target);
        out.onBackward(g -> {
            float c = g.item() / n;
            if (logits.requiresGrad()) {
                float[] d = logits.gradBuffer().data();
                for (int i = 0; i < n; i++) d[i] += c * (Activation.sigmoid(z[i]) - t[i]);
            }
            if (target.requiresGrad()) {
                float[] d = target.gradBuffer().data();
                for (int i = 0; i < n; i++) d[i] -= c * z[i];
            }
        });
        return out;
    }

    private static void checkLossShapes(Node prediction, Node target) {
        if (!prediction.value().sameShape(target.value())) {
            throw new IllegalArgumentException("target must have the prediction's shape "
                    + Arrays.toString(prediction.value().shape()) + ", got " + Arrays.toString(target.value().shape()));
        }
        Check.atLeast("number of values in the loss", prediction.value().size(), 1);
    }
}
