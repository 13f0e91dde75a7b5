package warden.runner;

import java.util.List;
import java.util.Map;

/**
 * Writes the runner's frames as JSON ({@link JsonReader} reads them), exactly as Jackson's generator wrote them before: only
 * {@code "}, {@code \} and control characters escaped, every other character as it is, numbers as Java prints them.
 */
final class JsonWriter {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonWriter() {}

    /** Appends {@code v} (a map, list, string, number, boolean or null; anything else as its string) to {@code out}. */
    static void write(Object v, StringBuilder out) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Map<?, ?> m) {
            out.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.append(sep);
                string(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out);
                sep = ",";
            }
            out.append('}');
        } else if (v instanceof List<?> l) {
            out.append('[');
            for (int k = 0; k < l.size(); k++) {
                out.append(k == 0 ? "" : ",");
                write(l.get(k), out);
            }
            out.append(']');
        } else if (v instanceof Integer || v instanceof Long || v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                out.append(d);
            } else {
                string(Double.toString(d), out); // as Jackson: NaN and infinities are no JSON numbers
            }
        } else {
            string(String.valueOf(v), out);
        }
    }

    private static void string(String v, StringBuilder out) {
        out.append('"');
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
