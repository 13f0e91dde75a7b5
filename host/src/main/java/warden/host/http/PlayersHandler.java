package warden.host.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import warden.host.bus.PlayerEvent;

/**
 * {@code GET /api/v1/players}: per watched game server, who is online and for how long, and the joins and leaves since
 * the host started (the player-count chart's markers; the count itself is the game child's {@code players} series).
 */
final class PlayersHandler {

    private final Backend backend;
    private final Clock clock;

    PlayersHandler(Backend backend, Clock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    void list(RoutingContext ctx) {
        Instant now = clock.instant();
        JsonArray games = new JsonArray();
        for (String game : backend.games()) {
            JsonArray online = new JsonArray();
            for (Map.Entry<String, Instant> e : backend.onlineSince(game).entrySet()) {
                online.add(new JsonObject()
                        .put("player", e.getKey())
                        .put("since", e.getValue().toString())
                        .put("onlineMillis", Duration.between(e.getValue(), now).toMillis()));
            }
            JsonArray events = new JsonArray();
            for (PlayerEvent ev : backend.playerEvents(game)) {
                events.add(new JsonObject()
                        .put("at", ev.at().toString())
                        .put("player", ev.player())
                        .put("event", ev.event().wire())
                        .put("reason", ev.reason()));
            }
            games.add(new JsonObject()
                    .put("childId", game)
                    .put("count", online.size())
                    .put("online", online)
                    .put("events", events));
        }
        Json.raw(ctx, new JsonObject().put("games", games).encode());
    }
}
