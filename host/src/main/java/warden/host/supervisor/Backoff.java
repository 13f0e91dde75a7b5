package warden.host.supervisor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.DoubleSupplier;
import warden.host.config.Durations;

/**
 * Decides how long a crashed child waits before its next start, and when it is in a crash loop.
 *
 * <p>A crash after at least {@code resetAfter} of running restarts at once and resets the doubling; otherwise the
 * delay is {@code initialBackoff * 2^n}, capped at {@code maxBackoff}, minus up to 20% jitter so that children that
 * crashed together do not restart in lock step (jitter only shortens a delay, so the cap is never exceeded).
 * {@code crashLoopCrashes} crashes within {@code crashLoopWindow} make a crash loop: the child is marked FAILED and
 * retried every {@code maxBackoff} for as long as the loop lasts. Crashes older than the window stop counting, so a
 * child that settles down leaves FAILED on its own.
 *
 * <p>Pure: time comes from the injected clock and jitter from the injected random source, so tests give exact delays.
 * Owned by one {@code Child}, on the host context.
 */
final class Backoff {

    static final double JITTER = 0.2;

    /** What to do after one crash. {@code loopReason} is null unless this crash made (or kept) a crash loop. */
    record Decision(Duration delay, String loopReason) {
        boolean failed() {
            return loopReason != null;
        }

        /** As a crash record's decision: "restart now", "restart in 4s", "failed: 5 crashes in 5m; retry in 60s". */
        String describe() {
            String in = Durations.format(delay);
            return failed()
                    ? "failed: " + loopReason + "; retry in " + in
                    : delay.isZero() ? "restart now" : "restart in " + in;
        }
    }

    private final RestartSpec spec;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Deque<Instant> recentCrashes = new ArrayDeque<>();
    private int doublings;

    Backoff(RestartSpec spec, Clock clock, DoubleSupplier random) {
        this.spec = spec;
        this.clock = clock;
        this.random = random;
    }

    /** Records a crash of a run that started at {@code startedAt} and returns the delay before the next start. */
    Decision afterCrash(Instant startedAt) {
        Instant now = clock.instant();
        recentCrashes.addLast(now);
        Instant windowStart = now.minus(spec.crashLoopWindow());
        while (!recentCrashes.isEmpty() && recentCrashes.peekFirst().isBefore(windowStart)) {
            recentCrashes.removeFirst();
        }
        boolean stable = Duration.between(startedAt, now).compareTo(spec.resetAfter()) >= 0;
        if (stable) {
            doublings = 0;
        }
        if (recentCrashes.size() >= spec.crashLoopCrashes()) {
            return new Decision(
                    spec.maxBackoff(),
                    recentCrashes.size() + " crashes in " + Durations.format(spec.crashLoopWindow()));
        }
        if (stable) {
            return new Decision(Duration.ZERO, null);
        }
        Duration base = exponential(doublings);
        doublings++;
        long jitterNanos = (long) (base.toNanos() * JITTER * random.getAsDouble());
        return new Decision(base.minusNanos(jitterNanos), null);
    }

    /** A manual start: the admin has intervened, so the doubling and the crash-loop count start over. */
    void reset() {
        doublings = 0;
        recentCrashes.clear();
    }

    private Duration exponential(int n) {
        Duration max = spec.maxBackoff();
        Duration d = spec.initialBackoff();
        for (int i = 0; i < n && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
