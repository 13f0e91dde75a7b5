package warden.api;

/**
 * A player joined or left a game server.
 *
 * @param origin the game server's child id, e.g. {@code "game:minetest"}
 * @param joined true for a join, false for a leave
 */
public record PlayerEvent(String origin, String player, boolean joined) {}
