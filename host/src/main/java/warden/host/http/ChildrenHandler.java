package warden.host.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import warden.host.config.HttpConfig;
import warden.host.plugins.EventCounters;
import warden.host.plugins.ReloadRecord;
import warden.host.supervisor.ChildStatus;
import warden.host.supervisor.ControlEvent;
import warden.host.supervisor.CrashRecord;
import warden.host.supervisor.OutputLine;

/**
 * {@code /api/v1/children...}: the list with each child's latest sample and badge thresholds, one child, its output
 * tail, its chart markers, and the control actions.
 */
final class ChildrenHandler {

    private final Backend backend;
    private final Supplier<HttpConfig> config;

    /** {@code config}: read at each request, so changed thresholds apply on a config reload. */
    ChildrenHandler(Backend backend, Supplier<HttpConfig> config) {
        this.backend = backend;
        this.config = config;
    }

    void list(RoutingContext ctx) {
        JsonArray out = new JsonArray();
        for (ChildStatus status : backend.children()) {
            out.add(describe(status));
        }
        reply(ctx, out.encode());
    }

    void detail(RoutingContext ctx) {
        reply(ctx, describe(known(ctx)).encode());
    }

    void logs(RoutingContext ctx) {
        ChildStatus child = known(ctx);
        int lines = Params.integer(ctx, "lines", 200, 1, 10_000);
        String grep = ctx.request().getParam("grep");
        String needle = grep == null ? "" : grep.toLowerCase(Locale.ROOT);
        List<OutputLine> tail = backend.tail(child.id(), lines).stream()
                .filter(l ->
                        needle.isEmpty() || l.text().toLowerCase(Locale.ROOT).contains(needle))
                .toList();
        Json.reply(ctx, tail);
    }

    /** This child's markers, plus its reloads when it is a plugin (kept by the plugin host). */
    void markers(RoutingContext ctx) {
        String id = known(ctx).id();
        String plugin = backend.pluginOf(id);
        Future<List<ControlEvent>> controls = backend.controlEvents(id, Markers.LIMIT);
        Future<List<CrashRecord>> crashes = backend.crashes(id, Markers.LIMIT);
        Future<List<ReloadRecord>> reloads =
                plugin == null ? Future.succeededFuture(List.of()) : backend.reloads(plugin, Markers.LIMIT);
        Future.all(controls, crashes, reloads)
                .onSuccess(v -> Json.reply(ctx, Markers.of(controls.result(), crashes.result(), reloads.result())))
                .onFailure(e -> ApiError.fail(ctx, e));
    }

    void control(RoutingContext ctx) {
        Action action = Action.of(ctx.pathParam("action"));
        if (action == null) {
            ApiError.badRequest(ctx, "action must be one of " + Action.ALLOWED);
            return;
        }
        ChildStatus child = known(ctx);
        if (action == Action.RELOAD && backend.pluginOf(child.id()) == null) {
            ApiError.send(
                    ctx,
                    409,
                    "conflict",
                    "child '" + child.id() + "' is a " + child.kind().name().toLowerCase(Locale.ROOT)
                            + ", not a plugin: only plugins can be reloaded (start, stop and restart work)");
            return;
        }
        backend.control(child.id(), action)
                .onSuccess(v -> reply(
                        ctx,
                        new JsonObject()
                                .put("id", child.id())
                                .put("action", action.wire())
                                .put(
                                        "status",
                                        describe(backend.child(child.id()).orElse(child)))
                                .encode()))
                .onFailure(e -> ApiError.fail(ctx, e));
    }

    ChildStatus known(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        return backend.child(id).orElseThrow(() -> new NoSuchElementException("no child '" + id + "'"));
    }

    private JsonObject describe(ChildStatus status) {
        JsonObject json = new JsonObject(Json.encode(status));
        try {
            backend.latest(status.id()).ifPresent(s -> json.put("latest", SeriesHandler.latest(s)));
        } catch (Backend.Unavailable metricsOff) {
            // The list is still useful without numbers.
        }
        String plugin = backend.pluginOf(status.id());
        if (plugin != null) {
            json.put("plugin", plugin);
            EventCounters counters = backend.counters(plugin);
            if (counters != null) {
                json.put("counters", new JsonObject(Json.encode(counters)));
            }
        }
        json.put("thresholds", thresholds(status.id()));
        return json;
    }

    /**
     * The child's CPU and memory bands from the store chat reads too; {@code warnPercent}/{@code critPercent} at the
     * top are the CPU band's, for older readers. Without metrics, the config's bands.
     */
    private JsonObject thresholds(String id) {
        try {
            JsonObject t = ThresholdsHandler.ofChild(backend.thresholds(), id);
            JsonObject cpu = t.getJsonObject("cpu");
            return t.put("warnPercent", cpu.getDouble("warnPercent")).put("critPercent", cpu.getDouble("critPercent"));
        } catch (Backend.Unavailable metricsOff) {
            HttpConfig live = config.get();
            HttpConfig.Thresholds custom = live.childThresholds().get(id);
            HttpConfig.Thresholds t = custom == null ? live.thresholds() : custom;
            return new JsonObject()
                    .put("warnPercent", t.warnPercent())
                    .put("critPercent", t.critPercent())
                    .put("customised", custom != null);
        }
    }

    private static void reply(RoutingContext ctx, String json) {
        ctx.response().putHeader("Content-Type", "application/json").end(json);
    }
}
