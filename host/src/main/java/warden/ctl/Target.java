package warden.ctl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which host {@code warden ctl} talks to and with which token. Each comes from the first of: the option ({@code
 * --url}, {@code --token}), the environment ({@code WARDEN_URL}, {@code WARDEN_TOKEN}, then the host's own {@code
 * WARDEN_ADMIN_TOKEN}), and the data dir of a host on this machine, found as the host finds it ({@code --data}, {@code
 * WARDEN_DATA_DIR}, {@code ./warden-data}): {@code run/endpoint}, which a running host writes, and {@code
 * admin-token}.
 */
record Target(String url, String token) {

    /** Where a running host writes its address, relative to its data dir. */
    static final String ENDPOINT = "run/endpoint";

    static final String TOKEN_FILE = "admin-token";

    static Target resolve(String url, String token, Path data, Map<String, String> env) {
        Path dir = dataDir(data, env);
        String u = first(url, env.get("WARDEN_URL"));
        if (u == null) {
            u = read(
                    dir.resolve(ENDPOINT),
                    "no host is running with the data dir " + dir + " (it writes " + ENDPOINT
                            + " there while it runs); give --data DIR, or --url for another host");
        }
        String t = first(token, env.get("WARDEN_TOKEN"), env.get("WARDEN_ADMIN_TOKEN"));
        if (t == null) {
            t = read(
                    dir.resolve(TOKEN_FILE), "no admin token: give --token or WARDEN_TOKEN, or --data DIR of the host");
        }
        return new Target(u.endsWith("/") ? u.substring(0, u.length() - 1) : u, t);
    }

    static Path dataDir(Path data, Map<String, String> env) {
        if (data != null) {
            return data;
        }
        String fromEnv = env.get("WARDEN_DATA_DIR");
        return Path.of(fromEnv != null && !fromEnv.isBlank() ? fromEnv : "warden-data");
    }

    private static String read(Path file, String missing) {
        try {
            String text = Files.readString(file).strip();
            if (text.isEmpty()) {
                throw new CtlException(CtlException.UNREACHABLE, file + " is empty; " + missing);
            }
            return text;
        } catch (NoSuchFileException e) {
            throw new CtlException(CtlException.UNREACHABLE, missing);
        } catch (IOException e) {
            throw new CtlException(CtlException.UNREACHABLE, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Target[" + url + ", token ****]";
    }
}
