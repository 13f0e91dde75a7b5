package warden.host.supervisor;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import warden.host.bus.Addresses;
import warden.host.bus.Bus;
import warden.host.storage.DataDirLock;
import warden.host.storage.Database;

/**
 * Keeps every child alive: the facade that plugins/, metrics/, chat/ and http/ call.
 *
 * <p>Confined to the host context: create it on the host verticle's event loop (it captures that context) and call it
 * only from there. Futures complete on that context. Transitions go out on {@code Addresses.CHILD_STATE}, crashes on
 * {@code CHILD_CRASH}, output in batches on {@code CHILD_OUTPUT}.
 *
 * <p>Files under {@code dataDir}: {@code logs/<id>/output.log*} (size-rotated output of each child), {@code
 * run/<id>.pid} (the running process tree of each child, to find leftovers of a host that was SIGKILLed) and {@code
 * run/lock} (the data dir's lock: one supervisor per data dir). Crash records go to the {@code crashes} table of
 * {@code db}, control events to {@code control_events}.
 */
public final class Supervisor {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    /**
     * Bounds on what the supervisor keeps.
     *
     * @param tailLines output lines kept in memory per child
     * @param maxLineChars longer lines are cut (the rest is counted, not kept)
     * @param logFileBytes one log file's size before it rotates
     * @param logFiles log files per child, the current one included: the disk bound is their product
     * @param queueLines lines waiting for the event loop per child before log lines are dropped from the live view
     * @param stopAllTimeout the host's shutdown budget: children still running after it are SIGKILLed
     * @param keepPerChild crash records and control events kept per child, the newest
     */
    public record Options(
            int tailLines,
            int maxLineChars,
            long logFileBytes,
            int logFiles,
            int queueLines,
            Duration stopAllTimeout,
            int keepPerChild) {

        public static final Options DEFAULT =
                new Options(1000, 8192, 10L * 1024 * 1024, 3, 10_000, Duration.ofSeconds(90), 500);

        /** With the default {@code keepPerChild}. */
        public Options(
                int tailLines,
                int maxLineChars,
                long logFileBytes,
                int logFiles,
                int queueLines,
                Duration stopAllTimeout) {
            this(tailLines, maxLineChars, logFileBytes, logFiles, queueLines, stopAllTimeout, 500);
        }

        /** The same options keeping {@code n} records per child. */
        public Options withKeepPerChild(int n) {
            return new Options(tailLines, maxLineChars, logFileBytes, logFiles, queueLines, stopAllTimeout, n);
        }
    }

    private final Vertx vertx;
    private final Path logsDir;
    private final Shared shared;
    private final Map<String, Child> children = new LinkedHashMap<>();
    /** Null when the caller holds the lock. */
    private final DataDirLock lock;

    private final Generations generations;
    private long startSequence;

    public Supervisor(Vertx vertx, Database db, Path dataDir, Clock clock) {
        this(vertx, db, dataDir, clock, Options.DEFAULT);
    }

    /**
     * A supervisor that takes the data dir's lock itself and releases it in {@link #close}; fails with {@link
     * DataDirLock.InUse} when another host holds it.
     */
    public Supervisor(Vertx vertx, Database db, Path dataDir, Clock clock, Options options) {
        this(vertx, db, DataDirLock.acquire(dataDir), true, clock, options);
    }

    /** A supervisor under a lock its caller holds (and releases). Leftovers are cleaned only under the lock. */
    public Supervisor(Vertx vertx, Database db, DataDirLock lock, Clock clock, Options options) {
        this(vertx, db, lock, false, clock, options);
    }

