package warden.host.metrics;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * The BLOBs the SQLite tiers keep, one per sample or bucket instead of one row per value: a row costs ~10 bytes of
 * key and header, a value here 2–6.
 *
 * <p>Sample: per series a varint header {@code seriesId << 1 | kind}, then for kind 0 an integral value as a zigzag
 * varint (byte counts, threads, pids), for kind 1 a float32 (rates, CPU %; the in-memory window keeps floats too).
 * Bucket: per series a varint series id, a varint count, then min, max and avg as float32.
 */
final class Codec {

    private Codec() {}

    static byte[] encodeSample(Map<String, Double> values, ToIntFunction<String> ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(values.size() * 5);
        for (Map.Entry<String, Double> e : values.entrySet()) {
            double v = e.getValue();
            int id = ids.applyAsInt(e.getKey());
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                varint(out, (long) id << 1);
                long l = (long) v;
                varint(out, (l << 1) ^ (l >> 63));
            } else {
                varint(out, ((long) id << 1) | 1);
                float32(out, (float) v);
            }
        }
        return out.toByteArray();
    }

    static Map<String, Double> decodeSample(byte[] blob, IntFunction<String> names) {
        Map<String, Double> values = new LinkedHashMap<>();
        ByteBuffer in = ByteBuffer.wrap(blob);
        while (in.hasRemaining()) {
            long header = varint(in);
            String name = names.apply((int) (header >>> 1));
            double v;
            if ((header & 1) == 0) {
                long z = varint(in);
                v = (z >>> 1) ^ -(z & 1);
            } else {
                v = Float.intBitsToFloat(in.getInt());
            }
            if (name != null) {
                values.put(name, v);
            }
        }
        return values;
    }

    /** {@code stats}: series name → {count, min, max, avg}. */
    static byte[] encodeBucket(Map<String, double[]> stats, ToIntFunction<String> ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(stats.size() * 14);
        for (Map.Entry<String, double[]> e : stats.entrySet()) {
            double[] s = e.getValue();
            varint(out, ids.applyAsInt(e.getKey()));
            varint(out, (long) s[0]);
            float32(out, (float) s[1]);
            float32(out, (float) s[2]);
            float32(out, (float) s[3]);
        }
        return out.toByteArray();
    }

    static Map<String, double[]> decodeBucket(byte[] blob, IntFunction<String> names) {
        Map<String, double[]> stats = new LinkedHashMap<>();
        ByteBuffer in = ByteBuffer.wrap(blob);
        while (in.hasRemaining()) {
            String name = names.apply((int) varint(in));
            double[] s = {varint(in), in.getFloat(), in.getFloat(), in.getFloat()};
            if (name != null) {
                stats.put(name, s);
            }
        }
        return stats;
    }

    static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    static long varint(ByteBuffer in) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
    }

    private static void float32(ByteArrayOutputStream out, float f) {
        int bits = Float.floatToIntBits(f);
        out.write(bits >>> 24);
        out.write(bits >>> 16);
        out.write(bits >>> 8);
        out.write(bits);
    }
}
