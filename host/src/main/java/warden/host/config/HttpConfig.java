package warden.host.config;

import java.util.Map;

/**
 * The dashboard and API listener.
 *
 * @param adminToken null: taken from {@code WARDEN_ADMIN_TOKEN}, else generated on first start and kept in the data
 *     dir
 * @param metricsPublic true: {@code /metrics} answers without the bearer token (for a Prometheus that cannot send one);
 *     the listener should then stay on loopback
 * @param httpMetrics false: the host's own HTTP timings are not recorded (the dashboard's API panel is empty)
 * @param thresholds colour bands of the dashboard's badges for every child
 * @param childThresholds overrides of {@code thresholds} per child id, shown as customised
 */
public record HttpConfig(
        String host,
        int port,
        String adminToken,
        boolean metricsPublic,
        boolean httpMetrics,
        Thresholds thresholds,
        Map<String, Thresholds> childThresholds) {

    /** Every default of the section, said once: the loader fills a key left out from here, as does the constructor. */
    public static final HttpConfig DEFAULT =
            new HttpConfig("127.0.0.1", 8080, null, false, true, Thresholds.DEFAULT, Map.of());

    public HttpConfig {
        // Null means "the default" for code that builds a config by hand; the loader never passes null.
        host = host == null ? DEFAULT.host() : host;
        thresholds = thresholds == null ? DEFAULT.thresholds() : thresholds;
        childThresholds = childThresholds == null ? Map.of() : Map.copyOf(childThresholds);
    }

    /** The default section listening on {@code host:port} with {@code adminToken}. */
    public static HttpConfig listening(String host, int port, String adminToken) {
        return new HttpConfig(
                host,
                port,
                adminToken,
                DEFAULT.metricsPublic(),
                DEFAULT.httpMetrics(),
                DEFAULT.thresholds(),
                DEFAULT.childThresholds());
    }

    /**
     * Where a badge turns yellow and red, in percent (CPU: of one core; memory: of the machine's memory).
     *
     * @param warnPercent at or above: yellow
     * @param critPercent above: red
     */
    public record Thresholds(double warnPercent, double critPercent) {

        public static final Thresholds DEFAULT = new Thresholds(70, 85);

        public Thresholds {
            if (warnPercent < 0 || critPercent < warnPercent) {
                throw new IllegalArgumentException(
                        "thresholds need 0 <= warn <= crit, got " + warnPercent + "/" + critPercent);
            }
        }
    }
}
