package warden.host.metrics;

import java.time.Duration;

/** R17: the host at a glance. */
public record SystemSummary(
        Duration hostUptime,
        int childrenTotal,
        int running,
        int crashed,
        int failed,
        long eventsTotal,
        long totalRssBytes) {}
