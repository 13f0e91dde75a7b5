package warden.host.metrics;

import java.util.Map;

/**
 * Turns the host's cumulative network byte counters into per-second rates between two reads; shared by both system
 * probes. The first read only remembers the counters, and a counter that went backwards (an interface removed) counts
 * as zero rather than negative.
 */
final class NetworkRates {

    private long previousIn = -1;
    private long previousOut = -1;
    private long previousNanos;
    private long received = -1;
    private long sent = -1;

    /** The counters of the last {@link #put}, as they are (they fall when an interface goes); empty before it. */
    Map<String, Double> totals() {
        return received < 0 ? Map.of() : Map.of("netReceivedBytes", (double) received, "netSentBytes", (double) sent);
    }

    /** Puts {@code netInBytesPerSec} and {@code netOutBytesPerSec} into {@code out}, from the second call on. */
    void put(long inBytes, long outBytes, Map<String, Double> out) {
        received = inBytes;
        sent = outBytes;
        long now = System.nanoTime();
        if (previousIn >= 0 && now > previousNanos) {
            double seconds = (now - previousNanos) / 1e9;
            out.put("netInBytesPerSec", Math.max(0, inBytes - previousIn) / seconds);
            out.put("netOutBytesPerSec", Math.max(0, outBytes - previousOut) / seconds);
        }
        previousIn = inBytes;
        previousOut = outBytes;
        previousNanos = now;
    }
}
