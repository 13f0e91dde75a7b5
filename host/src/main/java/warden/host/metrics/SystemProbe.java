package warden.host.metrics;

import java.io.IOException;
import java.util.Map;

/**
 * Reads the machine as a whole for the {@code "system"} source: {@code cpu} (share of ALL cores, 0–100), {@code
 * cores}, {@code memUsedBytes}, {@code memTotalBytes}, {@code load1}, {@code netInBytesPerSec}, {@code
 * netOutBytesPerSec}, and per filesystem {@code disk.usedBytes:<mount>} and {@code disk.totalBytes:<mount>}.
 *
 * <p>Rates need two reads, so the first read has none. Used by the sampler thread only.
 */
interface SystemProbe {

    /** Adds the current values to {@code out}; {@code slow} asks also for the costly ones (filesystems). */
    void read(Map<String, Double> out, boolean slow) throws IOException;

    /**
     * The cumulative counters behind the rates, as of the last {@link #read}: {@code netReceivedBytes} and {@code
     * netSentBytes}. Exporters want these (a scraper computes its own rates); the sampled series keep the rates.
     */
    default Map<String, Double> counters() {
        return Map.of();
    }

    /** Releases what the probe holds open. */
    default void close() {}
}
