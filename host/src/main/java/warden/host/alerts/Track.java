package warden.host.alerts;

import java.time.Instant;
import java.util.List;

/**
 * One rule for one scope over time: its {@link AlertState}, the times the state machine needs, and whether the firing
 * was sent (a resolve is only sent for a firing that was). Mutable; owned by the {@link Evaluator}, on the host
 * context. A new track, with a new id, starts every time the condition starts to hold again.
 */
final class Track {

    final CompiledRule rule;
    final String scope;
    final int slot;
    final long id;
    AlertState state = AlertState.INACTIVE;
    long sinceMs;
    long firingSinceMs = -1;
    /** When the condition was last seen false while firing; -1 while it holds. */
    long falseSinceMs = -1;

    long lastSentMs = -1;
    boolean sent;
    long seenTick;
    double value = Double.NaN;
    String summary = "";
    List<String> lines = List.of();
    String acknowledgedBy;

    Track(CompiledRule rule, String scope, int slot, long id, long nowMs) {
        this.rule = rule;
        this.scope = scope;
        this.slot = slot;
        this.id = id;
        this.sinceMs = nowMs;
    }

    boolean open() {
        return state == AlertState.PENDING || state == AlertState.FIRING;
    }

    Alert alert() {
        return new Alert(
                id,
                rule.name,
                scope,
                rule.rule.severity(),
                state,
                Instant.ofEpochMilli(sinceMs),
                firingSinceMs < 0 ? null : Instant.ofEpochMilli(firingSinceMs),
                Double.isNaN(value) ? null : value,
                rule.threshold(),
                summary,
                lines,
                acknowledgedBy);
    }
}
