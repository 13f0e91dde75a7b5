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

    /** An override replaces whatever the file said at {@code path} and below. */
    void override(String path, String origin) {
        byPath.keySet().removeIf(p -> p.equals(path) || p.startsWith(path + ".") || p.startsWith(path + "["));
        byPath.put(path, origin);
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
