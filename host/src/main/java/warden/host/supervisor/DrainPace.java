package warden.host.supervisor;

/**
 * How fast a stream whose lines are being dropped is read: at most {@link #BYTES_PER_SECOND}, in slices of {@link
 * #SLICE_NANOS}. Past a slice's budget the stream is left unread for the rest of the slice, so a child that writes
 * faster waits on its full pipe and the host's CPU stays bounded under a flood. One per {@link OutputPump}.
 */
final class DrainPace {

    static final long BYTES_PER_SECOND = 4L * 1024 * 1024;
    private static final long SLICE_NANOS = 100_000_000L;
    private static final long SLICE_BYTES = BYTES_PER_SECOND * SLICE_NANOS / 1_000_000_000L;

    private long sliceStart;
    private long bytes;

    /** {@code read} more bytes were read at {@code now}: how many nanoseconds the stream is to be left alone, or 0. */
    long after(int read, long now) {
        if (now - sliceStart >= SLICE_NANOS) {
            sliceStart = now;
            bytes = 0;
        }
        bytes += read;
        if (bytes < SLICE_BYTES) {
            return 0;
        }
        long wait = Math.max(0, SLICE_NANOS - (now - sliceStart));
        sliceStart = now + wait; // the next slice starts when reading resumes
        bytes = 0;
        return wait;
    }
}
