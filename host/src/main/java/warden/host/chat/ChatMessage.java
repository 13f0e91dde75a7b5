package warden.host.chat;

/**
 * One line someone typed, from any connector.
 *
 * @param connector "console", "http", "irc", "game"
 * @param where where the reply goes within the connector: an IRC channel, the game server's child id
 * @param actor who typed it, from this very message (never from a cache of who had that name before)
 * @param admin the connector has already decided whether {@code actor} is an admin
 */
public record ChatMessage(String connector, String where, Actor actor, boolean admin, String text) {

    /** A line from someone known only by name: the console, the API, a game player. */
    public ChatMessage(String connector, String where, String user, boolean admin, String text) {
        this(connector, where, Actor.named(user), admin, text);
    }

    /** The name to address the actor by: the nick, the player name. */
    public String user() {
        return actor.nick();
    }
}
