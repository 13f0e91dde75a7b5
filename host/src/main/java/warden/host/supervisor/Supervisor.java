package warden.host.supervisor;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Keeps every child alive: the facade that plugins/, metrics/, chat/ and http/ call.
 *
 * <p>Confined to the host context: call it only from the host verticle's event loop (every handler, timer and bus
 * consumer the host registers runs there). Futures complete on that context.
 */
public final class Supervisor {

    /** Registers a child without starting it. Replaces nothing: a duplicate id is an error. */
    public void add(ChildSpec spec) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Starts every registered child in the order they were added. */
    public Future<Void> startAll() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Stops every child gracefully, in reverse start order, within a bounded time. Never recorded as crashes. */
    public Future<Void> stopAll() {
        throw new UnsupportedOperationException("TODO");
    }

    public Future<Void> start(String id) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Graceful stop; completes when the process is gone. A planned stop is never a crash. */
    public Future<Void> stop(String id) {
        throw new UnsupportedOperationException("TODO");
    }

    public Future<Void> restart(String id) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Stops the child if it runs and forgets it (a plugin jar was removed). */
    public Future<Void> remove(String id) {
        throw new UnsupportedOperationException("TODO");
    }

    public Optional<ChildStatus> status(String id) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Every registered child, in the order added. */
    public List<ChildStatus> children() {
        throw new UnsupportedOperationException("TODO");
    }

    /** The last {@code max} lines of a child's output, oldest first; empty for an unknown child. */
    public List<OutputLine> tail(String id, int max) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Writes a line to a running child's stdin (a console command); false when it is not running. */
    public boolean send(String id, String line) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Crash records, newest first; all children when {@code id} is null. */
    public Future<List<CrashRecord>> crashes(String id, int limit) {
        throw new UnsupportedOperationException("TODO");
    }
}
