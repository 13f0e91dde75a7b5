package warden.host.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One unexpected exit of a child, persisted so it survives a host restart.
 *
 * @param exitCode the JDK's exit value: 128+N after signal N
 * @param likelySignal "SIGKILL" for 137 and so on, or null; "likely" because the JDK cannot tell an {@code exit 137}
 *     from a kill
 * @param reason what the supervisor knows beyond the code: "unresponsive", "protocol violation: ...", "not ready
 *     within 30s", or "exited"
 * @param decision what the supervisor did next: "restart now", "restart in 4s", "failed: 5 crashes in 5m", "stay
 *     stopped (policy never)"
 * @param tail the last lines of output before the exit, oldest first
 */
public record CrashRecord(
        long seq,
        String childId,
        Instant at,
        int exitCode,
        String likelySignal,
        String reason,
        Duration uptime,
        int restartNumber,
        String decision,
        List<String> tail) {}
