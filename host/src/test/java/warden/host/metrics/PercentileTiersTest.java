package warden.host.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seven days of a series with known values, fed tick by tick through the service on a hand-moved clock: p50/p95/p99
 * over 7 days (minute buckets) and 30 days (hour buckets) are within {@link Sketches#RELATIVE_ACCURACY} of the exact
 * nearest-rank percentiles of the same values, and the raw tier and the memory window answer exactly.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class PercentileTiersTest {

    /** A tick every two minutes: 5040 values in 7 days, 30 to an hour bucket. */
    private static final Duration STEP = Duration.ofMinutes(2);

    private static final int N = (int) (Duration.ofDays(7).toMillis() / STEP.toMillis());

    @TempDir
    Path dir;

    private Harness h;

    /** Log-normal (median 20, a long tail to the hundreds), in 1/64 steps so float32 holds each one exactly. */
    private final double[] values = new double[N + 1];

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        h = new Harness(vertx, dir);
        Random random = new Random(42);
        for (int k = 0; k <= N; k++) {
            values[k] = Math.round(Math.exp(3 + 1.2 * random.nextGaussian()) * 64) / 64.0;
        }
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void percentilesOver7And30DaysAreWithinTheStatedErrorAndRawStaysExact(VertxTestContext ctx) throws Exception {
        h.running("game", h.spawn("sleep", "600"), 0);
        MetricsService metrics = h.create(Harness.CONFIG);
        Instant start = h.clock.instant();
        metrics.addSource(id -> Map.of("load", values[tick(start)]));
        Future<Void> fed = h.on(metrics::start).compose(v -> h.on(metrics::tick));
        for (int k = 1; k <= N; k++) {
            fed = fed.compose(v -> {
                h.clock.advance(STEP);
                return h.on(metrics::tick);
            });
        }
        // The tick at start + 7 d closed every bucket before it: the buckets hold values 0 to N - 1.
        Instant now = start.plus(Duration.ofDays(7));
        Instant to = now.plusMillis(1);
        fed.compose(v -> {
                    ctx.verify(() -> assertEquals(now, h.clock.instant()));
                    return Future.all(
                            aggregates(now.minus(Duration.ofDays(7)), to, MetricsService.Tier.MINUTE),
                            aggregates(now.minus(Duration.ofDays(30)), to, MetricsService.Tier.HOUR),
                            aggregates(now.minus(Duration.ofHours(24)), to, MetricsService.Tier.RAW),
                            aggregates(now.minus(Duration.ofMinutes(10)), to, MetricsService.Tier.MEMORY));
                })
                .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
                    for (int i = 0; i < 2; i++) {
                        Aggregates a = all.resultAt(i);
                        assertEquals(N, a.count(), "every bucketed value");
                        within(exact(0, N, 50), a.p50(), a);
                        within(exact(0, N, 95), a.p95(), a);
                        within(exact(0, N, 99), a.p99(), a);
                    }
                    int day = (int) (Duration.ofHours(24).toMillis() / STEP.toMillis());
                    assertExact(all.resultAt(2), N - day, N + 1);
                    assertExact(all.resultAt(3), N - 5, N + 1);
                    ctx.completeNow();
                })));
    }

    private Future<Aggregates> aggregates(Instant from, Instant to, MetricsService.Tier tier) {
        assertEquals(tier, h.metrics.tierFor(from), "the tier that answers from " + from);
        return h.on(() -> h.metrics.aggregates("game", "load", from, to));
    }

    private int tick(Instant start) {
        return (int) ((h.clock.millis() - start.toEpochMilli()) / STEP.toMillis());
    }

    /** The nearest-rank percentile of values[from..to), as the raw tier computes it. */
    private double exact(int from, int to, int p) {
        double[] sorted = Arrays.copyOfRange(values, from, to);
        Arrays.sort(sorted);
        return sorted[Aggregator.rank(p, sorted.length)];
    }

    private static void within(double exact, double estimate, Aggregates a) {
        double error = Math.abs(estimate - exact) / exact;
        assertTrue(
                error <= Sketches.RELATIVE_ACCURACY,
                "relative error " + error + " (exact " + exact + ", sketched " + estimate + ") in " + a);
    }

    private void assertExact(Aggregates a, int from, int to) {
        assertEquals(to - from, a.count(), a.toString());
        assertEquals(exact(from, to, 50), a.p50(), a.toString());
        assertEquals(exact(from, to, 95), a.p95(), a.toString());
        assertEquals(exact(from, to, 99), a.p99(), a.toString());
    }
}
