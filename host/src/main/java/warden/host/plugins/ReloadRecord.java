package warden.host.plugins;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * One reload of a plugin, kept in {@code plugin_reloads} and published on {@code Addresses.PLUGIN_RELOAD}.
 * {@code reason} says why it failed, null when it did not.
 */
public record ReloadRecord(
        String pluginId,
        Instant at,
        String fromVersion,
        String toVersion,
        ReloadOutcome outcome,
        String reason,
        Duration took) {

    public boolean ok() {
        return outcome == ReloadOutcome.OK;
    }

    /** The live stream's shape: {@code {id, at, fromVersion, toVersion, outcome, millis, reason?}}. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("id", pluginId)
                .put("at", at.toString())
                .put("fromVersion", fromVersion)
                .put("toVersion", toVersion)
                .put("outcome", outcome.wire())
                .put("millis", took.toMillis());
        if (reason != null) {
            json.put("reason", reason);
        }
        return json;
    }
}
