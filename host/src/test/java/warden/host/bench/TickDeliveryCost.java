package warden.host.bench;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import warden.host.bus.Bus;
import warden.host.metrics.Tick;

/**
 * What delivering one metrics tick to the host's four tick readers (SSE stream, alerts, exporter, one more) costs in
 * allocated bytes, as the {@code JsonObject} the sampler used to publish (Vert.x deep-copies it for each consumer)
 * and as the {@link Tick} record it publishes now (one instance shared). 100 children with 9 series each, and their
 * counters. Bytes are summed over every thread, so the event loop's copies count. Run: {@code java -cp <test class
 * path> warden.host.bench.TickDeliveryCost}.
 */
public final class TickDeliveryCost {

    private static final int CONSUMERS = 4;
    private static final int ROUNDS = 2_000;

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Tick tick = tick(100);
            JsonObject json = tick.toJson();
            Bus.register(vertx.eventBus(), "bench.record", Tick.class);
            for (int pass = 0; pass < 3; pass++) { // the first passes warm up
                long asJson = bytesPerRound(vertx, "bench.json", json);
                long asRecord = bytesPerRound(vertx, "bench.record", tick);
                System.out.printf(
                        "pass %d: JsonObject %,d bytes per tick, record %,d bytes per tick (%d consumers)%n",
                        pass, asJson, asRecord, CONSUMERS);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static long bytesPerRound(Vertx vertx, String address, Object body) throws Exception {
        CountDownLatch[] done = {null};
        List<MessageConsumer<Object>> consumers = new ArrayList<>();
        for (int i = 0; i < CONSUMERS; i++) {
            consumers.add(vertx.eventBus().localConsumer(address, m -> done[0].countDown()));
        }
        Thread.sleep(100); // registration settles before the count starts
        long before = allocated();
        for (int r = 0; r < ROUNDS; r++) {
            done[0] = new CountDownLatch(CONSUMERS);
            vertx.eventBus().publish(address, body);
            done[0].await(10, TimeUnit.SECONDS);
        }
        long perRound = (allocated() - before) / ROUNDS;
        for (MessageConsumer<Object> c : consumers) {
            c.unregister().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        return perRound;
    }

    private static long allocated() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }

    private static Tick tick(int children) {
        Map<String, Map<String, Double>> byChild = new LinkedHashMap<>();
        Map<String, Map<String, Double>> counters = new LinkedHashMap<>();
        for (int i = 0; i < children; i++) {
            Map<String, Double> v = new LinkedHashMap<>();
            for (String s : new String[] {
                "cpu",
                "rssBytes",
                "vmsBytes",
                "threads",
                "openFiles",
                "readBytesPerSec",
                "writeBytesPerSec",
                "pid",
                "uptimeSeconds"
            }) {
                v.put(s, i * 1.5);
            }
            byChild.put("child-" + i, v);
            counters.put("child-" + i, Map.of("cpuSeconds", 1.0, "readBytes", 2.0, "writeBytes", 3.0));
        }
        return new Tick(Instant.now(), byChild, Map.of("cpu", 1.0), Map.of("cpu", 2.0), counters);
    }
}
