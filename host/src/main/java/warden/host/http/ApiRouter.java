package warden.host.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.function.Supplier;
import warden.host.config.HttpConfig;

/**
 * Every {@code /api/v1} route, top to bottom, behind the {@link Guard}. The OpenAPI document at {@code
 * /api/v1/openapi.json} describes the same list for clients.
 *
 * <p>The routes go straight onto the root router with their full path instead of into a mounted sub-router: the
 * HTTP metrics label a request with every path-carrying route it passed, and a mount would turn {@code
 * /api/v1/children} into {@code /api/v1/>/children}. The guard, body handler and fallbacks carry no path for the
 * same reason.
 */
final class ApiRouter {

    private ApiRouter() {}

    static final String V1 = "/api/v1";

    static void mount(
            Router root,
            Vertx vertx,
            Guard guard,
            Backend backend,
            Supplier<HttpConfig> config,
            ApiStats stats,
            Clock clock) {
        ChildrenHandler children = new ChildrenHandler(backend, config);
        SeriesHandler series = new SeriesHandler(backend, clock);
        CrashesHandler crashes = new CrashesHandler(backend);
        ThresholdsHandler thresholds = new ThresholdsHandler(backend);
        PlayersHandler players = new PlayersHandler(backend, clock);
        PluginsHandler plugins = new PluginsHandler(backend);
        Paths api = new Paths(root);
        root.route().handler(ctx -> {
            if (isApi(ctx)) {
                guard.api(ctx);
            } else {
                ctx.next();
            }
        });
        root.post().handler(BodyHandler.create().setBodyLimit(64 * 1024));
        root.put().handler(BodyHandler.create().setBodyLimit(4 * 1024));

        api.get("/openapi.json").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json")
                .sendFile("warden-dashboard/openapi.json"));
        api.get("/session").handler(ctx -> session(ctx, config));

        api.get("/children").handler(children::list);
        api.get("/children/:id").handler(children::detail);
        api.get("/children/:id/logs").handler(children::logs);
        api.get("/children/:id/markers").handler(children::markers);
        api.post("/children/:id/:action").handler(children::control);

        api.get("/series/:source/latest").handler(series::latest);
        api.get("/series/:source/history").handler(series::history);
        api.get("/series/:source/aggregates").handler(series::aggregates);
        api.get("/system").handler(series::system);
        api.get("/http").handler(ctx -> Json.reply(ctx, stats.summary()));

        api.get("/thresholds").handler(thresholds::list);
        api.put("/thresholds/:scope/:metric").handler(thresholds::set);
        api.delete("/thresholds/:scope/:metric").handler(thresholds::reset);
        api.get("/players").handler(players::list);
        api.get("/plugins").handler(plugins::list);

        api.get("/crashes").handler(crashes::list);
        api.get("/crashes/:seq").handler(crashes::detail);
        api.get("/reloads").handler(crashes::reloads);

        api.get("/audit").handler(new AuditHandler(backend));
        api.post("/chat").handler(ctx -> chat(ctx, backend));
        api.post("/config/reload").handler(new ConfigReloadHandler(backend));
        api.get("/stream").handler(new StreamHandler(vertx));

        root.route().handler(ctx -> {
            if (isApi(ctx)) {
                ApiError.notFound(
                        ctx,
                        "no such API route: " + ctx.request().method() + " "
                                + ctx.request().path());
            } else {
                ctx.next();
            }
        });
        root.route().failureHandler(ctx -> {
            if (isApi(ctx)) {
                failure(ctx);
            } else {
                ctx.next();
            }
        });
    }

    private static boolean isApi(RoutingContext ctx) {
        return ctx.request().path().startsWith(V1 + "/");
    }

    /** Routes under {@link #V1}, so the list below reads like the API. */
    private record Paths(Router root) {
        Route get(String path) {
            return root.get(V1 + path);
        }

        Route post(String path) {
            return root.post(V1 + path);
        }

        Route put(String path) {
            return root.put(V1 + path);
        }

        Route delete(String path) {
            return root.delete(V1 + path);
        }
    }

    /**
     * What the dashboard needs once: its CSRF token, and the config's global band for a page that cannot read the
     * threshold store ({@code /api/v1/thresholds} has the bands in force).
     */
    private static void session(RoutingContext ctx, Supplier<HttpConfig> live) {
        HttpConfig config = live.get();
        Session session = Guard.loggedIn(ctx);
        ctx.json(new JsonObject()
                .put("csrfToken", session == null ? null : session.get(Guard.SESSION_CSRF))
                .put("thresholds", new JsonObject(Json.encode(config.thresholds())))
                .put("httpMetrics", config.httpMetrics()));
    }

    /** {@code {"line": "!status"}}: the line goes to the chat service as the console connector would pass it. */
    private static void chat(RoutingContext ctx, Backend backend) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        String line = body == null ? null : body.getString("line");
        if (line == null || line.isBlank()) {
            ApiError.badRequest(ctx, "send {\"line\": \"<command>\"}");
            return;
        }
        backend.chat(line.strip())
                .onSuccess(replies -> ctx.json(new JsonObject().put("replies", replies)))
                .onFailure(e -> ApiError.fail(ctx, e));
    }

    private static void failure(RoutingContext ctx) {
        if (ctx.failure() != null) {
            ApiError.fail(ctx, ctx.failure());
        } else {
            int status = ctx.statusCode();
            ApiError.send(ctx, status, status == 413 ? "too_large" : "error", "request failed with " + status);
        }
    }
}
