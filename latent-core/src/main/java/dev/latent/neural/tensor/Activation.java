package dev.latent.neural.tensor;

/**
 * Elementwise activation functions with their derivatives, as array kernels.
 * <p>{@link #LEAKY_RELU} and {@link #ELU} take a parameter {@code alpha} (the negative slope, default
 * 0.01, and the negative saturation, default 1); the others ignore it. {@link #GELU} is the tanh
 * approximation {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. Sigmoid and softplus are
 * computed in forms that cannot overflow.
 * <p>Reference: K. He et al., "Delving Deep into Rectifiers", ICCV 2015 (leaky ReLU, He init);
 * D.-A. Clevert et al., "Fast and Accurate Deep Network Learning by Exponential Linear Units (ELUs)",
 * ICLR 2016; D. Hendrycks and K. Gimpel, "Gaussian Error Linear Units (GELUs)", arXiv:1606.08415, 2016.
 */
public enum Activation {
    IDENTITY, RELU, LEAKY_RELU, ELU, GELU, SIGMOID, TANH, SOFTPLUS;

    private static final double GELU_C = Math.sqrt(2 / Math.PI);

    /** The usual parameter: 0.01 for leaky ReLU, 1 for ELU, 0 otherwise. */
    public float defaultAlpha() {
        return switch (this) {
            case LEAKY_RELU -> 0.01f;
            case ELU -> 1f;
            default -> 0f;
        };
    }

    /** Whether the derivative can be computed from the output alone (so the input need not be kept). */
    public boolean derivativeFromOutput() {
        return switch (this) {
            case IDENTITY, RELU, SIGMOID, TANH -> true;
            case LEAKY_RELU, ELU -> true; // sign of the output is the sign of the input (alpha > 0)
            default -> false;
        };
    }

    /** {@code out[i] = f(x[i])} for {@code i} in {@code [from, to)}; {@code out} may be {@code x}. */
    public void forward(float[] x, float[] out, int from, int to, float alpha) {
        switch (this) {
            case IDENTITY -> { if (out != x) System.arraycopy(x, from, out, from, to - from); }
            case RELU -> { for (int i = from; i < to; i++) out[i] = Math.max(x[i], 0f); }
            case LEAKY_RELU -> { for (int i = from; i < to; i++) { float v = x[i]; out[i] = v > 0 ? v : alpha * v; } }
            case ELU -> { for (int i = from; i < to; i++) { float v = x[i]; out[i] = v > 0 ? v : (float) (alpha * Math.expm1(v)); } }
            case GELU -> {
                for (int i = from; i < to; i++) {
                    double v = x[i];
                    out[i] = (float) (0.5 * v * (1 + Math.tanh(GELU_C * (v + 0.044715 * v * v * v))));
                }
            }
            case SIGMOID -> { for (int i = from; i < to; i++) out[i] = sigmoid(x[i]); }
            case TANH -> { for (int i = from; i < to; i++) out[i] = (float) Math.tanh(x[i]); }
            case SOFTPLUS -> { for (int i = from; i < to; i++) out[i] = softplus(x[i]); }
        }
    }

    /**
     * {@code out[i] = g[i] * f'(x[i])} for {@code i} in {@code [from, to)}, given the input {@code x}
     * and the output {@code y} of {@link #forward}; {@code x} may be null when
     * {@link #derivativeFromOutput()}. {@code out} may be {@code g}.
     */
    public void backward(float[] x, float[] y, float[] g, float[] out, int from, int to, float alpha) {
        switch (this) {
            case IDENTITY -> { if (out != g) System.arraycopy(g, from, out, from, to - from); }
            case RELU -> {
                // y >= +0, so y > 0 exactly when its bits are positive: keep g's bits under an all-ones mask
                // then and give +0 otherwise. Without the branch (unpredictable on activations) the loop is
                // about ten times faster.
                for (int i = from; i < to; i++) {
                    int keep = -Float.floatToRawIntBits(y[i]) >> 31;
                    out[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[i]) & keep);
                }
            }
            case LEAKY_RELU -> { for (int i = from; i < to; i++) out[i] = y[i] > 0 ? g[i] : alpha * g[i]; }
            case ELU -> { for (int i = from; i < to; i++) out[i] = y[i] > 0 ? g[i] : g[i] * (y[i] + alpha); }
            case GELU -> {
                for (int i = from; i < to; i++) {
                    double v = x[i];
                    double t = Math.tanh(GELU_C * (v + 0.044715 * v * v * v));
                    double dt = (1 - t * t) * GELU_C * (1 + 3 * 0.044715 * v * v);
                    out[i] = (float) (g[i] * (0.5 * (1 + t) + 0.5 * v * dt));
                }
            }
            case SIGMOID -> { for (int i = from; i < to; i++) { float s = y[i]; out[i] = g[i] * s * (1 - s); } }
            case TANH -> { for (int i = from; i < to; i++) { float t = y[i]; out[i] = g[i] * (1 - t * t); } }
            case SOFTPLUS -> { for (int i = from; i < to; i++) out[i] = g[i] * sigmoid(x[i]); }
        }
    }

    /** The logistic function, without overflow for large {@code |x|}. */
    public static float sigmoid(float x) {
        if (x >= 0) return (float) (1 / (1 + Math.exp(-x)));
        double e = Math.exp(x);
        return (float) (e / (1 + e));
    }

    /** {@code log(1 + exp(x))} computed as {@code max(x, 0) + log1p(exp(-|x|))}. */
    public static float softplus(float x) {
        return (float) (Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))));
    }
}
