package warden.host.plugins;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.protocol.Event;
import warden.protocol.PluginFrame;

/**
 * Everything the router keeps for one plugin id across the runs of its child: the live connection (when ready), the
 * bounded queue of events that arrive while it is not, and the counters. A run ends; the slot and its counters stay.
 *
 * <p>Owned by {@link PluginHost}, on the host context.
 */
final class PluginSlot {

    private static final Logger log = LoggerFactory.getLogger(PluginSlot.class);
    /** Larger events could not pass the supervisor's 64 KiB stdin buffer; they fail at once instead. */
    static final int MAX_EVENT_BYTES = 60 * 1024;

    private Descriptor descriptor;
    private final int capacity;
    private final Runnable onReady;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final LatencyWindow latency = new LatencyWindow();
    private final LatencyWindow queueWait = new LatencyWindow();
    private final Map<String, Long> custom = new TreeMap<>();
    private EventTimings timings = EventTimings.NONE;
    private PluginConnection live;
    private int liveGeneration;
    private int candidateGeneration = -1;
    private int generations;
    private Descriptor candidate;
    private Promise<PluginConnection> candidateReady;
    private PluginFrame.Hello hello;
    private Promise<Void> firstSettled = Promise.promise();
    private long seq;
    private long delivered;
    private long handled;
    private long failed;
    private long dropped;
    private long timedOut;

    PluginSlot(Descriptor descriptor, int capacity, Runnable onReady) {
        this.descriptor = descriptor;
        this.capacity = capacity;
        this.onReady = onReady;
    }

    String id() {
        return descriptor.id();
    }

    void timings(EventTimings timings) {
        this.timings = timings;
    }

    Descriptor descriptor() {
        return descriptor;
    }

    /** A generation number never used before for this plugin, for a new version's child. */
    int newGeneration() {
        return ++generations;
    }

    /** The generation whose runs serve events; it changes only when a reload's new version becomes ready. */
    int liveGeneration() {
        return liveGeneration;
    }

    /**
     * Expects a run of {@code generation} (the new version, {@code next}) to say ready. When it does, it serves all new
     * events and the future completes with the connection it replaced; a run of it that exits first fails the future.
     */
    Future<PluginConnection> expect(int generation, Descriptor next) {
        candidateGeneration = generation;
        candidate = next;
        candidateReady = Promise.promise();
        return candidateReady.future();
    }

    /** Gives up on the expected generation (not ready in time). */
    void abandon(String reason) {
        if (candidateReady != null) {
            candidateGeneration = -1;
            candidateReady.tryFail(reason);
        }
    }

    /** The last hello of any run; null before the plugin ever said hello. */
    PluginFrame.Hello hello() {
        return hello;
    }

    boolean isReady() {
        return live != null && live.isReady();
    }

    /** Completes when the first run of this child is ready or has ended: start-up waits on it. */
    Future<Void> firstSettled() {
        return firstSettled.future();
    }

    /** Sends now, or queues until the plugin is ready; a full queue drops the event, counted and logged. */
    Future<Pending.Outcome> send(Event event) {
        Pending p = new Pending(++seq, event, System.nanoTime());
        if (p.bytes > MAX_EVENT_BYTES) {
            failed++;
            p.promise.fail("event of " + p.bytes + " bytes is too large for plugin " + id());
        } else if (isReady() && queue.isEmpty() && live.canTake(p.bytes)) {
            deliver(p);
        } else if (queue.size() >= capacity) {
            dropped++;
            String why = isReady() ? "is not keeping up" : "is not ready";
            log.warn("plugin {} {} and its queue of {} is full: event {} dropped", id(), why, capacity, p.seq);
            p.promise.fail("plugin " + id() + " " + why + " and its queue is full: event dropped");
        } else {
            queue.add(p);
        }
        return p.promise.future();
    }

