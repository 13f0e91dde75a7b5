package warden.host.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A busy loop burns one core when it gets one (100 %). On a shared CI box it may get much less, so the reading is
 * checked against the CPU time the JDK reports for the same processes over the same two seconds: within 10 % (+1 point
 * for rounding to clock ticks).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class CpuShareTest {

    @TempDir
    Path dir;

    Harness h;

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void busyChildAndBusyGrandchildReadAsTheirShareOfOneCore(Vertx vertx, VertxTestContext ctx) throws Exception {
        h = new Harness(vertx, dir);
        Process busy = h.spawn("sh", "-c", "while :; do :; done");
        // A wrapper script whose child does the work, as game servers are often started.
        Process wrapper = h.spawn("sh", "-c", "sh -c 'while :; do :; done' & wait");
        h.running("busy", busy, 0);
        h.running("wrapped", wrapper, 0);
        MetricsService m = h.create(Harness.CONFIG);
        long[] before = new long[3];
        h.on(m::start)
                .compose(v -> waitMillis(vertx, 300)) // the wrapper's child has been forked
                .compose(v -> {
                    before[0] = System.nanoTime();
                    before[1] = cpuNanos(busy.toHandle());
                    before[2] = cpuNanos(wrapper.toHandle());
                    return h.ticks(1);
                })
                .compose(v -> waitMillis(vertx, 2000))
                .compose(v -> h.ticks(1))
                .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
                    double wall = System.nanoTime() - before[0];
                    double busyRef = 100.0 * (cpuNanos(busy.toHandle()) - before[1]) / wall;
                    double wrappedRef = 100.0 * (cpuNanos(wrapper.toHandle()) - before[2]) / wall;
                    double busyCpu = m.latest("busy").orElseThrow().values().get("cpu");
                    double wrappedCpu =
                            m.latest("wrapped").orElseThrow().values().get("cpu");
                    assertEquals(busyRef, busyCpu, 0.1 * busyRef + 1, "busy loop");
                    assertEquals(wrappedRef, wrappedCpu, 0.1 * wrappedRef + 1, "wrapper plus its busy child");
                    assertTrue(busyRef > 2 && wrappedRef > 2, "the loops ran: " + busyRef + " / " + wrappedRef);
                    ctx.completeNow();
                })));
    }

    /** CPU time of a process and all its descendants, as the JDK reports it. */
    private static long cpuNanos(ProcessHandle p) {
        return Stream.concat(Stream.of(p), p.descendants())
                .mapToLong(
                        x -> x.info().totalCpuDuration().orElse(Duration.ZERO).toNanos())
                .sum();
    }

    private static Future<Void> waitMillis(Vertx vertx, long millis) {
        Promise<Void> p = Promise.promise();
        vertx.setTimer(millis, id -> p.complete());
        return p.future();
    }
}
