package warden.host.plugins;

import java.util.Map;

/**
 * The router's counters for one plugin, kept under its id across restarts and reloads.
 *
 * @param queued events waiting while the plugin is not ready
 * @param custom counters the plugin bumped itself
 */
public record EventCounters(
        long delivered,
        long handled,
        long failed,
        long dropped,
        int queued,
        double latencyP50Millis,
        double latencyP99Millis,
        Map<String, Long> custom) {}
