package warden.host.metrics;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import warden.host.config.MetricsConfig;

/**
 * What the metrics keep in memory between writes: one rolling window per source (the {@link MetricsService.Tier#MEMORY}
 * tier) and the open minute and hour buckets of the {@link Rollup}. One class because a live tick and the reload on
 * start must feed both the same way; otherwise a host restart would leave the windows and the buckets disagreeing.
 * Confined to the host context.
 */
final class MemoryTier {

    private final Map<String, SourceWindow> windows = new LinkedHashMap<>();
    private final Rollup rollup = new Rollup();
    private final int capacity;

    MemoryTier(MetricsConfig config) {
        Duration interval = config.interval().isZero() ? Duration.ofSeconds(5) : config.interval();
        this.capacity = (int) Math.min(10_000_000, config.history().toMillis() / interval.toMillis() + 1);
    }

    /** A live sample: into its source's window and its open buckets. */
    void add(String source, long at, Map<String, Double> values) {
        window(source).add(at, values);
        rollup.add(source, at, values);
    }

    /**
     * Samples read back from the raw tier, oldest first: all into the open buckets (which may have started before the
     * window does), into the window only from {@code windowFrom} on.
     */
    void reload(String source, List<Sample> samples, long windowFrom) {
        for (Sample s : samples) {
            long at = s.at().toEpochMilli();
            rollup.add(source, at, s.values());
            if (at >= windowFrom) {
                window(source).add(at, s.values());
            }
        }
    }

    /** Samples of {@code source} before {@code endMillis} are already in stored buckets of {@code tier}: not again. */
    void resume(int tier, String source, long endMillis) {
        rollup.resume(tier, source, endMillis);
    }

    /** Every bucket finished by a later sample or by the clock passing its end, handed out once to be written. */
    List<Rollup.Closed> takeFinished(long nowMillis) {
        return rollup.takeFinished(nowMillis);
    }

    /** A read-only live view of the windows, for {@link Queries}. */
    Map<String, SourceWindow> windows() {
        return Collections.unmodifiableMap(windows);
    }

    /** Every source with a window, in the order they first appeared. */
    List<String> sources() {
        return List.copyOf(windows.keySet());
    }

    private SourceWindow window(String source) {
        return windows.computeIfAbsent(source, s -> new SourceWindow(capacity));
    }
}
