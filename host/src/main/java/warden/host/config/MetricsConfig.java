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

    public static final MetricsConfig DEFAULT = new MetricsConfig(Duration.ofSeconds(5), Duration.ofHours(1));

    /** Default tiers: raw 24 h, one-minute buckets for 7 d, one-hour buckets for 90 d. */
    public MetricsConfig(Duration interval, Duration history) {
        this(interval, history, Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(90));
    }

    public MetricsConfig {
        interval = interval == null ? Duration.ofSeconds(5) : interval;
        history = history == null ? Duration.ofHours(1) : history;
        rawRetention = rawRetention == null ? Duration.ofHours(24) : rawRetention;
        minuteRetention = minuteRetention == null ? Duration.ofDays(7) : minuteRetention;
        hourRetention = hourRetention == null ? Duration.ofDays(90) : hourRetention;
        if (interval.isNegative() || (!interval.isZero() && interval.compareTo(Duration.ofSeconds(1)) < 0)) {
            throw new IllegalArgumentException("metrics.interval must be 0 (off) or at least 1s, got " + interval);
        }
        if (history.isNegative() || history.isZero()) {
            throw new IllegalArgumentException("metrics.history must be positive, got " + history);
        }
    }
}
