package warden.host.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.bus.Addresses;

/**
 * What follows a crash of one child: the restart decision ({@link Backoff}, the policy, a hold during host shutdown),
 * the crash record and its event, the transitions CRASHED and then STOPPED, FAILED or BACKOFF, and the retry timer.
 * Kept apart from {@link Child}, which decides whether an exit is a crash at all, because this is the part with its
 * own memory of past crashes and its own timer.
 *
 * <p>Owned by its {@link Child}, on the host context.
 */
final class Restarter {

    /** Under the child's name: an operator follows one child's life in the log under one logger. */
    private static final Logger LOG = LoggerFactory.getLogger(Child.class);

    static final int CRASH_TAIL_LINES = 200;

    private final ChildSpec spec;
    private final Shared shared;
    private final OutputTail tail;
    private final StateTracker state;
    private final BooleanSupplier idle;
    private final Consumer<String> spawn;
    private final Backoff backoff;

    private long retryTimer = -1;
    /** Why automatic restarts are off, or null when they are on. */
    private String held;

    private int crashes;

    /** {@code idle} tells whether the child has no run now; {@code spawn} starts one, with the reason. */
    Restarter(
            ChildSpec spec,
            Shared shared,
            OutputTail tail,
            StateTracker state,
            BooleanSupplier idle,
            Consumer<String> spawn) {
        this.spec = spec;
        this.shared = shared;
        this.tail = tail;
        this.state = state;
        this.idle = idle;
        this.spawn = spawn;
        this.backoff = new Backoff(spec.restart(), shared.clock(), new Random()::nextDouble);
    }

    int crashes() {
        return crashes;
    }

    /** An admin or start-up starts the child: automatic restarts are allowed again and the back-off starts over. */
    void release() {
        held = null;
        backoff.reset();
    }

    /** No automatic restarts until {@link #release}: the host is shutting down. */
    void hold() {
        hold("host shutting down");
    }

    /** {@link #hold()} for another reason, which the crash decision then names. */
    void hold(String why) {
        held = why;
        cancelRetry();
    }

    /** Crashes of earlier generations of the same child id count on: the child is the same to its readers. */
    void carry(int earlierCrashes) {
        crashes += earlierCrashes;
    }

    void cancelRetry() {
        shared.cancelTimer(retryTimer);
        retryTimer = -1;
    }

    /**
     * Run {@code r} crashed with {@code code} (-1: it could not be started). {@code failReason} is why the supervisor
     * failed it, null for an exit on its own; {@code restartNumber} is how many restarts the child had before.
     */
    void crash(Run r, int code, String failReason, Duration uptime, int restartNumber) {
        crashes++;
        RestartSpec.Policy policy = spec.restart().policy();
        String why = failReason != null ? failReason : code == 0 ? "exited with code 0 (policy always)" : "exited";
        Backoff.Decision next = null;
        String decision;
        if (held != null) {
            decision = "stay stopped (" + held + ")";
        } else if (policy == RestartSpec.Policy.NEVER) {
            decision = "stay stopped (policy never)";
        } else {
            Instant started = r.startedAt == null ? shared.clock().instant() : r.startedAt;
            next = backoff.afterCrash(started);
            decision = next.describe();
        }
        boolean atOnce = next != null && !next.failed() && next.delay().isZero();
        if (atOnce) {
            restart("restart after crash"); // first: the bookkeeping below then costs the game no downtime
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
        state.to(ChildState.CRASHED, Signals.describe(code) + ", " + why + "; " + decision, code);
        store(record);
        if (next == null) {
            state.to(ChildState.STOPPED, decision, null);
        } else if (next.failed()) {
            state.to(
                    ChildState.FAILED,
                    "crash loop: " + next.loopReason() + "; retrying every " + Durations.format(next.delay()),
                    null);
            scheduleRetry(next.delay(), "retry after crash loop");
        } else if (!atOnce) {
            state.to(ChildState.BACKOFF, decision, null);
            scheduleRetry(next.delay(), "restart after back-off");
        }
    }

    /**
     * The event goes out even when the record could not be stored now: a crash must not go unnoticed. A record that
     * waits for the disk (the store logs that once) is written later.
     */
    private void store(CrashRecord record) {
        shared.crashes().insert(record).onComplete(ar -> {
            if (ar.failed() && !(ar.cause() instanceof warden.host.storage.Backlog.Deferred)) {
                LOG.error("crash record of {} not stored", spec.id(), ar.cause());
            }
            shared.vertx()
                    .eventBus()
                    .publish(Addresses.CHILD_CRASH, Events.crash(ar.succeeded() ? ar.result() : record));
        });
    }

    private void restart(String why) {
        shared.controls().record(new ControlEvent(spec.id(), shared.clock().instant(), "restart", why));
        spawn.accept(why);
    }

    private void scheduleRetry(Duration delay, String why) {
        retryTimer = shared.timer(delay, () -> {
            retryTimer = -1;
            if (idle.getAsBoolean() && held == null) {
                restart(why);
            }
        });
    }
}
