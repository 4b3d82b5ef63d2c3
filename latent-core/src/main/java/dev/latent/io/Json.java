package dev.latent.io;

import dev.latent.internal.Check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON value, with a compact writer and a strict parser (RFC 8259).
 * <p>Values are built fluently and written with {@link #toString()} (compact, one line) or
 * {@link #toPrettyString()}:
 * {@snippet :
 * Json.JsonObject o = Json.object()
 *         .put("name", "digits")
 *         .put("samples", 1797)
 *         .put("shape", Json.array(1, 8, 8));
 * String text = o.toString();   // {"name":"digits","samples":1797,"shape":[1,8,8]}
 * Json back = Json.parse(text); // equal to o
 * }
 * <p>Numbers keep their text: a {@code long} is written exactly, a {@code double} or {@code float}
 * in the shortest form that reads back to the same value, and NaN or an infinity as {@code null}
 * (JSON has no such numbers). Objects keep the order in which members were put. Strings escape
 * quotes, backslashes, control characters, lone surrogates and U+2028/U+2029, so the text is valid
 * UTF-8 and valid JavaScript. Objects and arrays are mutable while they are built; strings, numbers,
 * booleans and null are immutable values.
 * <p>The parser rejects anything RFC 8259 does not allow (trailing commas, leading zeros, control
 * characters in strings, comments) as well as duplicate member names and nesting deeper than
 * {@value #MAX_DEPTH}, with an {@link IllegalArgumentException} naming the line and column.
 */
public sealed interface Json permits Json.JsonObject, Json.JsonArray, Json.JsonString, Json.JsonNumber,
        Json.JsonBoolean, Json.JsonNull {

    /** The deepest nesting of arrays and objects the parser accepts. */
    int MAX_DEPTH = 512;

    // ---------------------------------------------------------------- factories

    /** A new empty object. */
    static JsonObject object() {
        return new JsonObject();
    }

    /** A new empty array. */
    static JsonArray array() {
        return new JsonArray();
    }

    /** An array of the given integers. */
    static JsonArray array(int... values) {
        JsonArray a = new JsonArray();
        for (int v : values) a.add(v);
        return a;
    }

    /** An array of the given integers. */
    static JsonArray array(long... values) {
        JsonArray a = new JsonArray();
        for (long v : values) a.add(v);
        return a;
    }

    /** An array of the given numbers; NaN and infinities become {@code null}. */
    static JsonArray array(double... values) {
        JsonArray a = new JsonArray();
        for (double v : values) a.add(v);
        return a;
    }

    /** An array of the given strings. */
    static JsonArray array(String... values) {
        JsonArray a = new JsonArray();
        for (String v : values) a.add(v);
        return a;
    }

    /** An array of the given strings. */
    static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        for (String v : values) a.add(v);
        return a;
    }

    /** A JSON string. */
    static JsonString of(String value) {
        return new JsonString(value);
    }

    /** An integer, written exactly. */
    static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value));
    }

    /** A number in its shortest round-trip form, or {@code null} for NaN and infinities. */
    static Json of(double value) {
        return Double.isFinite(value) ? new JsonNumber(Double.toString(value)) : JsonNull.NULL;
    }

    /**
     * A float in its shortest float round-trip form ({@code 0.1f} is written {@code 0.1}, not
     * {@code 0.10000000149011612}), or {@code null} for NaN and infinities.
     */
    static Json of(float value) {
        return Float.isFinite(value) ? new JsonNumber(Float.toString(value)) : JsonNull.NULL;
    }

    /** {@code true} or {@code false}. */
    static JsonBoolean of(boolean value) {
        return value ? JsonBoolean.TRUE : JsonBoolean.FALSE;
    }

    /**
     * Parses one JSON value; only whitespace may surround it.
     * @throws IllegalArgumentException when {@code text} is not valid JSON; the message names the
     *                                  line and column (both from 1) and what was wrong
     */
    static Json parse(String text) {
        Check.notNull("text", text);
        return new JsonParser(text).parseDocument();
    }

    // ---------------------------------------------------------------- reading

    /** This value as an object. @throws IllegalArgumentException when it is not one */
    default JsonObject asObject() {
        if (this instanceof JsonObject o) return o;
        throw new IllegalArgumentException("expected a JSON object, got " + describe());
    }

    /** This value as an array. @throws IllegalArgumentException when it is not one */
    default JsonArray asArray() {
        if (this instanceof JsonArray a) return a;
        throw new IllegalArgumentException("expected a JSON array, got " + describe());
    }

    /** The contents of this string. @throws IllegalArgumentException when it is not a string */
    default String asString() {
        if (this instanceof JsonString s) return s.value();
        throw new IllegalArgumentException("expected a JSON string, got " + describe());
    }

    /** This integer. @throws IllegalArgumentException when it is not a number or not an exact long */
    default long asLong() {
        if (this instanceof JsonNumber n) return n.longValue();
        throw new IllegalArgumentException("expected a JSON number, got " + describe());
    }

    /** This integer. @throws IllegalArgumentException when it is not a number or not an exact int */
    default int asInt() {
        long v = asLong();
        if (v != (int) v) throw new IllegalArgumentException("expected a 32-bit integer, got " + v);
        return (int) v;
    }

    /** This number, or NaN for {@code null} (how NaN is written). @throws IllegalArgumentException otherwise */
    default double asDouble() {
        if (this instanceof JsonNumber n) return n.doubleValue();
        if (this instanceof JsonNull) return Double.NaN;
        throw new IllegalArgumentException("expected a JSON number, got " + describe());
    }

    /** This boolean. @throws IllegalArgumentException when it is not one */
    default boolean asBoolean() {
        if (this instanceof JsonBoolean b) return b.value();
        throw new IllegalArgumentException("expected true or false, got " + describe());
    }

    /** Whether this is {@code null}. */
    default boolean isNull() {
        return this instanceof JsonNull;
    }

    /** This value written with two-space indentation, one member or element per line. */
    default String toPrettyString() {
        StringBuilder out = new StringBuilder();
        JsonWriter.write(this, out, 0, true);
        return out.toString();
    }

    /** A short description for error messages: the kind and, for scalars, the value. */
    private String describe() {
        return switch (this) {
            case JsonObject _ -> "an object";
            case JsonArray _ -> "an array";
            case JsonString s -> {
                String v = s.value();
                yield "string " + JsonWriter.quote(v.length() > 40 ? v.substring(0, 40) + "..." : v);
            }
            case JsonNumber n -> "number " + n.text();
            case JsonBoolean b -> Boolean.toString(b.value());
            case JsonNull _ -> "null";
        };
    }

    // ---------------------------------------------------------------- value types

    /** A JSON object: members in insertion order, names unique. Built (mutably) with the {@code put} methods. */
    final class JsonObject implements Json {
        final LinkedHashMap<String, Json> members = new LinkedHashMap<>();

        JsonObject() {}

        /** Sets member {@code name} to {@code value}, replacing an earlier value; returns this object. */
        public JsonObject put(String name, Json value) {
            Check.notNull("name", name);
            members.put(name, Check.notNull("value", value));
            return this;
        }

        public JsonObject put(String name, String value) {
            return put(name, Json.of(value));
        }

        public JsonObject put(String name, long value) {
            return put(name, Json.of(value));
        }

        /** Sets a number; NaN and infinities are written as {@code null}. */
        public JsonObject put(String name, double value) {
            return put(name, Json.of(value));
        }

        /** Sets a float in its shortest float form; NaN and infinities are written as {@code null}. */
        public JsonObject put(String name, float value) {
            return put(name, Json.of(value));
        }

        public JsonObject put(String name, boolean value) {
            return put(name, Json.of(value));
        }

        /** Sets member {@code name} to {@code null}. */
        public JsonObject putNull(String name) {
            return put(name, JsonNull.NULL);
        }

        /** Copies every member of {@code other} into this object; returns this object. */
        public JsonObject putAll(JsonObject other) {
            for (Map.Entry<String, Json> e : other.members.entrySet()) put(e.getKey(), e.getValue());
            return this;
        }

        /** The value of member {@code name}. @throws IllegalArgumentException when there is none */
        public Json get(String name) {
            Json v = members.get(name);
            if (v == null) throw new IllegalArgumentException("missing member \"" + name + "\"");
            return v;
        }

        /** The value of member {@code name}, if present. */
        public Optional<Json> find(String name) {
            return Optional.ofNullable(members.get(name));
        }

        public boolean has(String name) {
            return members.containsKey(name);
        }

        /** The members, in order, as an unmodifiable view. */
        public Map<String, Json> members() {
            return Collections.unmodifiableMap(members);
        }

        public int size() {
            return members.size();
        }

        @Override
        public boolean equals(Object o) {
            // member order is part of the value: two objects are equal when their member lists are
            return o instanceof JsonObject other && List.copyOf(members.entrySet()).equals(List.copyOf(other.members.entrySet()));
        }

        @Override
        public int hashCode() {
            return List.copyOf(members.entrySet()).hashCode();
        }

        /** The compact JSON text. */
        @Override
        public String toString() {
            return JsonWriter.compact(this);
        }
    }

    /** A JSON array. Built (mutably) with the {@code add} methods. */
    final class JsonArray implements Json {
        final ArrayList<Json> elements = new ArrayList<>();

        JsonArray() {}

        /** Appends {@code value}; returns this array. */
        public JsonArray add(Json value) {
            elements.add(Check.notNull("value", value));
            return this;
        }

        public JsonArray add(String value) {
            return add(Json.of(value));
        }

        public JsonArray add(long value) {
            return add(Json.of(value));
        }

        /** Appends a number; NaN and infinities are written as {@code null}. */
        public JsonArray add(double value) {
            return add(Json.of(value));
        }

        public JsonArray add(boolean value) {
            return add(Json.of(value));
        }

        /** Element {@code i}. @throws IllegalArgumentException when out of range */
        public Json get(int i) {
            Check.index("i", i, elements.size());
            return elements.get(i);
        }

        /** The elements, in order, as an unmodifiable view. */
        public List<Json> elements() {
            return Collections.unmodifiableList(elements);
        }

        public int size() {
            return elements.size();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JsonArray other && elements.equals(other.elements);
        }

        @Override
        public int hashCode() {
            return elements.hashCode();
        }

        /** The compact JSON text. */
        @Override
        public String toString() {
            return JsonWriter.compact(this);
        }
    }

    /** A JSON string. @param value the contents, unescaped */
    record JsonString(String value) implements Json {
        public JsonString {
            Check.notNull("value", value);
        }

        /** The quoted, escaped JSON text. */
        @Override
        public String toString() {
            return JsonWriter.quote(value);
        }
    }

    /**
     * A JSON number, kept as its text so that integers of any size and doubles keep every digit.
     * @param text a number in RFC 8259 syntax, such as {@code -12}, {@code 0.5} or {@code 1.0E-7}
     */
    record JsonNumber(String text) implements Json {
        public JsonNumber {
            Check.notNull("text", text);
            Check.argument(JsonParser.numberEnd(text, 0) == text.length() && !text.isEmpty(),
                    "text must be a JSON number, got \"" + text + "\"");
        }

        /** Whether the text is an integer (no fraction, no exponent). */
        public boolean isInteger() {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '.' || c == 'e' || c == 'E') return false;
            }
            return true;
        }

        /** The exact value. @throws IllegalArgumentException when it is not an integer within the range of long */
        public long longValue() {
            if (isInteger()) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected an integer in the range of long, got " + text, e);
                }
            }
            double d = Double.parseDouble(text);
            if (d == Math.rint(d) && Math.abs(d) < 0x1p63) return (long) d;
            throw new IllegalArgumentException("expected an integer, got " + text);
        }

        /** The nearest double. */
        public double doubleValue() {
            return Double.parseDouble(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** {@code true} or {@code false}. */
    enum JsonBoolean implements Json {
        FALSE, TRUE;

        public boolean value() {
            return this == TRUE;
        }

        @Override
        public String toString() {
            return value() ? "true" : "false";
        }
    }

    /** {@code null}, also what NaN and infinities are written as. */
    enum JsonNull implements Json {
        NULL;

        @Override
        public String toString() {
            return "null";
        }
    }
}

/** Writes {@link Json} values as text. */
final class JsonWriter {
    private JsonWriter() {}

    static String compact(Json value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0, false);
        return out.toString();
    }

    static void write(Json value, StringBuilder out, int depth, boolean pretty) {
        switch (value) {
            case Json.JsonObject o -> {
                if (o.members.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, Json> e : o.members.entrySet()) {
                    if (!first) out.append(',');
                    first = false;
                    newline(out, depth + 1, pretty);
                    quote(e.getKey(), out);
                    out.append(pretty ? ": " : ":");
                    write(e.getValue(), out, depth + 1, pretty);
                }
                newline(out, depth, pretty);
                out.append('}');
            }
            case Json.JsonArray a -> {
                if (a.elements.isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append('[');
                for (int i = 0; i < a.elements.size(); i++) {
                    if (i > 0) out.append(',');
                    newline(out, depth + 1, pretty);
                    write(a.elements.get(i), out, depth + 1, pretty);
                }
                newline(out, depth, pretty);
                out.append(']');
            }
            case Json.JsonString s -> quote(s.value(), out);
            case Json.JsonNumber n -> out.append(n.text());
            case Json.JsonBoolean b -> out.append(b);
            case Json.JsonNull _ -> out.append("null");
        }
    }

    private static void newline(StringBuilder out, int depth, boolean pretty) {
        if (!pretty) return;
        out.append('\n');
        for (int i = 0; i < depth; i++) out.append("  ");
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        quote(s, out);
        return out.toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * Appends {@code s} quoted. Escapes the quote, the backslash, control characters, U+2028 and
     * U+2029 (line breaks in JavaScript), DEL, and lone surrogates (which are not valid UTF-8).
     */
    static void quote(String s, StringBuilder out) {
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < n
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (pairedHigh) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029'
                            || Character.isSurrogate(c)) {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15])
                                .append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

/** A recursive-descent parser for {@link Json} over one string, with a depth limit. */
final class JsonParser {
    private final String text;
    private int pos;
    private int depth;

    JsonParser(String text) {
        this.text = text;
    }

    Json parseDocument() {
        skipWhitespace();
        Json v = parseValue();
        skipWhitespace();
        if (pos < text.length()) throw error("unexpected " + found() + " after the value");
        return v;
    }

    private Json parseValue() {
        if (pos >= text.length()) throw error("unexpected end of input, expected a value");
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> parseObject();
            case '[' -> parseArray();
            case '"' -> new Json.JsonString(parseString());
            case 't' -> literal("true", Json.JsonBoolean.TRUE);
            case 'f' -> literal("false", Json.JsonBoolean.FALSE);
            case 'n' -> literal("null", Json.JsonNull.NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield parseNumber();
                throw error("unexpected " + found() + ", expected a value");
            }
        };
    }

    private Json literal(String word, Json value) {
        if (!text.startsWith(word, pos)) throw error("unexpected " + found() + ", expected a value");
        pos += word.length();
        return value;
    }

    private Json.JsonObject parseObject() {
        enter();
        Json.JsonObject o = new Json.JsonObject();
        pos++; // '{'
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return o;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') throw error("unexpected " + found() + ", expected a member name in quotes");
            int namePos = pos;
            String name = parseString();
            if (o.members.containsKey(name)) {
                pos = namePos;
                throw error("duplicate member name " + JsonWriter.quote(name));
            }
            skipWhitespace();
            if (peek() != ':') throw error("unexpected " + found() + ", expected ':'");
            pos++;
            skipWhitespace();
            o.members.put(name, parseValue());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') break;
            if (c != ',') {
                pos--;
                throw error("unexpected " + found() + ", expected ',' or '}'");
            }
        }
        depth--;
        return o;
    }

    private Json.JsonArray parseArray() {
        enter();
        Json.JsonArray a = new Json.JsonArray();
        pos++; // '['
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return a;
        }
        while (true) {
            skipWhitespace();
            a.elements.add(parseValue());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') break;
            if (c != ',') {
                pos--;
                throw error("unexpected " + found() + ", expected ',' or ']'");
            }
        }
        depth--;
        return a;
    }

    private void enter() {
        if (++depth > Json.MAX_DEPTH) throw error("nesting deeper than " + Json.MAX_DEPTH + " levels");
    }

    private String parseString() {
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) throw error("unterminated string");
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c < 0x20) throw error("control character U+" + String.format("%04X", (int) c) + " in a string must be escaped");
            if (c != '\\') {
                out.append(c);
                pos++;
                continue;
            }
            if (pos + 1 >= text.length()) throw error("unterminated string");
            char e = text.charAt(pos + 1);
            switch (e) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    int code = 0;
                    for (int k = 0; k < 4; k++) {
                        int p = pos + 2 + k;
                        int h = p < text.length() ? Character.digit(text.charAt(p), 16) : -1;
                        if (h < 0) {
                            pos = Math.min(p, text.length());
                            throw error("\\u must be followed by four hexadecimal digits");
                        }
                        code = code * 16 + h;
                    }
                    out.append((char) code);
                    pos += 4;
                }
                default -> {
                    pos++;
                    throw error("invalid escape \\" + e);
                }
            }
            pos += 2;
        }
    }

    private Json.JsonNumber parseNumber() {
        int end = numberEnd(text, pos);
        if (end < 0) {
            pos = -end - 1;
            throw error("malformed number");
        }
        String t = text.substring(pos, end);
        pos = end;
        return new Json.JsonNumber(t);
    }

    /**
     * The end of the RFC 8259 number starting at {@code start}, or {@code -(p + 1)} when the
     * syntax breaks at position {@code p}.
     */
    static int numberEnd(String s, int start) {
        int p = start, n = s.length();
        if (p < n && s.charAt(p) == '-') p++;
        if (p >= n) return -(p + 1);
        char c = s.charAt(p);
        if (c == '0') {
            p++;
            if (p < n && isDigit(s.charAt(p))) return -(p + 1); // leading zero
        } else if (c >= '1' && c <= '9') {
            while (p < n && isDigit(s.charAt(p))) p++;
        } else {
            return -(p + 1);
        }
        if (p < n && s.charAt(p) == '.') {
            p++;
            if (p >= n || !isDigit(s.charAt(p))) return -(p + 1);
            while (p < n && isDigit(s.charAt(p))) p++;
        }
        if (p < n && (s.charAt(p) == 'e' || s.charAt(p) == 'E')) {
            p++;
            if (p < n && (s.charAt(p) == '+' || s.charAt(p) == '-')) p++;
            if (p >= n || !isDigit(s.charAt(p))) return -(p + 1);
            while (p < n && isDigit(s.charAt(p))) p++;
        }
        return p;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private String found() {
        if (pos >= text.length()) return "end of input";
        char c = text.charAt(pos);
        return c < 0x20 || c > 0x7e ? "character U+" + String.format("%04X", (int) c) : "'" + c + "'";
    }

    private IllegalArgumentException error(String problem) {
        int line = 1, column = 1;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new IllegalArgumentException("invalid JSON at line " + line + ", column " + column + ": " + problem);
    }
}
