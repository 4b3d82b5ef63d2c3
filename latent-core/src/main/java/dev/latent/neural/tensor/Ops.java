package dev.latent.neural.tensor;

import dev.latent.internal.Check;

import java.util.Arrays;

/**
 * Kernels on tensors: elementwise arithmetic with broadcasting, sums over axes, and the reverse of a
 * broadcast. Every method returns a new tensor unless its name ends in {@code Into}.
 * <p>Broadcasting follows NumPy: shapes are aligned on their last axes, and an axis of length 1 (or a
 * missing leading axis) is repeated to the other operand's length. Long sums are kept in {@code double}.
 */
public final class Ops {
    private Ops() {}

    private static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3;

    /** {@code a + b}, broadcast. */
    public static Tensor add(Tensor a, Tensor b) {
        return binary(ADD, a, b);
    }

    /** {@code a - b}, broadcast. */
    public static Tensor sub(Tensor a, Tensor b) {
        return binary(SUB, a, b);
    }

    /** {@code a * b} elementwise, broadcast. */
    public static Tensor mul(Tensor a, Tensor b) {
        return binary(MUL, a, b);
    }

    /** {@code a / b} elementwise, broadcast. */
    public static Tensor div(Tensor a, Tensor b) {
        return binary(DIV, a, b);
    }

    /** {@code s * a}. */
    public static Tensor scale(Tensor a, float s) {
        float[] x = a.data();
        Tensor out = Tensor.zeros(a.shape());
        float[] o = out.data();
        for (int i = 0; i < x.length; i++) o[i] = s * x[i];
        return out;
    }

    /** {@code out += s * a}, both of the same shape. */
    public static void axpyInto(float s, Tensor a, Tensor out) {
        checkSame("out", out, a);
        float[] x = a.data(), o = out.data();
        for (int i = 0; i < x.length; i++) o[i] += s * x[i];
    }

    /** The sum of all values, added up in double. */
    public static double sum(Tensor a) {
        float[] x = a.data();
        double s = 0;
        for (float v : x) s += v;
        return s;
    }

    /**
     * The sum over the given axes, which are removed from the shape.
     * @throws IllegalArgumentException when an axis is out of range or repeated
     */
    public static Tensor sum(Tensor a, int... axes) {
        int[] shape = a.shape();
        int[] kept = keptShape(shape, axes);
        Tensor out = Tensor.zeros(kept);
        sumToInto(a, out);
        int[] reduced = new int[shape.length - axes.length];
        for (int i = 0, r = 0; i < shape.length; i++) if (!contains(axes, i)) reduced[r++] = shape[i];
        return out.reshape(reduced);
    }

    /** {@code shape} with the given axes set to 1. */
    public static int[] keptShape(int[] shape, int... axes) {
        int[] kept = shape.clone();
        boolean[] used = new boolean[shape.length];
        for (int ax : axes) {
            Check.index("axis", ax, shape.length);
            Check.argument(!used[ax], "axes must not repeat, got " + Arrays.toString(axes));
            used[ax] = true;
            kept[ax] = 1;
        }
        return kept;
    }

    private static boolean contains(int[] axes, int ax) {
        for (int a : axes) if (a == ax) return true;
        return false;
    }

