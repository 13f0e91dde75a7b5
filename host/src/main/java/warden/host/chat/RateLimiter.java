package warden.host.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per user: {@code burst} commands at once, then one every {@code 60s / perMinute}.
 *
 * <p>Owned by {@link ChatService} on the host context. A user who is refused is told once; further refusals until a
 * token is back stay silent, so a flood of commands does not turn into a flood of refusals.
 */
final class RateLimiter {

    /** What to do with one command. */
    enum Verdict {
        ALLOW,
        REFUSE_AND_SAY,
        REFUSE_SILENTLY
    }

    private static final class Bucket {
        double tokens;
        Instant refilledAt;
        boolean told;
    }

    // Idle users are forgotten after this long, so the map cannot grow without bound.
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final Clock clock;
    private final int burst;
    private final Duration perToken;
    private final Map<String, Bucket> buckets = new HashMap<>();

    RateLimiter(Clock clock, int perMinute, int burst) {
        this.clock = clock;
        this.burst = burst;
        this.perToken = Duration.ofMinutes(1).dividedBy(perMinute);
    }

    Verdict take(String user) {
        Instant now = clock.instant();
        if (buckets.size() > 1000) {
            buckets.values().removeIf(b -> b.refilledAt.plus(FORGET_AFTER).isBefore(now));
        }
        Bucket b = buckets.computeIfAbsent(user, u -> {
            Bucket fresh = new Bucket();
            fresh.tokens = burst;
            fresh.refilledAt = now;
            return fresh;
        });
        double elapsedTokens = (double) Duration.between(b.refilledAt, now).toNanos() / perToken.toNanos();
        b.tokens = Math.min(burst, b.tokens + Math.max(0, elapsedTokens));
        b.refilledAt = now;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            b.told = false;
            return Verdict.ALLOW;
        }
        if (b.told) {
            return Verdict.REFUSE_SILENTLY;
        }
        b.told = true;
        return Verdict.REFUSE_AND_SAY;
    }

    /** How long until {@code user} has a token again. */
    Duration wait(String user) {
        Bucket b = buckets.get(user);
        if (b == null || b.tokens >= 1) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) ((1 - b.tokens) * perToken.toNanos()));
    }
}
