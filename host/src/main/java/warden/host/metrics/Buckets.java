package warden.host.metrics;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading the bucket tiers back: averages as samples, and aggregates over many buckets. */
final class Buckets {

    private Buckets() {}

    /** One sample at the bucket's start holding each series' average. */
    static Sample averages(Rollup.Closed bucket) {
        Map<String, Double> values = new LinkedHashMap<>();
        bucket.stats().forEach((name, s) -> values.put(name, s[3]));
        return new Sample(
                bucket.source(), Instant.ofEpochMilli(bucket.startMillis()), Collections.unmodifiableMap(values));
    }

    /**
     * Count, min, max and the count-weighted average over the buckets, exact; p50/p95/p99 from their merged sketches,
     * within {@link Sketches#RELATIVE_ACCURACY} (NaN when a bucket has none: stored before sketches).
     */
    static Aggregates aggregates(String source, String series, List<Rollup.Closed> buckets) {
        DDSketch merged = Sketches.empty();
        boolean sketched = true;
        long count = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long first = 0;
        long last = 0;
        for (Rollup.Closed b : buckets) {
            double[] s = b.stats().get(series);
            if (s == null) {
                continue;
            }
            first = count == 0 ? b.startMillis() : first;
            last = b.startMillis() + Rollup.bucketMillis(b.tier());
            count += (long) s[0];
            sum += s[0] * s[3];
            min = Math.min(min, s[1]);
            max = Math.max(max, s[2]);
            DDSketch sketch = b.sketches().get(series);
            if (sketch == null) {
                sketched = false;
            } else {
                merged.mergeWith(sketch);
            }
        }
        if (count == 0) {
            return Aggregates.empty(source, series);
        }
        return new Aggregates(
                source,
                series,
                count,
                Duration.ofMillis(last - first),
                sum / count,
                min,
                max,
                sketched ? Sketches.percentile(merged, 50, min, max) : Double.NaN,
                sketched ? Sketches.percentile(merged, 95, min, max) : Double.NaN,
                sketched ? Sketches.percentile(merged, 99, min, max) : Double.NaN);
    }
}
