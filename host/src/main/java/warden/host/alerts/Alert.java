package warden.host.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import warden.host.config.AlertsConfig.Severity;

/**
 * One alert as the API, the chat commands and every channel see it: a rule that holds (or held) for one scope.
 *
 * @param id unique across restarts; what {@code !ack} and {@code POST /alerts/{id}/ack} take
 * @param scope the child id, {@code host}, {@code system} or {@code disk:<mount>} the rule fired for
 * @param since when the condition was first seen (PENDING)
 * @param firingSince when it fired; null while pending
 * @param value the series' last value; null for event rules
 * @param threshold the rule's threshold; null for event rules
 * @param summary one line for people: what happened, to what, with numbers and units
 * @param lines the last lines of output before a crash, oldest first; empty for other rules
 * @param acknowledgedBy who acknowledged it (no more repeats), or null
 */
public record Alert(
        long id,
        String rule,
        String scope,
        Severity severity,
        AlertState state,
        Instant since,
        Instant firingSince,
        Double value,
        Double threshold,
        String summary,
        List<String> lines,
        String acknowledgedBy) {

    public Alert {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(scope, "scope");
        lines = List.copyOf(lines);
    }
}
