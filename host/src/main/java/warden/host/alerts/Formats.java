package warden.host.alerts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * The bodies each HTTP channel type is sent, documented in docs/alerts.md: Warden's own webhook JSON, Slack's and
 * Discord's incoming-webhook messages, and Alertmanager's {@code /api/v2/alerts} list.
 */
final class Formats {

    /** Discord refuses content over 2000 characters. */
    private static final int DISCORD_MAX = 2000;

    private Formats() {}

    static JsonObject webhook(Notification n, String host) {
        Alert a = n.alert();
        return new JsonObject()
                .put("version", 1)
                .put("kind", n.kind().word())
                .put("at", n.at().toString())
                .put("host", host)
                .put("alert", alert(a));
    }

    static JsonObject alert(Alert a) {
        return new JsonObject()
                .put("id", a.id())
                .put("rule", a.rule())
                .put("scope", a.scope())
                .put("severity", a.severity().name().toLowerCase(Locale.ROOT))
                .put("state", a.state().name().toLowerCase(Locale.ROOT))
                .put("since", a.since().toString())
                .put(
                        "firingSince",
                        a.firingSince() == null ? null : a.firingSince().toString())
                .put("value", a.value())
                .put("threshold", a.threshold())
                .put("summary", a.summary())
                .put("lines", new JsonArray(a.lines()))
                .put("acknowledgedBy", a.acknowledgedBy());
    }

    static JsonObject slack(Notification n) {
        return new JsonObject().put("text", text(n, "```"));
    }

    static JsonObject discord(Notification n) {
        String text = text(n, "```");
        if (text.length() > DISCORD_MAX) {
            text = text.substring(0, DISCORD_MAX - 1) + "…";
        }
        return new JsonObject().put("username", "Warden").put("content", text);
    }

    /** The headline, then the last lines of output (if any) in a code block. */
    static String text(Notification n, String fence) {
        String line = Wording.line(n.kind(), n.alert());
        List<String> lines = n.alert().lines();
        return lines.isEmpty() ? line : line + "\n" + fence + "\n" + String.join("\n", lines) + "\n" + fence;
    }

    /**
     * One alert in Alertmanager's v2 shape. A resolve sets {@code endsAt} to now, which ends it in Alertmanager at
     * once; a firing alert leaves it out, and is re-posted at the repeat interval.
     */
    static JsonArray alertmanager(Notification n, String host) {
        Alert a = n.alert();
        JsonObject labels = new JsonObject()
                .put("alertname", a.rule())
                .put("scope", a.scope())
                .put("severity", a.severity().name().toLowerCase(Locale.ROOT))
                .put("warden_host", host);
        JsonObject alert = new JsonObject()
                .put("labels", labels)
                .put(
                        "annotations",
                        new JsonObject().put("summary", a.summary()).put("warden_id", Long.toString(a.id())))
                .put("startsAt", (a.firingSince() == null ? n.at() : a.firingSince()).toString());
        if (n.kind() == Notice.RESOLVED) {
            alert.put("endsAt", n.at().toString());
        }
        return new JsonArray().add(alert);
    }
}
