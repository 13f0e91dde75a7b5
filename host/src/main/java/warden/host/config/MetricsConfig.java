package warden.host.config;

import java.time.Duration;

/**
 * The sampler, the in-memory history it keeps and the long-term tiers in SQLite.
 *
 * @param interval time between samples; zero disables sampling, otherwise at least one second
 * @param history how long the in-memory rolling window per series is
 * @param rawRetention how long every raw sample stays in SQLite (exact aggregates, percentiles included)
 * @param minuteRetention how long one-minute buckets (count, min, max, avg) stay
 * @param hourRetention how long one-hour buckets stay
 */
public record MetricsConfig(
        Duration interval, Duration history, Duration rawRetention, Duration minuteRetention, Duration hourRetention) {

    /** Every default, said once: a sample every 5 s, 1 h in memory; raw 24 h, minutes 7 d, hours 90 d in SQLite. */
    public static final MetricsConfig DEFAULT = new MetricsConfig(
            Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(90));

    public MetricsConfig {
        // Null means "the default" for code that builds a config by hand; the loader never passes null.
        interval = interval == null ? DEFAULT.interval() : interval;
        history = history == null ? DEFAULT.history() : history;
        rawRetention = rawRetention == null ? DEFAULT.rawRetention() : rawRetention;
        minuteRetention = minuteRetention == null ? DEFAULT.minuteRetention() : minuteRetention;
        hourRetention = hourRetention == null ? DEFAULT.hourRetention() : hourRetention;
    }

    /** The default tiers with this sampling {@code interval} and in-memory {@code history}. */
    public static MetricsConfig sampling(Duration interval, Duration history) {
        return new MetricsConfig(
                interval, history, DEFAULT.rawRetention(), DEFAULT.minuteRetention(), DEFAULT.hourRetention());
    }
}
