package warden.host.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Bit streams for {@link Gorilla}'s encodings: most significant bit first, no padding between fields. */
final class Bits {

    private Bits() {}

    /** Bits appended to a growing array, most significant first. */
    static final class Writer {
        private byte[] buf = new byte[64];
        private long bitCount;

        /** Appends the low {@code count} bits of {@code value} (1 to 64). */
        void write(long value, int count) {
            for (int left = count; left > 0; ) {
                int at = (int) (bitCount >>> 3);
                if (at == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int free = 8 - (int) (bitCount & 7);
                int take = Math.min(free, left);
                int chunk = (int) (value >>> (left - take)) & ((1 << take) - 1);
                buf[at] |= (byte) (chunk << (free - take));
                left -= take;
                bitCount += take;
            }
        }

        byte[] toBytes() {
            return Arrays.copyOf(buf, (int) ((bitCount + 7) >>> 3));
        }
    }

    /**
     * Reads what a {@link Writer} wrote, from {@code offset} in {@code buf}. Each read takes its bits out of one
     * big-endian 64-bit load (a bit more from the next byte when they straddle it), not a byte at a time: reading 24 h
     * of one series decodes some 170 000 fields.
     */
    static final class Reader {
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

        private final byte[] buf;
        private long bit;

        Reader(byte[] buf, int offset) {
            this.buf = buf;
            this.bit = (long) offset << 3;
        }

        /** The next {@code count} bits (1 to 64). */
        long read(int count) {
            int at = (int) (bit >>> 3);
            int shift = (int) (bit & 7);
            long word = at + 8 <= buf.length ? (long) LONGS.get(buf, at) : tail(at);
            bit += count;
            if (shift + count <= 64) {
                return (word << shift) >>> (64 - count);
            }
            int rest = shift + count - 64; // 1 to 7 bits from the ninth byte
            return ((word << shift) >>> (shift - rest)) | ((buf[at + 8] & 0xFF) >>> (8 - rest));
        }

        /** The last bytes of the buffer as the high bytes of a word, zeros after them. */
        private long tail(int at) {
            long word = 0;
            for (int i = 0; i < 8; i++) {
                word = (word << 8) | (at + i < buf.length ? buf[at + i] & 0xFF : 0);
            }
            return word;
        }
    }
}
