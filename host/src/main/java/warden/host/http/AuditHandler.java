package warden.host.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import warden.host.chat.AuditEntry;

/**
 * {@code GET /api/v1/audit?limit=N&before=SEQ}: admin actions from every chat, carried out or refused, newest first,
 * each naming its actor in full ({@code nick}, {@code user}, {@code host}, {@code account}). {@code before} pages back:
 * pass the smallest {@code seq} of the page read last. The dashboard's audit page reads this shape; fields may be
 * added, never renamed.
 */
final class AuditHandler implements Handler<RoutingContext> {

    private final Backend backend;

    AuditHandler(Backend backend) {
        this.backend = backend;
    }

    @Override
    public void handle(RoutingContext ctx) {
        int limit = Params.integer(ctx, "limit", 100, 1, 1_000);
        Long before = Params.sequence(ctx, "before");
        backend.audit(limit, before)
                .onSuccess(entries -> {
                    JsonArray out = new JsonArray();
                    entries.stream().map(AuditEntry::toJson).forEach(out::add);
                    ctx.response()
                            .putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("entries", out).encode());
                })
                .onFailure(e -> ApiError.fail(ctx, e));
    }
}
