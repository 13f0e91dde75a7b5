package warden.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The game's console dialect is said once: {@code chat.game.dialect} left out follows {@code services[].game} of the
 * service the game chat reads, so a Minetest server is never parsed with Vintage Story's patterns because one of two
 * keys was forgotten. Both given and different is an error that names both. Runs on the tree, before defaults are
 * filled in, because only there is a key left out told apart from one set to the default.
 */
final class GameDialect {

    private GameDialect() {}

    static void inherit(ObjectNode root, Origins origins) throws ConfigException {
        JsonNode chat = root.path("chat").path("game");
        JsonNode services = root.path("services");
        if (!chat.isObject() || !services.isArray()) {
            return;
        }
        String childId = chat.path("childId").asText(ChatConfig.Game.DEFAULT.childId());
        for (int i = 0; i < services.size(); i++) {
            JsonNode service = services.get(i);
            if (!childId.equals(service.path("id").asText(null))
                    || !service.path("game").isTextual()) {
                continue;
            }
            String game = service.get("game").asText();
            JsonNode dialect = chat.get("dialect");
            if (dialect == null || dialect.isNull()) {
                ((ObjectNode) chat).put("dialect", game);
            } else if (!dialect.asText().equals(game)) {
                throw ConfigException.at(
                        origins,
                        "chat.game.dialect",
                        Binder.quote(dialect.asText()) + " contradicts " + Origins.element("services", i) + ".game ("
                                + game + "); leave chat.game.dialect out, it follows the service");
            }
        }
    }
}
