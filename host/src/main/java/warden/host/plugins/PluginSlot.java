package warden.host.plugins;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the router keeps for one plugin id across the runs of its child: the live connection (when ready), the
 * bounded queue of events that arrive while it is not, and the counters. A run ends; the slot and its counters stay.
 *
 * <p>Owned by {@link PluginHost}, on the host context.
 */
final class PluginSlot {

    private static final Logger log = LoggerFactory.getLogger(PluginSlot.class);

    private final Descriptor descriptor;
    private final int capacity;
    private final Runnable onReady;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final LatencyWindow latency = new LatencyWindow();
    private final LatencyWindow queueWait = new LatencyWindow();
    private final Map<String, Long> custom = new TreeMap<>();
    private PluginConnection live;
    private PluginConnection.Hello hello;
    private Promise<Void> firstSettled = Promise.promise();
    private long seq;
    private long delivered;
    private long handled;
    private long failed;
    private long dropped;

    PluginSlot(Descriptor descriptor, int capacity, Runnable onReady) {
        this.descriptor = descriptor;
        this.capacity = capacity;
        this.onReady = onReady;
    }

    String id() {
        return descriptor.id();
    }

    Descriptor descriptor() {
        return descriptor;
    }

    /** The last hello of any run; null before the plugin ever said hello. */
    PluginConnection.Hello hello() {
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
    Future<Pending.Outcome> send(JsonObject event) {
        Pending p = new Pending(++seq, event, System.nanoTime());
        if (isReady()) {
            deliver(p);
        } else if (queue.size() >= capacity) {
            dropped++;
            log.warn("plugin {} is not ready and its queue of {} is full: event {} dropped", id(), capacity, p.seq);
            p.promise.fail("plugin " + id() + " is not ready and its queue is full: event dropped");
        } else {
            queue.add(p);
        }
        return p.promise.future();
    }

    void ready(PluginConnection connection, PluginConnection.Hello hello) {
        this.live = connection;
        this.hello = hello;
        log.info("plugin {} {} ready; delivering {} queued events", id(), hello.version(), queue.size());
        onReady.run();
        firstSettled.tryComplete();
        long now = System.nanoTime();
        while (!queue.isEmpty() && isReady()) {
            Pending p = queue.poll();
            queueWait.add(now - p.createdNanos);
            deliver(p);
        }
    }

    void result(Pending p, Pending.Outcome outcome, long latencyNanos) {
        latency.add(latencyNanos);
        if (outcome.error() == null) {
            handled++;
        } else {
            failed++;
        }
        p.promise.complete(outcome);
    }

    /** A run ended. Events it had in flight may have been half handled, so they fail rather than run twice. */
    void exited(PluginConnection connection, List<Pending> lost, int exitCode) {
        if (live == connection) {
            live = null;
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
                Map.copyOf(custom));
    }

    private void deliver(Pending p) {
        delivered++;
        live.send(p);
    }
}
