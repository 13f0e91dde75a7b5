package warden.host.bus;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;

/**
 * A player joined or left a game server, as its console said; published by chat on {@code Addresses.GAME_PLAYER}.
 *
 * <p>It lives here rather than in chat because plugins, to chat's left in the package order, read it too (the router
 * passes it to plugins as a player event).
 *
 * @param players how many are online after this change
 * @param reason why the player left ({@code left}, {@code timed out}, the server stopped); null for a join
 */
public record PlayerEvent(String childId, String player, Kind event, int players, Instant at, String reason) {

    /** Written {@code join} and {@code leave} in the API and the stream. */
    public enum Kind {
        JOIN,
        LEAVE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The live stream's shape: {@code {childId, player, event: join|leave, players, at, reason?}}. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("childId", childId)
                .put("player", player)
                .put("event", event.wire())
                .put("players", players)
                .put("at", at.toString());
        if (reason != null) {
            json.put("reason", reason);
        }
        return json;
    }
}
