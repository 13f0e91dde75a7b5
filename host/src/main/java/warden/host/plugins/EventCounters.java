package warden.host.plugins;

import java.util.Map;

/**
 * The router's counters for one plugin, kept under its id across restarts and reloads.
 *
 * @param delivered events written to the plugin
 * @param handled events whose handler returned normally
 * @param failed events whose handler threw, or that were in flight when the plugin died
 * @param dropped events refused because the plugin was not ready and its queue was full
 * @param queued events waiting to be sent: the plugin is not ready, or its window of unanswered events is full
 * @param latencyP50Millis handler round trip (sent to result), over the last 1024 events
 * @param queueWaitP99Millis how long queued events waited before they were sent, over the last 1024
 * @param custom counters the plugin bumped itself
 * @param timedOut events that got no result within {@code plugins.commandTimeout}; they failed with an error
 */
public record EventCounters(
        long delivered,
        long handled,
        long failed,
        long dropped,
        int queued,
        double latencyP50Millis,
        double latencyP99Millis,
        double queueWaitP99Millis,
        Map<String, Long> custom,
        long timedOut) {}
