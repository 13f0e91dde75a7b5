package warden.host.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import warden.host.bus.Addresses;

/**
 * {@code GET /api/v1/stream[?logs=childId]}: Server-Sent Events with every sampler tick ({@code tick}), state change
 * ({@code state}), crash ({@code crash}), reload ({@code reload}), player join/leave ({@code player}) and admin action
 * ({@code audit}); with {@code logs}, also that child's output ({@code output}, optionally filtered with {@code
 * grep}). Each event's data is the bus message's JSON body, as {@code Addresses} describes it.
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

        List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
        consumers.add(forward(response, Addresses.METRICS_TICK, "tick"));
        consumers.add(forward(response, Addresses.CHILD_STATE, "state"));
        consumers.add(forward(response, Addresses.CHILD_CRASH, "crash"));
        consumers.add(forward(response, Addresses.PLUGIN_RELOAD, "reload"));
        consumers.add(forward(response, Addresses.GAME_PLAYER, "player"));
        consumers.add(forward(response, Addresses.AUDIT, "audit"));
        if (logsOf != null) {
            consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.CHILD_OUTPUT, m -> {
                JsonObject output = filtered(m.body(), logsOf, grep);
                if (output != null) {
                    send(response, "output", output);
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

    private MessageConsumer<JsonObject> forward(HttpServerResponse response, String address, String event) {
        return vertx.eventBus().<JsonObject>consumer(address, m -> send(response, event, m.body()));
    }

    private static void send(HttpServerResponse response, String event, JsonObject body) {
        if (response.closed() || response.writeQueueFull()) {
            return;
        }
        response.write("event: " + event + "\ndata: " + body.encode() + "\n\n");
    }

    /** The lines of {@code childId} that contain {@code grep} (case-insensitive); null when none are left. */
    static JsonObject filtered(JsonObject output, String childId, String grep) {
        if (!childId.equals(output.getString("id"))) {
            return null;
        }
        if (grep == null || grep.isEmpty()) {
            return output;
        }
        String needle = grep.toLowerCase(Locale.ROOT);
        JsonArray kept = new JsonArray();
        for (Object o : output.getJsonArray("lines", new JsonArray())) {
            if (o instanceof JsonObject line
                    && line.getString("text", "").toLowerCase(Locale.ROOT).contains(needle)) {
                kept.add(line);
            }
        }
        return kept.isEmpty() ? null : new JsonObject().put("id", childId).put("lines", kept);
    }
}
