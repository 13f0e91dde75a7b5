package warden.host.supervisor;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import warden.host.config.Durations;

/**
 * Decides when a run of one child is ready, STARTING -> RUNNING, as its {@link Readiness} says: a line of output
 * matching the pattern, the attachment's report, or having stayed up for the settle time (at once with no check at
 * all). A run that is not ready within the timeout is killed, and its exit is then a crash with that reason. Kept apart
 * from {@link Child} because it is the one part of a run with timers of its own and its own way into RUNNING.
 *
 * <p>Owned by its {@link Child}, on the host context. The timers are kept on the {@link Run}, so a late one from an
 * earlier run sees that its run is no longer the current one and does nothing.
 */
final class ReadinessWatch {

    private final ChildSpec spec;
    private final Shared shared;
    private final StateTracker state;
    private final Supplier<Run> current;
    /** Reported by the child when it became ready; kept across runs until a newer one reports. */
    private String version;

    /** {@code current} gives the child's run now, null between runs. */
    ReadinessWatch(ChildSpec spec, Shared shared, StateTracker state, Supplier<Run> current) {
        this.spec = spec;
        this.shared = shared;
        this.state = state;
        this.current = current;
    }

    String version() {
        return version;
    }

    /** Starts watching a run that has just reached STARTING. */
    void arm(Run r) {
        Readiness readiness = spec.readiness();
        r.readyTimer = shared.timer(readiness.timeout(), () -> notReady(r));
        Duration settle = readiness.settle();
        if (readiness.pattern() == null && !readiness.external()) {
            if (settle.isZero()) {
                ready(r, "started (no readiness check)", null);
            } else {
                r.settleTimer = shared.timer(settle, () -> ready(r, "up for " + Durations.format(settle), null));
            }
        }
    }

    /** The pattern run {@code r}'s output is matched against now; null when nobody waits for a line. */
    Pattern pattern(Run r) {
        return r == current.get() && state.is(ChildState.STARTING)
                ? spec.readiness().pattern()
                : null;
    }

    /** Run {@code r} is ready, if it is still the current run and still STARTING; otherwise nothing happens. */
    void ready(Run r, String why, String reportedVersion) {
        if (r != current.get() || r.over || !state.is(ChildState.STARTING)) {
            return;
        }
        disarm(r);
        if (reportedVersion != null) {
            version = reportedVersion;
        }
        state.to(ChildState.RUNNING, "ready: " + why, null);
    }

    /** Stops the timers of run {@code r}: it is ready or gone. */
    void disarm(Run r) {
        shared.cancelTimer(r.readyTimer);
        shared.cancelTimer(r.settleTimer);
    }

    private void notReady(Run r) {
        if (r == current.get() && !r.over && state.is(ChildState.STARTING) && r.failReason == null) {
            r.failReason =
                    "not ready within " + Durations.format(spec.readiness().timeout());
            r.kill();
        }
    }
}
