package warden.host.metrics;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Reads one process's counters. {@link ProcProbe} reads /proc through held file channels on Linux; {@link OshiProbe}
 * covers the other operating systems.
 *
 * <p>Used by the sampler thread only.
 */
interface Probe extends AutoCloseable {

    /** Fills {@code out}; false when no such process exists (it exited). */
    boolean read(long pid, ProcessReading out) throws IOException;

    /** Open file descriptors of {@code pid}, -1 when unknown. Costs a directory listing: the sampler calls it rarely. */
    int openFiles(long pid);

    /**
     * Parent pid of every visible process, for summing a child's descendants; an orphan that stayed in another
     * process's session is given that session's leader (where the probe can tell). Costs a full scan: rarely.
     */
    Map<Long, Long> parents() throws IOException;

    /** Releases whatever is held for processes outside {@code pids}. */
    void retain(Set<Long> pids);

    @Override
    void close();
}
