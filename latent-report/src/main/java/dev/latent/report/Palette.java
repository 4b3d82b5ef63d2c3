package dev.latent.report;

/**
 * The categorical colours of figures: one per class or cluster, chosen to stay distinguishable for readers
 * with red-green colour blindness.
 * <p>The first nine are Paul Tol's "muted" scheme (indigo, cyan, teal, green, olive, sand, rose, wine, purple),
 * followed by dark grey; then six of Tol's "bright" and "light" colours, and two greys. With more classes
 * than {@link #size()} the colours repeat.
 * <p>Reference: P. Tol, "Colour Schemes", SRON technical note SRON/EPS/TN/09-002, 2021.
 */
public final class Palette {
    private static final int[] CATEGORICAL = {
            0x332288, 0x88CCEE, 0x44AA99, 0x117733, 0x999933, 0xDDCC77, 0xCC6677, 0x882255, 0xAA4499, 0x555555,
            0x4477AA, 0xEE6677, 0x228833, 0xCCBB44, 0x66CCEE, 0xAA3377, 0xBBBBBB, 0x000000};

    private Palette() {}

    /** The number of distinct categorical colours before they repeat. */
    public static int size() {
        return CATEGORICAL.length;
    }

    /** The colour of class {@code c} (0-based) as {@code 0xRRGGBB}; classes past {@link #size()} repeat. */
    public static int categorical(int c) {
        Require.atLeast("class", c, 0);
        return CATEGORICAL[c % CATEGORICAL.length];
    }

    /** {@code #rrggbb}, as SVG and CSS write a colour. */
    static String hex(int rgb) {
        char[] s = new char[7];
        s[0] = '#';
        for (int i = 0; i < 6; i++) s[6 - i] = Character.forDigit((rgb >>> (4 * i)) & 0xF, 16);
        return new String(s);
    }

    /** {@code a} mixed with {@code b}: {@code (1 - t) a + t b} per channel, rounded. */
    static int mix(int a, int b, double t) {
        int r = (int) Math.round(((a >> 16) & 0xFF) * (1 - t) + ((b >> 16) & 0xFF) * t);
        int g = (int) Math.round(((a >> 8) & 0xFF) * (1 - t) + ((b >> 8) & 0xFF) * t);
        int bl = (int) Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
        return r << 16 | g << 8 | bl;
    }
}
