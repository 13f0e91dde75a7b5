package warden.host.config;

import java.time.Duration;

/**
 * Where the metrics go besides the dashboard: the Prometheus scrape on {@code /metrics} (on by default) and an
 * InfluxDB push (off by default). {@code http.metricsPublic} says who may scrape.
 *
 * @param prometheus false: no {@code /metrics} route
 * @param influx the push to InfluxDB 1.x or 2.x
 */
public record ExportConfig(boolean prometheus, Influx influx) {

    public static final ExportConfig DEFAULT = new ExportConfig(true, Influx.DEFAULT);

    public ExportConfig {
        influx = influx == null ? Influx.DEFAULT : influx;
    }

    public enum InfluxVersion {
        V1,
        V2
    }

    /**
     * The InfluxDB push. Version 1 writes to {@code db} (with {@code username}/{@code password} when set), into the
     * retention policy {@code raw} when {@code retention} is on; version 2 writes to {@code bucket} of {@code org} with
     * {@code token}.
     *
     * @param url the server's base URL, e.g. {@code http://127.0.0.1:8086}
     * @param step how often the meters are pushed
     * @param retention v1 only: create the database, the retention policies {@code raw}, {@code hourly} and {@code
     *     daily} and the continuous queries that fill the last two, before the first push
     * @param tokenEnv the environment variable holding {@code token}, so the file holds no secret
     * @param passwordEnv the environment variable holding {@code password}
     * @param host the {@code host} tag on every point, so several hosts can share one database; null: the machine's
     *     host name
     */
    public record Influx(
            boolean enabled,
            String url,
            InfluxVersion version,
            Duration step,
            String db,
            String username,
            String password,
            String passwordEnv,
            String org,
            String bucket,
            String token,
            String tokenEnv,
            boolean retention,
            Duration rawRetention,
            Duration hourlyRetention,
            Duration dailyRetention,
            String host) {

        public static final Influx DEFAULT = new Influx(
                false,
                "http://127.0.0.1:8086",
                InfluxVersion.V1,
                Duration.ofSeconds(10),
                "warden",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                Duration.ofDays(7),
                Duration.ofDays(30),
                Duration.ofDays(90),
                null);
    }
}
