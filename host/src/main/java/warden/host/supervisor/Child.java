package warden.host.supervisor;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.Addresses;

/**
 * The state machine of one child (drawn on {@link ChildState}): starts runs, reads their output, decides what an exit
 * means and what happens next, and publishes every transition on {@code Addresses.CHILD_STATE}.
 *
 * <p>Owned by {@link Supervisor} and confined to the host context: every launcher answer, exit notification, output
 * batch and timer hops there before it touches this object.
 *
 * <p>An exit is planned when a stop was requested for that run; it then ends in STOPPED whatever the exit code. An
 * unplanned exit 0 ends in STOPPED under policies on-failure and never (the program finished); every other unplanned
 * exit, and exit 0 under policy always, is a crash: CRASHED, a crash record, then the restart decision.
 */
final class Child {

    private static final Logger LOG = LoggerFactory.getLogger(Child.class);
    static final int CRASH_TAIL_LINES = 200;
    /** How long an exit waits for the last output lines; a grandchild holding the pipe open must not stall it. */
    private static final long OUTPUT_GRACE_MS = 500;

    private final ChildSpec spec;
    private final Shared shared;
    private final LogFile log;
    private final OutputTail tail;
    private final Backoff backoff;
    private final List<Promise<Void>> stopWaiters = new ArrayList<>();

    private ChildState state = ChildState.STOPPED;
    private Instant stateSince;
    private String reason = "not started yet";
    private Run run;
    private long retryTimer = -1;
    private boolean held;
    private int runs;
    private int restarts;
    private int crashes;
    private Integer lastExitCode;
    /** The pid of the run whose exit is being handled, for the events about it. */
    private long exitedPid;

    private String version;
    long startSequence;

    Child(ChildSpec spec, Shared shared, LogFile log) {
        this.spec = spec;
        this.shared = shared;
        this.log = log;
        this.tail = new OutputTail(spec.id(), shared);
        this.backoff = new Backoff(spec.restart(), shared.clock(), new Random()::nextDouble);
        this.stateSince = shared.clock().instant();
    }

    LogFile log() {
        return log;
    }

    ChildStatus status() {
        boolean live = run != null && run.process != null && !run.over;
        return new ChildStatus(
                spec.id(),
                spec.kind(),
                state,
                stateSince,
                reason,
                live ? run.pid : 0,
                live ? run.startedAt : null,
                version,
                restarts,
                crashes,
                lastExitCode);
    }

    List<OutputLine> tail(int max) {
        return tail.last(max);
    }

    /** A start asked for by an admin or by start-up: clears the back-off, completes once the process exists. */
    Future<Void> start(String why) {
        held = false;
        backoff.reset();
        if (run != null) {
            return Future.succeededFuture();
        }
        cancelRetry();
        return spawn(why);
    }

    /** No automatic restarts from now on (the host is shutting down); a later {@link #start} lifts it. */
    void hold() {
        held = true;
        cancelRetry();
    }

    /** Graceful stop; completes when the process is gone. */
    Future<Void> stop(String why) {
        cancelRetry();
        if (run == null) {
            if (state != ChildState.STOPPED) {
                transition(ChildState.STOPPED, why, null);
            }
            return Future.succeededFuture();
        }
        Promise<Void> done = Promise.promise();
        stopWaiters.add(done);
        if (!run.stopRequested) {
            run.stopRequested = true;
            if (run.hasProcess()) {
                transition(ChildState.STOPPING, why, null);
                run.stop(spec.stop(), shared.vertx(), spec.id());
            }
        }
        return done.future();
    }

    /** SIGKILL now: the host's shutdown budget is spent. */
    void kill() {
        if (run != null && run.hasProcess()) {
            run.stopRequested = true;
            run.kill();
        }
    }

    boolean send(String line) {
        return run != null && run.hasProcess() && !run.stopRequested && run.stdin.write(line);
    }

