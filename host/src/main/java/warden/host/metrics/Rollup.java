package warden.host.metrics;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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

    /**
     * One open bucket. Series are kept in arrays in the order they first came, with their count, min, max and sum side
     * by side: a tick touches a few cache lines per source instead of a map node and an array per series, and after a
     * second of idling nothing of it is in the cache any more (issue 16).
     */
    private static final class Open {
        final long start;
        String[] names = new String[16];
        double[] acc = new double[64]; // per series: count, min, max, sum
        DDSketch[] sketches; // minute only, by slot; null for a series that did not vary yet
        int size;

        Open(long start, boolean sketched) {
            this.start = start;
            this.sketches = sketched ? new DDSketch[0] : null;
        }
    }

    /** A source's open buckets and where its persisted ones end. */
    private static final class SourceBuckets {
        final Open[] open = new Open[2];
        final long[] persistedUntil = {Long.MIN_VALUE, Long.MIN_VALUE};
    }

    private final Map<String, SourceBuckets> sources = new HashMap<>();
    private final List<Closed> finished = new ArrayList<>();
    /** The bucket {@link #add} is folding a sample into, and the series slot expected next. */
    private Open folding;

    private int hint;

    static long bucketMillis(int tier) {
        return tier == MINUTE ? 60_000L : 3_600_000L;
    }

    /** Samples of {@code source} before {@code endMillis} are already in persisted buckets of {@code tier}. */
    void resume(int tier, String source, long endMillis) {
        buckets(source).persistedUntil[tier - 1] = endMillis;
    }

    void add(String source, long at, Map<String, Double> values) {
        SourceBuckets b = buckets(source);
        for (int tier = MINUTE; tier <= HOUR; tier++) {
            if (at < b.persistedUntil[tier - 1]) {
                continue;
            }
            long size = bucketMillis(tier);
            long start = Math.floorDiv(at, size) * size;
            Open o = b.open[tier - 1];
            if (o != null && o.start != start) {
                finish(tier, source, o);
                o = null;
            }
            if (o == null) {
                o = new Open(start, tier == MINUTE);
                b.open[tier - 1] = o;
            }
            folding = o;
            hint = 0;
            // forEach, not an entry loop: over a read-only view (what samples hold) that allocates a wrapper per
            // entry under C1, which has no escape analysis.
            values.forEach(this::fold);
        }
        folding = null;
    }

    /** One value into the bucket being added to, {@link #folding}. */
    private void fold(String series, Double value) {
        Open o = folding;
        double v = value;
        int i = indexOf(o, series, hint);
        hint = i + 1;
        int a = i * 4;
        if (o.acc[a] == 0) {
            o.acc[a] = 1;
            o.acc[a + 1] = v;
            o.acc[a + 2] = v;
            o.acc[a + 3] = v;
            return;
        }
        if (o.sketches != null) {
            sketch(o, i, v);
        }
        o.acc[a]++;
        o.acc[a + 1] = Math.min(o.acc[a + 1], v);
        o.acc[a + 2] = Math.max(o.acc[a + 2], v);
        o.acc[a + 3] += v;
    }

    /**
     * The slot of {@code series} in {@code o}, added when new. Samples of one source list their series in the same
     * order each tick, with the same string instances, so the slot is nearly always {@code hint} and found by identity.
     */
    private static int indexOf(Open o, String series, int hint) {
        if (hint < o.size && o.names[hint] == series) {
            return hint;
        }
        for (int i = 0; i < o.size; i++) {
            if (o.names[i].equals(series)) {
                return i;
            }
        }
        if (o.size == o.names.length) {
            o.names = Arrays.copyOf(o.names, o.size * 2);
            o.acc = Arrays.copyOf(o.acc, o.size * 8);
        }
        o.names[o.size] = series;
        return o.size++;
    }

    private SourceBuckets buckets(String source) {
        SourceBuckets b = sources.get(source);
        if (b == null) {
            b = new SourceBuckets();
            sources.put(source, b);
        }
        return b;
    }

    /**
     * Feeds {@code v} to series {@code i}'s sketch, making it when {@code v} is the series' first different value: then
     * every value before was its min, its count times. Infinities have no bin and are left out.
     */
    private static void sketch(Open o, int i, double v) {
        DDSketch[] sketches = o.sketches;
        DDSketch sketch = i < sketches.length ? sketches[i] : null;
        if (sketch == null) {
            double min = o.acc[i * 4 + 1];
            if (v == min && v == o.acc[i * 4 + 2]) {
                return;
            }
            sketch = Sketches.empty();
            if (Double.isFinite(min)) {
                sketch.accept(min, o.acc[i * 4]);
            }
            if (i >= sketches.length) {
                sketches = Arrays.copyOf(sketches, o.names.length);
                o.sketches = sketches;
            }
            sketches[i] = sketch;
        }
        if (Double.isFinite(v)) {
            sketch.accept(v);
        }
    }

    /** Hands out every bucket finished by a later sample or by the clock passing its end. */
    List<Closed> takeFinished(long nowMillis) {
        for (Map.Entry<String, SourceBuckets> e : sources.entrySet()) {
            Open[] open = e.getValue().open;
            for (int tier = MINUTE; tier <= HOUR; tier++) {
                Open o = open[tier - 1];
                if (o != null && o.start + bucketMillis(tier) <= nowMillis) {
                    finish(tier, e.getKey(), o);
                    open[tier - 1] = null;
                }
            }
        }
        List<Closed> out = new ArrayList<>(finished);
        finished.clear();
        return out;
    }

    private void finish(int tier, String source, Open o) {
        if (o.size == 0) {
            return; // only gaps: nothing to keep
        }
        Map<String, double[]> stats = new LinkedHashMap<>();
        Map<String, DDSketch> sketches = o.sketches == null ? Map.of() : new HashMap<>(4);
        for (int i = 0; i < o.size; i++) {
            double[] a = {o.acc[i * 4], o.acc[i * 4 + 1], o.acc[i * 4 + 2], o.acc[i * 4 + 3] / o.acc[i * 4]};
            stats.put(o.names[i], a);
            if (o.sketches != null && i < o.sketches.length && o.sketches[i] != null) {
                sketches.put(o.names[i], o.sketches[i]);
            }
        }
        finished.add(new Closed(tier, source, o.start, stats, sketches));
    }
}
