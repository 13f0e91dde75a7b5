package warden.host.supervisor;

import java.time.Duration;
import warden.host.config.ServiceConfig;

/**
 * When and how fast a child that exited is started again.
 *
 * <p>The first crash after {@code resetAfter} of stable running restarts at once: for a game server, downtime matters
 * more than anything. Each further crash doubles the delay from {@code initialBackoff} up to {@code maxBackoff}, with
 * jitter. {@code crashLoopCrashes} crashes within {@code crashLoopWindow} mark the child FAILED with an explicit
 * reason; a FAILED child is still retried, at {@code maxBackoff}, so it is never given up on silently and never
 * hammered.
 */
public record RestartSpec(
        Policy policy,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration resetAfter,
        int crashLoopCrashes,
        Duration crashLoopWindow) {

    public enum Policy {
        ALWAYS,
        ON_FAILURE,
        NEVER
    }

    /** The config's restart defaults ({@code ServiceConfig.RestartConfig.DEFAULT}): said once, there. */
    public static final RestartSpec DEFAULT = of(ServiceConfig.RestartConfig.DEFAULT);

    /** The supervisor's form of a service's {@code restart:} section. */
    public static RestartSpec of(ServiceConfig.RestartConfig r) {
        return new RestartSpec(
                Policy.valueOf(r.policy().name()),
                r.backoff(),
                r.maxBackoff(),
                r.resetAfter(),
                r.crashLoopCrashes(),
                r.crashLoopWindow());
    }
}
