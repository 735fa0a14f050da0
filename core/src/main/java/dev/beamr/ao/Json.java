package dev.beamr.ao;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON AO messages and results are written in, as plain Java values: objects are
 * {@code Map<String, Object>} (keys in document order), arrays {@code List<Object>}, and then
 * {@code String}, {@code Boolean}, {@code null}, and numbers as {@code Long} when integral and in
 * range, else {@code Double}.
 */
public final class Json {
    /** Nesting beyond this is refused, so that hostile input cannot exhaust the Java stack. */
    private static final int MAX_DEPTH = 512;

    private final String text;
    private int position;

    private Json(String text) {
        this.text = text;
    }

    /**
     * Parses one JSON value spanning all of a text (surrounding whitespace allowed). Nesting
     * deeper than 512 arrays and objects is refused, so hostile input cannot exhaust the stack.
     *
     * @param text the JSON text
     * @return the value, as described in the class comment
     * @throws AoProtocolException the text is not JSON or nests too deeply, saying where
     */
    public static Object parse(String text) {
        Json parser = new Json(text);
        parser.skipWhitespace();
        Object value = parser.value(0);
        parser.skipWhitespace();
        if (parser.position != text.length()) throw parser.error("unexpected text after the value");
        return value;
    }

    /**
     * Writes a value as compact JSON (no whitespace between tokens), keeping maps' iteration order.
     *
     * @param value a value built from maps with string keys, lists, strings, numbers, booleans and null
     * @return the JSON text
     * @throws IllegalArgumentException the value holds something of another kind, a map key that is not
     *                                  a string, or a non-finite number
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case String string -> writeString(string, out);
            case Boolean bool -> out.append(bool);
            case Double number when !Double.isFinite(number) -> throw new IllegalArgumentException("JSON has no " + number);
            case Float number when !Float.isFinite(number) -> throw new IllegalArgumentException("JSON has no " + number);
            case Number number -> out.append(number);
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!(entry.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("JSON object keys are strings, not " + entry.getKey());
                    }
                    if (!first) out.append(',');
                    first = false;
                    writeString(key, out);
                    out.append(':');
                    write(entry.getValue(), out);
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) out.append(',');
                    write(list.get(i), out);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("JSON cannot hold a " + value.getClass().getName());
        }
    }

    private static void writeString(String string, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    // ---- parsing ----

    private Object value(int depth) {
        if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
        if (position >= text.length()) throw error("a value was expected");
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error("unexpected character '" + c + "'");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        position++;
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return object;
        }
        for (;;) {
            skipWhitespace();
            if (peek() != '"') throw error("an object key was expected");
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            object.put(key, value(depth + 1));
            skipWhitespace();
            if (peek() == ',') {
                position++;
            } else {
                expect('}');
                return object;
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> array = new ArrayList<>();
        position++;
        skipWhitespace();
        if (peek() == ']') {
            position++;
            return array;
        }
        for (;;) {
            skipWhitespace();
            array.add(value(depth + 1));
            skipWhitespace();
            if (peek() == ',') {
                position++;
            } else {
                expect(']');
                return array;
            }
        }
    }

    private String string() {
        position++;
        StringBuilder out = new StringBuilder();
        for (;;) {
            if (position >= text.length()) throw error("the string is not terminated");
            char c = text.charAt(position++);
            if (c == '"') return out.toString();
            if (c < 0x20) throw error("a control character must be escaped in a string");
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (position >= text.length()) throw error("the escape is not complete");
            char escaped = text.charAt(position++);
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> throw error("unknown escape \\" + escaped);
            }
        }
    }

    private char unicodeEscape() {
        if (position + 4 > text.length()) throw error("\\u needs four hex digits");
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(position++), 16);
            if (digit < 0) throw error("\\u needs four hex digits");
            code = code * 16 + digit;
        }
        return (char) code;
    }

    private Number number() {
        int start = position;
        if (peek() == '-') position++;
        if (peek() == '0') {
            position++;
        } else if (!digits()) {
            throw error("a digit was expected");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            position++;
            if (!digits()) throw error("a digit was expected after the decimal point");
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            position++;
            if (peek() == '+' || peek() == '-') position++;
            if (!digits()) throw error("a digit was expected in the exponent");
        }
        String literal = text.substring(start, position);
        if (integral) {
            BigInteger exact = new BigInteger(literal);
            if (exact.bitLength() < 64) return exact.longValue();
        }
        return Double.parseDouble(literal);
    }

    private boolean digits() {
        int start = position;
        while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9') position++;
        return position > start;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, position)) throw error("unexpected text");
        position += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) throw error("'" + c + "' was expected");
        position++;
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipWhitespace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            position++;
        }
    }

    private AoProtocolException error(String problem) {
        return new AoProtocolException("invalid JSON at offset " + position + ": " + problem);
    }
}
