package warden.host.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of the merged configuration came from, so a message can point at it: {@code /etc/warden.yaml:12}
 * for a line of the file, {@code environment variable WARDEN_HTTP_PORT} or {@code --data} for an override.
 *
 * <p>Keys are field paths ({@code services[0].restart.policy}). A value the file did not give (a default) is blamed on
 * its nearest ancestor that has an origin, and finally on the file itself.
 */
final class Origins {

    private final String source;
    private final Map<String, String> byPath = new HashMap<>();
    private final Map<String, String> written = new HashMap<>();

    /** {@code source} names the whole file (or the embedded default) when nothing more precise is known. */
    Origins(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    void line(String path, int line) {
        byPath.putIfAbsent(path, source + ":" + line);
    }

    /**
     * The text of a scalar as the file spells it. YAML 1.1 reads {@code yes}, {@code on}, {@code 0x10} and {@code
     * 1.50} as a boolean or a number; where the config wants text (a command argument, an id, an env value) the
     * {@link Completer} puts back what was written instead of {@code true} or {@code 16}.
     */
    void written(String path, String text) {
        written.put(path, text);
    }

    /** What the file wrote at {@code path}, or null when that value did not come from a scalar of the file. */
    String writtenAt(String path) {
        return written.get(path);
    }

    /** An override replaces whatever the file said at {@code path} and below. */
    void override(String path, String origin) {
        byPath.keySet().removeIf(p -> within(p, path));
        written.keySet().removeIf(p -> within(p, path));
        byPath.put(path, origin);
    }

    private static boolean within(String p, String path) {
        return p.equals(path) || p.startsWith(path + ".") || p.startsWith(path + "[");
    }

    String of(String path) {
        String p = path;
        while (!p.isEmpty()) {
            String found = byPath.get(p);
            if (found != null) {
                return found;
            }
            p = parent(p);
        }
        return source;
    }

    /** {@code services[0].stop} → {@code services[0]} → {@code services} → empty. */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String element(String path, int index) {
        return path + "[" + index + "]";
    }
}
