package warden.host.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rolling window of one source: a ring of sample times and, aligned with it, one ring of values per series. At
 * capacity the oldest sample is overwritten (FIFO). A series missing from a sample holds NaN there: a gap.
 *
 * <p>Values are stored as {@code float}: it halves the memory (1 h of 1 s samples of 100 children with 16 series is
 * about 26 MB instead of 49 MB), keeps integers below 2^24 and page-multiple byte sizes below 64 GiB exact, and keeps
 * 7 significant digits of rates and CPU percentages, well past what the kernel's tick resolution gives. Aggregates
 * are computed in double. Owned by the host context.
 */
final class SourceWindow {

    private final int capacity;
    private final long[] atMillis;
    private final Map<String, float[]> series = new LinkedHashMap<>();
    private int first;
    private int size;

    SourceWindow(int capacity) {
        this.capacity = capacity;
        this.atMillis = new long[capacity];
    }

    /** Appends a sample; one not newer than the newest is ignored (a reload overlapping what is already here). */
    void add(long at, Map<String, Double> values) {
        if (size > 0 && at <= atMillis[slot(size - 1)]) {
            return;
        }
        int slot;
        if (size == capacity) {
            slot = first;
            first = (first + 1) % capacity;
        } else {
            slot = slot(size);
            size++;
        }
        atMillis[slot] = at;
        int written = 0;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            float[] ring = series.get(e.getKey());
            if (ring == null) {
                ring = new float[capacity];
                Arrays.fill(ring, Float.NaN);
                series.put(e.getKey(), ring);
            }
            ring[slot] = e.getValue().floatValue();
            written++;
        }
        if (written < series.size()) { // some series have no value this time: mark the gap
            for (Map.Entry<String, float[]> e : series.entrySet()) {
                if (!values.containsKey(e.getKey())) {
                    e.getValue()[slot] = Float.NaN;
                }
            }
        }
    }

    int size() {
        return size;
    }

    /** Time of the oldest sample held, or {@code Long.MAX_VALUE} when empty. */
    long oldest() {
        return size == 0 ? Long.MAX_VALUE : atMillis[first];
    }

    /** Samples in [from, to), oldest first, each with the series that had a value then. */
    List<Sample> between(String source, long from, long to) {
        List<Sample> out = new ArrayList<>();
        for (int i = lowerBound(from); i < size && atMillis[slot(i)] < to; i++) {
            out.add(sampleAt(source, i));
        }
        return out;
    }

    /** The newest sample, or null. */
    Sample newest(String source) {
        return size == 0 ? null : sampleAt(source, size - 1);
    }

    /**
     * Copies the values of {@code name} in [from, to) into {@code into} (grown when too small) and returns them, with
     * the count in {@code range[0]} and the times of the first and last value in {@code range[1]}, {@code range[2]}.
     */
    double[] values(String name, long from, long to, double[] into, long[] range) {
        float[] ring = series.get(name);
        range[0] = 0;
        if (ring == null) {
            return into;
        }
        int start = lowerBound(from);
        int n = 0;
        for (int i = start; i < size; i++) {
            int s = slot(i);
            if (atMillis[s] >= to) {
                break;
            }
            float v = ring[s];
            if (v == v) { // not NaN
                if (n == into.length) {
                    into = Arrays.copyOf(into, Math.max(16, n * 2));
                }
                if (n == 0) {
                    range[1] = atMillis[s];
                }
                range[2] = atMillis[s];
                into[n++] = v;
            }
        }
        range[0] = n;
        return into;
    }

    private Sample sampleAt(String source, int i) {
        int s = slot(i);
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : series.entrySet()) {
            float v = e.getValue()[s];
            if (v == v) {
                values.put(e.getKey(), (double) v);
            }
        }
        return new Sample(source, Instant.ofEpochMilli(atMillis[s]), Collections.unmodifiableMap(values));
    }

    /** Logical index of the first sample at or after {@code t}. */
    private int lowerBound(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (atMillis[slot(mid)] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int slot(int logical) {
        int s = first + logical;
        return s >= capacity ? s - capacity : s;
    }
}
