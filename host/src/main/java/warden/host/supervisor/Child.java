package warden.host.supervisor;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of one child (drawn on {@link ChildState}): starts runs, reads their output, decides what an exit
 * means and what happens next. Its parts: {@link StateTracker} holds the state and publishes every transition on
 * {@code Addresses.CHILD_STATE}; {@link ReadinessWatch} takes a run from STARTING to RUNNING, or fails it; {@link
 * Restarter} handles a crash and the restart that follows.
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
    /** How long an exit waits for the last output lines; a grandchild holding the pipe open must not stall it. */
    private static final long OUTPUT_GRACE_MS = 500;

    private final ChildSpec spec;
    /** 0 for the first; each replacement of the child's program (a plugin reload) is one more: see Generations. */
    private final int generation;

    private final Shared shared;
    private final LogFile log;
    private final OutputTail tail;
    private final OutputGate gate;
    private final StateTracker state;
    private final ReadinessWatch readiness;
    private final Restarter restarter;
    private final List<Promise<Void>> stopWaiters = new ArrayList<>();

    private Run run;
    private int runs;
    private int restarts;
    private Integer lastExitCode;
    /** The pid of the run whose exit is being handled, for the events about it. */
    private long exitedPid;

    long startSequence;

    Child(ChildSpec spec, Shared shared, LogFile log) {
        this(spec, shared, log, new OutputTail(spec.id(), shared), 0);
    }

    /** A generation of a child id: it shares the log and the tail of the generations before it. */
    Child(ChildSpec spec, Shared shared, LogFile log, OutputTail tail, int generation) {
        this.spec = spec;
        this.generation = generation;
        this.shared = shared;
        this.log = log;
        this.tail = tail;
        this.gate = new OutputGate(spec.output(), System::nanoTime);
        this.state = new StateTracker(spec, shared, () -> run != null && run.exit != null ? run.pid : exitedPid);
        this.readiness = new ReadinessWatch(spec, shared, state, () -> run);
        this.restarter = new Restarter(spec, shared, tail, state, () -> run == null, why -> spawn(why, true));
    }

    LogFile log() {
        return log;
    }

    ChildStatus status() {
        boolean live = run != null && run.exit != null && !run.over;
        return new ChildStatus(
                spec.id(),
                spec.kind(),
                state.current(),
                state.since(),
                state.reason(),
                live ? run.pid : 0,
                live ? run.startedAt : null,
                readiness.version(),
                generation,
                restarts,
                restarter.crashes(),
                lastExitCode);
    }

    /** Lines dropped from capture by the output limit, over all runs. */
    long outputDropped() {
        return gate.dropped();
    }

    List<OutputLine> tail(int max) {
        return tail.last(max);
    }

    /** A start asked for by an admin or by start-up: clears the back-off, completes once the process exists. */
    Future<Void> start(String why) {
        restarter.release();
        if (run != null) {
            return Future.succeededFuture();
        }
        restarter.cancelRetry();
        return spawn(why, false);
    }

    /** No automatic restarts from now on (the host is shutting down); a later {@link #start} lifts it. */
    void hold() {
        restarter.hold();
    }

    /** Graceful stop; completes when the process is gone. */
    Future<Void> stop(String why) {
        restarter.cancelRetry();
        if (run == null) {
            if (!state.is(ChildState.STOPPED)) {
                state.to(ChildState.STOPPED, why, null);
            }
            return Future.succeededFuture();
        }
        Promise<Void> done = Promise.promise();
        stopWaiters.add(done);
        if (!run.stopRequested) {
            run.stopRequested = true;
            if (run.hasProcess()) {
                state.to(ChildState.STOPPING, why, null);
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

    /** {@code now}: a restart, spawned on this thread when the launcher is idle (see {@link Launcher#spawn}). */
    private Future<Void> spawn(String why, boolean now) {
        Run r = new Run(++runs);
        r.output = new OutputQueue(
                shared.options().queueLines(), shared.context(), q -> onOutput(r, q), shared.launcher()::outputRoom);
        if (runs > 1) {
            restarts++;
        }
        run = r;
        startSequence = shared.startSequence().getAsLong();
        Promise<Void> spawned = Promise.promise();
        try {
            OutputPump[] pumps = OutputPump.pair(spec, log, r.output, gate, shared);
            shared.launcher()
                    .spawn(spec, runKey(), pumps[0], pumps[1], now)
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
            shared.launcher().forget(runKey()); // an earlier run's pid file, kept for a restart that did not happen
            if (r.stopRequested) { // nothing to stop after all
                if (!state.is(ChildState.STOPPED)) { // a first start that never spawned is still STOPPED
                    state.to(ChildState.STOPPED, "stop requested while starting; could not start", null);
                }
                completeStopWaiters();
            } else {
                lastExitCode = -1;
                restarter.crash(r, -1, "could not start: " + cause.getMessage(), Duration.ZERO, restarts);
            }
            spawned.fail(cause);
            return;
        }
        r.exit = launched.exit();
        r.pid = launched.pid();
        r.root = launched.root();
        r.reaper = shared.launcher().reaper();
        r.startedAt = shared.clock().instant();
        r.stdin = new StdinWriter(spec.id(), launched.stdin(), shared.launcher().stdinPool());
        String note = launched.leftover() == null ? why : why + "; " + launched.leftover();
        state.to(ChildState.STARTING, note, null);
        // The rest of the tree goes with the leader, before anyone hears of the exit: a stop has completed, and a
        // restart begins, only when nothing of this run is left. That also closes pipes a grandchild held open.
        r.exit.thenCompose(code -> r.reaper.sweep(r.root))
                .thenCompose(n -> launched.outputDone().completeOnTimeout(null, OUTPUT_GRACE_MS, TimeUnit.MILLISECONDS))
                .whenComplete((v, e) -> shared.context().runOnContext(x -> onExit(r)));
        if (spec.attachment() != null) {
            r.attach(spec.attachment(), (x, v) -> readiness.ready(x, "reported by the child", v), spec.id());
        }
        readiness.arm(r);
        if (r.stopRequested) {
            state.to(ChildState.STOPPING, "stop requested while starting", null);
            r.stop(spec.stop(), shared.vertx(), spec.id());
        }
        onOutput(r, r.output);
        spawned.complete();
    }

    private void onOutput(Run r, OutputQueue q) {
        if (r.startedAt == null) {
            return; // lines that beat the launcher's answer here wait for it: onSpawned drains them
        }
        Pattern ready = readiness.pattern(r);
        if (tail.route(r, q.take(OutputQueue.BATCH), q.takeDropped(), ready)) {
            readiness.ready(r, "output matched /" + ready.pattern() + "/", null);
        }
    }

    private void onExit(Run r) {
        if (r.over) {
            return;
        }
        onOutput(r, r.output); // the last lines, before anyone hears of the exit
        r.over = true;
        int code = r.exit.getNow(-1);
        readiness.disarm(r);
        shared.cancelTimer(r.stopTimer);
        r.stdin.close();
        r.detach(code, spec.id());
        lastExitCode = code;
        run = null;
        exitedPid = r.pid;
        try {
            afterExit(r, code);
        } finally {
            exitedPid = 0;
        }
        // A restart at once has queued its spawn, whose pid file replaces this one: deleting it first would only put
        // a file operation between the exit and the restart.
        if (run == null) {
            shared.launcher().forget(runKey());
        }
    }

    private void afterExit(Run r, int code) {
        Duration uptime = Duration.between(r.startedAt, shared.clock().instant());
        if (r.stopRequested) {
            state.to(ChildState.STOPPED, "stopped on request, " + Signals.describe(code), code);
            completeStopWaiters();
            return;
        }
        RestartSpec.Policy policy = spec.restart().policy();
        if (code == 0 && r.failReason == null && policy != RestartSpec.Policy.ALWAYS) {
            state.to(ChildState.STOPPED, "exited on its own with exit code 0 (policy " + policyName() + ")", code);
            return;
        }
        restarter.crash(r, code, r.failReason, uptime, restarts);
    }

    private void completeStopWaiters() {
        List<Promise<Void>> waiters = new ArrayList<>(stopWaiters);
        stopWaiters.clear();
        waiters.forEach(Promise::tryComplete);
    }

    private String policyName() {
        return spec.restart().policy().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    // --- Generations: what Supervisor's Generations needs to run two programs under one child id. ---

    int generation() {
        return generation;
    }

    OutputTail outputTail() {
        return tail;
    }

    /**
     * The launcher's key for this generation's runs (pid file): two generations of one id overlap during a reload, and
     * the leftover check of one must never stop the other.
     */
    private String runKey() {
        return generation == 0 ? spec.id() : spec.id() + "~g" + generation;
    }

    /**
     * Starts this generation on trial beside the serving one: unpublished, its transitions told to {@code listener},
     * never restarted. Completes when its process exists.
     */
    Future<Void> trial(Child serving, java.util.function.Consumer<ChildState> listener, String why) {
        restarts = serving.restarts;
        restarter.carry(serving.restarter.crashes());
        state.published(false);
        state.listen(listener);
        restarter.hold("a new generation on trial; generation " + serving.generation + " keeps serving");
        return spawn(why, false);
    }

    /** This generation now serves the child id: published and restarted like any child. */
    void promote(String why) {
        state.listen(s -> {});
        state.published(true);
        restarter.release();
        state.announce(why);
    }

    /** Replaced by a newer generation: it stops unseen, and no crash of it is restarted. */
    Future<Void> retire(String why) {
        state.published(false);
        restarter.hold("replaced by a newer generation");
        return stop(why);
    }
}
