package warden.host.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import warden.host.plugins.EventCounters;
import warden.host.plugins.PluginInfo;

/**
 * {@code GET /api/v1/plugins}: each loaded plugin with its version, commands and counters, and the child serving it
 * (its state and the generation it runs). The reload history of one plugin is {@code /api/v1/reloads?plugin=}.
 */
final class PluginsHandler {

    private final Backend backend;

    PluginsHandler(Backend backend) {
        this.backend = backend;
    }

    void list(RoutingContext ctx) {
        JsonArray out = new JsonArray();
        for (PluginInfo p : backend.plugins()) {
            JsonObject json = new JsonObject(Json.encode(p));
            backend.children().stream()
                    .filter(c -> p.id().equals(backend.pluginOf(c.id())) || c.id().equals(p.id()))
                    .reduce((first, second) -> second)
                    .ifPresent(c -> json.put("child", new JsonObject(Json.encode(c))));
            EventCounters counters = backend.counters(p.id());
            if (counters != null) {
                json.put("counters", new JsonObject(Json.encode(counters)));
            }
            out.add(json);
        }
        Json.raw(ctx, out.encode());
    }
}