    private Future<Void> spawn(String why) {
        Run r = new Run(++runs);
        r.output = new OutputQueue(shared.options().queueLines(), shared.context(), q -> onOutput(r, q));
        if (runs > 1) {
            restarts++;
        }
        run = r;
        startSequence = shared.startSequence().getAsLong();
        Promise<Void> spawned = Promise.promise();
        try {
            shared.launcher()
                    .spawn(spec, p -> OutputPump.start(p, spec, log, r.output, shared))
                    .whenComplete((launched, err) ->
                            shared.context().runOnContext(v -> onSpawned(r, launched, err, why, spawned)));
        } catch (IllegalStateException e) {
            run = null;
            spawned.fail(e);
        }
        return spawned.future();
    }

    private void onSpawned(Run r, Launcher.Launched launched, Throwable err, String why, Promise<Void> spawned) {
        if (err != null) {
            Throwable cause = err instanceof java.util.concurrent.CompletionException ? err.getCause() : err;
            LOG.warn("child {} could not be started: {}", spec.id(), cause.toString());
            r.over = true;
            run = null;
            if (r.stopRequested) { // nothing to stop after all
                transition(ChildState.STOPPED, "stop requested while starting; could not start", null);
                completeStopWaiters();
            } else {
                crash(r, -1, "could not start: " + cause.getMessage(), Duration.ZERO);
            }
            spawned.fail(cause);
            return;
        }
        r.process = launched.process();
        r.pid = r.process.pid();
        r.startedAt = shared.clock().instant();
        r.stdin = new StdinWriter(
                spec.id(), r.process.getOutputStream(), shared.launcher().stdinPool());
        String note = launched.leftover() == null ? why : why + "; " + launched.leftover();
        transition(ChildState.STARTING, note, null);
        r.process
                .onExit()
                .thenCompose(p -> launched.outputDone().completeOnTimeout(null, OUTPUT_GRACE_MS, TimeUnit.MILLISECONDS))
                .whenComplete((v, e) -> shared.context().runOnContext(x -> onExit(r)));
        if (spec.attachment() != null) {
            r.attach(spec.attachment(), (x, v) -> ready(x, "reported by the child", v), spec.id());
        }
        Readiness readiness = spec.readiness();
        r.readyTimer = timer(readiness.timeout(), () -> notReady(r));
        Duration settle = readiness.settle();
        if (readiness.pattern() == null && !readiness.external()) {
            if (settle.isZero()) {
                ready(r, "started (no readiness check)", null);
            } else {
                r.settleTimer = timer(settle, () -> ready(r, "up for " + Durations.format(settle), null));
            }
        }
        if (r.stopRequested) {
            transition(ChildState.STOPPING, "stop requested while starting", null);
            r.stop(spec.stop(), shared.vertx(), spec.id());
        }
        onOutput(r, r.output);
        spawned.complete();
    }

    private void onOutput(Run r, OutputQueue q) {
        if (r.startedAt == null) {
            return; // lines that beat the launcher's answer here wait for it: onSpawned drains them
        }
        Pattern ready =
                r == run && state == ChildState.STARTING ? spec.readiness().pattern() : null;
        if (tail.route(r, q.take(OutputQueue.BATCH), q.takeDropped(), ready)) {
            ready(r, "output matched /" + ready.pattern() + "/", null);
        }
    }

    private void ready(Run r, String why, String reportedVersion) {
        if (r != run || r.over || state != ChildState.STARTING) {
            return;
        }
        cancelTimer(r.readyTimer);
        cancelTimer(r.settleTimer);
        if (reportedVersion != null) {
            version = reportedVersion;
        }
        transition(ChildState.RUNNING, "ready: " + why, null);
    }

    private void notReady(Run r) {
        if (r == run && !r.over && state == ChildState.STARTING && r.failReason == null) {
            r.failReason =
                    "not ready within " + Durations.format(spec.readiness().timeout());
            r.kill();
        }
    }

    private void onExit(Run r) {
        if (r.over) {
            return;
        }
        onOutput(r, r.output); // the last lines, before anyone hears of the exit
        r.over = true;
        int code = r.process.exitValue();
        cancelTimer(r.readyTimer);
        cancelTimer(r.settleTimer);
        cancelTimer(r.stopTimer);
        r.stdin.close();
        r.detach(code, spec.id());
        shared.launcher().forget(spec.id());
        lastExitCode = code;
        run = null;
        exitedPid = r.pid;
        try {
            afterExit(r, code);
        } finally {
            exitedPid = 0;
        }
    }