    private Supervisor(Vertx vertx, Database db, DataDirLock lock, boolean ownsLock, Clock clock, Options options) {
        this.vertx = vertx;
        this.logsDir = lock.dir().resolve("logs");
        this.lock = ownsLock ? lock : null;
        Context context = vertx.getOrCreateContext();
        this.shared = new Shared(
                vertx,
                context,
                clock,
                new Launcher(lock.dir()),
                new CrashStore(db, options.keepPerChild()),
                new ControlLog(db, options.keepPerChild()),
                options,
                () -> ++startSequence);
        this.generations = new Generations(shared, children::put);
        Bus.register(vertx.eventBus(), Addresses.CHILD_STATE, StateChange.class);
        Bus.register(vertx.eventBus(), Addresses.CHILD_CRASH, CrashRecord.class);
        Bus.register(vertx.eventBus(), Addresses.CHILD_OUTPUT, OutputBatch.class);
    }

    /** Registers a child without starting it. Replaces nothing: a duplicate id is an error. */
    public void add(ChildSpec spec) {
        if (!ID.matcher(spec.id()).matches()) {
            throw new IllegalArgumentException("child id '" + spec.id() + "' must match " + ID.pattern());
        }
        if (children.containsKey(spec.id())) {
            throw new IllegalArgumentException("child '" + spec.id() + "' is already registered");
        }
        Options o = shared.options();
        children.put(
                spec.id(),
                new Child(spec, shared, new LogFile(logsDir.resolve(spec.id()), o.logFileBytes(), o.logFiles())));
    }

    /**
     * Starts every registered child in the order they were added. Completes when every process exists (not when each
     * is ready: follow {@code CHILD_STATE} for RUNNING); fails if any could not be started, after trying them all.
     */
    public Future<Void> startAll() {
        return startAll(id -> true);
    }

    /** {@link #startAll()} for the registered children whose id {@code which} accepts. */
    public Future<Void> startAll(Predicate<String> which) {
        List<Future<Void>> started = new ArrayList<>();
        children.forEach((id, c) -> {
            if (which.test(id)) {
                record(id, ControlEvent.Kind.START, "host start");
                started.add(c.start("start-up"));
            }
        });
        return Future.join(started).mapEmpty();
    }

    /**
     * Stops every child gracefully, never recorded as crashes, with no automatic restart meanwhile. The stops begin in
     * reverse start order (stop command or SIGTERM to the newest child first) and then run side by side: children
     * talk to the host, not to each other, so waiting for each before the next would make shutdown the sum of every
     * child's stop time (a game server saving its world would hold up every plugin). The whole is bounded by {@link
     * Options#stopAllTimeout}: whatever still runs then is SIGKILLed.
     */
    public Future<Void> stopAll() {
        List<Child> order = new ArrayList<>(children.values());
        order.addAll(generations.unserved());
        order.forEach(Child::hold);
        // Every child not already stopped: a crashed one may have a restart on its way that this stop cancels.
        children.forEach((id, c) -> {
            if (c.status().state() != ChildState.STOPPED) {
                record(id, ControlEvent.Kind.STOP, "host shutdown");
            }
        });
        order.sort(Comparator.comparingLong((Child c) -> c.startSequence).reversed());
        long deadline = vertx.setTimer(shared.options().stopAllTimeout().toMillis(), id -> order.forEach(Child::kill));
        List<Future<Void>> stopped = new ArrayList<>(order.size());
        for (Child c : order) {
            stopped.add(c.stop("host shutting down"));
        }
        return Future.join(stopped).<Void>mapEmpty().onComplete(ar -> vertx.cancelTimer(deadline));
    }

    /** Stops every child, then releases threads and files. The supervisor cannot be used afterwards. */
    public Future<Void> close() {
        return stopAll()
                .eventually(() -> vertx.executeBlocking(() -> {
                    children.values().forEach(c -> c.log().close());
                    shared.launcher().close();
                    if (lock != null) {
                        lock.close();
                    }
                    return null;
                }));
    }

    /** Starts a stopped, backing-off or failed child now (clearing its back-off); completes when the process exists. */
    public Future<Void> start(String id) {
        return start(id, "requested");
    }

    /**
     * {@link #start(String)} for another capability that runs its own children through the supervisor: {@code why}
     * goes on the chart marker ("plugin start" rather than "requested", which is an admin's).
     */
    public Future<Void> start(String id, String why) {
        return find(id).compose(c -> {
            record(id, ControlEvent.Kind.START, why);
            return c.start("start requested");
        });
    }

