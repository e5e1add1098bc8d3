package dev.vecnn.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON (RFC 8259) reader and string writer, enough for safetensors headers, so
 * core needs no dependency. Values map to: object -> {@code LinkedHashMap<String, Object>} (key
 * order kept, duplicate keys refused), array -> {@code List<Object>}, string -> String, integer
 * that fits a long -> Long, other number -> Double, true/false -> Boolean, null -> {@link #NULL}.
 */
public final class Json {
    /** The JSON null value (a real object, so maps and lists never hold Java null). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Nesting deeper than this is refused, which keeps hostile input off the stack limit. */
    public static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON value; surrounding whitespace is allowed, anything else after it is not. */
    public static Object parse(String text) {
        if (text == null) throw new JsonException("no text", 0);
        Json p = new Json(text);
        p.skipWhitespace();
        Object value = p.value(0);
        p.skipWhitespace();
        if (p.pos != text.length()) throw new JsonException("unexpected text after the value", p.pos);
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) throw new JsonException("nesting deeper than " + MAX_DEPTH, pos);
        int c = peek();
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            case -1 -> throw new JsonException("unexpected end of text", pos);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw new JsonException("unexpected character '" + (char) c + "'", pos);
            }
        };
    }

    private Map<String, Object> object(int depth) {
        pos++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') throw new JsonException("expected a string key", pos);
            int keyPos = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object v = value(depth + 1);
            if (map.putIfAbsent(key, v) != null) throw new JsonException("duplicate key \"" + key + "\"", keyPos);
            skipWhitespace();
            int c = peek();
            pos++;
            if (c == '}') return map;
            if (c != ',') throw new JsonException("expected ',' or '}'", pos - 1);
        }
    }

    private List<Object> array(int depth) {
        pos++; // [
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth + 1));
            skipWhitespace();
            int c = peek();
            pos++;
            if (c == ']') return list;
            if (c != ',') throw new JsonException("expected ',' or ']'", pos - 1);
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = peek();
            if (c == -1) throw new JsonException("unterminated string", pos);
            pos++;
            if (c == '"') return sb.toString();
            if (c < 0x20) throw new JsonException("control character in string", pos - 1);
            if (c != '\\') {
                sb.append((char) c);
                continue;
            }
            int e = peek();
            pos++;
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(hex4());
                default -> throw new JsonException("bad escape in string", pos - 1);
            }
        }
    }

    private char hex4() {
        if (pos + 4 > text.length()) throw new JsonException("truncated \\u escape", pos);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) throw new JsonException("bad hex digit in \\u escape", pos + i);
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) pos++;
        } else {
            throw new JsonException("bad number", start);
        }
        boolean integer = true;
        if (peek() == '.') {
            integer = false;
            pos++;
            if (!isDigit(peek())) throw new JsonException("bad number: digits expected after '.'", pos);
            while (isDigit(peek())) pos++;
        }
        if (peek() == 'e' || peek() == 'E') {
            integer = false;
            pos++;
            if (peek() == '+' || peek() == '-') pos++;
            if (!isDigit(peek())) throw new JsonException("bad number: digits expected in exponent", pos);
            while (isDigit(peek())) pos++;
        }
        String s = text.substring(start, pos);
        if (integer) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException tooLarge) {
                // fall through: kept as a double, which callers needing exact integers refuse
            }
        }
        return Double.parseDouble(s);
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) throw new JsonException("unexpected word", pos);
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) throw new JsonException("expected '" + c + "'", pos);
        pos++;
    }

    private int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    /** A number already formatted as a JSON literal (e.g. to a fixed number of digits), written as is. */
    public record Raw(String literal) {}

    /**
     * Compact JSON ({@code ", "} and {@code ": "} separators) of maps, lists, strings, numbers, booleans,
     * {@link Raw} literals and null ({@link #NULL} too); a number that is not finite becomes null.
     */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Object v) {
        if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) sb.append(", ");
                first = false;
                writeString(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                append(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) sb.append(", ");
                append(sb, l.get(i));
            }
            sb.append(']');
        } else if (v instanceof String str) {
            writeString(sb, str);
        } else if (v instanceof Raw raw) {
            sb.append(raw.literal());
        } else if (v instanceof Double d && !Double.isFinite(d) || v instanceof Float f && !Float.isFinite(f)) {
            sb.append("null");
        } else if (v == null || v == NULL) {
            sb.append("null");
        } else {
            sb.append(v);
        }
    }

    /** Appends {@code s} as a JSON string literal. */
    public static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
