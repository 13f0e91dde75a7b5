package warden.runner;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runner's JSON reader, for frames of a handful of flat fields: objects as maps, arrays as lists, strings, longs,
 * doubles, booleans and nulls ({@link JsonWriter} writes them). Written here rather than taken from Jackson's streaming
 * core, which a plugin JVM spent about 6 ms and 66 classes on before its first frame (its factory builds symbol tables
 * and buffer pools). Strict as RFC 8259: no comments, no leading zeros, no raw control characters in strings.
 */
final class JsonReader {

    private final String s;
    private int i;

    private JsonReader(String s) {
        this.s = s;
    }

    /** The JSON object in {@code line}; throws for anything else, or anything after it but white space. */
    static Map<String, Object> parseObject(String line) throws IOException {
        JsonReader p = new JsonReader(line);
        p.skipSpace();
        if (p.peek() != '{') {
            throw new IOException("not a JSON object");
        }
        Map<String, Object> map = p.object();
        p.skipSpace();
        if (p.i < line.length()) {
            throw p.error("content after the object");
        }
        return map;
    }

    private Map<String, Object> object() throws IOException {
        i++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            i++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("a field name");
            }
            String name = string();
            skipSpace();
            expect(':');
            map.put(name, value());
            skipSpace();
            if (peek() == ',') {
                i++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    private List<Object> array() throws IOException {
        i++; // [
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            i++;
            return list;
        }
        while (true) {
            list.add(value());
            skipSpace();
            if (peek() == ',') {
                i++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private Object value() throws IOException {
        skipSpace();
        char c = peek();
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("a value");
            }
        };
    }

    private String string() throws IOException {
        i++; // "
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw error("the end of a string");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw error("no control character in a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = i < s.length() ? s.charAt(i++) : 0;
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw error("four hex digits");
                    }
                    try {
                        b.append((char) Integer.parseInt(s, i, i + 4, 16));
                    } catch (NumberFormatException x) {
                        throw error("four hex digits");
                    }
                    i += 4;
                }
                default -> throw error("an escape");
            }
        }
    }

    private Object number() throws IOException {
        int start = i;
        if (peek() == '-') {
            i++;
        }
        int intStart = i;
        digits();
        if (i - intStart > 1 && s.charAt(intStart) == '0') {
            throw error("no leading zero");
        }
        boolean integer = true;
        if (peek() == '.') {
            i++;
            digits();
            integer = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            i++;
            if (peek() == '+' || peek() == '-') {
                i++;
            }
            digits();
            integer = false;
        }
        String text = s.substring(start, i);
        try {
            return integer ? (Object) Long.parseLong(text) : (Object) Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw error("a number in range");
        }
    }

    private void digits() throws IOException {
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == start) {
            throw error("a digit");
        }
    }

    private Object literal(String word, Object value) throws IOException {
        if (!s.startsWith(word, i)) {
            throw error(word);
        }
        i += word.length();
        return value;
    }

    private void expect(char c) throws IOException {
        if (peek() != c) {
            throw error("'" + c + "'");
        }
        i++;
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : 0;
    }

    private void skipSpace() {
        while (i < s.length()
                && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
            i++;
        }
    }

    private IOException error(String expected) {
        return new IOException("bad JSON at character " + i + ": expected " + expected);
    }
}
