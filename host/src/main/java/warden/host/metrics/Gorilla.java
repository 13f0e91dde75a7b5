package warden.host.metrics;

/**
 * The bit-level column encodings of a raw chunk, after Facebook's Gorilla (Pelkonen et al., VLDB 2015).
 *
 * <p>Times: delta-of-delta. A sampler ticking on a fixed interval makes the second difference of its times a few
 * milliseconds of jitter, so most times cost 1 bit ({@code 0}: same delta as before) or 9 ({@code 10} and a 7-bit
 * zigzag); larger jumps take 12, 16 or 36 bits. Values: each is XORed with the one before; an unchanged value (a pid,
 * a thread count, a gap) costs 1 bit, and a changed one stores only the bits between the XOR's leading and trailing
 * zeros, reusing the previous window when it fits (2 control bits) or naming a new one (2 + 5 + 6 bits). The value
 * bits are those of a double; a non-integral reading is rounded to float32 first (as the memory window does), which
 * leaves 29 trailing zero bits that the XOR never stores.
 */
final class Gorilla {

    private Gorilla() {}

    /** The bits of a gap: the canonical NaN (a reading is never NaN, so it cannot be mistaken for one). */
    static final long GAP = Double.doubleToRawLongBits(Double.NaN);

    /**
     * The bits stored for {@code v}: exact for integral values (counters, byte counts, however large) and infinities,
     * float32 precision for the rest; NaN is the gap.
     */
    static long bitsOf(double v) {
        if (v != v) {
            return GAP;
        }
        // Every double of 2^53 and above is integral: rounding one to float32 would lose digits or overflow to
        // infinity.
        return Double.doubleToRawLongBits(v == Math.rint(v) ? v : (double) (float) v);
    }

    /** Appends the delta-of-delta of {@code times[0..n)}; the first time is written as its delta from {@code base}. */
    static void writeTimes(Bits.Writer out, long base, long[] times, int n) {
        long prev = base;
        long delta = 0;
        for (int i = 0; i < n; i++) {
            long d = times[i] - prev;
            long dod = d - delta;
            long z = (dod << 1) ^ (dod >> 63);
            if (z == 0) {
                out.write(0, 1);
            } else if (z < 1 << 7) {
                out.write(0b10, 2);
                out.write(z, 7);
            } else if (z < 1 << 9) {
                out.write(0b110, 3);
                out.write(z, 9);
            } else if (z < 1 << 12) {
                out.write(0b1110, 4);
                out.write(z, 12);
            } else if (z >>> 32 == 0) { // times of one chunk are minutes apart: the zigzag fits 32 bits
                out.write(0b1111, 4);
                out.write(z, 32);
            } else {
                throw new IllegalArgumentException(
                        "times " + prev + " and " + times[i] + " are too far apart for a chunk");
            }
            delta = d;
            prev = times[i];
        }
    }

    static long[] readTimes(Bits.Reader in, long base, int n) {
        long[] times = new long[n];
        long prev = base;
        long delta = 0;
        for (int i = 0; i < n; i++) {
            long z;
            if (in.read(1) == 0) {
                z = 0;
            } else if (in.read(1) == 0) {
                z = in.read(7);
            } else if (in.read(1) == 0) {
                z = in.read(9);
            } else if (in.read(1) == 0) {
                z = in.read(12);
            } else {
                z = in.read(32);
            }
            delta += (z >>> 1) ^ -(z & 1);
            prev += delta;
            times[i] = prev;
        }
        return times;
    }

    /**
     * Appends the XOR encoding of {@code bits[0..n)} (from {@link #bitsOf}). The first value is XORed with 0.0, so it
     * too stores only its meaningful bits: 26 for a small integer instead of 64.
     */
    static void writeValues(Bits.Writer out, long[] bits, int n) {
        long prev = 0;
        int leading = -1;
        int trailing = 0;
        for (int i = 0; i < n; i++) {
            long xor = bits[i] ^ prev;
            prev = bits[i];
            if (xor == 0) {
                out.write(0, 1);
                continue;
            }
            int lz = Math.min(31, Long.numberOfLeadingZeros(xor));
            int tz = Long.numberOfTrailingZeros(xor);
            if (leading >= 0 && lz >= leading && tz >= trailing) {
                out.write(0b10, 2);
                out.write(xor >>> trailing, 64 - leading - trailing);
            } else {
                leading = lz;
                trailing = tz;
                int length = 64 - lz - tz;
                out.write(0b11, 2);
                out.write(lz, 5);
                out.write(length & 63, 6); // 64 meaningful bits are written as 0: a length is never 0
                out.write(xor >>> tz, length);
            }
        }
    }

    static long[] readValues(Bits.Reader in, int n) {
        long[] bits = new long[n];
        long prev = 0;
        int leading = 0;
        int trailing = 0;
        for (int i = 0; i < n; i++) {
            if (in.read(1) == 0) {
                bits[i] = prev;
                continue;
            }
            if (in.read(1) == 1) {
                leading = (int) in.read(5);
                int length = (int) in.read(6);
                trailing = 64 - leading - (length == 0 ? 64 : length);
            }
            bits[i] = prev ^ (in.read(64 - leading - trailing) << trailing);
            prev = bits[i];
        }
        return bits;
    }
}
