package warden.host.alerts;

import java.time.Instant;

/**
 * Notifications held back until {@code until}: transitions are still recorded, nothing is sent.
 *
 * @param matcher {@code all}, {@code rule:<name>} or {@code child:<id>}
 * @param who who set it: {@code api}, {@code dashboard}, or a chat user as {@code irc:alice}
 */
public record Silence(long id, String matcher, Instant until, String who, String reason, Instant createdAt) {

    boolean matches(String rule, String scope, Instant at) {
        if (!at.isBefore(until)) {
            return false;
        }
        return matcher.equals("all") || matcher.equals("rule:" + rule) || matcher.equals("child:" + scope);
    }
}
