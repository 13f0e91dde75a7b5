package warden.host.supervisor;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a child is in its life. Every transition is published on {@code Addresses.CHILD_STATE} with a reason.
 *
 * <pre>
 * STOPPED -> STARTING -> RUNNING -> STOPPING -> STOPPED   stop on request: never a crash, whatever the exit code
 *            STARTING ------------> STOPPING              stop requested while starting
 *            STARTING -> CRASHED                          exit, not ready in time, or failed by its attachment
 *            STARTING or RUNNING -> STOPPED               exit 0 on its own under policy on-failure or never
 *                        RUNNING -> CRASHED -> STARTING   first crash after resetAfter of running: at once
 *                                   CRASHED -> BACKOFF -> STARTING
 *                                   CRASHED -> FAILED  -> STARTING   crash loop: retried every maxBackoff
 *                                   CRASHED -> STOPPED    policy never, or the host is shutting down
 * STOPPED, CRASHED, BACKOFF or FAILED -> CRASHED          the command could not be started (exit code -1); CRASHED
 *                                                         when it was the at-once restart after a crash
 * BACKOFF or FAILED -> STOPPED                            stop requested
 * </pre>
 *
 * A crash (CRASHED) is any exit nobody asked for, except exit 0 under on-failure/never; each one leaves a {@link
 * CrashRecord}. FAILED is not the end: the child is retried at the slowest back-off for as long as the loop lasts, and
 * an admin's start clears it at once.
 */
public enum ChildState {
    STOPPED,
    STARTING,
    RUNNING,
    STOPPING,
    CRASHED,
    BACKOFF,
    FAILED;

    /** The states the diagram above draws an arrow to from this one; {@link StateTracker} refuses every other move. */
    public Set<ChildState> next() {
        return switch (this) {
            case STOPPED -> EnumSet.of(STARTING, CRASHED);
            case STARTING -> EnumSet.of(RUNNING, STOPPING, CRASHED, STOPPED);
            case RUNNING -> EnumSet.of(STOPPING, CRASHED, STOPPED);
            case STOPPING -> EnumSet.of(STOPPED);
            case CRASHED -> EnumSet.of(STARTING, CRASHED, BACKOFF, FAILED, STOPPED);
            case BACKOFF, FAILED -> EnumSet.of(STARTING, CRASHED, STOPPED);
        };
    }

    public boolean canMoveTo(ChildState next) {
        return next().contains(next);
    }

    /** True while a process exists or is about to: what "up" means for metrics and the dashboard. */
    public boolean isAlive() {
        return this == STARTING || this == RUNNING || this == STOPPING;
    }
}
