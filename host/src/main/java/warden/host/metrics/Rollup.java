package warden.host.metrics;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds samples into one-minute and one-hour buckets (count, min, max, avg per series, and a percentile sketch per
 * series of a minute) as they arrive.
 *
 * <p>Only finished buckets are handed out for persisting, so a persisted bucket is never partial. After a restart the
 * open ones are rebuilt from the raw tier ({@link #resume}), which is why raw retention must exceed an hour.
 *
 * <p>Sketches cost memory (a DDSketch holds a count per bin), so an open bucket holds as few as give the same answers:
 * an hour holds none (its sketches are merged from its stored minutes when it is written, see {@link BucketTier}), and
 * a minute makes one for a series only once the series takes a second value. Until then min and max say everything:
 * most series of a quiet child (pid, threads, open files, restarts, I/O rates at 0) never need one. Owned by the host
 * context.
 */
final class Rollup {

    static final int MINUTE = 1;
    static final int HOUR = 2;

    /**
     * A finished bucket; {@code stats}: series → {count, min, max, avg}; {@code sketches}: series → its values, for the
     * series that varied (read back from SQLite only for the series a query asks for; empty for an hour handed out
     * here).
     */
    record Closed(
            int tier, String source, long startMillis, Map<String, double[]> stats, Map<String, DDSketch> sketches) {}

    private static final class Open {
        final long start;
        final Map<String, double[]> acc = new LinkedHashMap<>(); // count, min, max, sum
        final Map<String, DDSketch> sketches;

        Open(long start, boolean sketched) {
            this.start = start;
            this.sketches = sketched ? new HashMap<>(4) : null;
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
                o = new Open(start, tier == MINUTE);
                byTier.put(source, o);
            }
            for (Map.Entry<String, Double> e : values.entrySet()) {
                double v = e.getValue();
                double[] a = o.acc.get(e.getKey());
                if (o.sketches != null && a != null) {
                    sketch(o.sketches, e.getKey(), a, v);
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

    /**
     * Feeds {@code v} to the series' sketch, making it when {@code v} is the series' first different value: then every
     * value before was {@code a}'s min, {@code a}'s count times. Infinities have no bin and are left out.
     */
    private static void sketch(Map<String, DDSketch> sketches, String series, double[] a, double v) {
        DDSketch sketch = sketches.get(series);
        if (sketch == null) {
            if (v == a[1] && v == a[2]) {
                return;
            }
            sketch = Sketches.empty();
            if (Double.isFinite(a[1])) {
                sketch.accept(a[1], a[0]);
            }
            sketches.put(series, sketch);
        }
        if (Double.isFinite(v)) {
            sketch.accept(v);
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
        finished.add(new Closed(tier, source, o.start, stats, o.sketches == null ? Map.of() : o.sketches));
    }
}
