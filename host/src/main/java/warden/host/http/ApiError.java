package warden.host.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one shape every API error leaves in: {@code {"status": 404, "error": "not_found", "message": "..."}}.
 *
 * <p>{@link #fail} turns the exceptions handlers and facades throw into that shape, so a handler only catches what it
 * wants to word itself.
 */
final class ApiError {

    private static final Logger LOG = LoggerFactory.getLogger(ApiError.class);

    private ApiError() {}

    static void badRequest(RoutingContext ctx, String message) {
        send(ctx, 400, "bad_request", message);
    }

    static void notFound(RoutingContext ctx, String message) {
        send(ctx, 404, "not_found", message);
    }

    static void unauthorized(RoutingContext ctx, String message) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"warden\"");
        send(ctx, 401, "unauthorized", message);
    }

    static void forbidden(RoutingContext ctx, String message) {
        send(ctx, 403, "forbidden", message);
    }

    static void tooManyRequests(RoutingContext ctx, long retryAfterSeconds) {
        ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
        send(ctx, 429, "too_many_requests", "too many failed logins; retry in " + retryAfterSeconds + "s");
    }

    /** Maps an exception from a handler or a facade future to its status. */
    static void fail(RoutingContext ctx, Throwable error) {
        if (error instanceof Backend.Unavailable || error instanceof UnsupportedOperationException) {
            send(ctx, 503, "unavailable", error.getMessage() == null ? "not available" : error.getMessage());
        } else if (error instanceof NoSuchElementException) {
            notFound(ctx, error.getMessage());
        } else if (error instanceof IllegalArgumentException) {
            badRequest(ctx, error.getMessage());
        } else if (error instanceof IllegalStateException) {
            send(ctx, 409, "conflict", error.getMessage());
        } else {
            LOG.warn("{} {} failed", ctx.request().method(), ctx.normalizedPath(), error);
            send(ctx, 500, "internal", "internal error; see the host log");
        }
    }

    static void send(RoutingContext ctx, int status, String code, String message) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject()
                        .put("status", status)
                        .put("error", code)
                        .put("message", message)
                        .encode());
    }
}
