package warden.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The API performance table: a route's max and mean describe the same stretch of time. */
class ApiStatsTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

    private Timer route(String route) {
        return Timer.builder(ApiStats.RESPONSE_TIME)
                .tags("route", route, "method", "GET", "code", "200")
                .register(registry);
    }

    @Test
    void theMaxIsNeverBelowTheMeanOnceTheTimersOwnMaxHasForgotten() {
        ApiStats stats = new ApiStats(registry, Clock.systemUTC());
        Timer system = route("/api/v1/system");
        system.record(100, TimeUnit.MILLISECONDS);
        for (int i = 0; i < 9; i++) {
            system.record(10, TimeUnit.MILLISECONDS);
        }
        stats.remember();
        // Micrometer's max covers the last couple of minutes only; the mean covers the whole run.
        clock.add(Duration.ofMinutes(10));
        stats.remember();

        ApiStats.Route r = stats.summary().routes().get(0);
        assertEquals(10, r.count());
        assertEquals(19.0, r.meanMillis(), 0.001);
        assertEquals(100.0, r.maxMillis(), 0.001);
        assertTrue(r.maxMillis() >= r.meanMillis(), r.toString());
    }

    @Test
    void requestsWithoutARoutePatternAreLabelledForWhatTheyAre() {
        ApiStats stats = new ApiStats(registry, Clock.systemUTC());
        route("").record(1, TimeUnit.MILLISECONDS);
        assertEquals("(any other path)", stats.summary().routes().get(0).route());
    }

    @Test
    void timersFromBeforeAndAfterTheStatsCountAndARemovedOneLeaves() {
        route("/a").record(1, TimeUnit.MILLISECONDS);
        ApiStats stats = new ApiStats(registry, Clock.systemUTC());
        Timer b = route("/b");
        b.record(1, TimeUnit.MILLISECONDS);
        registry.counter("some.other.meter").increment();
        assertEquals(2, stats.summary().routes().size());
        registry.remove(b);
        assertEquals("/a", stats.summary().routes().get(0).route());
        assertEquals(1, stats.summary().routes().size());
    }
}
