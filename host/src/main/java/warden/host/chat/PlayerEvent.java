package warden.host.chat;

import java.time.Instant;

/**
 * A player joined or left a game server, as its console said.
 *
 * @param event {@code join} or {@code leave}
 * @param reason why the player left ({@code left}, {@code timed out}, the server stopped); null for a join
 */
public record PlayerEvent(String childId, String player, String event, Instant at, String reason) {}
