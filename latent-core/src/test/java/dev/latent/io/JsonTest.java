package dev.latent.io;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f/\"",
                Json.of("a\"b\\c\n\r\t\b\f\u0001\u001f\u007f/").toString(),
                "quote, backslash, named controls, other controls as \\u00XX, slash left alone");
    }

    @Test
    void escapesJavaScriptLineSeparatorsAndLoneSurrogatesButKeepsPairs() {
        String emoji = new String(Character.toChars(0x1F600));
        assertEquals("\"\\u2028\\u2029\"", Json.of("\u2028\u2029").toString(), "U+2028/2029 escaped");
        assertEquals("\"" + emoji + "\"", Json.of(emoji).toString(), "a surrogate pair is written as is");
        assertEquals("\"\\ud800x\\udc00\"", Json.of("\ud800x\udc00").toString(), "lone surrogates escaped");
        assertEquals("\u00e9\u4e2d", Json.parse(Json.of("\u00e9\u4e2d").toString()).asString(), "non-ASCII kept");
    }

    @Test
    void writesNestedValuesCompactlyInInsertionOrder() {
        Json.JsonObject o = Json.object()
                .put("name", "digits")
                .put("samples", 1797)
                .put("shape", Json.array(1, 8, 8))
                .put("labelled", true)
                .putNull("source")
                .put("stats", Json.object().put("min", 0.0).put("max", 16.5))
                .put("empty", Json.array())
                .put("none", Json.object());
        assertEquals("{\"name\":\"digits\",\"samples\":1797,\"shape\":[1,8,8],\"labelled\":true,\"source\":null,"
                        + "\"stats\":{\"min\":0.0,\"max\":16.5},\"empty\":[],\"none\":{}}", o.toString(),
                "members in the order put, no spaces");
    }

    @Test
    void putReplacesAnEarlierValueInPlace() {
        Json.JsonObject o = Json.object().put("a", 1).put("b", 2).put("a", 3);
        assertEquals("{\"a\":3,\"b\":2}", o.toString(), "a keeps its first position, takes the new value");
    }

    @Test
    void prettyPrintingIndentsByTwoSpacesAndParsesBack() {
        Json.JsonObject o = Json.object().put("a", Json.array(1, 2)).put("b", Json.object().put("c", "d"));
        String pretty = o.toPrettyString();
        assertEquals("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {\n    \"c\": \"d\"\n  }\n}", pretty,
                "one member or element per line, two spaces per level");
        assertEquals(o, Json.parse(pretty), "pretty text parses to the same value");
    }

    @Test
    void writesLongsExactly() {
        for (long v : new long[] {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, (1L << 53) + 1}) {
            String text = Json.of(v).toString();
            assertEquals(Long.toString(v), text, "digits of " + v);
            assertEquals(v, Json.parse(text).asLong(), "exact read-back of " + v);
        }
    }

    @Test
    void writesDoublesInShortestRoundTripForm() {
        assertEquals("0.1", Json.of(0.1).toString(), "0.1 is written as 0.1");
        assertEquals("1.0E-7", Json.of(1e-7).toString(), "exponent form");
        assertEquals("-0.0", Json.of(-0.0).toString(), "negative zero keeps its sign");
        assertEquals("0.1", Json.of(0.1f).toString(), "0.1f in shortest float form, not 0.10000000149011612");
        var rng = new SplittableRandom(7);
        for (int t = 0; t < 2_000; t++) {
            double v = Double.longBitsToDouble(rng.nextLong());
            if (!Double.isFinite(v)) continue;
            double back = Json.parse(Json.of(v).toString()).asDouble();
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(back), "bits of " + v);
        }
    }

    @Test
    void writesNanAndInfinitiesAsNull() {
        assertEquals("[null,null,null,null,1.5]",
                Json.array(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.NaN, 1.5).toString(),
                "JSON has no NaN or infinity");
        assertEquals("{\"x\":null}", Json.object().put("x", Float.POSITIVE_INFINITY).toString(), "float infinity");
        assertTrue(Double.isNaN(Json.parse("null").asDouble()), "null reads back as NaN where a number is wanted");
    }

    @Test
    void parseOfWriteIsTheIdentityOnRandomValues() {
        var rng = new SplittableRandom(42);
        for (int t = 0; t < 300; t++) {
            Json x = randomValue(rng, 0);
            assertEquals(x, Json.parse(x.toString()), "compact round trip of " + x);
            assertEquals(x, Json.parse(x.toPrettyString()), "pretty round trip of " + x);
            assertEquals(x.toString(), Json.parse(x.toString()).toString(), "text is stable");
        }
    }

    private static Json randomValue(SplittableRandom rng, int depth) {
        int kind = rng.nextInt(depth >= 4 ? 5 : 7);
        return switch (kind) {
            case 0 -> Json.of(randomString(rng));
            case 1 -> Json.of(rng.nextLong());
            case 2 -> Json.of(Double.longBitsToDouble(rng.nextLong()));
            case 3 -> Json.of(rng.nextBoolean());
            case 4 -> Json.JsonNull.NULL;
            case 5 -> {
                Json.JsonArray a = Json.array();
                int n = rng.nextInt(5);
                for (int i = 0; i < n; i++) a.add(randomValue(rng, depth + 1));
                yield a;
            }
            default -> {
                Json.JsonObject o = Json.object();
                int n = rng.nextInt(5);
                for (int i = 0; i < n; i++) o.put(randomString(rng), randomValue(rng, depth + 1));
                yield o;
            }
        };
    }

    private static String randomString(SplittableRandom rng) {
        int n = rng.nextInt(8);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(switch (rng.nextInt(4)) {
                case 0 -> (char) rng.nextInt(0x20);            // control characters
                case 1 -> (char) rng.nextInt(0x20, 0x80);      // ASCII including " and \
                case 2 -> (char) rng.nextInt(0xD800, 0xE000);  // surrogates, often unpaired
                default -> (char) rng.nextInt(0x80, 0x10000);  // anything else in the BMP
            });
        }
        return s.toString();
    }

    @Test
    void parsesEscapesWhitespaceAndSurrogatePairs() {
        Json v = Json.parse(" \t\r\n{ \"a\" : [ \"\\/\\u00e9\\ud83d\\ude00\" , -0.5e+2 , 0 , false ] }\n");
        Json.JsonArray a = v.asObject().get("a").asArray();
        assertEquals("/\u00e9" + new String(Character.toChars(0x1F600)), a.get(0).asString(), "escapes decoded");
        assertEquals(-50.0, a.get(1).asDouble(), 0.0, "-0.5e+2 is -50");
        assertEquals(0, a.get(2).asInt(), "zero");
        assertEquals(false, a.get(3).asBoolean(), "false");
    }

    @Test
    void rejectsInvalidJson() {
        List<String> bad = List.of("", " ", "{", "[1,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "-01",
                "1.", ".5", "-", "+1", "1e", "1e+", "0x10", "\"\u0001\"", "\"abc", "'a'", "[1] x", "nul", "tru",
                "\"\\x\"", "\"\\u12\"", "\"\\u12g4\"", "NaN", "Infinity", "// c\n1", "[1 2]", "{\"a\":1 \"b\":2}",
                "{\"a\":1,\"a\":2}");
        for (String text : bad) {
            var e = assertThrows(IllegalArgumentException.class, () -> Json.parse(text), "should reject: " + text);
            assertTrue(e.getMessage().startsWith("invalid JSON at line "), "message names the place: " + e.getMessage());
        }
    }

    @Test
    void parseErrorsNameLineAndColumn() {
        var e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\n  \"a\": x\n}"));
        assertEquals("invalid JSON at line 2, column 8: unexpected 'x', expected a value", e.getMessage(),
                "x is the 8th character of line 2");
        var dup = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"k\":1,\"k\":2}"));
        assertEquals("invalid JSON at line 1, column 8: duplicate member name \"k\"", dup.getMessage(),
                "points at the second name");
    }

    @Test
    void limitsNestingDepth() {
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertEquals(ok, Json.parse(ok).toString(), "the maximum depth parses");
        String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        var e = assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("nesting deeper than " + Json.MAX_DEPTH), e.getMessage());
    }

    @Test
    void accessorsNameWhatTheyExpectedAndGot() {
        var e = assertThrows(IllegalArgumentException.class, () -> Json.parse("\"x\"").asLong());
        assertEquals("expected a JSON number, got string \"x\"", e.getMessage(), "kind and value");
        assertThrows(IllegalArgumentException.class, () -> Json.parse("1.5").asLong(), "1.5 is not an integer");
        assertThrows(IllegalArgumentException.class, () -> Json.parse("1e30").asLong(), "1e30 exceeds long");
        assertThrows(IllegalArgumentException.class, () -> Json.parse("3000000000").asInt(), "exceeds int");
        assertEquals(1000L, Json.parse("1e3").asLong(), "1e3 is the integer 1000");
        var missing = assertThrows(IllegalArgumentException.class, () -> Json.object().get("kind"));
        assertEquals("missing member \"kind\"", missing.getMessage(), "names the member");
        assertTrue(Json.object().find("kind").isEmpty(), "find gives empty for a missing member");
    }

    @Test
    void numbersAreValidatedOnConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new Json.JsonNumber("1.2.3"), "not a number");
        assertThrows(IllegalArgumentException.class, () -> new Json.JsonNumber("NaN"), "NaN is not JSON");
        assertEquals("12345678901234567890123", new Json.JsonNumber("12345678901234567890123").toString(),
                "big integers keep every digit");
    }
}
