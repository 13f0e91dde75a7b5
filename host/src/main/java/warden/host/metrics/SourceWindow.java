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
 * are computed in double.
 *
 * <p>The rings are found by slot, not through a map: a source's samples list their series in the same order each
 * tick, with the same string instances, so the next slot is nearly always the right one, checked by identity. With
 * 100 sources the map lookups (a node and a key to compare per value, out of the cache after a second of idling) were
 * a fifth of the tick's event-loop time (issue 16). Owned by the host context.
 */
final class SourceWindow {

    private final int capacity;
    private final long[] atMillis;
    private String[] names = new String[16];
    private float[][] rings = new float[16][];
    private int width;
    /** The slot being written and the series expected next, while {@link #add} runs. */
    private int writeSlot;

    private int hint;
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
        // A series missing from this sample holds a gap here; the lines written are the ones the values go to anyway.
        for (int i = 0; i < width; i++) {
            rings[i][slot] = Float.NaN;
        }
        writeSlot = slot;
        hint = 0;
        // forEach, not an entry loop: over a read-only view (what samples hold) that allocates a wrapper per entry
        // under C1, which has no escape analysis.
        values.forEach(this::put);
    }

    /** One value of the sample being added, at {@link #writeSlot}. */
    private void put(String name, Double value) {
        int i = hint < width && names[hint] == name ? hint : indexOf(name);
        if (i < 0) {
            i = addSeries(name);
        }
        rings[i][writeSlot] = value.floatValue();
        hint = i + 1;
    }

    private int indexOf(String name) {
        for (int i = 0; i < width; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private int addSeries(String name) {
        if (width == names.length) {
            names = Arrays.copyOf(names, width * 2);
            rings = Arrays.copyOf(rings, width * 2);
        }
        float[] ring = new float[capacity];
        Arrays.fill(ring, Float.NaN);
        names[width] = name;
        rings[width] = ring;
        return width++;
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
        int column = indexOf(name);
        range[0] = 0;
        if (column < 0) {
            return into;
        }
        float[] ring = rings[column];
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
        for (int k = 0; k < width; k++) {
            float v = rings[k][s];
            if (v == v) {
                values.put(names[k], (double) v);
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
