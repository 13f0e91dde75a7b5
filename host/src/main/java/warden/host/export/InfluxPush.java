package warden.host.export;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.influx.InfluxApiVersion;
import io.micrometer.influx.InfluxConfig;
import io.micrometer.influx.InfluxMeterRegistry;
import java.time.Duration;
import java.util.Map;
import warden.host.config.ExportConfig;

/**
 * The InfluxDB registry beside Prometheus's: added to the host's composite, it gets every meter already there and every
 * one registered later, and pushes them each {@code step} on its own thread. (Enabling Influx in the Vert.x metrics
 * options instead would replace the Prometheus registry, not add to it.)
 */
final class InfluxPush {

    private final CompositeMeterRegistry composite;
    private final InfluxMeterRegistry registry;

    InfluxPush(CompositeMeterRegistry composite, ExportConfig.Influx config, Map<String, String> env) {
        this.composite = composite;
        this.registry = InfluxMeterRegistry.builder(settings(config, env))
                .clock(Clock.SYSTEM)
                .build();
        composite.add(registry);
    }

    /** The configured password (or the variable {@code passwordEnv} names), or null. */
    static String password(ExportConfig.Influx config, Map<String, String> env) {
        return secret(config.password(), config.passwordEnv(), env);
    }

    /** Pushes what is left and stops the push thread. */
    void close() {
        composite.remove(registry);
        registry.close();
    }

    private static InfluxConfig settings(ExportConfig.Influx c, Map<String, String> env) {
        boolean v2 = c.version() == ExportConfig.InfluxVersion.V2;
        String token = secret(c.token(), c.tokenEnv(), env);
        String password = password(c, env);
        return new InfluxConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public String uri() {
                return c.url();
            }

            @Override
            public Duration step() {
                return c.step();
            }

            @Override
            public InfluxApiVersion apiVersion() {
                return v2 ? InfluxApiVersion.V2 : InfluxApiVersion.V1;
            }

            @Override
            public String db() {
                return c.db();
            }

            @Override
            public String userName() {
                return c.username();
            }

            @Override
            public String password() {
                return password;
            }

            @Override
            public String retentionPolicy() {
                return c.retention() ? "raw" : null;
            }

            @Override
            public boolean autoCreateDb() {
                return !v2 && !c.retention();
            }

            @Override
            public String org() {
                return c.org();
            }

            @Override
            public String bucket() {
                return c.bucket();
            }

            @Override
            public String token() {
                return token;
            }
        };
    }

    private static String secret(String value, String variable, Map<String, String> env) {
        if (value != null && !value.isBlank()) {
            return value;
        }
        return variable == null ? null : env.get(variable);
    }
}
