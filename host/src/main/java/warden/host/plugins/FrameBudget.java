package warden.host.plugins;

import java.util.function.LongSupplier;
import warden.protocol.Protocol;

/**
 * How many frames (and characters) a plugin may send: two token buckets, refilled at {@link #FRAMES_PER_SECOND} and
 * {@link #CHARS_PER_SECOND}, holding at most one second's worth. Each event sent adds room for its result and a
 * counters frame, so a plugin answering thousands of events a second is never taken for a flood; one that sends more
 * than that on its own is.
 *
 * <p>The check runs before a line is parsed, so a flood costs the host a length check per line until it is stopped.
 * Owned by one {@link PluginConnection}, on the host context.
 */
final class FrameBudget {

    static final int FRAMES_PER_SECOND = 1000;
    static final long CHARS_PER_SECOND = 8L * 1024 * 1024;
    /** Room granted per event sent: its result and one counters frame. */
    static final int FRAMES_PER_EVENT = 2;
    /** Unused credit is capped, so events a plugin never answers cannot bank a flood. */
    private static final long MAX_CREDIT_FRAMES = 100_000;

    private static final long MAX_CREDIT_CHARS = 64L * 1024 * 1024;

    private final LongSupplier nanos;
    private double frames = FRAMES_PER_SECOND;
    private double chars = CHARS_PER_SECOND;
    private long creditFrames;
    private long creditChars;
    private long last;

    FrameBudget(LongSupplier nanos) {
        this.nanos = nanos;
        this.last = nanos.getAsLong();
    }

    /** An event of this many characters went out: its answer may come on top of the budget. */
    void sent(long eventChars) {
        creditFrames = Math.min(MAX_CREDIT_FRAMES, creditFrames + FRAMES_PER_EVENT);
        // Replies are not bounded by the event's size; a result may use a whole frame.
        creditChars = Math.min(MAX_CREDIT_CHARS, creditChars + Math.max(eventChars, Protocol.MAX_FRAME_CHARS));
    }

    /** Takes one frame of {@code length} characters; null when it fits, else why it does not. */
    String take(int length) {
        long now = nanos.getAsLong();
        double seconds = (now - last) / 1e9;
        last = now;
        frames = Math.min(FRAMES_PER_SECOND, frames + seconds * FRAMES_PER_SECOND);
        chars = Math.min(CHARS_PER_SECOND, chars + seconds * CHARS_PER_SECOND);
        if (creditFrames > 0) {
            creditFrames--;
        } else if (frames >= 1) {
            frames--;
        } else {
            return "flooding: more than " + FRAMES_PER_SECOND + " frames a second beyond the answers to its events";
        }
        long fromCredit = Math.min(creditChars, length);
        creditChars -= fromCredit;
        long rest = length - fromCredit;
        if (rest > 0 && chars < rest) {
            return "flooding: more than " + CHARS_PER_SECOND + " characters a second beyond the answers to its events";
        }
        chars -= rest;
        return null;
    }
}
