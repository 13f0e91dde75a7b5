package warden.host.storage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes that must survive a full or read-only disk (crash records, control events): one that fails for lack of space
 * or a read-only file waits here, in order, and is written when the disk takes writes again (retried every {@link
 * #RETRY_MS}). Later writes queue behind it, so the order on disk is the order of events. At most {@code bound}
 * writes wait; past that a write is dropped, counted ({@link #dropped}) and logged.
 *
 * <p>Every queue operation runs on the database's one thread, so it needs no lock. Callable from any thread.
 */
public final class Backlog {

    private static final Logger LOG = LoggerFactory.getLogger(Backlog.class);
    static final long RETRY_MS = 1000;

    /** The future of a write that did not reach the disk now, but waits in the backlog for it. */
    public static final class Deferred extends RuntimeException {
        Deferred(String what, SQLException cause) {
            super(what + " waits for the disk: " + cause.getMessage(), cause, false, false);
        }
    }

    /** The future of a write that was dropped: the backlog was full. */
    public static final class Dropped extends RuntimeException {
        Dropped(String what, int bound) {
            super(what + " dropped: " + bound + " writes already wait for the disk", null, false, false);
        }
    }

    private record Entry(Database.Work<?> work) {}

    private final Database db;
    private final String what;
    private final int bound;
    private final ArrayDeque<Entry> waiting = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private boolean retrying;

    /** {@code what} names the records in log lines ("crash record"). */
    public Backlog(Database db, String what, int bound) {
        this.db = db;
        this.what = what;
        this.bound = bound;
    }

    /**
     * Runs {@code work} on the database thread now, or queues it when the disk refuses it (the future then fails with
     * {@link Deferred}, and the work still runs later) or drops it when the queue is full ({@link Dropped}). Other
     * errors fail the future as {@link Database#call} does.
     */
    public <T> Future<T> write(Database.Work<T> work) {
        Promise<T> promise = Promise.promise();
        Future<T> reply = Database.onCaller(promise.future());
        db.execute(c -> {
            if (waiting.isEmpty()) {
                try {
                    promise.complete(work.run(c));
                    return;
                } catch (SQLException e) {
                    if (!Database.isDiskError(e)) {
                        promise.fail(e);
                        return;
                    }
                    LOG.warn(
                            "{} not written ({}); it waits in memory (at most {}) until the disk takes writes",
                            what,
                            e.getMessage(),
                            bound);
                    enqueue(work, promise, e);
                    return;
                } catch (RuntimeException e) {
                    promise.fail(e);
                    return;
                }
            }
            enqueue(work, promise, new SQLException("earlier writes are still waiting"));
        });
        return reply;
    }

    /** Writes waiting now. */
    public int waiting() {
        return (int) queued.get();
    }

    /** Writes dropped since start because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    private void enqueue(Database.Work<?> work, Promise<?> promise, SQLException cause) {
        if (waiting.size() >= bound) {
            long n = dropped.incrementAndGet();
            LOG.error("{} dropped, {} so far: {} already wait for the disk", what, n, bound);
            promise.fail(new Dropped(what, bound));
            return;
        }
        waiting.add(new Entry(work));
        queued.set(waiting.size());
        promise.fail(new Deferred(what, cause));
        if (!retrying) {
            retrying = true;
            db.later(this::drain, RETRY_MS);
        }
    }

    private void drain(java.sql.Connection c) {
        while (!waiting.isEmpty()) {
            try {
                waiting.peek().work().run(c);
            } catch (SQLException e) {
                if (Database.isDiskError(e)) {
                    db.later(this::drain, RETRY_MS);
                    return;
                }
                LOG.error("{} could not be written after waiting, and is dropped", what, e);
            } catch (RuntimeException e) {
                LOG.error("{} could not be written after waiting, and is dropped", what, e);
            }
            waiting.poll();
            queued.set(waiting.size());
            if (waiting.isEmpty()) {
                LOG.info("the disk takes writes again: every waiting {} is written", what);
            }
        }
        retrying = false;
    }
}
