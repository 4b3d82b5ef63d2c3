package dev.latent.report;

/**
 * Continuous colour scales from a value in {@code [0, 1]} to a colour: sequential ones for magnitudes
 * (density, counts, a single band) and diverging ones for signed values (PCA components, NDVI).
 * <p>Each scale is a list of evenly spaced colour stops with linear interpolation between them (in sRGB).
 * <p>Reference: S. van der Walt and N. Smith, "mpl colourmaps" (viridis), 2015; C. A. Brewer, ColorBrewer
 * 2.0 (RdBu and BrBG), colorbrewer2.org.
 */
public enum Colormap {
    /** Dark purple through blue and green to yellow; perceptually uniform, readable in grey and by the colour blind. */
    VIRIDIS(0x440154, 0x482475, 0x414487, 0x355F8D, 0x2A788E, 0x21918C, 0x22A884, 0x44BF70, 0x7AD151,
            0xBDDF26, 0xFDE725),
    /** Black to white. */
    GRAY(0x000000, 0xFFFFFF),
    /** Blue (0) through white (0.5) to red (1): signed values centred on zero. */
    BLUE_RED(0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B),
    /** Brown (0) through cream (0.5) to green (1): vegetation indices such as NDVI. */
    BROWN_GREEN(0x8C510A, 0xBF812D, 0xDFC27D, 0xF6E8C3, 0xF5F5F5, 0xC7EAE5, 0x80CDC1, 0x35978F, 0x01665E);

    /** The colour of NaN. */
    public static final int NAN_COLOR = 0xD0D0D0;

    private final int[] stops;

    Colormap(int... stops) {
        this.stops = stops;
    }

    /** The colour of {@code t} as {@code 0xRRGGBB}; values outside {@code [0, 1]} are clamped, NaN is light grey. */
    public int rgb(double t) {
        if (Double.isNaN(t)) return NAN_COLOR;
        double u = Math.min(1, Math.max(0, t)) * (stops.length - 1);
        int i = Math.min((int) u, stops.length - 2);
        return Palette.mix(stops[i], stops[i + 1], u - i);
    }
}
