package warden.host.supervisor;

/**
 * Where a child is in its life. Every transition is published on {@code Addresses.CHILD_STATE} with a reason.
 *
 * <pre>
 * STOPPED -> STARTING -> RUNNING -> STOPPING -> STOPPED        (stop on request: never a crash)
 *            STARTING -> CRASHED   (exit, or not ready in time)
 *                        RUNNING -> CRASHED -> STARTING        (first crash after stable running: at once)
 *                                   CRASHED -> BACKOFF -> STARTING
 *                                   CRASHED -> FAILED  -> STARTING (crash loop: retried at the slowest back-off)
 *                                   CRASHED -> STOPPED         (policy never / on-failure after exit 0)
 * </pre>
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
