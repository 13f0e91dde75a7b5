package warden.host.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import warden.host.fixtures.TestClock;

class BackoffTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    private static final RestartSpec SPEC = new RestartSpec(
            RestartSpec.Policy.ON_FAILURE,
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            5,
            Duration.ofMinutes(5));

    /** Crashes right after each start, with the wait in between: what the supervisor does in a crash loop. */
    private static Backoff.Decision crashAfter(Backoff b, TestClock clock, Duration uptime) {
        Instant started = clock.instant();
        clock.advance(uptime);
        return b.afterCrash(started);
    }

    @Test
    void doublesUpToTheMaximumWithoutJitter() {
        TestClock clock = new TestClock(T0);
        RestartSpec noLoop = new RestartSpec(
                RestartSpec.Policy.ON_FAILURE,
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                100,
                Duration.ofMinutes(5));
        Backoff b = new Backoff(noLoop, clock, () -> 0.0);
        long[] expectedSeconds = {1, 2, 4, 8, 16, 32, 60, 60};
        for (long s : expectedSeconds) {
            Backoff.Decision d = crashAfter(b, clock, Duration.ofSeconds(1));
            assertEquals(Duration.ofSeconds(s), d.delay());
            assertFalse(d.failed());
            clock.advance(d.delay());
        }
    }

    @Test
    void jitterOnlyShortensByUpToTwentyPercent() {
        TestClock clock = new TestClock(T0);
        Backoff b = new Backoff(SPEC, clock, () -> 0.5);
        assertEquals(
                Duration.ofMillis(900),
                crashAfter(b, clock, Duration.ofMillis(10)).delay());
        assertEquals(
                Duration.ofMillis(1800),
                crashAfter(b, clock, Duration.ofMillis(10)).delay());
        Backoff most = new Backoff(SPEC, clock, () -> 1.0);
        assertEquals(
                Duration.ofMillis(800),
                crashAfter(most, clock, Duration.ofMillis(10)).delay());
    }

    @Test
    void aCrashAfterStableRunningRestartsAtOnceAndResetsTheDoubling() {
        TestClock clock = new TestClock(T0);
        Backoff b = new Backoff(SPEC, clock, () -> 0.0);
        assertEquals(Duration.ZERO, crashAfter(b, clock, Duration.ofSeconds(60)).delay());
        assertEquals(
                Duration.ofSeconds(1),
                crashAfter(b, clock, Duration.ofSeconds(5)).delay());
        assertEquals(
                Duration.ofSeconds(2),
                crashAfter(b, clock, Duration.ofSeconds(5)).delay());
        assertEquals(Duration.ZERO, crashAfter(b, clock, Duration.ofMinutes(10)).delay());
        assertEquals(
                Duration.ofSeconds(1),
                crashAfter(b, clock, Duration.ofSeconds(5)).delay());
    }

    @Test
    void fiveCrashesInFiveMinutesAreACrashLoopRetriedAtTheMaximum() {
        TestClock clock = new TestClock(T0);
        Backoff b = new Backoff(SPEC, clock, () -> 0.0);
        for (int i = 0; i < 4; i++) {
            Backoff.Decision d = crashAfter(b, clock, Duration.ofSeconds(1));
            assertFalse(d.failed());
            clock.advance(d.delay());
        }
        Backoff.Decision fifth = crashAfter(b, clock, Duration.ofSeconds(1));
        assertTrue(fifth.failed());
        assertEquals("5 crashes in 5m", fifth.loopReason());
        assertEquals(Duration.ofSeconds(60), fifth.delay());
        clock.advance(fifth.delay());
        Backoff.Decision sixth = crashAfter(b, clock, Duration.ofSeconds(1));
        assertEquals("6 crashes in 5m", sixth.loopReason());
    }

    @Test
    void crashesOlderThanTheWindowStopCounting() {
        TestClock clock = new TestClock(T0);
        Backoff b = new Backoff(SPEC, clock, () -> 0.0);
        for (int i = 0; i < 4; i++) {
            crashAfter(b, clock, Duration.ofSeconds(1));
        }
        clock.advance(Duration.ofMinutes(5));
        Backoff.Decision d = crashAfter(b, clock, Duration.ofSeconds(1));
        assertFalse(d.failed());
        assertEquals(Duration.ofSeconds(16), d.delay());
    }

    @Test
    void aManualStartForgetsEverything() {
        TestClock clock = new TestClock(T0);
        Backoff b = new Backoff(SPEC, clock, () -> 0.0);
        for (int i = 0; i < 4; i++) {
            crashAfter(b, clock, Duration.ofSeconds(1));
        }
        b.reset();
        Backoff.Decision d = crashAfter(b, clock, Duration.ofSeconds(1));
        assertFalse(d.failed());
        assertEquals(Duration.ofSeconds(1), d.delay());
    }
}
