package dev.latent.report;

/**
 * A linear map from data values {@code [d0, d1]} to pixels {@code [p0, p1]}; for a y axis {@code p0} is the
 * bottom, so larger values go up.
 */
record Scale(double d0, double d1, double p0, double p1) {
    Scale {
        assert d1 > d0 : d0 + " " + d1;
    }

    double map(double v) {
        return p0 + (v - d0) * (p1 - p0) / (d1 - d0);
    }

    boolean contains(double v) {
        double eps = (d1 - d0) * 1e-9;
        return v >= d0 - eps && v <= d1 + eps;
    }
}
