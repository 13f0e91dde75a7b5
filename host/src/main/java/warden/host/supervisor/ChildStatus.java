package warden.host.supervisor;

import java.time.Instant;

/**
 * A snapshot of one child, as the API, chat and metrics read it.
 *
 * @param pid 0 when no process exists
 * @param startedAt when the current run began; null when not alive
 * @param version what the child reported (plugins) or null
 * @param generation 0 for the child's first program; each reload (a plugin's new jar) behind the same id adds one
 * @param restarts restarts since the host started
 * @param crashes unexpected exits since the host started
 * @param reason why the child is in {@code state}
 */
public record ChildStatus(
        String id,
        ChildKind kind,
        ChildState state,
        Instant stateSince,
        String reason,
        long pid,
        Instant startedAt,
        String version,
        int generation,
        int restarts,
        int crashes,
        Integer lastExitCode) {}
