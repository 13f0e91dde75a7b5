package warden.host.metrics;

import java.time.Duration;

/**
 * The host at a glance.
 *
 * @param eventsTotal events delivered to plugins, summed over children: the sum of their own counters
 * @param totalRssBytes resident memory of every child and the host
 */
public record SystemSummary(
        Duration hostUptime,
        int childrenTotal,
        int running,
        int crashed,
        int failed,
        long eventsTotal,
        long totalRssBytes) {}
