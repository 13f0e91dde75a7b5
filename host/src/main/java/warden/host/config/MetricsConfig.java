package warden.host.config;

import java.time.Duration;

/**
 * The sampler and the history it keeps.
 *
 * @param interval time between samples; zero disables sampling
 * @param history how long the in-memory rolling window per series is
 */
public record MetricsConfig(Duration interval, Duration history) {

    public static final MetricsConfig DEFAULT = new MetricsConfig(Duration.ofSeconds(5), Duration.ofHours(1));
}
