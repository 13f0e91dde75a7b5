package warden.host.chat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One admin action, whether it was carried out or refused, as the API reads it from the audit log.
 *
 * @param seq the entry's number, rising; {@code GET /api/v1/audit?before=seq} pages back from it
 * @param actor who asked, as fully as the connector knew at that moment (IRC: nick, user, host, account)
 * @param connector "console", "http", "irc", "game"
 * @param place the channel or nick, the game child, "console", "api"
 * @param command the line as typed, e.g. {@code !restart game}
 * @param outcome "ok", "failed" or "refused"
 * @param detail what was answered (its first line), or why it was refused: "not an admin", "rate limit"
 */
public record AuditEntry(
        long seq,
        Instant at,
        Actor actor,
        String connector,
        String place,
        String command,
        String outcome,
        String detail) {

    /** The shape of {@code GET /api/v1/audit} and of the live stream: documented in openapi.json, never renamed. */
    public JsonObject toJson() {
        return new JsonObject()
                .put("seq", seq)
                .put("at", at.toString())
                .put(
                        "actor",
                        new JsonObject()
                                .put("nick", actor.nick())
                                .put("user", actor.user())
                                .put("host", actor.host())
                                .put("account", actor.account()))
                .put("connector", connector)
                .put("place", place)
                .put("command", command)
                .put("outcome", outcome)
                .put("detail", detail);
    }
}