    /** Graceful stop; completes when the process is gone. A planned stop is never a crash. */
    public Future<Void> stop(String id) {
        return find(id).compose(c -> {
            requested(id, ControlEvent.Kind.STOP);
            return c.stop("stop requested");
        });
    }

    public Future<Void> restart(String id) {
        return find(id).compose(c -> {
            requested(id, ControlEvent.Kind.RESTART);
            return c.stop("restart requested").compose(v -> c.start("restart requested"));
        });
    }

    /** Starts, stops and restarts of a child, asked for or after a crash, newest first; they outlive the host. */
    public Future<List<ControlEvent>> controlEvents(String id, int limit) {
        return shared.controls().list(id, limit);
    }

    private void requested(String id, ControlEvent.Kind kind) {
        record(id, kind, "requested");
    }

    private void record(String id, ControlEvent.Kind kind, String detail) {
        shared.controls().record(new ControlEvent(id, shared.clock().instant(), kind, detail));
    }

    /**
     * Replaces the program of a registered child (a plugin's new jar) behind the same id, blue/green: {@code next} starts
     * beside the serving process as the child's next generation, and the moment it is RUNNING it serves the id (status,
     * stdin, tail, crash records, metrics) while the old process stops. History and counters stay the child's.
     * Completes when the new generation serves; fails with the reason, leaving the old one serving, when it ended before
     * it was ready or {@link #abandonReplace} gave up on it.
     */
    public Future<Void> replace(ChildSpec next) {
        return find(next.id()).compose(serving -> generations.replace(serving, next));
    }

    /** Gives up a {@link #replace} under way (the new generation took too long): its process is stopped. */
    public Future<Void> abandonReplace(String id, String why) {
        return generations.abandon(id, why);
    }

    /** Stops the child if it runs and forgets it (a plugin jar was removed). */
    public Future<Void> remove(String id) {
        generations.abandon(id, "removed");
        return find(id).compose(c -> c.stop("removed").compose(v -> {
            children.remove(id, c);
            return vertx.executeBlocking(() -> {
                c.log().close();
                return null;
            });
        }));
    }

    /**
     * {@link #remove(String)}, recorded as a stop for {@code why} on the chart markers: a service that left the
     * configuration, or whose entry changed and is replaced by {@link #add} with the new one.
     */
    public Future<Void> remove(String id, String why) {
        return find(id).compose(c -> {
            record(id, ControlEvent.Kind.STOP, why);
            return remove(id);
        });
    }

    public Optional<ChildStatus> status(String id) {
        return Optional.ofNullable(children.get(id)).map(Child::status);
    }

    /** Every registered child, in the order added. */
    public List<ChildStatus> children() {
        List<ChildStatus> out = new ArrayList<>(children.size());
        children.values().forEach(c -> out.add(c.status()));
        return out;
    }

    /** The last {@code max} lines of a child's output, oldest first; empty for an unknown child. */
    public List<OutputLine> tail(String id, int max) {
        Child c = children.get(id);
        return c == null ? List.of() : c.tail(max);
    }

    /**
     * Writes a line to a child's stdin (a console command); false when no process is up, a stop is under way, or the
     * child has stopped reading (64 KiB pending).
     */
    public boolean send(String id, String line) {
        Child c = children.get(id);
        return c != null && c.send(line);
    }

    /**
     * Lines of a child's output dropped because it wrote more than its {@link OutputLimit}, since the child was added;
     * 0 for an unknown child.
     */
    public long outputDropped(String id) {
        Child c = children.get(id);
        return c == null ? 0 : c.outputDropped();
    }

    /** Crash records, newest first; all children when {@code id} is null. */
    public Future<List<CrashRecord>> crashes(String id, int limit) {
        return shared.crashes().list(id, limit);
    }

    private Future<Child> find(String id) {
        Child c = children.get(id);
        return c == null
                ? Future.failedFuture(new IllegalArgumentException("no child '" + id + "'"))
                : Future.succeededFuture(c);
    }
}
