package warden.host.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import warden.host.bus.Addresses;
import warden.host.bus.PlayerEvent;
import warden.host.chat.AuditEntry;
import warden.host.metrics.Tick;
import warden.host.plugins.ReloadRecord;
import warden.host.supervisor.CrashRecord;
import warden.host.supervisor.OutputBatch;
import warden.host.supervisor.OutputLine;
import warden.host.supervisor.StateChange;

/**
 * {@code GET /api/v1/stream[?logs=childId]}: Server-Sent Events with every sampler tick ({@code tick}), state change
 * ({@code state}), crash ({@code crash}), reload ({@code reload}), player join/leave ({@code player}) and admin action
 * ({@code audit}); with {@code logs}, also that child's output ({@code output}, optionally filtered with {@code
 * grep}). Each event's data is the bus record's {@code toJson()}, as {@code Addresses} describes it.
 *
 * <p>Compression is turned off for this response: a gzip stream holds events back until its buffer fills. A client
 * that cannot keep up loses ticks rather than growing the host's memory; the next tick replaces them anyway.
 */
final class StreamHandler implements Handler<RoutingContext> {

    private static final long HEARTBEAT_MILLIS = 20_000;

    private final Vertx vertx;

    StreamHandler(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String logsOf = ctx.request().getParam("logs");
        String grep = ctx.request().getParam("grep");
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("Content-Encoding", "identity")
                .putHeader("X-Accel-Buffering", "no");
        response.write(": warden stream\nretry: 3000\n\n");

        List<MessageConsumer<?>> consumers = new ArrayList<>();
        consumers.add(forward(response, Addresses.METRICS_TICK, "tick", Tick::toJson));
        consumers.add(forward(response, Addresses.CHILD_STATE, "state", StateChange::toJson));
        consumers.add(forward(response, Addresses.CHILD_CRASH, "crash", CrashRecord::toJson));
        consumers.add(forward(response, Addresses.PLUGIN_RELOAD, "reload", ReloadRecord::toJson));
        consumers.add(forward(response, Addresses.GAME_PLAYER, "player", PlayerEvent::toJson));
        consumers.add(forward(response, Addresses.AUDIT, "audit", AuditEntry::toJson));
        if (logsOf != null) {
            consumers.add(vertx.eventBus().<OutputBatch>consumer(Addresses.CHILD_OUTPUT, m -> {
                OutputBatch output = filtered(m.body(), logsOf, grep);
                if (output != null) {
                    send(response, "output", output.toJson());
                }
            }));
        }
        long heartbeat = vertx.setPeriodic(HEARTBEAT_MILLIS, id -> {
            if (!response.closed()) {
                response.write(": ping\n\n");
            }
        });
        response.closeHandler(v -> {
            vertx.cancelTimer(heartbeat);
            consumers.forEach(MessageConsumer::unregister);
        });
    }

    /** Each event's data is its record's JSON, made here, at the edge, once per client. */
    private <T> MessageConsumer<T> forward(
            HttpServerResponse response, String address, String event, Function<T, JsonObject> json) {
        return vertx.eventBus().<T>consumer(address, m -> send(response, event, json.apply(m.body())));
    }

    private static void send(HttpServerResponse response, String event, JsonObject body) {
        if (response.closed() || response.writeQueueFull()) {
            return;
        }
        response.write("event: " + event + "\ndata: " + body.encode() + "\n\n");
    }

    /** The lines of {@code childId} that contain {@code grep} (case-insensitive); null when none are left. */
    static OutputBatch filtered(OutputBatch output, String childId, String grep) {
        if (!childId.equals(output.id())) {
            return null;
        }
        if (grep == null || grep.isEmpty()) {
            return output;
        }
        String needle = grep.toLowerCase(Locale.ROOT);
        List<OutputLine> kept = output.lines().stream()
                .filter(l -> l.text().toLowerCase(Locale.ROOT).contains(needle))
                .toList();
        return kept.isEmpty() ? null : new OutputBatch(childId, kept);
    }
}
