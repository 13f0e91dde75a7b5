package warden.host.plugins;

import java.util.Arrays;

/**
 * The last {@value #SIZE} durations of one kind (handler latency, queue wait) for percentiles. A fixed ring: memory
 * stays constant however many events pass, and percentiles describe recent behaviour rather than the whole life.
 *
 * <p>Owned by the host context, like the {@link PluginSlot} that holds it.
 */
final class LatencyWindow {

    static final int SIZE = 1024;

    private final long[] nanos = new long[SIZE];
    private int count;
    private int next;

    void add(long durationNanos) {
        nanos[next] = durationNanos;
        next = (next + 1) % SIZE;
        count = Math.min(count + 1, SIZE);
    }

    /** The {@code p}-th percentile (0..100) in milliseconds by nearest rank; 0 when nothing was recorded yet. */
    double percentileMillis(double p) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1_000_000.0;
    }
}
