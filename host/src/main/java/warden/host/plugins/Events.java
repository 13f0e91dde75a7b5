package warden.host.plugins;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;

/** The bodies of {@code event} frames (plugin-api/PROTOCOL.md); the slot adds {@code type} and {@code seq}. */
final class Events {

    private Events() {}

    static JsonObject command(Command c) {
        return new JsonObject()
                .put("kind", "command")
                .put("name", c.name())
                .put("args", new JsonArray(new ArrayList<>(c.args())))
                .put("user", c.user())
                .put("origin", c.origin())
                .put("raw", c.raw());
    }

    static JsonObject chat(String origin, String user, String text) {
        return new JsonObject()
                .put("kind", "chat")
                .put("origin", origin)
                .put("user", user)
                .put("text", text);
    }

    static JsonObject player(String origin, String player, boolean joined) {
        return new JsonObject()
                .put("kind", "player")
                .put("origin", origin)
                .put("player", player)
                .put("joined", joined);
    }
}
