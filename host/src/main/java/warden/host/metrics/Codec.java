package warden.host.metrics;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The BLOBs of the journal and the bucket tiers (raw chunks are {@link Chunk}'s). Every BLOB starts with a version
 * byte, so a later layout can be read beside this one; the schema migration tagged the BLOBs stored before versioning
 * with {@link #V0}.
 *
 * <p>Sample (one source at one instant, inside a journal row): per series a varint header {@code seriesId << 1 |
 * kind}, then for kind 0 an integral value as a zigzag varint (byte counts, threads, pids), for kind 1 a float32
 * (rates, CPU %; the in-memory window keeps floats too).
 *
 * <p>Bucket: the version, then per series a varint series id, a varint count, min, max and avg as float32, and from
 * {@link #V1} on the series' DDSketch ({@link Sketches}) as a varint length and its bytes (length 0: the series did not
 * vary, min = max); a V0 bucket has no sketch.
 */
final class Codec {

    /** Before versioning: buckets without sketches, raw chunks of framed samples. */
    static final int V0 = 0;
    /** Buckets with sketches; raw chunks in {@link Gorilla} columns; the journal as it always was. */
    static final int V1 = 1;

    private Codec() {}

    static byte[] encodeSample(Map<String, Double> values, ToIntFunction<String> ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(values.size() * 5);
        // forEach, not an entry loop: over a read-only view (what samples hold) that allocates a wrapper per entry
        // under C1, which has no escape analysis.
        values.forEach((name, value) -> {
            double v = value;
            int id = ids.applyAsInt(name);
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                varint(out, (long) id << 1);
                long l = (long) v;
                varint(out, (l << 1) ^ (l >> 63));
            } else {
                varint(out, ((long) id << 1) | 1);
                float32(out, (float) v);
            }
        });
        return out.toByteArray();
    }

    /** The values of the sample in {@code in}'s next {@code length} bytes, by series id. */
    static Map<Integer, Double> decodeSample(ByteBuffer in, int length) {
        Map<Integer, Double> values = new LinkedHashMap<>();
        int end = in.position() + length;
        while (in.position() < end) {
            long header = varint(in);
            double v;
            if ((header & 1) == 0) {
                long z = varint(in);
                v = (z >>> 1) ^ -(z & 1);
            } else {
                v = Float.intBitsToFloat(in.getInt());
            }
            values.put((int) (header >>> 1), v);
        }
        return values;
    }

    /** {@code stats}: series name → {count, min, max, avg}; {@code sketches}: series name → its values' sketch. */
    static byte[] encodeBucket(Map<String, double[]> stats, Map<String, DDSketch> sketches, ToIntFunction<String> ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 + stats.size() * 40);
        out.write(V1);
        for (Map.Entry<String, double[]> e : stats.entrySet()) {
            double[] s = e.getValue();
            varint(out, ids.applyAsInt(e.getKey()));
            varint(out, (long) s[0]);
            float32(out, (float) s[1]);
            float32(out, (float) s[2]);
            float32(out, (float) s[3]);
            DDSketch sketch = sketches.get(e.getKey());
            byte[] bytes = sketch == null ? new byte[0] : Sketches.encode(sketch);
            varint(out, bytes.length);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /**
     * Decodes a bucket's stats into {@code stats}, and the sketches of the series {@code sketchOf} accepts (the others
     * are skipped unread) into {@code sketches}; a series a V1 bucket stores no sketch for was constant, and gets
     * {@link Sketches#constant}.
     */
    static void decodeBucket(
            byte[] blob,
            IntFunction<String> names,
            Predicate<String> sketchOf,
            Map<String, double[]> stats,
            Map<String, DDSketch> sketches) {
        ByteBuffer in = ByteBuffer.wrap(blob);
        int version = in.get() & 0xFF;
        requireKnown("bucket", version, V0);
        while (in.hasRemaining()) {
            String name = names.apply((int) varint(in));
            double[] s = {varint(in), in.getFloat(), in.getFloat(), in.getFloat()};
            int sketchBytes = version == V0 ? 0 : (int) varint(in);
            if (name != null) {
                stats.put(name, s);
                if (version != V0 && sketchOf.test(name)) {
                    DDSketch sketch = sketchBytes > 0
                            ? Sketches.decode(blob, in.position(), sketchBytes)
                            : s[1] == s[2] ? Sketches.constant(s[1], s[0]) : null;
                    if (sketch != null) {
                        sketches.put(name, sketch);
                    }
                }
            }
            in.position(in.position() + sketchBytes);
        }
    }

    /**
     * Refuses a BLOB whose version byte this build does not know (one written by a newer build that the data dir was
     * shared with, or a corrupt file): reading it with today's layout would return wrong numbers, not an error.
     */
    static void requireKnown(String what, int version, int oldest) {
        if (version < oldest || version > V1) {
            throw new IllegalStateException(what + " codec version " + version + " is unknown to this build (it reads "
                    + (oldest == V1 ? "" : oldest + " to ") + V1 + "): warden.db was written by a newer build, or is"
                    + " corrupt");
        }
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
