package warden.host.supervisor;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One unexpected exit of a child, persisted so it survives a host restart, and published on {@code
 * Addresses.CHILD_CRASH} once stored.
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
        List<String> tail) {

    public CrashRecord {
        // Shared as is by every reader of the bus: nobody may change it under the others.
        tail = tail == null ? null : List.copyOf(tail);
    }

    /**
     * The live stream's shape, without the tail: {@code {seq, id, at, exitCode, likelySignal, reason, uptimeMs,
     * restartNumber, decision}}. The REST API writes the record as it is.
     */
    public JsonObject toJson() {
        return new JsonObject()
                .put("seq", seq)
                .put("id", childId)
                .put("at", at.toString())
                .put("exitCode", exitCode)
                .put("likelySignal", likelySignal)
                .put("reason", reason)
                .put("uptimeMs", uptime.toMillis())
                .put("restartNumber", restartNumber)
                .put("decision", decision);
    }
}
