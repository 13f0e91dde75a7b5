package warden.host.metrics;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds samples into one-minute and one-hour buckets (count, min, max, avg and a percentile sketch per series) as
 * they arrive.
 *
 * <p>Only finished buckets are handed out for persisting, so a persisted bucket is never partial. After a restart the
 * open ones are rebuilt from the raw tier ({@link #resume}), which is why raw retention must exceed an hour. Each
 * series of an open bucket feeds its own {@link Sketches} sketch, so the hour tier's percentiles come from the
 * samples, not from merged minutes. Owned by the host context.
 */
final class Rollup {

    static final int MINUTE = 1;
    static final int HOUR = 2;

    /**
     * A finished bucket; {@code stats}: series → {count, min, max, avg}; {@code sketches}: series → its values (read
     * back from SQLite only for the series a query asks for).
     */
    record Closed(
            int tier, String source, long startMillis, Map<String, double[]> stats, Map<String, DDSketch> sketches) {}

    private static final class Open {
        final long start;
        final Map<String, double[]> acc = new LinkedHashMap<>(); // count, min, max, sum
        final Map<String, DDSketch> sketches = new HashMap<>();

        Open(long start) {
            this.start = start;
        }
    }

    private final Map<Integer, Map<String, Open>> open = Map.of(MINUTE, new HashMap<>(), HOUR, new HashMap<>());
    private final Map<Integer, Map<String, Long>> persistedUntil =
            Map.of(MINUTE, new HashMap<>(), HOUR, new HashMap<>());
    private final List<Closed> finished = new ArrayList<>();

    static long bucketMillis(int tier) {
        return tier == MINUTE ? 60_000L : 3_600_000L;
    }

    /** Samples of {@code source} before {@code endMillis} are already in persisted buckets of {@code tier}. */
    void resume(int tier, String source, long endMillis) {
        persistedUntil.get(tier).put(source, endMillis);
    }

    void add(String source, long at, Map<String, Double> values) {
        for (int tier : new int[] {MINUTE, HOUR}) {
            if (at < persistedUntil.get(tier).getOrDefault(source, Long.MIN_VALUE)) {
                continue;
            }
            long size = bucketMillis(tier);
            long start = Math.floorDiv(at, size) * size;
            Map<String, Open> byTier = open.get(tier);
            Open o = byTier.get(source);
            if (o != null && o.start != start) {
                finish(tier, source, o);
                o = null;
            }
            if (o == null) {
                o = new Open(start);
                byTier.put(source, o);
            }
            for (Map.Entry<String, Double> e : values.entrySet()) {
                double v = e.getValue();
                double[] a = o.acc.get(e.getKey());
                if (Double.isFinite(v)) { // a sketch has no bin for infinity
                    o.sketches
                            .computeIfAbsent(e.getKey(), k -> Sketches.empty())
                            .accept(v);
                }
                if (a == null) {
                    o.acc.put(e.getKey(), new double[] {1, v, v, v});
                } else {
                    a[0]++;
                    a[1] = Math.min(a[1], v);
                    a[2] = Math.max(a[2], v);
                    a[3] += v;
                }
            }
        }
    }

    /** Hands out every bucket finished by a later sample or by the clock passing its end. */
    List<Closed> takeFinished(long nowMillis) {
        for (int tier : new int[] {MINUTE, HOUR}) {
            for (Iterator<Map.Entry<String, Open>> it =
                            open.get(tier).entrySet().iterator();
                    it.hasNext(); ) {
                Map.Entry<String, Open> e = it.next();
                if (e.getValue().start + bucketMillis(tier) <= nowMillis) {
                    finish(tier, e.getKey(), e.getValue());
                    it.remove();
                }
            }
        }
        List<Closed> out = new ArrayList<>(finished);
        finished.clear();
        return out;
    }

    private void finish(int tier, String source, Open o) {
        if (o.acc.isEmpty()) {
            return; // only gaps: nothing to keep
        }
        Map<String, double[]> stats = new LinkedHashMap<>();
        o.acc.forEach((k, a) -> stats.put(k, new double[] {a[0], a[1], a[2], a[3] / a[0]}));
        finished.add(new Closed(tier, source, o.start, stats, o.sketches));
    }
}
