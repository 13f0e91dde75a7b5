package warden.host.supervisor;

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
 * STOPPED, BACKOFF or FAILED -> CRASHED                   the command could not be started (exit code -1)
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

    /** True while a process exists or is about to: what "up" means for metrics and the dashboard. */
    public boolean isAlive() {
        return this == STARTING || this == RUNNING || this == STOPPING;
    }
}
