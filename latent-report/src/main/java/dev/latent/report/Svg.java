package dev.latent.report;

/** A string builder for SVG and HTML: numbers in at most two decimals, text escaped for XML. */
final class Svg {
    private final StringBuilder sb = new StringBuilder(4096);

    Svg raw(String s) {
        sb.append(s);
        return this;
    }

    /** {@code v} rounded to two decimals, without trailing zeros; never {@code -0}. */
    Svg num(double v) {
        assert Double.isFinite(v) : v;
        long hundredths = Math.round(v * 100);
        if (hundredths < 0) {
            sb.append('-');
            hundredths = -hundredths;
        }
        sb.append(hundredths / 100);
        long frac = hundredths % 100;
        if (frac != 0) {
            sb.append('.').append((char) ('0' + frac / 10));
            if (frac % 10 != 0) sb.append((char) ('0' + frac % 10));
        }
        return this;
    }

    /** Text content or an attribute value, escaped; characters XML does not allow become U+FFFD. */
    Svg text(String s) {
        escape(sb, s);
        return this;
    }

    static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                        sb.append('\uFFFD');
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        sb.append('\uFFFD');   // a lone surrogate
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        escape(sb, s);
        return sb.toString();
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
