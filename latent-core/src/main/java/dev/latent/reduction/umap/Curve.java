package dev.latent.reduction.umap;

/**
 * The parameters {@code a, b} of UMAP's low-dimensional similarity {@code 1 / (1 + a d^(2b))}.
 * <p>They are fitted, as umap-learn's {@code find_ab_params} does, by least squares to the target curve
 * that is 1 up to {@code minDist} and {@code exp(-(d - minDist) / spread)} beyond, sampled at 300 evenly
 * spaced distances in {@code [0, 3 spread]}. The fit is Levenberg-Marquardt (damping on the diagonal of
 * {@code J^T J}, divided by 10 after a step that lowers the squared error and multiplied by 10 otherwise)
 * from {@code a = b = 1}, in double precision, until the step changes neither parameter by more than
 * {@code 1e-12} relative. For {@code minDist = 0.1, spread = 1} it gives {@code a = 1.577, b = 0.895}.
 * <p>Reference: L. McInnes, J. Healy, J. Melville, "UMAP", arXiv:1802.03426, 2018, section 3.2 and
 * appendix C (the choice of {@code a, b}).
 */
final class Curve {
    static final int SAMPLES = 300;
    private static final int MAX_STEPS = 500;

    private Curve() {}

    /** {@code {a, b}} fitted for the given {@code minDist} and {@code spread}. */
    static double[] fit(double minDist, double spread) {
        double[] x = new double[SAMPLES];
        double[] y = new double[SAMPLES];
        for (int s = 0; s < SAMPLES; s++) {
            x[s] = 3 * spread * s / (SAMPLES - 1);
            y[s] = x[s] < minDist ? 1 : Math.exp(-(x[s] - minDist) / spread);
        }
        double a = 1, b = 1, lambda = 1e-3;
        double err = error(x, y, a, b);
        for (int step = 0; step < MAX_STEPS; step++) {
            // normal equations of the linearized residuals r = f(x; a, b) - y
            double jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
            for (int s = 0; s < SAMPLES; s++) {
                if (x[s] == 0) continue; // f = 1 whatever a, b: no gradient
                double p = Math.pow(x[s], 2 * b);
                double den = 1 + a * p;
                double f = 1 / den;
                double da = -p / (den * den);
                double db = -a * p * 2 * Math.log(x[s]) / (den * den);
                double r = f - y[s];
                jaa += da * da;
                jab += da * db;
                jbb += db * db;
                ga += da * r;
                gb += db * r;
            }
            boolean accepted = false;
            double na = a, nb = b;
            while (!accepted && lambda < 1e16) {
                double m11 = jaa * (1 + lambda), m22 = jbb * (1 + lambda), det = m11 * m22 - jab * jab;
                double stepA = -(m22 * ga - jab * gb) / det;
                double stepB = -(m11 * gb - jab * ga) / det;
                na = a + stepA;
                nb = b + stepB;
                double e = error(x, y, na, nb);
                if (e <= err && Double.isFinite(e)) {
                    accepted = true;
                    err = e;
                    lambda = Math.max(lambda / 10, 1e-12);
                } else {
                    lambda *= 10;
                }
            }
            if (!accepted) break;
            boolean small = Math.abs(na - a) <= 1e-12 * Math.abs(a) && Math.abs(nb - b) <= 1e-12 * Math.abs(b);
            a = na;
            b = nb;
            if (small) break;
        }
        return new double[] {a, b};
    }

    /** The squared error of the curve with parameters {@code a, b}. */
    static double error(double[] x, double[] y, double a, double b) {
        double sum = 0;
        for (int s = 0; s < x.length; s++) {
            double f = x[s] == 0 ? 1 : 1 / (1 + a * Math.pow(x[s], 2 * b));
            double r = f - y[s];
            sum += r * r;
        }
        return sum;
    }
}
