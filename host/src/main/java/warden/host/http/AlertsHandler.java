package warden.host.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.function.Function;
import warden.host.alerts.Alert;
import warden.host.alerts.AlertService;
import warden.host.alerts.HistoryEntry;
import warden.host.alerts.RuleView;
import warden.host.alerts.Silence;
import warden.host.config.AlertRules;

/**
 * {@code /api/v1/alerts...}: firing alerts, their history, rules (stored ones editable, file and built-in ones shown
 * as such), silences, acknowledgements and a test notification per channel. Channel URLs and secrets never appear.
 */
final class AlertsHandler {

    private final AlertService alerts;

    /** {@code alerts} null: every route answers 503. */
    AlertsHandler(AlertService alerts) {
        this.alerts = alerts;
    }

    void active(RoutingContext ctx) {
        with(ctx, a -> Future.succeededFuture(new JsonObject().put("alerts", alertsJson(a.active()))));
    }

    void history(RoutingContext ctx) {
        with(ctx, a -> {
            int limit = Params.integer(ctx, "limit", 100, 1, 1000);
            long alert = Params.integer(ctx, "alert", 0, 0, Integer.MAX_VALUE);
            return a.history(alert, limit).map(list -> {
                JsonArray entries = new JsonArray();
                list.forEach(e -> entries.add(entry(e)));
                return new JsonObject().put("entries", entries);
            });
        });
    }

    void rules(RoutingContext ctx) {
        with(ctx, a -> {
            JsonArray rules = new JsonArray();
            for (RuleView v : a.rules()) {
                rules.add(new JsonObject()
                        .put("origin", v.origin())
                        .put("editable", v.editable())
                        .put("rule", new JsonObject(AlertRules.write(v.rule()))));
            }
            return Future.succeededFuture(new JsonObject().put("rules", rules));
        });
    }

    void addRule(RoutingContext ctx) {
        with(ctx, a -> a.addRule(body(ctx)).map(r -> {
            ctx.response().setStatusCode(201);
            return new JsonObject().put("rule", new JsonObject(AlertRules.write(r)));
        }));
    }

    void replaceRule(RoutingContext ctx) {
        with(ctx, a -> a.replaceRule(ctx.pathParam("name"), body(ctx))
                .map(r -> new JsonObject().put("rule", new JsonObject(AlertRules.write(r)))));
    }

    void deleteRule(RoutingContext ctx) {
        with(ctx, a -> a.deleteRule(ctx.pathParam("name")).map(v -> null));
    }

    void silences(RoutingContext ctx) {
        with(ctx, a -> {
            JsonArray list = new JsonArray();
            a.silences().forEach(s -> list.add(silence(s)));
            return Future.succeededFuture(new JsonObject().put("silences", list));
        });
    }

    /** {@code {"matcher": "rule:crash" | "child:game" | "all", "duration": "2h", "reason": "..."}}. */
    void addSilence(RoutingContext ctx) {
        with(ctx, a -> {
            JsonObject body = jsonBody(ctx);
            Duration d = AlertRules.duration(body.getString("duration"));
            if (d == null || d.isZero()) {
                throw new IllegalArgumentException("duration must be a duration like 30m or 2h");
            }
            return a.silence(body.getString("matcher"), d, who(ctx), body.getString("reason"))
                    .map(s -> {
                        ctx.response().setStatusCode(201);
                        return silence(s);
                    });
        });
    }

    void deleteSilence(RoutingContext ctx) {
        with(ctx, a -> a.unsilence(id(ctx, "id")).map(v -> null));
    }

    void ack(RoutingContext ctx) {
        with(
                ctx,
                a -> Future.succeededFuture(new JsonObject().put("alert", alertJson(a.ack(id(ctx, "id"), who(ctx))))));
    }

    void channels(RoutingContext ctx) {
        with(ctx, a -> Future.succeededFuture(new JsonObject().put("channels", new JsonArray(a.channels()))));
    }

    /** {@code {"channel": "ops"}}: one attempt; 502 with the reason when it could not be delivered. */
    void test(RoutingContext ctx) {
        with(ctx, a -> {
            String channel = jsonBody(ctx).getString("channel");
            if (channel == null) {
                throw new IllegalArgumentException("send {\"channel\": \"<name>\"}");
            }
            return a.test(channel, who(ctx))
                    .map(v -> new JsonObject().put("channel", channel).put("outcome", "ok"))
                    .recover(e -> {
                        ApiError.send(ctx, 502, "delivery_failed", channel + ": " + e.getMessage());
                        return Future.succeededFuture(null);
                    });
        });
    }

    // --- shapes ---

    static JsonArray alertsJson(java.util.List<Alert> list) {
        JsonArray out = new JsonArray();
        list.forEach(a -> out.add(alertJson(a)));
        return out;
    }

    static JsonObject alertJson(Alert a) {
        return new JsonObject(Json.encode(a));
    }

    private static JsonObject entry(HistoryEntry e) {
        return new JsonObject(Json.encode(e));
    }

    private static JsonObject silence(Silence s) {
        return new JsonObject(Json.encode(s));
    }

    // --- plumbing ---

    /** Runs {@code work} and replies with its JSON (204 when null); thrown and failed alike go through ApiError. */
    private void with(RoutingContext ctx, Function<AlertService, Future<JsonObject>> work) {
        if (alerts == null) {
            ApiError.send(ctx, 503, "unavailable", "alerts are not running");
            return;
        }
        Future<JsonObject> result;
        try {
            result = work.apply(alerts);
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onSuccess(json -> {
                    if (ctx.response().ended()) {
                        return;
                    }
                    if (json == null) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        ctx.json(json);
                    }
                })
                .onFailure(e -> ApiError.fail(ctx, e));
    }

    private static String body(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("send the rule as JSON");
        }
        return text;
    }

    private static JsonObject jsonBody(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body != null) {
                return body;
            }
        } catch (RuntimeException e) {
            // worded below
        }
        throw new IllegalArgumentException("send a JSON object");
    }

    private static long id(RoutingContext ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + ctx.pathParam(name) + "'");
        }
    }

    /** Who did it, for the history: the dashboard (a session) or the API (the bearer token). */
    private static String who(RoutingContext ctx) {
        return ctx.request().getHeader("Authorization") != null ? "api" : "dashboard";
    }
}
