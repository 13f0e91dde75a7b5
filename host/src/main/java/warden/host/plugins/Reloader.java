package warden.host.plugins;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.bus.Addresses;
import warden.host.supervisor.OutputLine;
import warden.host.supervisor.Supervisor;

/**
 * Blue/green replacement of a running plugin. The new version starts as the next generation of the plugin's child,
 * beside the old process (the supervisor holds both under the one child id); the moment it says ready, the router sends
 * every new event to it and the supervisor asks the old process to stop, which it does after answering the events it
 * already has. Nothing is lost and nothing is answered twice. A new version that cannot start or is not ready in time
 * is stopped and the old one never stops serving.
 *
 * <p>Reloads of one plugin run one after the other. Owned by {@link PluginHost}, on the host context.
 */
final class Reloader {

    /** Starts {@code next} as {@code generation} of the slot's child; completes once it serves the child id. */
    @FunctionalInterface
    interface Spawner {
        Future<Void> replace(PluginSlot slot, Descriptor next, int generation);
    }

    private static final Logger log = LoggerFactory.getLogger(Reloader.class);
    private static final int MAX_RECORDS = 200;
    private static final int TAIL_LINES = 5;

    private final Vertx vertx;
    private final Supervisor supervisor;
    private final Clock clock;
    private final Duration readyTimeout;
    private final Spawner spawn;
    private final ReloadLog saved;
    private final Map<String, Future<ReloadRecord>> running = new HashMap<>();
    private final List<ReloadRecord> records = new ArrayList<>();

    Reloader(Vertx vertx, Supervisor supervisor, Clock clock, Duration readyTimeout, Spawner spawn, ReloadLog saved) {
        this.vertx = vertx;
        this.supervisor = supervisor;
        this.clock = clock;
        this.readyTimeout = readyTimeout;
        this.spawn = spawn;
        this.saved = saved;
    }

    /** Replaces {@code slot}'s plugin with {@code next} once earlier reloads of it have finished. Never fails. */
    Future<ReloadRecord> reload(PluginSlot slot, Future<Descriptor> next) {
        Future<ReloadRecord> before = running.getOrDefault(slot.id(), Future.succeededFuture());
        Future<ReloadRecord> mine = before.transform(ar -> once(slot, next));
        running.put(slot.id(), mine);
        return mine;
    }

    /** Records a reload that failed before anything was started (e.g. an unreadable jar). */
    ReloadRecord failed(PluginSlot slot, String toVersion, String reason) {
        return record(slot.id(), clock.instant(), slot.descriptor().version(), toVersion, reason, Duration.ZERO);
    }

    /** From the database when there is one (it outlives the host), else the last 200 of this run. */
    Future<List<ReloadRecord>> records(String pluginId, int limit) {
        if (saved != null) {
            return saved.recent(pluginId, limit);
        }
        return Future.succeededFuture(records.stream()
                .filter(r -> pluginId == null || r.pluginId().equals(pluginId))
                .limit(limit)
                .toList());
    }

    private Future<ReloadRecord> once(PluginSlot slot, Future<Descriptor> nextDescriptor) {
        Instant at = clock.instant();
        long t0 = System.nanoTime();
        String from = slot.descriptor().version();
        Promise<ReloadRecord> done = Promise.promise();
        nextDescriptor
                .compose(next -> {
                    if (!next.id().equals(slot.id())) {
                        return Future.failedFuture("the jar now declares plugin id " + next.id());
                    }
                    int generation = slot.newGeneration();
                    Future<PluginConnection> ready = slot.expect(generation, next);
                    // The supervisor stops the old process itself once the new one serves (it answers what it holds,
                    // then stops on the stop frame); a new process it could not start or saw end fails the wait.
                    spawn.replace(slot, next, generation).onFailure(e -> slot.abandon(e.getMessage()));
                    long timer = vertx.setTimer(
                            readyTimeout.toMillis(),
                            t -> slot.abandon(
                                    "the new version was not ready within " + readyTimeout.toSeconds() + "s"));
                    return ready.onComplete(ar -> vertx.cancelTimer(timer)).transform(ar -> {
                        if (ar.succeeded()) {
                            return Future.succeededFuture(next.version());
                        }
                        List<String> tail = supervisor.tail(slot.id(), TAIL_LINES).stream()
                                .map(OutputLine::text)
                                .toList();
                        supervisor.abandonReplace(slot.id(), ar.cause().getMessage());
                        String reason = ar.cause().getMessage();
                        return Future.failedFuture(
                                tail.isEmpty() ? reason : reason + "; its last output: " + String.join(" | ", tail));
                    });
                })
                .onComplete(ar -> {
                    Duration took = Duration.ofNanos(System.nanoTime() - t0);
                    String to = ar.succeeded() ? ar.result() : nextVersion(nextDescriptor);
                    ReloadRecord r = record(
                            slot.id(),
                            at,
                            from,
                            to,
                            ar.succeeded() ? null : ar.cause().getMessage(),
                            took);
                    done.complete(r);
                });
        return done.future();
    }

    private static String nextVersion(Future<Descriptor> next) {
        return next.succeeded() ? next.result().version() : null;
    }

    private ReloadRecord record(String id, Instant at, String from, String to, String reason, Duration took) {
        ReloadRecord r = new ReloadRecord(id, at, from, to, reason == null ? "ok" : "failed", reason, took);
        records.add(0, r);
        if (records.size() > MAX_RECORDS) {
            records.remove(records.size() - 1);
        }
        if (saved != null) {
            saved.append(r);
        }
        if (reason == null) {
            log.info("plugin {} reloaded {} -> {} in {} ms", id, from, to, took.toMillis());
        } else {
            log.warn("plugin {} reload {} -> {} failed, {} keeps serving: {}", id, from, to, from, reason);
        }
        JsonObject body = new JsonObject()
                .put("id", id)
                .put("at", at.toString())
                .put("fromVersion", from)
                .put("toVersion", to)
                .put("outcome", r.outcome())
                .put("millis", took.toMillis());
        if (reason != null) {
            body.put("reason", reason);
        }
        vertx.eventBus().publish(Addresses.PLUGIN_RELOAD, body);
        return r;
    }
}
