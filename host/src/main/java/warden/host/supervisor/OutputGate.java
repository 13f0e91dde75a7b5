package warden.host.supervisor;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Decides, line by line, whether a child's output is captured, by its {@link OutputLimit}. One per child, shared by
 * the stdout and stderr pumps of every run (hence synchronized); the dropped count lives across runs.
 *
 * <p>While lines are being dropped, a mark is due once a second and at the end of the stream, so that the log file
 * and the tail say how many lines are missing.
 */
final class OutputGate {

    private static final long MARK_EVERY_NANOS = 1_000_000_000L;

    private final OutputLimit limit;
    private final LongSupplier nanos;
    private final AtomicLong droppedTotal = new AtomicLong();
    private double lines;
    private double bytes;
    private long last;
    private long unmarked;
    private long lastMark;

    OutputGate(OutputLimit limit, LongSupplier nanos) {
        this.limit = limit;
        this.nanos = nanos;
        this.lines = (double) limit.linesPerSecond() * OutputLimit.BURST_SECONDS;
        this.bytes = (double) limit.bytesPerSecond() * OutputLimit.BURST_SECONDS;
        this.last = nanos.getAsLong();
        this.lastMark = last;
    }

    /** True when a line of {@code lineBytes} is captured; false when it is dropped (and counted). */
    synchronized boolean admit(long lineBytes) {
        long now = nanos.getAsLong();
        double seconds = (now - last) / 1e9;
        last = now;
        lines = Math.min(
                (double) limit.linesPerSecond() * OutputLimit.BURST_SECONDS, lines + seconds * limit.linesPerSecond());
        bytes = Math.min(
                (double) limit.bytesPerSecond() * OutputLimit.BURST_SECONDS, bytes + seconds * limit.bytesPerSecond());
        if (lines >= 1 && bytes >= lineBytes) {
            lines--;
            bytes -= lineBytes;
            return true;
        }
        unmarked++;
        droppedTotal.incrementAndGet();
        return false;
    }

    /**
     * The text of a mark for the lines dropped since the last one, or null when none is due: one a second while lines
     * are dropped, and any count at the end of the stream ({@code last}).
     */
    synchronized String mark(boolean last) {
        long now = nanos.getAsLong();
        if (unmarked == 0 || (!last && now - lastMark < MARK_EVERY_NANOS)) {
            return null;
        }
        String text = "[warden: " + unmarked + " lines dropped: output over the limit of " + limit.linesPerSecond()
                + " lines/s or " + limit.bytesPerSecond() + " bytes/s]";
        unmarked = 0;
        lastMark = now;
        return text;
    }

    /** Lines dropped since the child was added. */
    long dropped() {
        return droppedTotal.get();
    }
}
