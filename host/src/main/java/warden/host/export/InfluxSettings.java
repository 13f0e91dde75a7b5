package warden.host.export;

import io.micrometer.influx.InfluxConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import warden.host.config.ExportConfig;

/**
 * Warden's {@code export.influx} section as Micrometer's {@link InfluxConfig}: one map of Micrometer's own property
 * names ({@code influx.db}, …), which Micrometer parses and validates, instead of a getter override per property. The
 * secrets are resolved here, from the file or the environment variable it names.
 */
final class InfluxSettings {

    private InfluxSettings() {}

    static InfluxConfig of(ExportConfig.Influx c, Map<String, String> env) {
        boolean v2 = c.version() == ExportConfig.InfluxVersion.V2;
        Map<String, String> p = new HashMap<>();
        p.put("influx.uri", c.url());
        p.put("influx.step", c.step().toMillis() + "ms");
        p.put("influx.apiVersion", v2 ? "V2" : "V1");
        p.put("influx.db", c.db());
        p.put("influx.userName", c.username());
        p.put("influx.password", password(c, env));
        p.put("influx.retentionPolicy", c.retention() ? "raw" : null);
        // With retention on, InfluxRetention creates the database (and its policies) before the first push.
        p.put("influx.autoCreateDb", String.valueOf(!v2 && !c.retention()));
        p.put("influx.org", c.org());
        p.put("influx.bucket", c.bucket());
        if (v2) {
            p.put("influx.token", required(c.token(), c.tokenEnv(), "token", env));
        }
        return p::get;
    }

    /** The configured password (or the variable {@code passwordEnv} names), or null. */
    static String password(ExportConfig.Influx c, Map<String, String> env) {
        return secret(c.password(), c.passwordEnv(), env);
    }

    /**
     * The {@code host} tag: the configured one, else the kernel's host name (read from /proc, so no DNS look-up on the
     * event loop), else Java's.
     */
    static String host(ExportConfig.Influx c) {
        if (c.host() != null && !c.host().isBlank()) {
            return c.host();
        }
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                return Files.readString(kernel).strip();
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /**
     * A secret InfluxDB 2 cannot work without: a {@code tokenEnv} naming a variable that is unset or blank fails the
     * start with the field's name, not later as a 401 on every push.
     */
    private static String required(String value, String variable, String field, Map<String, String> env) {
        String secret = secret(value, variable, env);
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("export.influx." + field + "Env names " + variable
                    + ", which is not set or blank; set it, or put export.influx." + field + " in the file");
        }
        return secret;
    }

    private static String secret(String value, String variable, Map<String, String> env) {
        if (value != null && !value.isBlank()) {
            return value;
        }
        return variable == null ? null : env.get(variable);
    }
}
