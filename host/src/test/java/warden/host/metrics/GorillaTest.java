package warden.host.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The raw tier's encodings give back what they were given: any 64-bit value pattern through the XOR column, any
 * ascending times of one chunk span through the delta-of-delta column, and whole chunks of random series (NaN, ±∞,
 * negatives, huge jumps, runs of one value, irregular times, single points, series that come and go).
 */
class GorillaTest {

    /** Interesting doubles a reading may be; drawn with random ones in between. */
    private static final double[] EDGES = {
        0.0,
        -0.0,
        1.0,
        -1.0,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        Double.NaN,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        Double.MIN_VALUE,
        0x1p53,
        0x1p53 + 2,
        1e300,
        -1e-300,
        0.1,
        123.456,
        4096.0 * 50_000
    };

    @Property(tries = 500)
    void anyValueBitsRoundTrip(@ForAll @Size(max = 300) List<Long> bits) {
        long[] in = bits.stream().mapToLong(Long::longValue).toArray();
        Bits.Writer w = new Bits.Writer();
        Gorilla.writeValues(w, in, in.length);
        assertArrayEquals(in, Gorilla.readValues(new Bits.Reader(w.toBytes(), 0), in.length));
    }

    @Property(tries = 500)
    void ascendingTimesOfOneSpanRoundTrip(
            @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 30_000) Integer> steps,
            @ForAll @IntRange(min = 0, max = 1000) int offset) {
        long base = 1_790_000_000_000L;
        long[] times = new long[steps.size()];
        long t = base + offset;
        for (int i = 0; i < times.length; i++) {
            t += i == 0 ? 0 : steps.get(i);
            times[i] = t;
        }
        Bits.Writer w = new Bits.Writer();
        Gorilla.writeTimes(w, base, times, times.length);
        assertArrayEquals(times, Gorilla.readTimes(new Bits.Reader(w.toBytes(), 0), base, times.length));
    }

    @Property(tries = 300)
    void chunksOfRandomSeriesRoundTrip(@ForAll("samples") TreeMap<Long, Map<Integer, Double>> samples) {
        long start = RawTier.chunkStart(samples.firstKey());
        byte[] blob = Chunk.of(samples).encode(start);
        assertEquals(Codec.V1, blob[0], "the version byte comes first");
        Chunk back = Chunk.decode(blob, start, -1);
        assertArrayEquals(samples.keySet().stream().mapToLong(Long::longValue).toArray(), back.times());
        assertEquals(stored(samples), back.samples());
        for (int series : back.columns().keySet()) {
            Chunk one = Chunk.decode(blob, start, series);
            assertEquals(List.of(series), List.copyOf(one.columns().keySet()));
            assertArrayEquals(back.columns().get(series), one.columns().get(series), "a column decoded alone");
        }
    }

    @Property(tries = 200)
    void storedValuesAreExactForIntegersAndFloat32ForFractions(@ForAll double v) {
        double back = Double.longBitsToDouble(Gorilla.bitsOf(v));
        if (Double.isNaN(v)) {
            assertEquals(Gorilla.GAP, Gorilla.bitsOf(v));
        } else if (v == Math.rint(v)) {
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(back));
        } else {
            assertEquals((double) (float) v, back);
        }
    }

    @Property(tries = 1)
    void timesTooFarApartForAChunkAreRefusedNotWrapped() {
        Bits.Writer w = new Bits.Writer();
        long[] times = {0, 1L << 40};
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Gorilla.writeTimes(w, 0, times, 2));
        assertEquals("times 0 and 1099511627776 are too far apart for a chunk", e.getMessage());
    }

    /**
     * 1 to 400 instants inside one chunk span (mostly a second apart, some irregular, some single), 1 to 12 series,
     * each present at a given instant with some probability, valued from {@link #EDGES}, random doubles of any
     * magnitude, small integers, or the series' previous value again.
     */
    @Provide
    Arbitrary<TreeMap<Long, Map<Integer, Double>>> samples() {
        return Arbitraries.longs().map(seed -> {
            Random r = new Random(seed);
            int n = r.nextInt(8) == 0 ? 1 : 1 + r.nextInt(400);
            int series = 1 + r.nextInt(12);
            double presence = r.nextDouble();
            long start = RawTier.chunkStart(1_790_000_000_000L + r.nextInt(1_000_000_000));
            long t = start + r.nextInt(1000);
            double[] last = new double[series];
            TreeMap<Long, Map<Integer, Double>> out = new TreeMap<>();
            for (int i = 0; i < n && t < start + RawTier.CHUNK_MILLIS; i++) {
                Map<Integer, Double> values = new LinkedHashMap<>();
                for (int s = 0; s < series; s++) {
                    if (r.nextDouble() < presence) {
                        last[s] = value(r, last[s]);
                        values.put(10 + s * 7, last[s]);
                    }
                }
                out.put(t, values);
                t += r.nextInt(4) > 0 ? 1000 + r.nextInt(5) : 1 + r.nextInt(r.nextBoolean() ? 10 : 20_000);
            }
            return out;
        });
    }

    private static double value(Random r, double previous) {
        return switch (r.nextInt(6)) {
            case 0 -> EDGES[r.nextInt(EDGES.length)];
            case 1 -> Double.longBitsToDouble(r.nextLong());
            case 2 -> r.nextInt(2000) - 1000;
            case 3 -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(40) - 20);
            default -> previous;
        };
    }

    /** What a chunk keeps: each value as {@link Gorilla#bitsOf} stores it, NaN as a gap (absent). */
    private static TreeMap<Long, Map<Integer, Double>> stored(TreeMap<Long, Map<Integer, Double>> samples) {
        TreeMap<Long, Map<Integer, Double>> out = new TreeMap<>();
        samples.forEach((t, values) -> {
            Map<Integer, Double> kept = new LinkedHashMap<>();
            values.forEach((s, v) -> {
                if (!Double.isNaN(v)) {
                    kept.put(s, Double.longBitsToDouble(Gorilla.bitsOf(v)));
                }
            });
            out.put(t, kept);
        });
        return out;
    }
}
