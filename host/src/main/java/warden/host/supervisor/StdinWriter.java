package warden.host.supervisor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes lines to one run's stdin off the event loop. A pipe write blocks once the child stops reading (minetest
 * never reads its stdin), so writes run on a shared pool, one drain at a time per run, and a run that has more than
 * {@link #MAX_PENDING_BYTES} waiting refuses further lines instead of growing without bound.
 */
final class StdinWriter {

    private static final Logger LOG = LoggerFactory.getLogger(StdinWriter.class);
    static final long MAX_PENDING_BYTES = 64 * 1024;

    private final String childId;
    private final OutputStream stdin;
    private final Executor pool;
    private final Queue<byte[]> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean closed;
    private volatile boolean streamClosed;

    StdinWriter(String childId, OutputStream stdin, Executor pool) {
        this.childId = childId;
        this.stdin = stdin;
        this.pool = pool;
    }

    /** False when the line was refused: the run is over or the child is not reading. */
    boolean write(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (closed || pendingBytes.get() + bytes.length > MAX_PENDING_BYTES) {
            return false;
        }
        pendingBytes.addAndGet(bytes.length);
        pending.add(bytes);
        if (draining.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
        return true;
    }

    /** Closes stdin once what is pending has been written (a plugin JVM takes EOF as its cue to exit). */
    void close() {
        closed = true;
        if (draining.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
    }

    private void drain() {
        try {
            byte[] bytes;
            while ((bytes = pending.poll()) != null) {
                stdin.write(bytes);
                pendingBytes.addAndGet(-bytes.length);
                if (pending.isEmpty()) {
                    stdin.flush();
                }
            }
            if (closed && !streamClosed) {
                streamClosed = true;
                stdin.close();
            }
        } catch (IOException e) {
            // The child closed its end or exited: later lines have nowhere to go.
            closed = true;
            streamClosed = true;
            pending.clear();
            LOG.debug("stdin of {} closed: {}", childId, e.toString());
        } finally {
            draining.set(false);
        }
        boolean more = !pending.isEmpty() || (closed && !streamClosed);
        if (more && draining.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
    }
}
