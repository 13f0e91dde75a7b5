package warden.host.metrics;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.Store;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * The percentile sketches of the bucket tiers: one DDSketch (Masson et al., VLDB 2019) per varying series per minute
 * and hour bucket. Its bins are powers of (1 + α) / (1 − α), so any quantile read from it, and from any merge of them,
 * is within a relative {@link #RELATIVE_ACCURACY} of the exact value at the same rank: p95 over 7 days of minute
 * buckets is as good as over one.
 *
 * <p>The mapping (logarithmic, α = 1 %: the fewest bins for that accuracy) is fixed by the bucket codec version and
 * left out of the stored bytes: only the bins are written (a varint index and count each, runs of neighbours packed),
 * a few bytes for a series that barely moved in its bucket, tens for a busy CPU. A series that did not move at all (min
 * = max) stores no sketch: {@link #constant} stands in for it when read. In memory the bins are a dense array grown 8
 * at a time (the library's default of 64 would make even a two-bin sketch cost half a KiB).
 */
final class Sketches {

    static final double RELATIVE_ACCURACY = 0.01;

    private static final IndexMapping MAPPING = new LogarithmicMapping(RELATIVE_ACCURACY);

    private static final Supplier<Store> STORE = () -> new UnboundedSizeDenseStore(8);

    private Sketches() {}

    static DDSketch empty() {
        return new DDSketch(MAPPING, STORE);
    }

    /** What a series that held {@code value} {@code count} times would have made; null when it has no bin (∞). */
    static DDSketch constant(double value, double count) {
        if (!Double.isFinite(value) || count <= 0) {
            return null;
        }
        DDSketch sketch = empty();
        sketch.accept(value, count);
        return sketch;
    }

    static byte[] encode(DDSketch sketch) {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(32);
        try {
            sketch.encode(out, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory output never throws
        }
        return out.trimmedCopy();
    }

    static DDSketch decode(byte[] blob, int offset, int length) {
        try {
            return DDSketch.decode(ByteArrayInput.wrap(blob, offset, length), STORE, MAPPING);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt sketch in a metrics bucket", e);
        }
    }

    /**
     * The nearest-rank percentile {@code p} (as {@link Aggregator} defines it) of what {@code sketch} holds, within
     * the relative accuracy, and clamped to the exact {@code min} and {@code max}.
     */
    static double percentile(DDSketch sketch, int p, double min, double max) {
        long n = Math.round(sketch.getCount());
        if (n == 0) {
            return Double.NaN;
        }
        int rank = Aggregator.rank(p, (int) Math.min(Integer.MAX_VALUE, n));
        // DDSketch reads rank q × (n − 1); half a rank above ours lands inside our value's bin, never the one below.
        double q = n == 1 ? 1.0 : Math.min(1.0, (rank + 0.5) / (n - 1));
        return Math.max(min, Math.min(max, sketch.getValueAtQuantile(q)));
    }
}
