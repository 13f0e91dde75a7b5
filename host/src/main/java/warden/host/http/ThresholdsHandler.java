package warden.host.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.NoSuchElementException;
import warden.host.metrics.ThresholdStore;
import warden.host.metrics.ThresholdStore.Band;
import warden.host.metrics.ThresholdStore.Metric;
import warden.host.supervisor.ChildStatus;

/**
 * {@code /api/v1/thresholds}: the global bands and each child's, and {@code PUT}/{@code DELETE
 * /api/v1/thresholds/:scope/:metric} to set a band from the dashboard or reset it to the config's. The store is the
 * one chat reads, so a band set here colours the badges and the chat answers alike.
 */
final class ThresholdsHandler {

    private final Backend backend;

    ThresholdsHandler(Backend backend) {
        this.backend = backend;
    }

    void list(RoutingContext ctx) {
        ThresholdStore store = backend.thresholds();
        JsonObject children = new JsonObject();
        for (ChildStatus c : backend.children()) {
            children.put(c.id(), ofChild(store, c.id()));
        }
        Json.raw(
                ctx,
                new JsonObject()
                        .put("global", global(store))
                        .put("children", children)
                        .encode());
    }

    /** {@code {"warnPercent": 60, "critPercent": 80}}. */
    void set(RoutingContext ctx) {
        String scope = scope(ctx);
        Metric metric = Metric.parse(ctx.pathParam("metric"));
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null
                || !(body.getValue("warnPercent") instanceof Number)
                || !(body.getValue("critPercent") instanceof Number)) {
            ApiError.badRequest(ctx, "send {\"warnPercent\": <number>, \"critPercent\": <number>}");
            return;
        }
        backend.thresholds()
                .set(
                        scope,
                        metric,
                        body.getNumber("warnPercent").doubleValue(),
                        body.getNumber("critPercent").doubleValue())
                .onSuccess(b -> Json.raw(ctx, json(b).encode()))
                .onFailure(e -> ApiError.fail(ctx, e));
    }

    void reset(RoutingContext ctx) {
        String scope = scope(ctx);
        backend.thresholds()
                .reset(scope, Metric.parse(ctx.pathParam("metric")))
                .onSuccess(b -> Json.raw(ctx, json(b).encode()))
                .onFailure(e -> ApiError.fail(ctx, e));
    }

    private String scope(RoutingContext ctx) {
        String scope = ctx.pathParam("scope");
        if (!scope.equals(ThresholdStore.GLOBAL) && backend.child(scope).isEmpty()) {
            throw new NoSuchElementException("no threshold scope '" + scope + "': 'global' or a child id");
        }
        return scope;
    }

    static JsonObject global(ThresholdStore store) {
        JsonObject out = new JsonObject();
        for (Metric m : Metric.values()) {
            out.put(m.key(), json(store.global(m)));
        }
        return out;
    }

    /** A child's CPU and memory bands; {@code customised} when either was set for it in the page or the config. */
    static JsonObject ofChild(ThresholdStore store, String childId) {
        Band cpu = store.child(childId, Metric.CPU);
        Band memory = store.child(childId, Metric.MEMORY);
        return new JsonObject()
                .put("cpu", json(cpu))
                .put("memory", json(memory))
                .put("customised", own(cpu) || own(memory));
    }

    private static boolean own(Band b) {
        return b.origin() == ThresholdStore.Origin.PAGE || b.origin() == ThresholdStore.Origin.CONFIG_CHILD;
    }

    static JsonObject json(Band b) {
        return new JsonObject()
                .put("warnPercent", b.warnPercent())
                .put("critPercent", b.critPercent())
                .put("origin", b.origin().name().toLowerCase(java.util.Locale.ROOT))
                .put("customised", b.customised())
                .put(
                        "resetTo",
                        new JsonObject()
                                .put("warnPercent", b.resetTo().warnPercent())
                                .put("critPercent", b.resetTo().critPercent()));
    }
}
