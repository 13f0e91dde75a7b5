package warden.host.metrics;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One source's raw samples over one chunk span, column by column: what a {@code metric_chunk} row holds.
 *
 * <p>Layout ({@link Codec#V1}): the version byte, varints for the sample count and the series count, the times'
 * length and {@link Gorilla} delta-of-delta bits (from the chunk's start), then per series a varint series id, its
 * length and its {@link Gorilla} XOR bits, a gap stored as {@link Gorilla#GAP}. Each column carries its length so a
 * query for one series skips the others unread. A {@link Codec#V0} chunk (stored before versioning) is a run of
 * frames: a varint time offset, a varint length and a journal-format sample.
 *
 * @param times sample times in epoch ms, ascending
 * @param columns series id → one value per time, as bits ({@link Gorilla#bitsOf}); {@link Gorilla#GAP} where absent
 */
record Chunk(long[] times, Map<Integer, long[]> columns) {

    /** Columns of {@code samples} (time → series id → value). */
    static Chunk of(TreeMap<Long, Map<Integer, Double>> samples) {
        long[] times = new long[samples.size()];
        Map<Integer, long[]> columns = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<Long, Map<Integer, Double>> e : samples.entrySet()) {
            times[i] = e.getKey();
            for (Map.Entry<Integer, Double> v : e.getValue().entrySet()) {
                long[] column = columns.computeIfAbsent(v.getKey(), k -> filled(times.length));
                column[i] = Gorilla.bitsOf(v.getValue());
            }
            i++;
        }
        return new Chunk(times, columns);
    }

    /** Time → series id → value: the inverse of {@link #of}, for merging two chunks of one span. */
    TreeMap<Long, Map<Integer, Double>> samples() {
        TreeMap<Long, Map<Integer, Double>> out = new TreeMap<>();
        for (int i = 0; i < times.length; i++) {
            Map<Integer, Double> values = new LinkedHashMap<>();
            for (Map.Entry<Integer, long[]> c : columns.entrySet()) {
                if (c.getValue()[i] != Gorilla.GAP) {
                    values.put(c.getKey(), Double.longBitsToDouble(c.getValue()[i]));
                }
            }
            out.put(times[i], values);
        }
        return out;
    }

    byte[] encode(long start) {
        int n = times.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + columns.size() * n);
        out.write(Codec.V1);
        Codec.varint(out, n);
        Codec.varint(out, columns.size());
        Bits.Writer t = new Bits.Writer();
        Gorilla.writeTimes(t, start, times, n);
        section(out, t.toBytes());
        for (Map.Entry<Integer, long[]> c : columns.entrySet()) {
            Codec.varint(out, c.getKey());
            Bits.Writer v = new Bits.Writer();
            Gorilla.writeValues(v, c.getValue(), n);
            section(out, v.toBytes());
        }
        return out.toByteArray();
    }

    /** Decodes a stored chunk; {@code onlySeries} a series id to decode that column alone, or -1 for all of them. */
    static Chunk decode(byte[] blob, long start, int onlySeries) {
        ByteBuffer in = ByteBuffer.wrap(blob);
        int version = in.get() & 0xFF;
        if (version == Codec.V0) {
            return legacy(in, start, onlySeries);
        }
        Codec.requireKnown("raw chunk", version, Codec.V0);
        int n = (int) Codec.varint(in);
        int series = (int) Codec.varint(in);
        int timesLength = (int) Codec.varint(in);
        long[] times = Gorilla.readTimes(new Bits.Reader(blob, in.position()), start, n);
        in.position(in.position() + timesLength);
        Map<Integer, long[]> columns = new LinkedHashMap<>();
        for (int s = 0; s < series; s++) {
            int id = (int) Codec.varint(in);
            int length = (int) Codec.varint(in);
            if (onlySeries < 0 || id == onlySeries) {
                columns.put(id, Gorilla.readValues(new Bits.Reader(blob, in.position()), n));
            }
            in.position(in.position() + length);
        }
        return new Chunk(times, columns);
    }

    private static Chunk legacy(ByteBuffer in, long start, int onlySeries) {
        List<Long> times = new ArrayList<>();
        List<Map<Integer, Double>> samples = new ArrayList<>();
        while (in.hasRemaining()) {
            times.add(start + Codec.varint(in));
            samples.add(Codec.decodeSample(in, (int) Codec.varint(in)));
        }
        TreeMap<Long, Map<Integer, Double>> sorted = new TreeMap<>();
        for (int i = 0; i < times.size(); i++) {
            Map<Integer, Double> values = samples.get(i);
            if (onlySeries >= 0) {
                values.keySet().retainAll(List.of(onlySeries));
            }
            sorted.put(times.get(i), values);
        }
        return of(sorted);
    }

    private static void section(ByteArrayOutputStream out, byte[] bytes) {
        Codec.varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static long[] filled(int n) {
        long[] column = new long[n];
        Arrays.fill(column, Gorilla.GAP);
        return column;
    }
}