    /** The shape both operands broadcast to. */
    public static int[] broadcastShape(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] s = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast");
            }
            s[i] = da == 1 ? db : da;
        }
        return s;
    }

    /** Row-major strides of {@code shape} seen inside the larger {@code target} shape: 0 on broadcast axes. */
    private static int[] broadcastStrides(int[] shape, int[] target) {
        int r = target.length;
        int[] strides = new int[r];
        int stride = 1;
        for (int i = r - 1; i >= 0; i--) {
            int j = i - (r - shape.length);
            int d = j >= 0 ? shape[j] : 1;
            strides[i] = d == 1 ? 0 : stride;
            stride *= d;
        }
        return strides;
    }

    private static Tensor binary(int op, Tensor a, Tensor b) {
        float[] x = a.data(), y = b.data();
        if (a.sameShape(b)) {
            Tensor out = Tensor.zeros(a.shape());
            float[] o = out.data();
            switch (op) {
                case ADD -> { for (int i = 0; i < o.length; i++) o[i] = x[i] + y[i]; }
                case SUB -> { for (int i = 0; i < o.length; i++) o[i] = x[i] - y[i]; }
                case MUL -> { for (int i = 0; i < o.length; i++) o[i] = x[i] * y[i]; }
                default -> { for (int i = 0; i < o.length; i++) o[i] = x[i] / y[i]; }
            }
            return out;
        }
        int[] s = broadcastShape(a.shape(), b.shape());
        Tensor out = Tensor.zeros(s);
        float[] o = out.data();
        if (o.length == 0) return out;
        int r = s.length;
        int[] sa = broadcastStrides(a.shape(), s), sb = broadcastStrides(b.shape(), s);
        int inner = s[r - 1], ia = sa[r - 1], ib = sb[r - 1];
        int[] idx = new int[r];
        int offA = 0, offB = 0;
        for (int base = 0; base < o.length; base += inner) {
            switch (op) {
                case ADD -> { for (int j = 0; j < inner; j++) o[base + j] = x[offA + j * ia] + y[offB + j * ib]; }
                case SUB -> { for (int j = 0; j < inner; j++) o[base + j] = x[offA + j * ia] - y[offB + j * ib]; }
                case MUL -> { for (int j = 0; j < inner; j++) o[base + j] = x[offA + j * ia] * y[offB + j * ib]; }
                default -> { for (int j = 0; j < inner; j++) o[base + j] = x[offA + j * ia] / y[offB + j * ib]; }
            }
            for (int ax = r - 2; ax >= 0; ax--) { // advance the outer index like an odometer
                idx[ax]++;
                offA += sa[ax];
                offB += sb[ax];
                if (idx[ax] < s[ax]) break;
                offA -= sa[ax] * s[ax];
                offB -= sb[ax] * s[ax];
                idx[ax] = 0;
            }
        }
        return out;
    }

    /** {@code a} repeated along broadcast axes to {@code shape}. */
    public static Tensor broadcastTo(Tensor a, int... shape) {
        int[] s = broadcastShape(a.shape(), shape);
        Check.argument(Arrays.equals(s, shape), "shape " + Arrays.toString(a.shape()) + " does not broadcast to "
                + Arrays.toString(shape));
        return binary(ADD, a, Tensor.zeros(shape));
    }

    /**
     * Adds {@code g} summed over its broadcast axes into {@code out}, whose shape must broadcast to
     * {@code g}'s: the gradient of a broadcast, sent back to the operand that was broadcast.
     * @throws IllegalArgumentException when {@code out}'s shape does not broadcast to {@code g}'s
     */
    public static void sumToInto(Tensor g, Tensor out) {
        int[] gs = g.shape(), os = out.shape();
        int[] s = broadcastShape(os, gs);
        if (!Arrays.equals(s, gs)) {
            throw new IllegalArgumentException("a gradient of shape " + Arrays.toString(gs)
                    + " cannot be summed back to shape " + Arrays.toString(os));
        }
        float[] x = g.data(), o = out.data();
        if (x.length == 0) return;
        double[] acc = new double[o.length];
        int r = gs.length;
        int[] so = broadcastStrides(os, gs);
        int inner = gs[r - 1], io = so[r - 1];
        int[] idx = new int[r];
        int off = 0;
        for (int base = 0; base < x.length; base += inner) {
            if (io == 0) {
                double t = 0;
                for (int j = 0; j < inner; j++) t += x[base + j];
                acc[off] += t;
            } else {
                for (int j = 0; j < inner; j++) acc[off + j * io] += x[base + j];
            }
            for (int ax = r - 2; ax >= 0; ax--) {
                idx[ax]++;
                off += so[ax];
                if (idx[ax] < gs[ax]) break;
                off -= so[ax] * gs[ax];
                idx[ax] = 0;
            }
        }
        for (int i = 0; i < o.length; i++) o[i] += (float) acc[i];
    }

    /** The sum of each column of a row-major {@code n x d} array, added into {@code out[0..d)}. */
    public static void columnSumsInto(float[] x, int n, int d, float[] out) {
        double[] acc = new double[d];
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) acc[j] += x[row + j];
        }
        for (int j = 0; j < d; j++) out[j] += (float) acc[j];
    }

    /** Throws unless {@code a} and {@code b} have the same shape. */
    public static void checkSame(String name, Tensor a, Tensor b) {
        if (!a.sameShape(b)) {
            throw new IllegalArgumentException(name + " must have shape " + Arrays.toString(b.shape()) + ", got "
                    + Arrays.toString(a.shape()));
        }
    }
}
