package warden.host.chat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One admin action, whether it was carried out or refused, as the API reads it from the audit log.
 *
 * @param connector "console", "http", "irc", "game"
 * @param where the channel, the game child, "console"
 * @param command the line as typed, e.g. {@code !restart game}
 * @param outcome "ok: ...", "failed: ...", "refused: not an admin", "refused: rate limit"
 */
public record AuditEntry(
        long id, Instant at, String who, String connector, String where, String command, String outcome) {

    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("at", at.toString())
                .put("who", who)
                .put("connector", connector)
                .put("where", where)
                .put("command", command)
                .put("outcome", outcome);
    }
}
