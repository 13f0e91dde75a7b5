package warden.host.chat;

/**
 * One line someone typed, from any connector.
 *
 * @param connector "console", "http", "irc", "game"
 * @param where where the reply goes within the connector: an IRC channel, the game server's child id
 * @param admin the connector has already decided whether {@code user} is an admin
 */
public record ChatMessage(String connector, String where, String user, boolean admin, String text) {}
