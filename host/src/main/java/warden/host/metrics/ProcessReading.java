package warden.host.metrics;

/**
 * What a {@link Probe} read about one process: cumulative counters, turned into rates by the {@link Sampler}.
 *
 * <p>Mutable and reused for every read so a poll allocates nothing. Owned by the sampler thread.
 */
final class ProcessReading {

    /** User plus system CPU time since the process started. */
    long cpuNanos;

    long rssBytes;
    long vmsBytes;
    int threads;
    long parentPid;
    /** The session id (the pid of its leader). */
    long session;

    /** Identifies this process instance: a reused pid has another start time. */
    long startTime;

    /** Cumulative storage I/O; -1 when /proc/PID/io is not readable (another user's process). */
    long readBytes;

    long writeBytes;

    /**
     * Set by the caller: whether to read I/O counters this time. /proc/PID/io costs as much again as stat, so at short
     * intervals the sampler reads it less often. Not reset by {@link #clear()}.
     */
    boolean wantIo = true;

    /** {@link System#nanoTime()} when read: rates are computed over real elapsed time, not the injected clock. */
    long atNanos;

    void clear() {
        cpuNanos = rssBytes = vmsBytes = parentPid = session = startTime = atNanos = 0;
        threads = 0;
        readBytes = writeBytes = -1;
    }
}
