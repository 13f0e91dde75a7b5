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
        String childId = text(chat, "childId", "chat.game", origins);
        if (childId == null) {
            childId = ChatConfig.Game.DEFAULT.childId();
        }
        for (int i = 0; i < services.size(); i++) {
            String servicePath = Origins.element("services", i);
            String game = text(services.get(i), "game", servicePath, origins);
            if (!childId.equals(text(services.get(i), "id", servicePath, origins))
                    || game == null
                    || EnumNames.find(Dialect.class, game) == null) {
                continue; // an unknown game is the validator's to report, under services[].game
            }
            String dialect = text(chat, "dialect", "chat.game", origins);
            if (dialect == null) {
                ((ObjectNode) chat).put("dialect", game);
            } else if (!dialect.equals(game)) {
                throw ConfigException.at(
                        origins,
                        "chat.game.dialect",
                        Binder.quote(dialect) + " contradicts " + servicePath + ".game (" + game
                                + "); leave chat.game.dialect out, it follows the service");
            }
        }
    }

    /**
     * The scalar at {@code parent.key} as the file spells it, like every other text field reads it ({@code yes}, not
     * the {@code true} YAML 1.1 makes of it); null when left out, null or not a scalar.
     */
    private static String text(JsonNode parent, String key, String parentPath, Origins origins) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull() || !node.isValueNode()) {
            return null;
        }
        String written = node.isTextual() ? null : origins.writtenAt(Origins.child(parentPath, key));
        return written != null ? written : node.asText();
    }
}
