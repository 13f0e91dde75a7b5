package warden.host.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Slows down token guessing: after {@code maxFailures} failed logins from one address within {@code window}, that
 * address is refused until the window that began with its first failure has passed.
 *
 * <p>Owned by the host context (the login handler), like the rest of the HTTP layer.
 */
final class LoginLimiter {

    private record Failures(Instant firstAt, int count) {}

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Failures> byAddress = new HashMap<>();

    LoginLimiter(Clock clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** Zero when {@code address} may try now, else the whole seconds it has to wait. */
    long retryAfterSeconds(String address) {
        Failures f = current(address);
        if (f == null || f.count < maxFailures) {
            return 0;
        }
        Duration left = Duration.between(clock.instant(), f.firstAt.plus(window));
        return Math.max(1, (left.toMillis() + 999) / 1000);
    }

    void failed(String address) {
        Failures f = current(address);
        byAddress.put(address, f == null ? new Failures(clock.instant(), 1) : new Failures(f.firstAt, f.count + 1));
        if (byAddress.size() > 10_000) {
            // Bounded memory under a spray of addresses: forget expired entries.
            byAddress.values().removeIf(x -> expired(x));
        }
    }

    void succeeded(String address) {
        byAddress.remove(address);
    }

    private Failures current(String address) {
        Failures f = byAddress.get(address);
        if (f != null && expired(f)) {
            byAddress.remove(address);
            return null;
        }
        return f;
    }

    private boolean expired(Failures f) {
        return !clock.instant().isBefore(f.firstAt.plus(window));
    }
}
