package warden.host.alerts;

import java.time.Instant;

/**
 * One row of the alert history: a transition, a delivery attempt, an acknowledgement or a suppressed notification.
 *
 * @param kind {@code transition}, {@code delivery}, {@code suppressed}, {@code ack} or {@code silence}
 * @param state for a transition the new state; for a delivery the notification kind ({@code firing}, {@code
 *     resolved}, {@code repeat}, {@code test})
 * @param channel the channel of a delivery, else null
 * @param outcome {@code ok}, {@code failed}, {@code dropped}, a suppression reason, or null
 * @param detail the summary of a transition, the failure reason of a delivery, who acknowledged
 */
public record HistoryEntry(
        long seq,
        Instant at,
        long alertId,
        String rule,
        String scope,
        String kind,
        String state,
        String channel,
        String outcome,
        String detail) {}
