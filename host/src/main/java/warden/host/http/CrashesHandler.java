package warden.host.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import warden.host.supervisor.CrashRecord;

/**
 * {@code /api/v1/crashes[?child=&limit=]} (newest first, without the output tail) and {@code /api/v1/crashes/:seq}
 * (one record with its tail); {@code /api/v1/reloads[?plugin=&limit=]}.
 */
final class CrashesHandler {

    /** How far back a crash can be looked up by its sequence number. */
    private static final int DETAIL_SCAN = 5_000;

    private final Backend backend;

    CrashesHandler(Backend backend) {
        this.backend = backend;
    }

    void list(RoutingContext ctx) {
        String child = ctx.request().getParam("child");
        int limit = Params.integer(ctx, "limit", 100, 1, 1_000);
        backend.crashes(child, limit)
                .onSuccess(records -> {
                    JsonArray out = new JsonArray();
                    for (CrashRecord r : records) {
                        JsonObject json = new JsonObject(Json.encode(r));
                        json.put("tailLines", r.tail() == null ? 0 : r.tail().size());
                        json.remove("tail");
                        out.add(json);
                    }
                    ctx.response().putHeader("Content-Type", "application/json").end(out.encode());
                })
                .onFailure(e -> ApiError.fail(ctx, e));
    }

    void detail(RoutingContext ctx) {
        long seq;
        try {
            seq = Long.parseLong(ctx.pathParam("seq"));
        } catch (NumberFormatException e) {
            ApiError.badRequest(ctx, "a crash is named by its sequence number");
            return;
        }
        backend.crashes(null, DETAIL_SCAN)
                .onSuccess(records -> {
                    List<CrashRecord> match =
                            records.stream().filter(r -> r.seq() == seq).toList();
                    if (match.isEmpty()) {
                        ApiError.notFound(ctx, "no crash " + seq);
                    } else {
                        Json.reply(ctx, match.get(0));
                    }
                })
                .onFailure(e -> ApiError.fail(ctx, e));
    }

    void reloads(RoutingContext ctx) {
        String plugin = ctx.request().getParam("plugin");
        int limit = Params.integer(ctx, "limit", 100, 1, 1_000);
        backend.reloads(plugin, limit)
                .onSuccess(records -> Json.reply(ctx, records))
                .onFailure(e -> ApiError.fail(ctx, e));
    }
}
