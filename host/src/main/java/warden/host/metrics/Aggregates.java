package warden.host.metrics;

import java.time.Duration;

/**
 * Summary of one series over a window. Percentiles are exact over raw samples and within 1 % (relative) over the
 * bucket tiers' sketches; NaN where the data behind them is not available (buckets stored before sketches).
 */
public record Aggregates(
        String source,
        String series,
        long count,
        Duration span,
        double avg,
        double min,
        double max,
        double p50,
        double p95,
        double p99) {

    /** The aggregates of a window without a value: a zero count and NaN everywhere else. */
    public static Aggregates empty(String source, String series) {
        return new Aggregates(
                source,
                series,
                0,
                Duration.ZERO,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN);
    }
}
