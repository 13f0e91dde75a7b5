package warden.host.metrics;

import java.time.Duration;

/**
 * Summary of one series over a window. Percentiles are NaN where the data behind them is not available (e.g. a tier
 * that keeps only min/max/avg).
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
        double p99) {}
