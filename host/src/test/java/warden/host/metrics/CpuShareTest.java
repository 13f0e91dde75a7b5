package warden.host.metrics;

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
 * A busy loop burns one core when it gets one (100 %). On a shared CI box it may get much less, and unevenly, so the
 * reading is checked against the CPU time the JDK reports for the same process trees over windows that bracket the
 * sampler's own: on a quiet box the bracket is a few milliseconds wide at each end of two seconds, far inside ±10 %.
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
        // The sampler reads each process once during each tick, somewhere between the "outer" instants (before the
        // first tick starts, after the second ends) and the "inner" ones (after the first ends, before the second
        // starts). So its CPU time lies between the inner and the outer CPU time, and its wall time between the
        // inner and outer wall time, however unevenly a busy machine hands out the cores.
        long[] outer = new long[3];
        long[] inner = new long[3];
        h.on(m::start)
                .compose(v -> waitMillis(vertx, 300)) // the wrapper's child has been forked
                .compose(v -> {
                    read(outer, busy, wrapper);
                    return h.ticks(1);
                })
                .compose(v -> {
                    read(inner, busy, wrapper);
                    return waitMillis(vertx, 2000);
                })
                .compose(v -> {
                    long[] innerEnd = read(new long[3], busy, wrapper);
                    return h.ticks(1).map(x -> innerEnd);
                })
                .onComplete(ctx.succeeding(innerEnd -> ctx.verify(() -> {
                    long[] outerEnd = read(new long[3], busy, wrapper);
                    double busyCpu = m.latest("busy").orElseThrow().values().get("cpu");
                    double wrappedCpu =
                            m.latest("wrapped").orElseThrow().values().get("cpu");
                    within("busy loop", busyCpu, 1, outer, inner, innerEnd, outerEnd);
                    within("wrapper plus its busy child", wrappedCpu, 2, outer, inner, innerEnd, outerEnd);
                    ctx.completeNow();
                })));
    }

    /** Wall clock, then the CPU time of each process tree, into {@code into}. */
    private static long[] read(long[] into, Process busy, Process wrapper) {
        into[0] = System.nanoTime();
        into[1] = cpuNanos(busy.toHandle());
        into[2] = cpuNanos(wrapper.toHandle());
        return into;
    }

    /**
     * The reading lies between the least and the most the sampler's window can hold, give or take 2 points: /proc
     * counts CPU time in 10 ms ticks, for the sampler and for the JDK alike.
     */
    private static void within(
            String what, double reading, int k, long[] outer, long[] inner, long[] innerEnd, long[] outerEnd) {
        double least = 100.0 * (innerEnd[k] - inner[k]) / (outerEnd[0] - outer[0]);
        double most = 100.0 * (outerEnd[k] - outer[k]) / (innerEnd[0] - inner[0]);
        assertTrue(least > 2, what + " ran: " + least);
        assertTrue(
                reading >= least - 2 && reading <= most + 2,
                what + ": read " + reading + " %, the window held between " + least + " and " + most + " %");
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