    void ready(PluginConnection connection, PluginFrame.Hello hello) {
        PluginConnection replaced = null;
        // Only the expected generation ends a reload's wait: a restarted run of the serving one is just that.
        boolean promoted = connection.generation() == candidateGeneration;
        if (promoted) {
            replaced = live;
            liveGeneration = candidateGeneration;
            descriptor = candidate;
            candidateGeneration = -1;
        } else if (connection.generation() != liveGeneration) {
            log.warn("plugin {}: a run of retired generation {} became ready; ignored", id(), connection.generation());
            return;
        }
        this.live = connection;
        this.hello = hello;
        log.info("plugin {} {} ready; delivering {} queued events", id(), hello.version(), queue.size());
        onReady.run();
        firstSettled.tryComplete();
        pump();
        if (promoted) {
            candidateReady.tryComplete(replaced);
        }
    }

    /** Sends queued events, oldest first, as far as the live child's window allows. */
    private void pump() {
        long now = System.nanoTime();
        while (!queue.isEmpty() && isReady() && live.canTake(queue.peek().bytes)) {
            Pending p = queue.poll();
            queueWait.add(now - p.createdNanos);
            timings.waited(id(), now - p.createdNanos);
            deliver(p);
        }
    }

    void result(Pending p, Pending.Outcome outcome, long latencyNanos) {
        latency.add(latencyNanos);
        timings.handled(id(), latencyNanos);
        if (outcome.error() == null) {
            handled++;
        } else {
            failed++;
        }
        p.promise.complete(outcome);
        pump();
    }

    /**
     * An event got no result within {@code timeout}: it fails now with an error the user sees, and frees its place in
     * the window. Its result, should it still come, is ignored.
     */
    void timedOut(Pending p, java.time.Duration timeout) {
        timedOut++;
        log.warn("plugin {} did not answer event {} within {} ms", id(), p.seq, timeout.toMillis());
        p.promise.fail("plugin " + id() + " did not answer within " + timeout.toMillis() + " ms");
        pump();
    }

    /** A run ended. Events it had in flight may have been half handled, so they fail rather than run twice. */
    void exited(PluginConnection connection, List<Pending> lost, int exitCode) {
        if (live == connection) {
            live = null;
        }
        if (connection.generation() == candidateGeneration && candidateReady != null) {
            candidateGeneration = -1;
            candidateReady.tryFail("the new version exited with code " + exitCode + " before it was ready");
        }
        firstSettled.tryComplete();
        for (Pending p : lost) {
            failed++;
            p.promise.fail("plugin " + id() + " exited (code " + exitCode + ") while handling event " + p.seq);
        }
        if (!lost.isEmpty()) {
            log.warn("plugin {} exited with code {} with {} events in flight", id(), exitCode, lost.size());
        }
    }

    /** Fails every queued event: the plugin was removed. */
    void drop(String reason) {
        while (!queue.isEmpty()) {
            dropped++;
            queue.poll().promise.fail(reason);
        }
    }

    void custom(Map<String, Long> values) {
        custom.putAll(values);
    }

    EventCounters counters() {
        return new EventCounters(
                delivered,
                handled,
                failed,
                dropped,
                queue.size(),
                latency.percentileMillis(50),
                latency.percentileMillis(99),
                queueWait.percentileMillis(99),
                Map.copyOf(custom),
                timedOut);
    }

    /** The counters as metric series, for {@code SeriesSource}. */
    Map<String, Double> series() {
        EventCounters c = counters();
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("events.delivered", (double) c.delivered());
        m.put("events.handled", (double) c.handled());
        m.put("events.failed", (double) c.failed());
        m.put("events.dropped", (double) c.dropped());
        m.put("events.timedOut", (double) c.timedOut());
        m.put("queue.size", (double) c.queued());
        m.put("queue.wait.p99.ms", c.queueWaitP99Millis());
        m.put("latency.p50.ms", c.latencyP50Millis());
        m.put("latency.p99.ms", c.latencyP99Millis());
        c.custom().forEach((k, v) -> m.put("custom." + k, (double) v));
        return m;
    }

    private void deliver(Pending p) {
        delivered++;
        live.send(p);
    }
}