    private void afterExit(Run r, int code) {
        Duration uptime = Duration.between(r.startedAt, shared.clock().instant());
        if (r.stopRequested) {
            transition(ChildState.STOPPED, "stopped on request, " + Signals.describe(code), code);
            completeStopWaiters();
            return;
        }
        RestartSpec.Policy policy = spec.restart().policy();
        if (code == 0 && r.failReason == null && policy != RestartSpec.Policy.ALWAYS) {
            transition(ChildState.STOPPED, "exited on its own with exit code 0 (policy " + policyName() + ")", code);
            return;
        }
        crash(r, code, r.failReason, uptime);
    }

    private void crash(Run r, int code, String failReason, Duration uptime) {
        crashes++;
        lastExitCode = code;
        RestartSpec.Policy policy = spec.restart().policy();
        String why = failReason != null ? failReason : code == 0 ? "exited with code 0 (policy always)" : "exited";
        Backoff.Decision next = null;
        String decision;
        if (held) {
            decision = "stay stopped (host shutting down)";
        } else if (policy == RestartSpec.Policy.NEVER) {
            decision = "stay stopped (policy never)";
        } else {
            Instant started = r.startedAt == null ? shared.clock().instant() : r.startedAt;
            next = backoff.afterCrash(started);
            decision = next.describe();
        }
        int restartNumber = restarts;
        boolean atOnce = next != null && !next.failed() && next.delay().isZero();
        if (atOnce) {
            restartAfterCrash("restart after crash"); // first: the bookkeeping below then costs the game no downtime
        }
        CrashRecord record = CrashStore.unsaved(
                spec.id(),
                shared.clock().instant(),
                code,
                why,
                uptime,
                restartNumber,
                decision,
                tail.lastAsText(CRASH_TAIL_LINES));
        transition(ChildState.CRASHED, Signals.describe(code) + ", " + why + "; " + decision, code);
        shared.crashes().insert(record).onComplete(ar -> {
            if (ar.failed()) {
                LOG.error("crash record of {} not stored", spec.id(), ar.cause());
            }
            shared.vertx()
                    .eventBus()
                    .publish(Addresses.CHILD_CRASH, Events.crash(ar.succeeded() ? ar.result() : record));
        });
        if (next == null) {
            transition(ChildState.STOPPED, decision, null);
        } else if (next.failed()) {
            transition(
                    ChildState.FAILED,
                    "crash loop: " + next.loopReason() + "; retrying every " + Durations.format(next.delay()),
                    null);
            scheduleRetry(next.delay(), "retry after crash loop");
        } else if (!atOnce) {
            transition(ChildState.BACKOFF, decision, null);
            scheduleRetry(next.delay(), "restart after back-off");
        }
    }

    private void completeStopWaiters() {
        List<Promise<Void>> waiters = new ArrayList<>(stopWaiters);
        stopWaiters.clear();
        waiters.forEach(Promise::tryComplete);
    }

    private void restartAfterCrash(String why) {
        shared.controls().record(new ControlEvent(spec.id(), shared.clock().instant(), "restart", why));
        spawn(why);
    }

    private void scheduleRetry(Duration delay, String why) {
        retryTimer = timer(delay, () -> {
            retryTimer = -1;
            if (run == null && !held) {
                restartAfterCrash(why);
            }
        });
    }

    private void cancelRetry() {
        cancelTimer(retryTimer);
        retryTimer = -1;
    }

    private void transition(ChildState next, String why, Integer exitCode) {
        ChildState previous = state;
        state = next;
        stateSince = shared.clock().instant();
        reason = why;
        long pid = run != null && run.process != null ? run.pid : exitedPid;
        JsonObject event = Events.state(spec, previous, next, why, stateSince, pid, exitCode);
        LOG.info("child {}: {} -> {} ({})", spec.id(), previous, next, why);
        shared.vertx().eventBus().publish(Addresses.CHILD_STATE, event);
    }

    private String policyName() {
        return spec.restart().policy().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private long timer(Duration d, Runnable action) {
        return shared.vertx().setTimer(Math.max(1, d.toMillis()), id -> action.run());
    }

    private void cancelTimer(long id) {
        if (id >= 0) {
            shared.vertx().cancelTimer(id);
        }
    }
}
